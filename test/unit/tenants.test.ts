import { loadConfig } from '../../src/config';
import type { TenantRow } from '../../src/features/tenants/tenants.repository';
import { hostProblem, normaliseHost, slugProblem, tenantDatabaseName } from '../../src/features/tenants/tenants.rules';
import { oneAtATime } from '../../src/platform/backup-schedule';
import { tenantConfig, withDatabase } from '../../src/tenancy';

const row = (fields: Partial<TenantRow>): TenantRow => ({
  id: 2,
  slug: 'banjarmasin',
  name: 'Kota Banjarmasin',
  kind: 'kota',
  parentId: 1,
  organisationName: null,
  timezone: null,
  mailFrom: null,
  host: null,
  database: 'data/tenants/banjarmasin/sop.db',
  createdAt: '2013-09-02T01:00:00.000Z',
  ...fields,
});

describe('tenant rules', () => {
  it('takes slugs of lower-case letters, digits and inner hyphens, and keeps the service’s own names', () => {
    for (const good of ['sleman', 'kota-banjarmasin', 'kab2', 'hs']) expect(slugProblem(good)).toBeNull();
    for (const bad of ['Sleman', 'x', '-sleman', 'sleman-', 'tanah laut', 'a'.repeat(41), 'kota_b']) expect(slugProblem(bad)).toMatch(/^must be 2-40/);
    expect(slugProblem('docs')).toBe('"docs" is reserved');
  });

  it('compares host names without case, port or trailing dot', () => {
    expect(normaliseHost(' Sleman.SOP.example.go.id.:8443 ')).toBe('sleman.sop.example.go.id');
    expect(hostProblem('sleman.sop.example.go.id')).toBeNull();
    for (const bad of ['sleman sop', 'http://sleman.go.id', '-a.go.id', '']) expect(hostProblem(bad)).toMatch(/^must be a host name/);
  });

  it('names a tenant’s PostgreSQL database after the deployment’s', () => {
    expect(tenantDatabaseName('sop', 'tanah-laut')).toBe('sop_tanah_laut');
    expect(withDatabase('postgres://sop:s%40cret@db.example.go.id:5432/sop?sslmode=require', 'sop_sleman')).toBe('postgres://sop:s%40cret@db.example.go.id:5432/sop_sleman?sslmode=require');
  });
});

describe('tenantConfig', () => {
  const config = loadConfig({ PUBLIC_BASE_URL: 'https://sop.kalselprov.go.id', ORGANISATION_NAME: 'Biro Organisasi', MAIL_FROM: 'Biro Organisasi <organisasi@kalselprov.go.id>', DEFAULT_TIMEZONE: 'WITA', TENANT_ROUTING: 'host' });

  it('leaves a deployment without tenants, and its home tenant, at the configuration’s settings and addresses', () => {
    expect(tenantConfig(config, null)).toBe(config);
    const home = tenantConfig(config, row({ id: 1, database: null, host: 'kalsel.sop.example.go.id' }));
    expect(home).toMatchObject({ organisationName: 'Biro Organisasi', mailFrom: config.mailFrom, publicBaseUrl: 'https://sop.kalselprov.go.id', documentsPath: config.documentsPath, backups: config.backups });
  });

  it('gives another tenant its own name, sender, zone, address and folders', () => {
    const city = tenantConfig(config, row({ host: 'banjarmasin.sop.kalselprov.go.id', timezone: 'Asia/Makassar' }));
    expect(city).toMatchObject({
      organisationName: 'Kota Banjarmasin',
      mailFrom: '"Kota Banjarmasin" <organisasi@kalselprov.go.id>',
      defaultTimezone: 'Asia/Makassar',
      publicBaseUrl: 'https://banjarmasin.sop.kalselprov.go.id',
      documentsPath: 'data/tenants/banjarmasin/documents',
      // Its backups in a folder of its own, at the deployment's daily time (taken in turn).
      backups: { dir: 'data/backups/banjarmasin', dailyAt: config.backups.dailyAt },
    });
    expect(tenantConfig(config, row({ organisationName: 'Bagian Organisasi Setda Kota Banjarmasin', mailFrom: 'organisasi@banjarmasinkota.go.id' }))).toMatchObject({
      organisationName: 'Bagian Organisasi Setda Kota Banjarmasin',
      mailFrom: 'organisasi@banjarmasinkota.go.id',
      // No host registered: its pages are under the path prefix.
      publicBaseUrl: 'https://sop.kalselprov.go.id/g/banjarmasin',
    });
  });

  it('refuses a routing the service does not know', () => {
    expect(() => loadConfig({ TENANT_ROUTING: 'subdomain' })).toThrow('TENANT_ROUTING="subdomain": must be single, host or path');
  });
});

describe('the daily backups’ turns', () => {
  it('runs the tasks given one after another, a failed one not stopping the next', async () => {
    const turns = oneAtATime();
    const log: string[] = [];
    const task = (name: string, fails = false) => async () => {
      log.push(`${name} starts`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      log.push(`${name} ends`);
      if (fails) throw new Error(name);
      return name;
    };
    const results = await Promise.allSettled([turns(task('banjarmasin')), turns(task('banjarbaru', true)), turns(task('tanahlaut'))]);
    expect(log).toEqual(['banjarmasin starts', 'banjarmasin ends', 'banjarbaru starts', 'banjarbaru ends', 'tanahlaut starts', 'tanahlaut ends']);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});
