import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { createContainer } from '../../src/container';
import { systemActor } from '../../src/platform/actor';
import { createBackupSchedule, NO_BACKUPS_ON_POSTGRES } from '../../src/platform/backup-schedule';
import { backupFolders, takeBackup } from '../../src/platform/backups';
import { openDatabase } from '../../src/platform/database';
import { openPostgres } from '../../src/platform/postgres';
import { BACKUP_DUMP, takePostgresBackup } from '../../src/platform/postgres-backups';
import { systemClock } from '../../src/platform/time';
import { startPostgres, type PostgresCluster } from '../helpers/postgres';
import { runScript } from '../helpers/scripts';
import { startServer } from '../helpers/server';

/**
 * `npm run backup` and `npm run restore` on PostgreSQL (DATABASE_URL): pg_dump into the backup
 * folder with the documents, checked; pg_restore back in one transaction, refusing while
 * another session uses the database, a backup of the other engine, and a damaged archive. The
 * scripts run as compiled (dist/): `npm run build` first when running this file alone.
 */
let dir: string;
let cluster: PostgresCluster;
let url: string;
let env: Record<string, string>;
const documentsPath = () => path.join(dir, 'documents');
const backupDir = () => path.join(dir, 'backups');
const PASSWORD = 'geheim-sandi-42';
const pdf = Buffer.from('%PDF-1.4\n% draf pokok\n%%EOF\n');
const pdfSha = createHash('sha256').update(pdf).digest('hex');

/** Runs `work` with the service's container on the test database, closed afterwards (a restore refuses while it is open). */
async function withService<T>(work: (services: ReturnType<typeof createContainer>, pool: Awaited<ReturnType<typeof openPostgres>>['pool']) => Promise<T>): Promise<T> {
  const database = await openPostgres(url, { poolSize: 2 });
  try {
    return await work(createContainer({ database, clock: systemClock, config: loadConfig({ DOCUMENTS_PATH: documentsPath(), BACKUP_DIR: backupDir() }) }), database.pool);
  } finally {
    await database.close();
  }
}

const unitNames = () => withService(async (_, pool) => (await pool.query<{ code: string; name: string }>('SELECT code, name FROM units ORDER BY code')).rows);

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sop-backup-pg-'));
  cluster = await startPostgres();
  url = await cluster.createDatabase('backup');
  // A password in the scripts' URL (the test cluster trusts every connection): it must never show.
  env = { DATABASE_URL: url.replace('postgres@', `postgres:${PASSWORD}@`), DOCUMENTS_PATH: documentsPath(), BACKUP_DIR: backupDir(), BACKUP_KEEP: '5' };
  // A unit with a draft and its document, as an upload leaves them.
  await withService(async (services) => {
    const programme = await services.programmes.create(systemActor, { name: 'Penyusunan SOP 2013' });
    const unit = await services.units.create(systemActor, { code: 'DISHUB', name: 'Dinas Perhubungan', kind: 'dinas' });
    fs.mkdirSync(documentsPath(), { recursive: true });
    fs.writeFileSync(path.join(documentsPath(), `${pdfSha}.pdf`), pdf);
    await services.drafts.create(systemActor, programme.id, { unitId: unit.id, title: 'Draf pokok', sopCount: 3, document: { name: 'draf.pdf', type: 'pdf', size: pdf.length, sha256: pdfSha } });
  });
}, 60_000);

afterAll(async () => {
  await cluster?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('backs up the database with pg_dump and its documents, and restores both over changed and destroyed data', async () => {
  const backup = await runScript('backup', [], env);
  expect(backup).toMatchObject({ code: 0 });
  const folder = backup.stdout.trim();
  expect(path.dirname(folder)).toBe(backupDir());
  expect(fs.readdirSync(folder).sort()).toEqual(['backup.json', 'documents', BACKUP_DUMP]);
  expect(fs.readFileSync(path.join(folder, 'documents', `${pdfSha}.pdf`))).toEqual(pdf);
  const manifest = JSON.parse(fs.readFileSync(path.join(folder, 'backup.json'), 'utf8'));
  expect(manifest).toMatchObject({ engine: 'postgres', database: { integrity: 'ok', bytes: fs.statSync(path.join(folder, BACKUP_DUMP)).size }, documents: { count: 1, bytes: pdf.length } });
  expect(backup.stderr).toMatch(/backed up the PostgreSQL database .* and 1 document/);
  expect(`${backup.stdout}${backup.stderr}`).not.toContain(PASSWORD);

  // Changed, added and destroyed: a unit renamed, another added, the drafts table and the documents gone.
  await withService(async (services, pool) => {
    await services.units.create(systemActor, { code: 'BARU', name: 'Unit baru', kind: 'kantor' });
    await pool.query(`UPDATE units SET name = 'Diubah' WHERE code = 'DISHUB'`);
    await pool.query('DROP TABLE drafts CASCADE');
  });
  fs.rmSync(documentsPath(), { recursive: true });

  const restore = await runScript('restore', [folder], env);
  expect(restore).toMatchObject({ code: 0 });
  expect(await unitNames()).toEqual([{ code: 'DISHUB', name: 'Dinas Perhubungan' }]);
  expect(await withService(async (_, pool) => (await pool.query('SELECT title, document_sha256 FROM drafts')).rows)).toEqual([{ title: 'Draf pokok', document_sha256: pdfSha }]);
  expect(fs.readFileSync(path.join(documentsPath(), `${pdfSha}.pdf`))).toEqual(pdf);
  // What was there is kept: the database as it was, dumped beside the backups.
  const aside = fs.readdirSync(backupDir()).filter((name) => /^before-restore-\d{8}T\d{6}Z\.pgdump$/.test(name));
  expect(aside).toHaveLength(1);
  expect(restore.stderr).toContain(path.join(backupDir(), aside[0]!));
  // The restored database takes writes again through the service (identity sequences restored too).
  await withService((services) => services.units.create(systemActor, { code: 'LAGI', name: 'Unit lagi', kind: 'kantor' }));
  expect((await unitNames()).map((unit) => unit.code)).toEqual(['DISHUB', 'LAGI']);
}, 60_000);

it('restores into an empty database (a new server), with nothing to keep aside', async () => {
  const backup = await runScript('backup', [path.join(dir, 'to-move')], env);
  const fresh = await cluster.createDatabase('fresh');
  const freshDocuments = path.join(dir, 'fresh-documents');
  const restore = await runScript('restore', [backup.stdout.trim()], { ...env, DATABASE_URL: fresh, DOCUMENTS_PATH: freshDocuments });
  expect(restore).toMatchObject({ code: 0 });
  expect(restore.stderr).toMatch(/the database held nothing of this service before/);
  const database = await openPostgres(fresh, { poolSize: 1 });
  try {
    expect((await database.pool.query('SELECT code FROM units ORDER BY code')).rows.map((row) => row.code)).toEqual((await unitNames()).map((unit) => unit.code));
  } finally {
    await database.close();
  }
  expect(fs.readFileSync(path.join(freshDocuments, `${pdfSha}.pdf`))).toEqual(pdf);
}, 60_000);

it('keeps the newest BACKUP_KEEP backups', async () => {
  const taken = [];
  for (const second of [1, 2, 3]) taken.push(await takePostgresBackup({ url, documentsPath: documentsPath(), backupDir: path.join(dir, 'kept'), keep: 2, version: 'test', now: new Date(`2013-10-21T02:00:0${second}Z`) }));
  expect(backupFolders(path.join(dir, 'kept'))).toEqual([taken[2]!.folder, taken[1]!.folder]);
}, 60_000);

it('uses a pg_dump at least as new as the server: past an older one on PATH, the newest installed', async () => {
  const older = path.join(dir, 'older-client');
  fs.mkdirSync(older);
  for (const program of ['pg_dump', 'pg_restore']) fs.writeFileSync(path.join(older, program), `#!/bin/sh\necho "${program} (PostgreSQL) 9.6.24"; [ "$1" = --version ] || exit 1\n`, { mode: 0o755 });
  const backup = await runScript('backup', [path.join(dir, 'with-older-client')], { ...env, PATH: `${older}${path.delimiter}${process.env.PATH}` });
  expect(backup).toMatchObject({ code: 0 });
  expect(JSON.parse(fs.readFileSync(path.join(backup.stdout.trim(), 'backup.json'), 'utf8')).database.dumpedWith).toMatch(/^pg_dump 1[5-9]\./);
}, 60_000);

it('refuses to keep a backup of a database a newer release migrated, and leaves nothing behind', async () => {
  const future = Date.parse('2099-01-01T00:00:00Z');
  await withService((_, pool) => pool.query(`INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES ('newer', $1)`, [future]));
  try {
    const backup = await runScript('backup', [path.join(dir, 'newer')], env);
    expect(backup.code).toBe(1);
    expect(backup.stderr).toMatch(/sop\.pgdump was written by a newer release of sop-scheduler \(migration 2099-01-01T00:00:00\.000Z\)/);
    expect(fs.readdirSync(path.join(dir, 'newer'))).toEqual([]);
  } finally {
    await withService((_, pool) => pool.query(`DELETE FROM drizzle.__drizzle_migrations WHERE hash = 'newer'`));
  }
}, 60_000);

describe('refuses, changing nothing', () => {
  let folder: string;
  beforeAll(async () => {
    folder = (await takePostgresBackup({ url, documentsPath: documentsPath(), backupDir: path.join(dir, 'refusals'), keep: 5, version: 'test' })).folder;
    await withService((services) => services.units.create(systemActor, { code: 'SESUDAH', name: 'Unit sesudah', kind: 'kantor' }));
  }, 60_000);
  const unchanged = async () => expect((await unitNames()).map((unit) => unit.code)).toContain('SESUDAH');

  it('while a server (or any other session) is connected to the database, naming it', async () => {
    const server = await startServer(path.join(dir, 'unused.db'), { env: { DATABASE_URL: url, DOCUMENTS_PATH: documentsPath() } });
    try {
      await fetch(`${server.url}/health/ready`); // a pooled connection open
      const restore = await runScript('restore', [folder], env);
      expect(restore.code).toBe(1);
      expect(restore.stderr).not.toContain(PASSWORD);
      expect(restore.stderr).toMatch(/other session\(s\) are connected to PostgreSQL 127\.0\.0\.1:\d+\/backup: session \d+ \(.*from 127\.0\.0\.1.*\)\. Stop every server of this service/);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    await unchanged();
  }, 60_000);

  it('a backup of an SQLite database, pointing to migrate-to-postgres; and a PostgreSQL backup without DATABASE_URL', async () => {
    const sqliteFile = path.join(dir, 'sqlite', 'sop.db');
    fs.mkdirSync(path.dirname(sqliteFile));
    openDatabase(sqliteFile).sqlite.close();
    const sqliteBackup = takeBackup({ databasePath: sqliteFile, documentsPath: documentsPath(), backupDir: path.join(dir, 'sqlite-backups'), keep: 1, version: 'test' });
    const intoPostgres = await runScript('restore', [sqliteBackup.folder], env);
    expect(intoPostgres.code).toBe(1);
    expect(intoPostgres.stderr).toMatch(/is a backup of an SQLite database \(sop\.db\) and DATABASE_URL is set: bring it to PostgreSQL with npm run migrate-to-postgres/);

    const intoSqlite = await runScript('restore', [folder], { DATABASE_URL: '', DATABASE_PATH: sqliteFile, DOCUMENTS_PATH: path.join(dir, 'sqlite', 'documents') });
    expect(intoSqlite.code).toBe(1);
    expect(intoSqlite.stderr).toMatch(/is a backup of a PostgreSQL database: set DATABASE_URL/);
    await unchanged();
  }, 60_000);

  it.each([
    // Its table of contents still reads (pg_restore --list passes): only reading all of it finds the cut.
    ['its end cut off', (dump: Buffer) => dump.subarray(0, dump.length - 100), /sop\.pgdump is damaged: pg_restore reading every block failed: pg_restore: error/],
    ['cut off halfway', (dump: Buffer) => dump.subarray(0, Math.floor(dump.length / 2)), /sop\.pgdump is not a readable PostgreSQL archive: pg_restore --list failed: pg_restore: error: could not read/],
    ['not an archive at all', () => Buffer.from('not a dump\n'), /sop\.pgdump is not a readable PostgreSQL archive/],
  ])('a damaged archive: %s', async (_, damage, said) => {
    const damaged = path.join(dir, `damaged-${Math.random().toString(36).slice(2)}`);
    fs.cpSync(folder, damaged, { recursive: true });
    fs.writeFileSync(path.join(damaged, BACKUP_DUMP), damage(fs.readFileSync(path.join(folder, BACKUP_DUMP))));
    const restore = await runScript('restore', [damaged], env);
    expect(restore.code).toBe(1);
    expect(restore.stderr).toMatch(said);
    await unchanged();
    expect(fs.readFileSync(path.join(documentsPath(), `${pdfSha}.pdf`))).toEqual(pdf);
  }, 60_000);
});

it('a server on PostgreSQL takes no daily backup in any of its processes, and says so once at its start', async () => {
  const schedule = createBackupSchedule({ databasePath: null, onPostgres: true, documentsPath: documentsPath(), dir: backupDir(), keep: 5, dailyAt: '02:00', zone: 'Asia/Jakarta', version: 'test', clock: systemClock, workerFile: 'unused.js' });
  const said: string[] = [];
  schedule.start({ info: (_, message) => said.push(message), error: (_, message) => said.push(message) });
  expect(said).toEqual([NO_BACKUPS_ON_POSTGRES]);
  await expect(schedule.takeNow()).rejects.toThrow(NO_BACKUPS_ON_POSTGRES);
  expect(schedule.standing().dailyAt).toBeNull();
  await schedule.stop();
});
