import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DateTime } from 'luxon';

/**
 * Backups: each one a folder `sop-<UTC time>` in the backup folder, holding a consistent copy
 * of the database (`sop.db`, made by VACUUM INTO in one read transaction while the server
 * keeps writing), the uploaded documents it names (`documents/`, hard links where the file
 * system allows: a stored document never changes), and `backup.json` saying what it holds.
 * A backup is checked before it counts: integrity_check, and every document its drafts name.
 */

export const BACKUP_DATABASE = 'sop.db';
export const BACKUP_DOCUMENTS = 'documents';
export const BACKUP_MANIFEST = 'backup.json';
const NAME = /^sop-(\d{8}T\d{6}Z)$/;

export interface BackupManifest {
  takenAt: string;
  version: string;
  database: { bytes: number; integrity: string };
  documents: { count: number; bytes: number };
}

export interface BackupInfo extends BackupManifest {
  folder: string;
}

export class BackupError extends Error {}

/** The documents a database's drafts name, as stored (`<sha256>.<type>`). */
function documentsNamedBy(db: Database.Database): string[] {
  const hasDrafts = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'drafts'`).get();
  if (!hasDrafts) return [];
  return db.prepare(`SELECT DISTINCT document_sha256 || '.' || document_type FROM drafts WHERE document_sha256 IS NOT NULL`).pluck().all() as string[];
}

/**
 * Checks a backup's database (or any database file about to be restored): integrity_check,
 * and the documents it names present in `documents`, if given. Throws BackupError in words.
 */
export function checkBackupDatabase(file: string, documents?: string): { integrity: string; documents: string[] } {
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
    if (!db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'`).get())
      throw new BackupError(`${file} is not a database of this service (no migrations table)`);
    const named = documentsNamedBy(db);
    if (documents !== undefined) {
      const missing = named.filter((name) => !fs.existsSync(path.join(documents, name)));
      if (missing.length > 0) throw new BackupError(`${missing.length} document(s) the database names are missing from ${documents}, e.g. ${missing[0]}`);
    }
    return { integrity, documents: named };
  } finally {
    db.close();
  }
}

/** Hard-links (or, across file systems, copies) the named documents into `to`; answers their total bytes. */
function keepDocuments(names: readonly string[], from: string, to: string): number {
  fs.mkdirSync(to, { recursive: true });
  let bytes = 0;
  for (const name of names) {
    const source = path.join(from, name);
    if (!fs.existsSync(source)) continue; // checked below: a missing document fails the backup
    try {
      fs.linkSync(source, path.join(to, name));
    } catch {
      fs.copyFileSync(source, path.join(to, name));
    }
    bytes += fs.statSync(source).size;
  }
  return bytes;
}

/**
 * Takes a backup into a new folder of `backupDir`, checks it, and removes the oldest beyond
 * `keep`. Synchronous and slow for a big database: the server runs it in a worker thread.
 */
export function takeBackup(options: { databasePath: string; documentsPath: string; backupDir: string; keep: number; version: string; now?: Date }): BackupInfo {
  const takenAt = DateTime.fromJSDate(options.now ?? new Date()).toUTC();
  const folder = path.join(options.backupDir, `sop-${takenAt.toFormat("yyyyMMdd'T'HHmmss'Z'")}`);
  if (fs.existsSync(folder)) throw new BackupError(`${folder} exists already: one backup a second at most`);
  const partial = `${folder}.partial`;
  // What a backup cut off (a crash, a shutdown) left behind is not a backup.
  for (const name of fs.existsSync(options.backupDir) ? fs.readdirSync(options.backupDir) : [])
    if (name.endsWith('.partial')) fs.rmSync(path.join(options.backupDir, name), { recursive: true, force: true });
  fs.mkdirSync(partial, { recursive: true });
  try {
    const copy = path.join(partial, BACKUP_DATABASE);
    const source = new Database(options.databasePath, { readonly: true, fileMustExist: true });
    try {
      source.pragma('busy_timeout = 5000');
      source.prepare('VACUUM INTO ?').run(copy);
    } finally {
      source.close();
    }
    const named = checkBackupDatabase(copy).documents;
    const documentBytes = keepDocuments(named, options.documentsPath, path.join(partial, BACKUP_DOCUMENTS));
    checkBackupDatabase(copy, path.join(partial, BACKUP_DOCUMENTS));
    const manifest: BackupManifest = {
      takenAt: takenAt.toISO({ suppressMilliseconds: true })!,
      version: options.version,
      database: { bytes: fs.statSync(copy).size, integrity: 'ok' },
      documents: { count: named.length, bytes: documentBytes },
    };
    fs.writeFileSync(path.join(partial, BACKUP_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    // Only a whole, checked backup gets its name: a crash midway leaves a `.partial` folder, never a backup.
    fs.renameSync(partial, folder);
    pruneBackups(options.backupDir, options.keep);
    return { ...manifest, folder };
  } catch (error) {
    fs.rmSync(partial, { recursive: true, force: true });
    throw error;
  }
}

/** The backups in a folder, newest first (those whose manifest can be read). */
export function listBackups(backupDir: string): BackupInfo[] {
  let names: string[];
  try {
    names = fs.readdirSync(backupDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return names
    .filter((name) => NAME.test(name))
    .sort()
    .reverse()
    .flatMap((name) => {
      const folder = path.join(backupDir, name);
      try {
        return [{ ...(JSON.parse(fs.readFileSync(path.join(folder, BACKUP_MANIFEST), 'utf8')) as BackupManifest), folder }];
      } catch {
        return [];
      }
    });
}

/** Removes all but the newest `keep` backups. */
export function pruneBackups(backupDir: string, keep: number): void {
  const names = fs.existsSync(backupDir) ? fs.readdirSync(backupDir).filter((name) => NAME.test(name)).sort().reverse() : [];
  for (const name of names.slice(keep)) fs.rmSync(path.join(backupDir, name), { recursive: true, force: true });
}

/** When the next daily backup is due: the next `at` (HH:mm) in `zone` after `now`. */
export function nextBackupAt(now: DateTime, at: string, zone: string): DateTime {
  const [hour, minute] = at.split(':').map(Number) as [number, number];
  const local = now.setZone(zone);
  const today = local.set({ hour, minute, second: 0, millisecond: 0 });
  return today > local ? today : today.plus({ days: 1 });
}

/**
 * Puts a backup in place of the database and its documents: checks it first (integrity, the
 * documents it names), moves what is there aside (`<path>.before-restore-<time>`, the WAL
 * files with their database), then copies the backup in. The caller makes sure no server runs.
 */
export function restoreBackup(options: { folder: string; databasePath: string; documentsPath: string; now?: Date }) {
  const database = path.join(options.folder, BACKUP_DATABASE);
  const documents = path.join(options.folder, BACKUP_DOCUMENTS);
  checkBackupDatabase(database, documents);
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(options.folder, BACKUP_MANIFEST), 'utf8')) as BackupManifest;
  } catch {
    throw new BackupError(`${options.folder} has no readable ${BACKUP_MANIFEST}: not a backup folder`);
  }
  const suffix = `.before-restore-${DateTime.fromJSDate(options.now ?? new Date()).toUTC().toFormat("yyyyMMdd'T'HHmmss'Z'")}`;
  const keptAside: string[] = [];
  for (const file of [options.databasePath, `${options.databasePath}-wal`, `${options.databasePath}-shm`, options.documentsPath])
    if (fs.existsSync(file)) {
      fs.renameSync(file, `${file}${suffix}`);
      if (!file.endsWith('-wal') && !file.endsWith('-shm')) keptAside.push(`${file}${suffix}`);
    }
  fs.mkdirSync(path.dirname(path.resolve(options.databasePath)), { recursive: true });
  fs.copyFileSync(database, options.databasePath);
  fs.cpSync(documents, options.documentsPath, { recursive: true });
  return { takenAt: manifest.takenAt, keptAside };
}
