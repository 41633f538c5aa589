import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TRIGGERS } from '../../src/features/triggers';
import { openDatabase } from '../../src/platform/database';
import { MIGRATIONS_FOLDER, TRIGGERS_FILE } from '../../src/platform/migrations';
import { PG_TRIGGERS_FILE } from '../../src/platform/pg-migrations';
import { renderPgTriggers, renderTriggers } from '../../src/platform/triggers';

const triggersOf = (sqlite: ReturnType<typeof openDatabase>['sqlite']) =>
  Object.fromEntries((sqlite.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name`).all() as { name: string; sql: string }[]).map((t) => [t.name, `${t.sql};`]));
const declared = Object.fromEntries(TRIGGERS.map((t) => [t.name, t.sql]));

describe('triggers declared in code (src/features/triggers.ts)', () => {
  it('are the file the database opener applies (run `npm run db:triggers` after changing a declaration)', () => {
    expect(fs.readFileSync(TRIGGERS_FILE, 'utf8')).toBe(renderTriggers(TRIGGERS));
  });

  it('are the file PostgreSQL is given, one function and trigger each (test/pg/triggers.test.ts runs it)', () => {
    expect(fs.readFileSync(PG_TRIGGERS_FILE, 'utf8')).toBe(renderPgTriggers(TRIGGERS));
  });

  it('are exactly the triggers of a migrated database', () => {
    const database = openDatabase(':memory:');
    expect(triggersOf(database.sqlite)).toEqual(declared);
    database.close();
  });

  it('come back after a table rebuild dropped them, and are re-created when their file changes', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sop-triggers-'));
    const file = path.join(dir, 'sop.db');
    try {
      let database = openDatabase(file);
      // What a table rebuild does to the table's triggers, and a trigger left from an older release.
      database.sqlite.exec('DROP TRIGGER enrolments_guard_insert; CREATE TRIGGER leftover AFTER INSERT ON units BEGIN SELECT 1; END;');
      database.close();
      database = openDatabase(file);
      expect(triggersOf(database.sqlite)).toEqual(declared);
      // A changed file (an edited declaration) is applied at the next start, once.
      database.sqlite.exec(`UPDATE __repeatable_migrations SET checksum = 'older' WHERE name = 'triggers'`);
      database.close();
      database = openDatabase(file);
      expect(database.sqlite.prepare(`SELECT checksum FROM __repeatable_migrations`).pluck().all()).toEqual([expect.stringMatching(/^[0-9a-f]{64}$/)]);
      expect(triggersOf(database.sqlite)).toEqual(declared);
      database.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('are never pasted into migrations again: no two migrations repeat a trigger, and none after the repeatable file creates one', () => {
    const migrations = fs.readdirSync(MIGRATIONS_FOLDER).filter((f) => f.endsWith('.sql')).sort();
    const seen = new Map<string, string>();
    for (const file of migrations) {
      const sql = fs.readFileSync(path.join(MIGRATIONS_FOLDER, file), 'utf8');
      for (const statement of sql.split('--> statement-breakpoint').map((s) => s.trim()).filter((s) => s.startsWith('CREATE TRIGGER'))) {
        expect({ statement, first: seen.get(statement) ?? file }).toEqual({ statement, first: file });
        seen.set(statement, file);
      }
      // Triggers moved to migrations/repeatable with 0022; later migrations leave them alone.
      if (file > '0022') expect({ file, creates: /CREATE TRIGGER/i.test(sql) }).toEqual({ file, creates: false });
    }
  });

  it('raise a scope once per change and both scopes when a row moves', () => {
    const database = openDatabase(':memory:');
    const { sqlite } = database;
    const version = (scope: string) => (sqlite.prepare('SELECT version FROM feed_versions WHERE scope = ?').pluck().get(scope) as number | undefined) ?? 0;
    const now = "'2013-01-01T00:00:00.000Z'";
    sqlite.exec(`INSERT INTO programmes (name, timezone, created_at, updated_at) VALUES ('P', 'Asia/Makassar', ${now}, ${now}), ('Q', 'Asia/Jakarta', ${now}, ${now})`);
    sqlite.exec(`INSERT INTO batches (programme_id, name, capacity, unit_quota, created_at, updated_at) VALUES (1, 'A', 10, 2, ${now}, ${now})`);
    expect([version('programme:1'), version('programme:2')]).toEqual([1, 0]);
    sqlite.exec(`UPDATE batches SET programme_id = 2 WHERE id = 1`);
    expect([version('programme:1'), version('programme:2')]).toEqual([2, 1]);
    sqlite.exec(`UPDATE units SET name = name`);
    expect(version('all')).toBe(0);
    database.close();
  });
});
