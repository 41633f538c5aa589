import { DATA_SCOPES, EVENT_SEQUENCES } from '../../src/features/derived-data';
import { openDatabase } from '../../src/platform/database';
import { renderTriggerMigration, triggerNamesIn } from '../../src/platform/triggers';
import { latestGeneratedMigration } from '../../scripts/migrations';

describe('triggers generated from src/features/derived-data.ts', () => {
  it('the newest generated migration matches the declarations (run `npm run db:triggers` after changing them)', () => {
    const latest = latestGeneratedMigration();
    expect(latest).toBeDefined();
    expect(latest!.sql).toBe(renderTriggerMigration(DATA_SCOPES, EVENT_SEQUENCES, latest!.previousNames));
  });

  it('are the triggers of the migrated database', () => {
    const database = openDatabase(':memory:');
    const present = new Set(database.sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger'`).pluck().all() as string[]);
    database.close();
    for (const name of triggerNamesIn(renderTriggerMigration(DATA_SCOPES, EVENT_SEQUENCES))) expect(present).toContain(name);
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
