/**
 * Takes a consistent online backup of the configured database while the server keeps
 * running (SQLite's backup API), then checks the copy.
 *   npm run backup -- backups/sop-2013-10-21.db
 * Restore: stop the server, replace DATABASE_PATH with the copy (and delete any -wal and -shm
 * files next to it), start the server.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { loadConfig, loadDotEnv } from '../src/config';

export async function backup(source: string, destination: string): Promise<{ pages: number; integrity: string }> {
  if (fs.existsSync(destination)) throw new Error(`${destination} exists; choose a new file`);
  fs.mkdirSync(path.dirname(path.resolve(destination)), { recursive: true });
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    // Copy every page in one step: the step reads one snapshot, so writes made meanwhile by the
    // server neither block it nor restart it (with small steps, each write would restart it).
    const { totalPages } = await db.backup(destination, { progress: () => 0x7fffffff });
    const copy = new Database(destination, { readonly: true });
    try {
      return { pages: totalPages, integrity: copy.pragma('integrity_check', { simple: true }) as string };
    } finally {
      copy.close();
    }
  } finally {
    db.close();
  }
}

if (require.main === module) {
  (async () => {
    loadDotEnv();
    const destination = process.argv[2];
    if (!destination) throw new Error('usage: npm run backup -- <file>');
    const config = loadConfig(process.env);
    const result = await backup(config.databasePath, destination);
    console.error(`backed up ${config.databasePath} to ${destination}: ${result.pages} pages, integrity_check ${result.integrity}`);
    if (result.integrity !== 'ok') process.exit(1);
    process.stdout.write(`${destination}\n`);
  })().catch((err: Error) => {
    console.error(err.message);
    process.exit(1);
  });
}
