import { CONSTRAINT_ERRORS } from '../../src/container';
import { uniqueIndexes, violatedConstraint } from '../../src/platform/constraints';
import { openDatabase } from '../../src/platform/database';
import { AppError } from '../../src/platform/errors';

/** Every named constraint of the migrated schema: unique indexes, CHECKs and trigger codes. */
function constraintsOf(sqlite: ReturnType<typeof openDatabase>['sqlite']): Set<string> {
  const names = new Set(uniqueIndexes(sqlite).values());
  const sqlOf = (type: string) => sqlite.prepare(`SELECT sql FROM sqlite_master WHERE type = ? AND sql IS NOT NULL`).pluck().all(type) as string[];
  for (const table of sqlOf('table')) for (const m of table.matchAll(/CONSTRAINT\s+"([^"]+)"\s+CHECK/g)) names.add(m[1]!);
  for (const trigger of sqlOf('trigger')) for (const m of trigger.matchAll(/RAISE\(ABORT,\s*'([A-Z_]+)'\)/g)) names.add(m[1]!);
  return names;
}

describe('database constraints', () => {
  const database = openDatabase(':memory:');
  afterAll(() => database.close());

  it('each has exactly one API error, and every mapping names a real constraint', () => {
    const inDatabase = [...constraintsOf(database.sqlite)].sort();
    expect(inDatabase.length).toBeGreaterThan(30);
    expect(Object.keys(CONSTRAINT_ERRORS).sort()).toEqual(inDatabase);
    for (const toError of Object.values(CONSTRAINT_ERRORS)) expect(toError()).toBeInstanceOf(AppError);
  });

  it('are recognised by name from the errors SQLite raises', () => {
    const { sqlite } = database;
    const indexes = uniqueIndexes(sqlite);
    const violation = (sql: string) => {
      try {
        sqlite.exec(sql);
      } catch (err) {
        return violatedConstraint(err, indexes);
      }
      throw new Error(`no error from ${sql}`);
    };
    const now = "'2013-01-01T00:00:00.000Z'";
    sqlite.exec(`INSERT INTO units (code, name, kind, created_at, updated_at) VALUES ('DISHUB', 'Dinas Perhubungan', 'dinas', ${now}, ${now})`);
    expect(violation(`INSERT INTO units (code, name, kind, created_at, updated_at) VALUES ('dishub', 'x', 'dinas', ${now}, ${now})`)).toBe('units_code_unique');
    expect(violation(`INSERT INTO units (code, name, kind, created_at, updated_at) VALUES ('X', 'x', 'ministry', ${now}, ${now})`)).toBe('units_kind_check');
    sqlite.exec(`INSERT INTO programmes (name, timezone, created_at, updated_at) VALUES ('P', 'Asia/Makassar', ${now}, ${now})`);
    sqlite.exec(`INSERT INTO batches (programme_id, name, capacity, unit_quota, created_at, updated_at) VALUES (1, 'A', 1, 1, ${now}, ${now})`);
    expect(violation(`INSERT INTO batches (programme_id, name, capacity, unit_quota, created_at, updated_at) VALUES (1, 'A', 1, 1, ${now}, ${now})`)).toBe('batches_programme_name_unique');
    expect(violation(`INSERT INTO batch_days (batch_id, date, start_time, end_time) VALUES (1, '2013-10-07', '08:00', '16:00'), (1, '2013-10-07', '09:00', '16:00')`)).toBe('batch_days_pkey');
    expect(violation(`UPDATE batches SET unit_quota = 5 WHERE id = 1`)).toBe('batches_quota_check');
  });
});
