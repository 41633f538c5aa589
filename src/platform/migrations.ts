import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { triggerNamesIn } from './triggers';

/** The project's migrations folder, found upwards from here (src/platform or dist/src/platform). */
export const MIGRATIONS_FOLDER = (() => {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'migrations');
    if (fs.existsSync(path.join(candidate, 'meta', '_journal.json'))) return candidate;
  }
  throw new Error(`no migrations folder above ${__dirname}`);
})();

/** Every trigger of the schema, generated from the declarations (`npm run db:triggers`). */
export const TRIGGERS_FILE = path.join(MIGRATIONS_FOLDER, 'repeatable', 'triggers.sql');

/** When this code's newest migration was made: drizzle records each one applied with its journal `when` as created_at. */
export const NEWEST_MIGRATION: number = (() => {
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as { entries: { when: number }[] };
  return Math.max(...journal.entries.map((entry) => entry.when));
})();

/** When the newest migration applied to a database was made (null: none yet). */
export function newestAppliedMigration(sqlite: Database.Database): number | null {
  const recorded = sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'`).get();
  const latest = recorded ? (sqlite.prepare('SELECT max(created_at) FROM __drizzle_migrations').pluck().get() as number | string | null) : null;
  return latest === null ? null : Number(latest);
}

/** A database a newer release has migrated: its message is the whole story, for the log. */
export class NewerDatabaseError extends Error {}

/**
 * Refuses a database a newer release has migrated: drizzle's migrator would find nothing to
 * apply and this code would run on tables it does not know. Going back is restoring a backup.
 */
export function refuseNewerDatabase(sqlite: Database.Database): void {
  const latest = newestAppliedMigration(sqlite);
  if (latest === null || latest <= NEWEST_MIGRATION) return;
  throw new NewerDatabaseError(
    `This database was written by a newer release of sop-scheduler (migration ${new Date(latest).toISOString()} is not known to this one): start the newer release, or restore a backup made by this one.`,
  );
}

/**
 * Brings a database up to date: the pending migrations (drizzle's journal), then the triggers
 * as a repeatable migration (as Flyway runs `R__` files): re-created in one transaction when
 * the file's checksum differs from the one applied last, or when a trigger is missing because a
 * migration rebuilt its table. Safe when two processes start at once: the second finds the
 * work done inside its own write transaction.
 */
export function migrateDatabase(sqlite: Database.Database) {
  refuseNewerDatabase(sqlite);
  // Forward only, and atomic: drizzle's migrator applies every pending migration in one
  // transaction, so an upgrade cut short leaves the database as the previous release left it.
  migrate(drizzle(sqlite), { migrationsFolder: MIGRATIONS_FOLDER });
  const sql = fs.readFileSync(TRIGGERS_FILE, 'utf8');
  const checksum = createHash('sha256').update(sql).digest('hex');
  const names = triggerNamesIn(sql);
  sqlite.exec('CREATE TABLE IF NOT EXISTS __repeatable_migrations (name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)');
  const current = () => {
    const applied = sqlite.prepare(`SELECT checksum FROM __repeatable_migrations WHERE name = 'triggers'`).pluck().get();
    const present = new Set(sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger'`).pluck().all());
    return applied === checksum && names.every((name) => present.has(name));
  };
  if (current()) return;
  sqlite
    .transaction(() => {
      if (current()) return;
      // Every trigger of the database is declared: those no longer declared go too.
      for (const name of sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger'`).pluck().all() as string[]) sqlite.exec(`DROP TRIGGER \`${name}\``);
      sqlite.exec(sql);
      sqlite.prepare(`DELETE FROM __repeatable_migrations WHERE name = 'triggers'`).run();
      sqlite.prepare(`INSERT INTO __repeatable_migrations (name, checksum, applied_at) VALUES ('triggers', ?, ?)`).run(checksum, new Date().toISOString());
    })
    .immediate();
}
