import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase } from '../../src/platform/database';
import { MIGRATIONS_FOLDER } from '../../src/platform/migrations';

const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as { entries: { when: number }[] };
const newest = Math.max(...journal.entries.map((entry) => entry.when));

let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sop-newer-'))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A database this code migrated, then one more migration recorded as a release would. */
function migratedWith(createdAt: number): string {
  const file = path.join(dir, 'sop.db');
  openDatabase(file).close();
  const sqlite = new Database(file);
  sqlite.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run('unknown', createdAt);
  sqlite.close();
  return file;
}

it('refuses a database with a migration newer than every migration it knows, in words', () => {
  const file = migratedWith(newest + 1);
  expect(() => openDatabase(file)).toThrow(
    `This database was written by a newer release of sop-scheduler (migration ${new Date(newest + 1).toISOString()} is not known to this one): start the newer release, or restore a backup made by this one.`,
  );
});

it('opens a database migrated up to its own newest migration, again and again', () => {
  const file = path.join(dir, 'sop.db');
  openDatabase(file).close();
  const database = openDatabase(file);
  expect(database.sqlite.prepare('SELECT max(created_at) FROM __drizzle_migrations').pluck().get()).toBe(newest);
  database.close();
});

it('refuses nothing in a database it has not migrated yet', () => {
  const database = openDatabase(path.join(dir, 'fresh.db'));
  expect(database.sqlite.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get()).toBe(journal.entries.length);
  database.close();
});
