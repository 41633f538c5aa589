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

  it('commits a write, and rolls back all of it on an error', async () => {
    await uow.write(() => insert('A'));
    await expect(
      uow.write(() => {
        insert('B');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(codes()).toEqual(['A']);
  });

  it('nests as savepoints: an inner failure caught by the outer undoes only the inner part', async () => {
    await uow.write(async () => {
      insert('A');
      await expect(
        uow.write(() => {
          insert('B');
          throw new Error('inner');
        }),
      ).rejects.toThrow('inner');
      await uow.write(() => insert('C'));
    });
    expect(codes()).toEqual(['A', 'C']);
    expect(sqlite.inTransaction).toBe(false);
  });

  it('dry runs answer what the change would, and leave nothing', async () => {
    const answer = await uow.dryRun(() => {
      insert('A');
      return codes();
    });
    expect(answer).toEqual(['A']);
    expect(codes()).toEqual([]);
    await uow.write(async () => expect(await uow.dryRun(() => (insert('B'), codes()))).toEqual(['B']));
    expect(codes()).toEqual([]);
  });

  it('answers a constraint violation with the error mapped to its name', async () => {
    insert('A');
    let thrown: unknown;
    try {
      await uow.write(() => insert('a'));
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as AppError).code).toBe('UNIT_CODE_TAKEN');
  });

  it('runs units one after another, each seeing only its own and committed changes', async () => {
    const seen: string[][] = [];
    const unit = (code: string) =>
      uow.write(async () => {
        insert(code);
        await new Promise((resolve) => setTimeout(resolve, 5)); // other units and reads try to run meanwhile
        seen.push(codes() as string[]);
        if (code === 'B') throw new Error('B fails');
      });
    const results = await Promise.allSettled([unit('A'), unit('B'), unit('C')]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(seen).toEqual([['A'], ['A', 'B'], ['A', 'C']]);
    expect(codes()).toEqual(['A', 'C']);
  });

  it('reads on one snapshot: a unit asked for meanwhile runs after it, and nothing written in a read is kept', async () => {
    await uow.write(() => insert('A'));
    let askToWrite!: () => void;
    // Another request's change, asked for while the read below is open (its context is not the read's).
    const writing = new Promise<void>((resolve) => (askToWrite = resolve)).then(() => uow.write(() => insert('B')));
    const seen = await uow.read(async () => {
      const first = codes();
      askToWrite();
      await new Promise((resolve) => setTimeout(resolve, 5));
      insert('X');
      return [first, codes()];
    });
    expect(seen).toEqual([['A'], ['A', 'X']]);
    await writing;
    expect(codes()).toEqual(['A', 'B']);
    expect(await uow.write(async () => await uow.read(() => (insert('C'), codes())))).toEqual(['A', 'B', 'C']);
  });

  it('makes a repository outside a unit wait until the open unit ends', async () => {
    const repository = uow.outsideUnits({ codes: async () => codes() });
    let startRead!: () => void;
    // Another request's read, started while the unit below is open (its context is not the unit's).
    const read = new Promise<void>((resolve) => (startRead = resolve)).then(() => repository.codes());
    let readEarly: unknown;
    void read.then((c) => (readEarly = c));
    const writing = uow.write(async () => {
      insert('A');
      startRead();
      await new Promise((resolve) => setTimeout(resolve, 5));
      expect(readEarly).toBeUndefined(); // it did not see the uncommitted A
      expect(await repository.codes()).toEqual(['A']); // the unit itself reads without waiting
      throw new Error('undo');
    });
    await expect(writing).rejects.toThrow('undo');
    expect(await read).toEqual([]);
  });

  it('runs what waits for a commit after the commit, outside the unit, and never after a rollback', async () => {
    const ran: string[] = [];
    const seenFrom: unknown[] = [];
    const writing = uow.write(async () => {
      insert('A');
      uow.afterCommit(() => {
        ran.push('outer');
        seenFrom.push(sqlite.inTransaction);
      });
      await expect(
        uow.write(() => {
          uow.afterCommit(() => ran.push('undone savepoint'));
          throw new Error('inner');
        }),
      ).rejects.toThrow('inner');
      await uow.write(() => uow.afterCommit(() => ran.push('kept savepoint')));
      expect(ran).toEqual([]);
    });
    await writing;
    await expect(uow.write(() => (uow.afterCommit(() => ran.push('rolled back')), insert('a'), insert('A')))).rejects.toThrow();
    await new Promise((resolve) => setImmediate(resolve));
    expect(ran).toEqual(['outer', 'kept savepoint']);
    expect(seenFrom).toEqual([false]);
  });

  it('starts a new unit, not a savepoint, from code a finished unit left behind', async () => {
    let later: Promise<unknown> | undefined;
    await uow.write(() => {
      insert('A');
      later = new Promise((resolve) => setTimeout(resolve, 1)).then(() => uow.write(() => insert('B')));
    });
    await later;
    expect(codes()).toEqual(['A', 'B']);
    expect(sqlite.inTransaction).toBe(false);
  });
});
