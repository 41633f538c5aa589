import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import type { Api } from '../../src/http/api';
import { systemActor } from '../../src/platform/actor';
import { openConfiguredDatabase } from '../../src/platform/open-database';
import { ManualClock } from '../../src/platform/time';
import { tenantDatabaseMaker, type Tenant } from '../../src/tenancy';
import { templateCopy } from './postgres';

/*
 * A deployment of many governments for the tests: the province of Kalimantan Selatan at home,
 * two of its cities registered as the command line registers them, on the project's engine.
 */

export const PROVINCE_HOST = 'sop.kalselprov.go.id';
export const CITIES = [
  { slug: 'banjarmasin', name: 'Kota Banjarmasin', host: 'banjarmasin.sop.kalselprov.go.id', organisationName: 'Bagian Organisasi Setda Kota Banjarmasin' },
  { slug: 'banjarbaru', name: 'Kota Banjarbaru', host: 'banjarbaru.sop.kalselprov.go.id', organisationName: 'Bagian Organisasi Setda Kota Banjarbaru' },
] as const;

export interface Deployment {
  app: Api;
  clock: ManualClock;
  folder: string;
  tenant(slug: string): Promise<Tenant>;
}

/** Every deployment a test opened is closed, and its folder removed, after the test. */
const opened: Deployment[] = [];
afterEach(async () => {
  for (const { app, folder } of opened.splice(0)) {
    await app.close();
    fs.rmSync(folder, { recursive: true, force: true });
  }
});

/** A deployment whose home is the province, with the two cities registered as the command line does (`env`: further settings, e.g. SMTP_URL). */
export async function hostedDeployment(routing: 'host' | 'path' | 'single', env: Record<string, string> = {}): Promise<Deployment> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sop-tenants-'));
  const onPostgres = (globalThis as { testOnPostgres?: boolean }).testOnPostgres === true;
  const config = loadConfig({
    DATABASE_PATH: path.join(folder, 'sop.db'),
    ...(onPostgres ? { DATABASE_URL: await templateCopy() } : {}),
    DOCUMENTS_PATH: path.join(folder, 'documents'),
    BACKUP_DIR: path.join(folder, 'backups'),
    PUBLIC_BASE_URL: `https://${PROVINCE_HOST}`,
    ORGANISATION_NAME: 'Biro Organisasi Setda Provinsi Kalimantan Selatan',
    AUTH_FAILURES_PER_MINUTE: '100000',
    TENANT_ROUTING: routing,
    ...env,
  });
  const database = await openConfiguredDatabase(config);
  const clock = new ManualClock('2013-09-02T01:00:00Z');
  const app = await buildApp({ config, database, clock, logger: false });
  app.addHook('onClose', async () => {
    if (database.engine === 'postgres')
      for (const city of CITIES) await database.pool.query(`DROP DATABASE IF EXISTS "${new URL(config.databaseUrl!).pathname.slice(1)}_${city.slug}" WITH (FORCE)`);
    await database.close();
  });
  const deployment: Deployment = {
    app,
    clock,
    folder,
    async tenant(slug) {
      const tenant = await app.tenancy.tenant(slug);
      if (!tenant) throw new Error(`no tenant ${slug}`);
      return tenant;
    },
  };
  opened.push(deployment);
  const { registry } = app.tenancy;
  await registry.registerHome({ slug: 'kalsel', name: 'Provinsi Kalimantan Selatan', kind: 'provinsi' });
  for (const city of CITIES) await registry.register({ ...city, kind: 'kota', parent: 'kalsel' }, tenantDatabaseMaker(config, database));
  return deployment;
}

/** An organiser key of the tenant, made as `npm run create-key -- --tenant <slug>` does. */
export const organiserKeyOf = async (tenant: Tenant) => (await tenant.services.access.create(systemActor, { role: 'organiser', label: 'Bagian Organisasi' })).key;

