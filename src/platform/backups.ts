import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DateTime } from 'luxon';
import { NEWEST_MIGRATION, newestAppliedMigration } from './migrations';
import { alive } from './server-presence';

/**
 * Backups: each one a folder `sop-<UTC time>` in the backup folder, holding a consistent copy
 * of the database (`sop.db`, made by VACUUM INTO in one read transaction while the server
 * keeps writing), the uploaded documents it names (`documents/`, hard links where the file
 * system allows: a stored document never changes), and `backup.json` saying what it holds.
 * A backup counts once checked (integrity_check) and on disk (fsync) under its own name; a
 * document its drafts name but the documents folder lacks is recorded, not fatal (the
 * database's backup matters most). A PostgreSQL database's backups (`sop.pgdump` in the same
 * folders) are in postgres-backups.ts.
 */

export const BACKUP_DATABASE = 'sop.db';
export const BACKUP_DOCUMENTS = 'documents';
export const BACKUP_MANIFEST = 'backup.json';
const NAME = /^sop-(\d{8}T\d{6}Z)$/;
const LOCK = '.backup.lock';

export interface BackupManifest {
  /** The database engine the backup holds; absent in backups before PostgreSQL: SQLite. */
  engine?: 'sqlite' | 'postgres';
  takenAt: string;
  version: string;
  /** `sop.db` (SQLite) or `sop.pgdump` (PostgreSQL, see postgres-backups.ts): its size, and `ok` once checked. */
  database: { bytes: number; integrity: string; server?: string; dumpedWith?: string };
  /** `missing`: documents the database names that were not in the documents folder. */
  documents: { count: number; bytes: number; missing?: string[] };
}

export interface BackupInfo extends BackupManifest {
  folder: string;
}

export class BackupError extends Error {}

export const stamp = (at: DateTime) => at.toUTC().toFormat("yyyyMMdd'T'HHmmss'Z'");

/**
 * Checks a database file about to be kept or restored: integrity_check, a database of this
 * service, migrated by no release newer than this code. Answers the documents its drafts name
 * (`<sha256>.<type>`). Throws BackupError in words.
 */
export function checkBackupDatabase(file: string): { documents: string[] } {
  if (!fs.existsSync(file)) throw new BackupError(`${file} does not exist`);
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new BackupError(`${file} is not a database this service can open (${(error as Error).message})`);
  }
  try {
    let integrity: string;
    try {
      integrity = db.pragma('integrity_check', { simple: true }) as string;
    } catch (error) {
      throw new BackupError(`${file} is not an SQLite database (${(error as Error).message})`);
    }
    if (integrity !== 'ok') throw new BackupError(`${file} is damaged: integrity_check says ${integrity}`);
    const applied = newestAppliedMigration(db);
    if (applied === null) throw new BackupError(`${file} is not a database of this service (no migrations table)`);
    if (applied > NEWEST_MIGRATION) throw new BackupError(`${file} was written by a newer release of sop-scheduler: restore it with that release`);
    const hasDrafts = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'drafts'`).get();
    const documents = hasDrafts ? (db.prepare(`SELECT DISTINCT document_sha256 || '.' || document_type FROM drafts WHERE document_sha256 IS NOT NULL`).pluck().all() as string[]) : [];
    return { documents };
  } finally {
    db.close();
  }
}

/** Writes a file's (or a folder's entries') data to the disk: a backup must survive a power cut. */
export function fsyncPath(file: string) {
  const fd = fs.openSync(file, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Hard-links (or, across file systems, copies) the named documents into `to`: their bytes, and the names not found. */
export function keepDocuments(names: readonly string[], from: string, to: string): { bytes: number; missing: string[] } {
  fs.mkdirSync(to, { recursive: true });
  let bytes = 0;
  const missing: string[] = [];
  for (const name of names) {
    const source = path.join(from, name);
    if (!fs.existsSync(source)) {
      missing.push(name);
      continue;
    }
    try {
      fs.linkSync(source, path.join(to, name));
    } catch {
      fs.copyFileSync(source, path.join(to, name));
      fsyncPath(path.join(to, name));
    }
    bytes += fs.statSync(source).size;
  }
  fsyncPath(to);
  return { bytes, missing };
}

/** Takes the backup folder's lock (a file naming this process): one backup at a time, whichever process takes it. Answers its release. */
function takeBackupLock(backupDir: string): () => void {
  fs.mkdirSync(backupDir, { recursive: true });
  const lock = path.join(backupDir, LOCK);
  for (let attempt = 0; ; attempt++) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw new BackupError(`another backup is being taken into ${backupDir} (${lock}); try again when it is done`);
      const holder = Number(fs.readFileSync(lock, 'utf8'));
      if (Number.isInteger(holder) && holder > 0 && alive(holder)) throw new BackupError(`another backup (process ${holder}) is being taken into ${backupDir}; try again when it is done`);
      fs.rmSync(lock, { force: true }); // left by a process that died: take it over
    }
  }
  return () => fs.rmSync(lock, { force: true });
}

/** Runs `work` holding the backup folder's lock. */
function withBackupLock<T>(backupDir: string, work: () => T): T {
  const release = takeBackupLock(backupDir);
  try {
    return work();
  } finally {
    release();
  }
}

/** `withBackupLock` for work that waits (pg_dump runs as a process of its own). */
export async function withBackupLockWhile<T>(backupDir: string, work: () => Promise<T>): Promise<T> {
  const release = takeBackupLock(backupDir);
  try {
    return await work();
  } finally {
    release();
  }
}

/**
 * The folder a backup taken at `takenAt` gets, once whole, and the `.partial` one it is written
 * into (what an earlier backup cut off left behind is removed first: it is not a backup).
 */
export function newBackupFolder(backupDir: string, takenAt: DateTime): { folder: string; partial: string } {
  const folder = path.join(backupDir, `sop-${stamp(takenAt)}`);
  if (fs.existsSync(folder)) throw new BackupError(`${folder} exists already: one backup a second at most`);
  for (const name of fs.readdirSync(backupDir)) if (name.endsWith('.partial')) fs.rmSync(path.join(backupDir, name), { recursive: true, force: true });
  const partial = `${folder}.partial`;
  fs.mkdirSync(partial);
  return { folder, partial };
}

/** Writes the manifest, puts the whole backup on disk under its own name, then removes the oldest beyond `keep`. */
export function completeBackup(options: { backupDir: string; keep: number; folder: string; partial: string; manifest: BackupManifest }): BackupInfo {
  const { backupDir, folder, partial, manifest } = options;
  fs.writeFileSync(path.join(partial, BACKUP_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  fsyncPath(path.join(partial, BACKUP_MANIFEST));
  fsyncPath(partial);
  // Only a whole, checked backup gets its name, on disk before any older one is removed.
  fs.renameSync(partial, folder);
  fsyncPath(backupDir);
  pruneBackups(backupDir, options.keep);
  return { ...manifest, folder };
}

/** A backup folder's manifest, read and told apart by engine (older backups, SQLite's, name none). */
export function readManifest(folder: string): BackupManifest & { engine: 'sqlite' | 'postgres' } {
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(folder, BACKUP_MANIFEST), 'utf8')) as BackupManifest;
  } catch {
    throw new BackupError(`${folder} has no readable ${BACKUP_MANIFEST}: not a backup folder`);
  }
  if (manifest.engine !== undefined && manifest.engine !== 'sqlite' && manifest.engine !== 'postgres') throw new BackupError(`${folder}/${BACKUP_MANIFEST} names an unknown engine ${JSON.stringify(manifest.engine)}`);
  return { ...manifest, engine: manifest.engine ?? 'sqlite' };
}

/**
 * Renames each `[from, to]` whose `from` exists, in order; if one fails, undoes those done and
 * throws. Answers what was moved, and how to put it all back.
 */
export function moveAll(moves: readonly [from: string, to: string][]): { done: [string, string][]; undo: () => void } {
  const done: [string, string][] = [];
  const undo = () => {
    for (const [from, to] of [...done].reverse()) fs.renameSync(to, from);
  };
  try {
    for (const [from, to] of moves)
      if (fs.existsSync(from)) {
        fs.renameSync(from, to);
        done.push([from, to]);
      }
  } catch (error) {
    undo();
    throw new BackupError(`the restore failed and changed nothing (${(error as Error).message})`);
  }
  return { done, undo };
}

/**
 * Takes a backup into a new folder of `backupDir`, checks it, and removes the oldest beyond
 * `keep`. Synchronous and slow for a big database: the server runs it in a thread of its own.
 */
export function takeBackup(options: { databasePath: string; documentsPath: string; backupDir: string; keep: number; version: string; now?: Date }): BackupInfo {
  const takenAt = DateTime.fromJSDate(options.now ?? new Date()).toUTC();
  return withBackupLock(options.backupDir, () => {
    const { folder, partial } = newBackupFolder(options.backupDir, takenAt);
    try {
      const copy = path.join(partial, BACKUP_DATABASE);
      const source = new Database(options.databasePath, { readonly: true, fileMustExist: true });
      try {
        source.pragma('busy_timeout = 5000');
        source.prepare('VACUUM INTO ?').run(copy);
      } finally {
        source.close();
      }
      fsyncPath(copy); // VACUUM INTO does not sync what it writes
      const named = checkBackupDatabase(copy).documents;
      const documents = keepDocuments(named, options.documentsPath, path.join(partial, BACKUP_DOCUMENTS));
      const manifest: BackupManifest = {
        engine: 'sqlite',
        takenAt: takenAt.toISO({ suppressMilliseconds: true })!,
        version: options.version,
        database: { bytes: fs.statSync(copy).size, integrity: 'ok' },
        documents: { count: named.length - documents.missing.length, bytes: documents.bytes, ...(documents.missing.length > 0 ? { missing: documents.missing } : {}) },
      };
      return completeBackup({ backupDir: options.backupDir, keep: options.keep, folder, partial, manifest });
    } catch (error) {
      fs.rmSync(partial, { recursive: true, force: true });
      throw error;
    }
  });
}

/** The backup folders in `backupDir`, newest first. */
export function backupFolders(backupDir: string): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(backupDir);
  } catch {
    return [];
  }
  return names.filter((name) => NAME.test(name)).sort().reverse().map((name) => path.join(backupDir, name));
}

/** The newest backup whose manifest can be read, if any (reading no more manifests than needed). */
export function lastBackup(backupDir: string): BackupInfo | undefined {
  for (const folder of backupFolders(backupDir)) {
    try {
      const manifest = JSON.parse(fs.readFileSync(path.join(folder, BACKUP_MANIFEST), 'utf8')) as BackupManifest;
      if (typeof manifest.takenAt === 'string' && typeof manifest.database?.bytes === 'number' && typeof manifest.documents?.count === 'number') return { ...manifest, folder };
    } catch {
      // unreadable: the next older one
    }
  }
  return undefined;
}

/** A backup as the console and /health/ready show it. */
export const backupSummary = (backup: BackupInfo) => ({
  takenAt: backup.takenAt,
  databaseBytes: backup.database.bytes,
  documents: backup.documents.count,
  documentBytes: backup.documents.bytes,
  missingDocuments: backup.documents.missing?.length ?? 0,
});

/** Removes all but the newest `keep` backups. */
export function pruneBackups(backupDir: string, keep: number): void {
  for (const folder of backupFolders(backupDir).slice(keep)) fs.rmSync(folder, { recursive: true, force: true });
}

/** When the next daily backup is due: the next `at` (HH:mm) in `zone` after `after`. */
export function nextBackupAt(after: DateTime, at: string, zone: string): DateTime {
  const [hour, minute] = at.split(':').map(Number) as [number, number];
  const local = after.setZone(zone);
  const today = local.set({ hour, minute, second: 0, millisecond: 0 });
  return today > local ? today : today.plus({ days: 1 });
}

/**
 * Puts a backup in place of the database and its documents. Checks it first (a damaged one, or
 * one a newer release wrote, changes nothing); copies it beside the targets under temporary
 * names; then moves what is there aside (`<path>.before-restore-<time>`, the WAL files with
 * their database: `<database>.before-restore-<time>-wal`) and the copies into place. If a step
 * fails, what was there is put back. The caller makes sure no server runs.
 */
export function restoreBackup(options: { folder: string; databasePath: string; documentsPath: string; now?: Date }) {
  const database = path.join(options.folder, BACKUP_DATABASE);
  const documents = path.join(options.folder, BACKUP_DOCUMENTS);
  const manifest = readManifest(options.folder);
  if (manifest.engine === 'postgres')
    throw new BackupError(`${options.folder} is a backup of a PostgreSQL database: set DATABASE_URL to the PostgreSQL database to restore it into (npm run restore then uses pg_restore)`);
  checkBackupDatabase(database);
  const suffix = `.before-restore-${stamp(DateTime.fromJSDate(options.now ?? new Date()))}`;
  const incoming = `.restoring${suffix}`;
  fs.mkdirSync(path.dirname(path.resolve(options.databasePath)), { recursive: true });
  fs.copyFileSync(database, `${options.databasePath}${incoming}`);
  fsyncPath(`${options.databasePath}${incoming}`);
  if (fs.existsSync(documents)) fs.cpSync(documents, `${options.documentsPath}${incoming}`, { recursive: true });
  else fs.mkdirSync(`${options.documentsPath}${incoming}`, { recursive: true });

  // What is there goes aside, each move undone if a later step fails.
  const moves: [from: string, to: string][] = [
    [options.databasePath, `${options.databasePath}${suffix}`],
    [`${options.databasePath}-wal`, `${options.databasePath}${suffix}-wal`],
    [`${options.databasePath}-shm`, `${options.databasePath}${suffix}-shm`],
    [options.documentsPath, `${options.documentsPath}${suffix}`],
    [`${options.databasePath}${incoming}`, options.databasePath],
    [`${options.documentsPath}${incoming}`, options.documentsPath],
  ];
  const { done } = moveAll(moves);
  const keptAside = done.map(([, to]) => to).filter((to) => to.includes(suffix) && !to.endsWith('-wal') && !to.endsWith('-shm'));
  return { takenAt: manifest.takenAt, keptAside };
}
