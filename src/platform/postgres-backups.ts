import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { DateTime } from 'luxon';
import pg from 'pg';
import {
  BACKUP_DOCUMENTS,
  BackupError,
  completeBackup,
  fsyncPath,
  keepDocuments,
  moveAll,
  newBackupFolder,
  readManifest,
  stamp,
  withBackupLockWhile,
  type BackupInfo,
  type BackupManifest,
} from './backups';
import { PG_MIGRATIONS_FOLDER } from './pg-migrations';
import { describePostgres } from './postgres';

/**
 * Backups of a PostgreSQL database (DATABASE_URL): the same folders as SQLite's (backups.ts),
 * with `sop.pgdump` (pg_dump's custom format) in place of `sop.db`. The documents its drafts
 * name are read in the very snapshot pg_dump dumps (an exported snapshot), so the two agree.
 * Restoring runs pg_restore in one transaction: a failure changes nothing.
 */

export const BACKUP_DUMP = 'sop.pgdump';
/** How this service's backup and restore connections name themselves in pg_stat_activity. */
const APPLICATION_NAME = 'sop-scheduler backup';

const exec = promisify(execFile);

/** The newest migration this code knows (drizzle records each applied one with its journal `when`). */
const NEWEST_PG_MIGRATION: number = (() => {
  const journal = JSON.parse(fs.readFileSync(path.join(PG_MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as { entries: { when: number }[] };
  return Math.max(...journal.entries.map((entry) => entry.when));
})();

/**
 * How pg_dump and pg_restore reach the database: the URL without its password as --dbname, and
 * the password in PGPASSWORD, so it never shows in the process list or in a message.
 */
function connectionOf(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return { dbname: parsed.toString(), env: { ...process.env, PGAPPNAME: APPLICATION_NAME, ...(password ? { PGPASSWORD: password } : {}) } };
}

/** PostgreSQL's client programs of one installation, and their major version. */
interface PostgresTools {
  pgDump: string;
  pgRestore: string;
  major: number;
  version: string;
}

/** Where the client programs may be: the folder holding pg_dump on PATH first, then the newest Debian installation (/usr/lib/postgresql/<version>/bin). */
function candidateFolders(): string[] {
  const onPath = (process.env.PATH ?? '').split(path.delimiter).filter((folder) => folder && fs.existsSync(path.join(folder, 'pg_dump')));
  const root = '/usr/lib/postgresql';
  const installed = fs.existsSync(root)
    ? fs
        .readdirSync(root)
        .filter((version) => fs.existsSync(path.join(root, version, 'bin', 'pg_dump')))
        .sort((a, b) => Number(b) - Number(a))
        .map((version) => path.join(root, version, 'bin'))
    : [];
  return [...new Set([...onPath.slice(0, 1), ...installed.slice(0, 1)])];
}

/**
 * The pg_dump and pg_restore to use with a server of `serverMajor`: pg_dump refuses a server
 * newer than itself, so the first found that is at least as new.
 */
async function postgresTools(serverMajor: number, serverVersion: string): Promise<PostgresTools> {
  const found: PostgresTools[] = [];
  for (const folder of candidateFolders()) {
    const pgDump = path.join(folder, 'pg_dump');
    const pgRestore = path.join(folder, 'pg_restore');
    if (!fs.existsSync(pgRestore)) continue;
    const { stdout } = await exec(pgDump, ['--version']);
    const version = /\(PostgreSQL\) (\d+)(\.\d+)?/.exec(stdout);
    if (version) found.push({ pgDump, pgRestore, major: Number(version[1]), version: `${version[1]}${version[2] ?? ''}` });
  }
  const usable = found.find((tools) => tools.major >= serverMajor);
  if (usable) return usable;
  if (found.length === 0)
    throw new BackupError('pg_dump and pg_restore were not found (neither on PATH nor in /usr/lib/postgresql/*/bin): install PostgreSQL\'s client programs (Debian: apt-get install postgresql-client)');
  throw new BackupError(
    `pg_dump must be at least as new as the PostgreSQL server (${serverVersion}), and the one found is older (${found.map((tools) => `${tools.pgDump} ${tools.version}`).join(', ')}): install the server's client programs (Debian: apt-get install postgresql-client-${serverMajor}) or put their folder first on PATH`,
  );
}

/** Runs a client program; a failure becomes a BackupError saying what it said. */
async function run(program: string, args: string[], env: NodeJS.ProcessEnv, what: string): Promise<string> {
  try {
    return (await exec(program, args, { env, maxBuffer: 256 * 1024 * 1024 })).stdout;
  } catch (error) {
    const said = String((error as { stderr?: string }).stderr ?? '').trim() || (error as Error).message;
    const mismatch = /server version mismatch/.test(said) ? ` (${path.basename(program)} is older than the server: use the server's version of PostgreSQL's client programs)` : '';
    throw new BackupError(`${what} failed${mismatch}: ${said}`);
  }
}

/** Connects to the database for a backup or a restore, in words when it cannot. */
async function connect(url: string): Promise<{ client: pg.Client; tools: PostgresTools; serverVersion: string }> {
  const client = new pg.Client({ connectionString: url, application_name: APPLICATION_NAME, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new BackupError(`cannot connect to ${describePostgres(url)} (DATABASE_URL): ${(error as Error).message}`);
  }
  try {
    const { rows } = await client.query<{ server_version: string; server_version_num: string }>(`SELECT current_setting('server_version') AS server_version, current_setting('server_version_num') AS server_version_num`);
    const server = rows[0]!;
    return { client, tools: await postgresTools(Math.floor(Number(server.server_version_num) / 10_000), server.server_version), serverVersion: server.server_version };
  } catch (error) {
    await client.end();
    throw error;
  }
}

/**
 * Checks an archive about to be kept or restored: pg_restore reads all of it (a damaged or cut
 * off one fails), it holds this service's migrations table, and no release newer than this
 * code migrated it. Throws BackupError in words.
 */
export async function checkBackupDump(pgRestore: string, file: string): Promise<void> {
  if (!fs.existsSync(file)) throw new BackupError(`${file} does not exist`);
  const env = { ...process.env };
  const list = await run(pgRestore, ['--list', file], env, 'pg_restore --list').catch((error: Error) => {
    throw new BackupError(`${file} is not a readable PostgreSQL archive: ${error.message}`);
  });
  if (!/ TABLE drizzle __drizzle_migrations /.test(list)) throw new BackupError(`${file} is not a backup of this service's database (no drizzle.__drizzle_migrations table)`);
  // Every data block, decompressed: --list reads only the table of contents.
  await run(pgRestore, ['--file=/dev/null', file], env, 'pg_restore reading every block').catch((error: Error) => {
    throw new BackupError(`${file} is damaged: ${error.message}`);
  });
  const migrations = await run(pgRestore, ['--data-only', '--schema=drizzle', '--table=__drizzle_migrations', '--file=-', file], env, `pg_restore reading the migrations table of ${file}`);
  const newest = Math.max(0, ...appliedMigrations(migrations));
  if (newest > NEWEST_PG_MIGRATION) throw new BackupError(`${file} was written by a newer release of sop-scheduler (migration ${new Date(newest).toISOString()}): restore it with that release`);
}

/** The created_at of each row in pg_restore's COPY of drizzle's migrations table. */
function appliedMigrations(script: string): number[] {
  const copy = /^COPY drizzle\.__drizzle_migrations \(([^)]*)\) FROM stdin;\n([\s\S]*?)^\\\.$/m.exec(script);
  if (!copy) return [];
  const column = copy[1]!.split(',').map((name) => name.trim()).indexOf('created_at');
  return copy[2]!
    .split('\n')
    .filter(Boolean)
    .map((line) => Number(line.split('\t')[column]));
}

/**
 * Takes a backup of the PostgreSQL database at `url` into a new folder of `backupDir`: pg_dump
 * (custom format) and the documents the dumped drafts name, checked; then removes the oldest
 * beyond `keep`. One at a time per backup folder, as on SQLite.
 */
export async function takePostgresBackup(options: { url: string; documentsPath: string; backupDir: string; keep: number; version: string; now?: Date }): Promise<BackupInfo> {
  const takenAt = DateTime.fromJSDate(options.now ?? new Date()).toUTC();
  return withBackupLockWhile(options.backupDir, async () => {
    const { client, tools, serverVersion } = await connect(options.url);
    try {
      const { folder, partial } = newBackupFolder(options.backupDir, takenAt);
      try {
        const dump = path.join(partial, BACKUP_DUMP);
        // The documents are read in the snapshot pg_dump dumps: both see the same drafts.
        await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        const snapshot = (await client.query<{ id: string }>('SELECT pg_export_snapshot() AS id')).rows[0]!.id;
        // No drafts table: not this service's database, which the check of the dump says.
        const hasDrafts = (await client.query<{ yes: boolean }>(`SELECT to_regclass('public.drafts') IS NOT NULL AS yes`)).rows[0]!.yes;
        const named = hasDrafts
          ? (await client.query<{ name: string }>(`SELECT DISTINCT document_sha256 || '.' || document_type AS name FROM drafts WHERE document_sha256 IS NOT NULL`)).rows.map((row) => row.name)
          : [];
        const connection = connectionOf(options.url);
        await run(tools.pgDump, ['--format=custom', `--snapshot=${snapshot}`, `--file=${dump}`, `--dbname=${connection.dbname}`], connection.env, `pg_dump of ${describePostgres(options.url)}`);
        await client.query('COMMIT');
        fsyncPath(dump);
        await checkBackupDump(tools.pgRestore, dump);
        const documents = keepDocuments(named, options.documentsPath, path.join(partial, BACKUP_DOCUMENTS));
        const manifest: BackupManifest = {
          engine: 'postgres',
          takenAt: takenAt.toISO({ suppressMilliseconds: true })!,
          version: options.version,
          database: { bytes: fs.statSync(dump).size, integrity: 'ok', server: serverVersion, dumpedWith: `pg_dump ${tools.version}` },
          documents: { count: named.length - documents.missing.length, bytes: documents.bytes, ...(documents.missing.length > 0 ? { missing: documents.missing } : {}) },
        };
        return completeBackup({ backupDir: options.backupDir, keep: options.keep, folder, partial, manifest });
      } catch (error) {
        fs.rmSync(partial, { recursive: true, force: true });
        throw error;
      }
    } finally {
      await client.end().catch(() => undefined);
    }
  });
}

/**
 * Other sessions connected to the database: a server of this service (or anything else) would
 * go on over tables pg_restore replaces, or hold locks it waits for. Throws naming them.
 */
async function refuseOtherSessions(client: pg.Client, url: string): Promise<void> {
  const { rows } = await client.query<{ pid: number; application_name: string | null; usename: string | null; client_addr: string | null; backend_start: Date | null }>(
    `SELECT pid, application_name, usename, client_addr::text AS client_addr, backend_start FROM pg_stat_activity
      WHERE datname = current_database() AND pid <> pg_backend_pid() AND coalesce(backend_type, 'client backend') = 'client backend' ORDER BY backend_start`,
  );
  if (rows.length === 0) return;
  const sessions = rows.map(
    (row) =>
      `session ${row.pid} (${row.application_name ? row.application_name : 'no application name'}${row.usename ? `, user ${row.usename}` : ''}${row.client_addr ? ` from ${row.client_addr}` : ''}${row.backend_start ? `, since ${row.backend_start.toISOString()}` : ''})`,
  );
  throw new BackupError(
    `${rows.length} other session(s) are connected to ${describePostgres(url)}: ${sessions.join(', ')}. Stop every server of this service (systemctl stop sop-scheduler on each machine) and end the other sessions (SELECT pg_terminate_backend(<session>) ends one), then restore: pg_restore replaces the tables they use.`,
  );
}

/**
 * Restores a PostgreSQL backup into the database at `url`, and its documents over
 * `documentsPath`. Checks the backup first and refuses while other sessions use the database
 * (either changes nothing). What was there is kept: the database dumped to
 * `<asideDir>/before-restore-<time>.pgdump` (when it holds this service's tables), the
 * documents moved to `<documentsPath>.before-restore-<time>`. pg_restore runs in one
 * transaction; if it fails, the documents are put back and nothing changed.
 */
export async function restorePostgresBackup(options: { folder: string; url: string; documentsPath: string; asideDir: string; now?: Date }): Promise<{ takenAt: string; keptAside: string[] }> {
  const manifest = readManifest(options.folder);
  if (manifest.engine === 'sqlite')
    throw new BackupError(
      `${options.folder} is a backup of an SQLite database (sop.db) and DATABASE_URL is set: bring it to PostgreSQL with npm run migrate-to-postgres, or restore it to DATABASE_PATH with DATABASE_URL unset`,
    );
  const dump = path.join(options.folder, BACKUP_DUMP);
  const { client, tools } = await connect(options.url);
  try {
    await checkBackupDump(tools.pgRestore, dump);
    await refuseOtherSessions(client, options.url);
    const connection = connectionOf(options.url);
    const time = stamp(DateTime.fromJSDate(options.now ?? new Date()));
    const suffix = `.before-restore-${time}`;
    const keptAside: string[] = [];
    const holdsService = (await client.query<{ yes: boolean }>(`SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS yes`)).rows[0]!.yes;
    if (holdsService) {
      fs.mkdirSync(options.asideDir, { recursive: true });
      const aside = path.join(options.asideDir, `before-restore-${time}.pgdump`);
      await run(tools.pgDump, ['--format=custom', `--file=${aside}`, `--dbname=${connection.dbname}`], connection.env, `pg_dump of ${describePostgres(options.url)} (kept aside before the restore)`);
      fsyncPath(aside);
      keptAside.push(aside);
    }

    const documents = path.join(options.folder, BACKUP_DOCUMENTS);
    const incoming = `${options.documentsPath}.restoring${suffix}`;
    if (fs.existsSync(documents)) fs.cpSync(documents, incoming, { recursive: true });
    else fs.mkdirSync(incoming, { recursive: true });
    let moved: ReturnType<typeof moveAll>;
    try {
      moved = moveAll([
        [options.documentsPath, `${options.documentsPath}${suffix}`],
        [incoming, options.documentsPath],
      ]);
    } catch (error) {
      fs.rmSync(incoming, { recursive: true, force: true });
      throw error;
    }
    try {
      // Again, right before: a server may have started while the database was kept aside.
      await refuseOtherSessions(client, options.url);
      // A lock someone still holds makes pg_restore fail after 10 s, rather than wait for ever.
      await run(
        tools.pgRestore,
        ['--clean', '--if-exists', '--single-transaction', '--exit-on-error', '--no-owner', `--dbname=${connection.dbname}`, dump],
        { ...connection.env, PGOPTIONS: '-c lock_timeout=10s' },
        `pg_restore into ${describePostgres(options.url)}`,
      );
    } catch (error) {
      moved.undo();
      fs.rmSync(incoming, { recursive: true, force: true });
      throw new BackupError(`the restore changed nothing: ${(error as Error).message}`);
    }
    keptAside.push(...moved.done.map(([, to]) => to).filter((to) => to.endsWith(suffix)));
    return { takenAt: manifest.takenAt, keptAside };
  } finally {
    await client.end().catch(() => undefined);
  }
}
