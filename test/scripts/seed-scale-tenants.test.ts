import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { runScript } from '../helpers/scripts';

/** `npm run seed:scale -- --tenants N --per-province P`: the shape the bench measures a province's overview in. */
it('registers the kabupaten below provinces of up to P each, under a kementerian made home', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sop-seed-tenants-'));
  try {
    const env = { DATABASE_PATH: path.join(dir, 'sop.db'), DOCUMENTS_PATH: path.join(dir, 'documents') };
    const run = await runScript('seed-scale', ['--tenants', '3', '--per-province', '2'], env);
    expect(run.stderr).toContain('below 2 new provinces');
    expect(run.code).toBe(0);
    const registry = new Database(env.DATABASE_PATH, { readonly: true });
    const rows = registry.prepare('SELECT t.slug, t.kind, p.slug AS parent FROM tenants t LEFT JOIN tenants p ON p.id = t.parent_id ORDER BY t.id').all();
    registry.close();
    expect(rows).toEqual([
      { slug: 'kementerian', kind: 'kementerian', parent: null },
      { slug: 'provinsi-0', kind: 'provinsi', parent: 'kementerian' },
      { slug: 'kabupaten-0', kind: 'kabupaten', parent: 'provinsi-0' },
      { slug: 'kabupaten-1', kind: 'kabupaten', parent: 'provinsi-0' },
      { slug: 'provinsi-1', kind: 'provinsi', parent: 'kementerian' },
      { slug: 'kabupaten-2', kind: 'kabupaten', parent: 'provinsi-1' },
    ]);
    const refused = await runScript('seed-scale', ['--per-province', '2'], env);
    expect(refused).toMatchObject({ code: 1 });
    expect(refused.stderr).toContain('--per-province places the governments of --tenants N: give both');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
