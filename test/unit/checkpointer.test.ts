import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase } from '../../src/platform/database';

/*
 * The checkpointer: one thread for every database file of the process copies each one's WAL
 * into the file itself, so a copy of the file alone (no -wal) holds what was committed.
 */
let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sop-checkpoints-'))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The units in the database file alone, as if its WAL were lost (null: not even its tables yet). */
function unitsInFileAlone(file: string): number | null {
  const copy = path.join(dir, `copy-${path.basename(file)}`);
  fs.copyFileSync(file, copy);
  const db = new Database(copy, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM units').get() as { n: number }).n;
  } catch {
    return null;
  } finally {
    db.close();
    fs.rmSync(copy);
  }
}

it('copies the WAL of each open database into its file, for several databases at once', async () => {
  const files = ['kalsel', 'banjarmasin', 'banjarbaru'].map((name) => path.join(dir, `${name}.db`));
  const databases = files.map((file) => openDatabase(file));
  try {
    databases.forEach((database, i) => {
      const insert = database.sqlite.prepare(`INSERT INTO units (code, name, kind, created_at, updated_at) VALUES (?, 'Dinas', 'dinas', '2013-01-01T00:00:00.000Z', '2013-01-01T00:00:00.000Z')`);
      for (let n = 0; n <= i; n++) insert.run(`U${n}`);
    });
    const expected = [1, 2, 3];
    for (const waited = Date.now(); Date.now() - waited < 10_000 && files.map(unitsInFileAlone).join() !== expected.join(); ) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(files.map(unitsInFileAlone)).toEqual(expected);
  } finally {
    for (const database of databases) database.close();
  }
});

it('finishes a checkpoint a reader held up once the reader is done, with no write since', async () => {
  const file = path.join(dir, 'kalsel.db');
  const database = openDatabase(file);
  const reader = new Database(file, { readonly: true });
  try {
    // A read transaction holds the snapshot from before the insert.
    reader.exec('BEGIN');
    reader.prepare('SELECT count(*) FROM units').get();
    database.sqlite.prepare(`INSERT INTO units (code, name, kind, created_at, updated_at) VALUES ('U1', 'Dinas', 'dinas', '2013-01-01T00:00:00.000Z', '2013-01-01T00:00:00.000Z')`).run();
    await new Promise((resolve) => setTimeout(resolve, 600));
    reader.exec('COMMIT');
    for (const waited = Date.now(); Date.now() - waited < 10_000 && unitsInFileAlone(file) !== 1; ) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(unitsInFileAlone(file)).toBe(1);
  } finally {
    reader.close();
    database.close();
  }
});
