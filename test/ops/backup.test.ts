import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DateTime } from 'luxon';
import { systemActor } from '../../src/platform/actor';
import { backupFolders, nextBackupAt } from '../../src/platform/backups';
import { startServerProcess } from '../../scripts/server-process';
import { buildTestApp, type TestApp } from '../helpers/app';
import { signedInPerson } from '../helpers/pages';

/**
 * Backups that run themselves (issue 21): taken in a thread of their own while the server
 * writes, checked, the newest BACKUP_KEEP kept, with the documents; restored only with no
 * server running, after checking the backup, keeping what was there aside.
 */
let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sop-backup-'))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const root = path.join(__dirname, '..', '..');
const pdf = (n: number) => Buffer.from(`%PDF-1.4\n% draf ${n}\n%%EOF\n`);

/** A test app on a database file, its documents and backups in `dir`, with a unit that sent two drafts with documents. */
async function appWithDocuments(): Promise<TestApp> {
  const t = await buildTestApp({ now: '2013-10-21T01:00:00Z', databasePath: path.join(dir, 'sop.db'), env: { DOCUMENTS_PATH: path.join(dir, 'documents'), BACKUP_DIR: path.join(dir, 'backups'), BACKUP_KEEP: '2' } });
  const programme = await t.make.programme();
  const unit = await t.make.unit({ name: 'Dinas Perhubungan' });
  const operator = (await signedInPerson(t.app, t.organiser, { email: 'operator@dishub.example.go.id', name: 'Budi', role: 'unit', unitId: unit.id })).client;
  for (const n of [1, 2]) {
    await operator.get(`/unit/program/${programme.id}/draf`);
    expect((await operator.upload(`/unit/program/${programme.id}/draf`, { title: `Draf ${n}`, sopCount: '1' }, { field: 'document', name: `draf-${n}.pdf`, type: 'application/pdf', bytes: pdf(n) })).status).toBe(303);
  }
  return t;
}

it('takes a consistent backup in a thread of its own while the server keeps writing, keeps the newest BACKUP_KEEP, with the documents', async () => {
  const t = await appWithDocuments();
  try {
    const { services } = t.app;
    let writes = 0;
    const writer = setInterval(async () => {
      for (let i = 0; i < 20; i++) await services.units.create(systemActor, { code: `W${writes++}`, name: 'Unit baru', kind: 'kantor' });
    }, 1);
    const taken = [];
    try {
      for (let i = 0; i < 3; i++) {
        taken.push(await services.backups.takeNow());
        t.clock.advance({ minutes: 1 });
      }
    } finally {
      clearInterval(writer);
    }
    expect(writes).toBeGreaterThan(0);
    // The oldest went: BACKUP_KEEP is 2.
    expect(backupFolders(path.join(dir, 'backups'))).toEqual([taken[2]!.folder, taken[1]!.folder]);
    expect(services.backups.last()?.folder).toBe(taken[2]!.folder);
    for (const backup of taken.slice(1)) {
      expect(backup).toMatchObject({ database: { integrity: 'ok' }, documents: { count: 2 } });
      const copy = new Database(path.join(backup.folder, 'sop.db'), { readonly: true });
      // A snapshot: every unit in the copy has its audit entry, none half-copied.
      const { units, audited } = copy.prepare(`SELECT (SELECT count(*) FROM units) units, (SELECT count(*) FROM audit_log WHERE action = 'unit.create') audited`).get() as { units: number; audited: number };
      copy.close();
      expect(audited).toBe(units);
      expect(fs.readdirSync(path.join(backup.folder, 'documents')).sort()).toEqual(fs.readdirSync(path.join(dir, 'documents')).filter((name) => name !== 'incoming').sort());
    }
  } finally {
    await t.app.close();
    t.database.close();
  }
});

it('shows the last backup on /health/ready and the console', async () => {
  const t = await appWithDocuments();
  try {
    const before = await t.app.inject({ url: '/health/ready' });
    expect(before.json().backup).toEqual({ last: null, lastFailure: null, dailyAt: '02:00' });
    const backup = await t.app.services.backups.takeNow();
    const ready = await t.app.inject({ url: '/health/ready' });
    expect(ready.json().backup.last).toEqual({ takenAt: '2013-10-21T01:00:00Z', databaseBytes: backup.database.bytes, documents: 2, documentBytes: pdf(1).length + pdf(2).length, missingDocuments: 0 });
    const desk = (await signedInPerson(t.app, t.organiser, { email: 'rina@example.go.id', name: 'Rina', role: 'organiser' })).client;
    const page = await desk.get('/organisasi');
    expect(page.body).toContain('Cadangan terakhir');
    expect(page.body).toContain('Server membuat cadangan setiap hari pukul 02.00.');
  } finally {
    await t.app.close();
    t.database.close();
  }
});

it('plans the daily backup at the local time in the zone, whatever the server’s own zone', () => {
  const at = (iso: string) => DateTime.fromISO(iso, { setZone: true });
  expect(nextBackupAt(at('2013-10-20T17:59:00Z'), '02:00', 'Asia/Makassar').toISO()).toBe('2013-10-21T02:00:00.000+08:00');
  expect(nextBackupAt(at('2013-10-20T18:00:00Z'), '02:00', 'Asia/Makassar').toISO()).toBe('2013-10-22T02:00:00.000+08:00');
  expect(nextBackupAt(at('2013-10-21T03:00:00+08:00'), '23:30', 'Asia/Jayapura').toISO()).toBe('2013-10-21T23:30:00.000+09:00');
});

describe('npm run backup and npm run restore', () => {
  const env = () => ({ ...process.env, DATABASE_PATH: path.join(dir, 'sop.db'), DOCUMENTS_PATH: path.join(dir, 'documents'), BACKUP_DIR: path.join(dir, 'backups'), LOG_LEVEL: 'warn' });
  const script = (name: string, ...args: string[]) => spawnSync(process.execPath, [path.join(root, 'dist', 'scripts', `${name}.js`), ...args], { env: env(), encoding: 'utf8' });
  const units = (file: string) => {
    const db = new Database(file, { readonly: true });
    try {
      return db.prepare('SELECT count(*) FROM units').pluck().get() as number;
    } finally {
      db.close();
    }
  };

  it('backs up from the command line, then restores it with the documents, keeping what was there aside', async () => {
    const t = await appWithDocuments();
    await t.app.close();
    t.database.close();
    const made = script('backup');
    expect(made.status).toBe(0);
    const folder = made.stdout.trim();
    expect(path.dirname(folder)).toBe(path.join(dir, 'backups'));
    const before = units(path.join(dir, 'sop.db'));

    // Afterwards: a unit more, a document lost.
    const db = new Database(path.join(dir, 'sop.db'));
    db.prepare(`INSERT INTO units (code, name, kind, created_at, updated_at) VALUES ('X', 'Unit sesudah', 'dinas', '2013-10-22T00:00:00.000Z', '2013-10-22T00:00:00.000Z')`).run();
    db.close();
    const lost = fs.readdirSync(path.join(dir, 'documents')).find((name) => name.endsWith('.pdf'))!;
    fs.rmSync(path.join(dir, 'documents', lost));

    const restored = script('restore', folder);
    expect(restored.stderr).toContain('restored');
    expect(restored.status).toBe(0);
    expect(units(path.join(dir, 'sop.db'))).toBe(before);
    expect(fs.existsSync(path.join(dir, 'documents', lost))).toBe(true);
    const aside = fs.readdirSync(dir).filter((name) => name.includes('.before-restore-'));
    expect(aside.sort()).toEqual([expect.stringMatching(/^documents\.before-restore-/), expect.stringMatching(/^sop\.db\.before-restore-/)]);
    expect(units(path.join(dir, aside.find((name) => name.startsWith('sop.db'))!))).toBe(before + 1);
  });

  it('refuses while a server uses the database, and refuses a damaged backup, changing nothing', async () => {
    const t = await appWithDocuments();
    await t.app.close();
    t.database.close();
    const folder = script('backup').stdout.trim();
    const server = await startServerProcess(path.join(dir, "sop.db"), { env: { DOCUMENTS_PATH: path.join(dir, "documents"), BACKUP_TIME: "off" } });
    try {
      const refused = script('restore', folder);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain(`A server (process ${server.child.pid}) is using ${path.join(dir, 'sop.db')}: stop it first`);
    } finally {
      server.child.kill("SIGTERM");
      await server.exited;
    }
    fs.writeFileSync(path.join(folder, 'sop.db'), 'bukan basis data');
    const damaged = script('restore', folder);
    expect(damaged.status).toBe(1);
    expect(damaged.stderr).toContain('is not an SQLite database');
    expect(fs.readdirSync(dir).filter((name) => name.includes('.before-restore-'))).toEqual([]);
    expect(execFileSync(process.execPath, ['-e', `const D=require('better-sqlite3');const d=new D(${JSON.stringify(path.join(dir, 'sop.db'))},{readonly:true});console.log(d.pragma('integrity_check',{simple:true}))`], { cwd: root, encoding: 'utf8' }).trim()).toBe('ok');
  });
});
