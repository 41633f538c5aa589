import { createConstraintTranslator } from '../../src/platform/constraints';
import { openDatabase } from '../../src/platform/database';
import { AppError, conflict } from '../../src/platform/errors';
import { createUnitOfWork } from '../../src/platform/unit-of-work';

describe('unit of work', () => {
  const database = openDatabase(':memory:');
  const { sqlite } = database;
  const uow = createUnitOfWork(sqlite, createConstraintTranslator(sqlite, { units_code_unique: () => conflict('UNIT_CODE_TAKEN', 'taken') }));
  const now = '2013-01-01T00:00:00.000Z';
  const insert = (code: string) => sqlite.prepare(`INSERT INTO units (code, name, kind, created_at, updated_at) VALUES (?, 'x', 'dinas', ?, ?)`).run(code, now, now);
  const codes = () => sqlite.prepare('SELECT code FROM units ORDER BY id').pluck().all();
  beforeEach(() => sqlite.exec('DELETE FROM units'));
  afterAll(() => database.close());

  it('commits a write, and rolls back all of it on an error', () => {
    uow.write(() => insert('A'));
    expect(() => uow.write(() => {
      insert('B');
      throw new Error('boom');
    })).toThrow('boom');
    expect(codes()).toEqual(['A']);
  });

  it('nests as savepoints: an inner failure caught by the outer undoes only the inner part', () => {
    uow.write(() => {
      insert('A');
      expect(() => uow.write(() => {
        insert('B');
        throw new Error('inner');
      })).toThrow('inner');
      uow.write(() => insert('C'));
    });
    expect(codes()).toEqual(['A', 'C']);
    expect(sqlite.inTransaction).toBe(false);
  });

  it('dry runs answer what the change would, and leave nothing', () => {
    const answer = uow.dryRun(() => {
      insert('A');
      return codes();
    });
    expect(answer).toEqual(['A']);
    expect(codes()).toEqual([]);
    uow.write(() => expect(uow.dryRun(() => (insert('B'), codes()))).toEqual(['B']));
    expect(codes()).toEqual([]);
  });

  it('answers a constraint violation with the error mapped to its name', () => {
    insert('A');
    let thrown: unknown;
    try {
      uow.write(() => insert('a'));
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as AppError).code).toBe('UNIT_CODE_TAKEN');
  });

  it('refuses asynchronous work, which could interleave with other requests', () => {
    expect(() => uow.write(() => Promise.resolve())).toThrow('synchronous');
    expect(sqlite.inTransaction).toBe(false);
  });
});
