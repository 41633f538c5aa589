import { sql } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { createPgConstraintTranslator } from '../../src/platform/constraints';
import { conflict } from '../../src/platform/errors';
import { ADD_UP_MS, createPostgresUnitOfWork, nextAddUpDelay, openPostgres, type PostgresDatabase } from '../../src/platform/postgres';
import type { UnitOfWork } from '../../src/platform/unit-of-work';
import { startPostgres, type PostgresCluster } from '../helpers/postgres';

/** The unit of work on PostgreSQL: SERIALIZABLE transactions, savepoints, dry runs, retries. */
let cluster: PostgresCluster;
let database: PostgresDatabase;
let uow: UnitOfWork;
const now = '2013-01-01T00:00:00.000Z';

beforeAll(async () => {
  cluster = await startPostgres();
  database = await openPostgres(await cluster.createDatabase('uow'));
  uow = createPostgresUnitOfWork(database, createPgConstraintTranslator({ units_code_unique: () => conflict('UNIT_CODE_TAKEN', 'taken') }));
}, 60_000);
afterAll(async () => {
  await database.close();
  await cluster.stop();
});
beforeEach(() => database.pool.query('DELETE FROM units'));

/** Statements through the service's own query builder, so they run in the unit of the context. */
const pgDb = () => database.db as unknown as NodePgDatabase;
const insert = (code: string) => pgDb().execute(sql`INSERT INTO units (code, name, kind, created_at, updated_at) VALUES (${code}, 'x', 'dinas', ${now}, ${now})`);
const codes = async () => (await pgDb().execute<{ code: string }>(sql`SELECT code FROM units ORDER BY id`)).rows.map((r) => r.code);
const committedCodes = async () => (await database.pool.query<{ code: string }>('SELECT code FROM units ORDER BY id')).rows.map((r) => r.code);

it('commits a unit, and rolls all of it back on an error', async () => {
  await uow.write(() => insert('A'));
  await expect(
    uow.write(async () => {
      await insert('B');
      throw new Error('boom');
    }),
  ).rejects.toThrow('boom');
  expect(await committedCodes()).toEqual(['A']);
});

it('never runs a statement still waiting for its turn once its unit failed: nothing lands outside the transaction', async () => {
  // The unit fails (not in the database) while Y runs and Z waits behind it on the connection.
  await expect(uow.write(() => Promise.all([insert('Y'), Promise.reject(new Error('not the database')), insert('Z')]))).rejects.toThrow('not the database');
  await uow.write(() => insert('A'));
  expect(await committedCodes()).toEqual(['A']);
});

it('runs a unit on one connection: its statements see its own changes, others only committed ones', async () => {
  await uow.write(async () => {
    await insert('A');
    expect(await codes()).toEqual(['A']);
    expect(await committedCodes()).toEqual([]);
  });
  expect(await committedCodes()).toEqual(['A']);
});

it('nests as savepoints: an inner failure caught by the outer undoes only the inner part, and the unit goes on', async () => {
  await uow.write(async () => {
    await insert('A');
    await expect(uow.write(() => insert('a'))).rejects.toMatchObject({ code: 'UNIT_CODE_TAKEN' });
    await insert('C');
  });
  expect(await committedCodes()).toEqual(['A', 'C']);
});

it('answers a dry run and keeps nothing', async () => {
  expect(
    await uow.dryRun(async () => {
      await insert('A');
      return codes();
    }),
  ).toEqual(['A']);
  expect(await committedCodes()).toEqual([]);
});

it('reads on one snapshot: a commit made meanwhile is not seen, and the read writes nothing', async () => {
  await uow.write(() => insert('A'));
  const seen = await uow.read(async () => {
    const first = await codes();
    await database.pool.query(`INSERT INTO units (code, name, kind, created_at, updated_at) VALUES ('B', 'x', 'dinas', '${now}', '${now}')`);
    return [first, await codes()];
  });
  expect(seen).toEqual([['A'], ['A']]);
  expect(await committedCodes()).toEqual(['A', 'B']);
  await expect(
    uow.read(async () => {
      await insert('C');
    }),
  ).rejects.toMatchObject({ cause: { code: '25006' } }); // read_only_sql_transaction
  // Inside a unit a read is part of it, and sees its changes.
  expect(await uow.write(async () => (await insert('D'), await uow.read(codes)))).toEqual(['A', 'B', 'D']);
  expect(await committedCodes()).toEqual(['A', 'B', 'D']);
});

it('runs what waits for a commit after the commit, outside the unit, and never after a rollback', async () => {
  const ran: string[] = [];
  await uow.write(async () => {
    await insert('A');
    uow.afterCommit(() => void insert('B').then(() => ran.push('outer')));
    await expect(
      uow.write(async () => {
        uow.afterCommit(() => ran.push('undone savepoint'));
        await insert('a');
      }),
    ).rejects.toMatchObject({ code: 'UNIT_CODE_TAKEN' });
    expect(ran).toEqual([]);
  });
  await expect(uow.write(async () => (uow.afterCommit(() => ran.push('rolled back')), await insert('A')))).rejects.toMatchObject({ code: 'UNIT_CODE_TAKEN' });
  await new Promise((resolve) => setTimeout(resolve, 50));
  // 'B' went in after the unit, on a connection of its own (in the unit it would be undone or refused).
  expect(ran).toEqual(['outer']);
  expect(await committedCodes()).toEqual(['A', 'B']);
});

it('runs a unit again when PostgreSQL cannot serialise it, so check-then-write holds under concurrency', async () => {
  let runs = 0;
  // Ten units each read how many units exist and add one named after the count: only
  // serializable execution gives ten different names.
  await Promise.all(
    Array.from({ length: 10 }, () =>
      uow.write(async () => {
        runs++;
        const n = (await codes()).length;
        await new Promise((resolve) => setTimeout(resolve, 2));
        await insert(`N${n}`);
      }),
    ),
  );
  expect(await committedCodes()).toEqual(Array.from({ length: 10 }, (_, i) => `N${i}`));
  expect(runs).toBeGreaterThan(10);
});

describe('adding up the version raises', () => {
  const waiting = async () => Number((await database.pool.query<{ n: string }>('SELECT count(*) AS n FROM feed_version_changes')).rows[0]!.n);

  it('waits longer between rounds while nothing is raised, from a second to five minutes', () => {
    expect([1000, 2000, 128_000, 256_000, 300_000].map((delay) => nextAddUpDelay(delay, 0))).toEqual([2000, 4000, 256_000, 300_000, 300_000]);
    expect(nextAddUpDelay(300_000, 3)).toBe(ADD_UP_MS.soon);
  });

  it('adds up a write’s raises within about a second, however long the database was idle before', async () => {
    // Idle for 7.5 s: the rounds came at about 1, 3 and 7 s, and the next is due at 15 s.
    await new Promise((resolve) => setTimeout(resolve, 7_500));
    await uow.write(() => insert('V'));
    await uow.write(() => pgDb().execute(sql`UPDATE units SET name = 'Dinas Perhubungan' WHERE code = 'V'`));
    expect(await waiting()).toBeGreaterThan(0);
    const since = Date.now();
    while ((await waiting()) > 0 && Date.now() - since < 10_000) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await waiting()).toBe(0);
    // Well before the idle round's 7.5 s (a loaded machine may take a few seconds).
    expect(Date.now() - since).toBeLessThan(5_000);
  }, 30_000);
});
