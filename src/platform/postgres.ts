import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import type { ConstraintTranslator } from './constraints';
import { ADD_UP_VERSION_CHANGES } from './data-versions';
import { AppError } from './errors';
import type { Db } from './database';
import { PG_MIGRATIONS_FOLDER, PG_TRIGGERS_FILE } from './pg-migrations';
import { callingThrough, DryRunRollback, dryRunOver, runCommitted, type UnitOfWork } from './unit-of-work';

/**
 * The service on PostgreSQL. Repositories keep their sqlite-core tables: drizzle's PostgreSQL
 * dialect builds the same queries from them and maps rows with the same column mappers (the
 * schema itself comes from the generated *.tables.pg.ts, migrations/pg). So the repositories,
 * services and pages do not know which engine runs; this file and the unit of work do.
 */
export interface PostgresDatabase {
  engine: 'postgres';
  db: Db;
  pool: pg.Pool;
  /** The unit of work each async context runs in (its connection), if any. */
  units: AsyncLocalStorage<PostgresUnit>;
  /** Runs `statement` on a unit's connection after the statements already waiting for it. */
  inTurn<T>(connection: pg.PoolClient, statement: () => Promise<T>): Promise<T>;
  /** Says a write committed: its version raises are added up within a second. */
  wrote(): void;
  close(): Promise<void>;
}

/**
 * How far apart the rounds adding up the version raises are: a second after a write, up to five
 * minutes while idle (longer than a pool keeps an idle connection, 10 s, so an idle government
 * holds none; raises a process left behind when it stopped wait that long, counted by readers).
 */
export const ADD_UP_MS = { soon: 1000, idle: 300_000 };

/** The wait before the next round: back to a second once one moved raises, twice as long (up to the idle wait) while none do. */
export const nextAddUpDelay = (previous: number, moved: number) => (moved > 0 ? ADD_UP_MS.soon : Math.min(previous * 2, ADD_UP_MS.idle));

export interface PostgresUnit {
  client: pg.PoolClient;
  depth: number;
  open: boolean;
  /** What runs after the outermost unit commits (a savepoint's, once it is released). */
  committed: (() => void)[];
}

// What node-postgres hands the sqlite column mappers: counts (bigint) as numbers, json and
// jsonb as their text (the json columns' mapper parses it, as it does SQLite's text).
pg.types.setTypeParser(pg.types.builtins.INT8, Number);
pg.types.setTypeParser(pg.types.builtins.NUMERIC, Number);
pg.types.setTypeParser(pg.types.builtins.JSON, (text: string) => text);
pg.types.setTypeParser(pg.types.builtins.JSONB, (text: string) => text);

/**
 * The database cannot be reached (down, restarting, failing over, or the connection broke):
 * answered 503 with Retry-After, not 500; the pool connects again by itself when it is back.
 */
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006']);

export function unreachable(err: unknown): AppError | undefined {
  for (let current = err as { code?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0; current && depth < 5; current = current.cause as typeof current, depth++) {
    const lostConnection = typeof current.message === 'string' && /^Connection terminated|not queryable|timeout exceeded when trying to connect/.test(current.message);
    if (UNREACHABLE_CODES.has(String(current.code)) || lostConnection)
      return new AppError(503, 'DATABASE_UNAVAILABLE', 'The database cannot be reached just now; try again in a few seconds', undefined, { retryAfterSeconds: 5 });
  }
  return undefined;
}

/** A pool of at most `max` connections to `url`, named `applicationName` in pg_stat_activity. */
function poolTo(url: string, max: number, applicationName: string): pg.Pool {
  // A request waits at most 5 s for a connection: past that the database is as good as away.
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 5_000, application_name: applicationName });
  // A connection that breaks (the server restarted, a failover) must not take the process with
  // it: idle ones report to the pool, ones in use to themselves (their query fails, and the
  // unit of work gives the connection back as broken).
  pool.on('error', () => undefined);
  pool.on('connect', (connection) => connection.on('error', () => undefined));
  return pool;
}

/** A name (table, column, database) as SQL quotes it. */
export const quotedName = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** A PostgreSQL database as messages may name it: host and database, never the user or password. */
export function describePostgres(url: string): string {
  try {
    const parsed = new URL(url);
    return `PostgreSQL ${parsed.host}${parsed.pathname}`;
  } catch {
    return 'PostgreSQL (an address that is not a URL)';
  }
}

/**
 * Connects a pool to the database at `url`, applies pending migrations and (re)creates the
 * triggers: every process may do it at start, PostgreSQL serialises them (an advisory lock).
 */
export async function openPostgres(url: string, { poolSize = 10 } = {}): Promise<PostgresDatabase> {
  const pool = poolTo(url, poolSize, 'sop-scheduler');
  const units = new AsyncLocalStorage<PostgresUnit>();
  // Statements inside a unit of work run on its connection; all others on any pooled one.
  // A unit's statements started together (Promise.all), and its BEGIN, COMMIT or ROLLBACK,
  // take turns on its connection.
  const lastOf = new WeakMap<pg.PoolClient, Promise<unknown>>();
  const inTurn = <T>(connection: pg.PoolClient, statement: () => Promise<T>): Promise<T> => {
    const turn = (lastOf.get(connection) ?? Promise.resolve()).then(statement);
    lastOf.set(connection, turn.catch(() => undefined));
    return turn;
  };
  const client = {
    query: (...args: unknown[]) => {
      const unit = units.getStore();
      if (!unit?.open) return (pool.query as (...a: unknown[]) => Promise<unknown>)(...args);
      // A statement still waiting when its unit ends (a sibling failed) must not run after the
      // ROLLBACK: it would land outside the transaction, or in the connection's next one.
      return inTurn(unit.client, () => (unit.open ? (unit.client.query as (...a: unknown[]) => Promise<unknown>)(...args) : Promise.reject(new Error('its unit of work ended before this statement ran'))));
    },
  };
  const db = drizzle({ client: client as unknown as pg.Pool }) as unknown as Db;
  try {
    await migratePostgres(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  // The raises the triggers leave in feed_version_changes are added up in rounds; readers count
  // the waiting ones until then (platform/data-versions.ts), so this only keeps them few. The
  // next round is planned when one ends, so rounds waiting for a lost database do not pile up.
  // A round a second after this process writes, further apart while nothing is moved: an idle
  // government's pool then lets its connections go (one deployment may hold hundreds).
  let addingUp: NodeJS.Timeout | undefined;
  let delay = ADD_UP_MS.soon;
  let closed = false;
  const addUpIn = (ms: number) => {
    clearTimeout(addingUp);
    if (closed) return;
    addingUp = setTimeout(() => {
      addingUp = undefined;
      void pool.query(ADD_UP_VERSION_CHANGES).then(
        (moved) => addUpIn((delay = nextAddUpDelay(delay, moved.rowCount ?? 0))),
        () => addUpIn(delay),
      );
    }, ms).unref();
  };
  addUpIn(delay);
  return {
    engine: 'postgres',
    db,
    pool,
    units,
    inTurn,
    wrote() {
      if (delay === ADD_UP_MS.soon) return;
      delay = ADD_UP_MS.soon;
      // A round under way plans the next itself when it ends.
      if (addingUp !== undefined) addUpIn(delay);
    },
    close: async () => {
      closed = true;
      clearTimeout(addingUp);
      await pool.end();
    },
  };
}

/** How a worker thread's read-only connection is named in pg_stat_activity. */
export const READER_APPLICATION_NAME = 'sop-scheduler heavy reads';

/**
 * A worker thread's own reader of the database at `url` (platform/read-only-database.ts): one
 * connection, closed after 10 s without a read and opened again by the next, with the column
 * parsers above (set for every node-postgres connection of the thread) and no migrations (the
 * server applies them). Each read is one REPEATABLE READ READ ONLY transaction, so a whole
 * report or plan sees one committed state, as SQLite's read transaction does.
 */
export function openPostgresReader(url: string) {
  const pool = poolTo(url, 1, READER_APPLICATION_NAME);
  let reading: pg.PoolClient | undefined;
  const client = {
    query: (...args: unknown[]) =>
      reading ? (reading.query as (...a: unknown[]) => Promise<unknown>)(...args) : Promise.reject(new Error('a read-only reader ran a statement outside a read')),
  };
  const db = drizzle({ client: client as unknown as pg.Pool }) as unknown as Db;
  async function snapshot<R>(read: () => Promise<R>): Promise<R> {
    const connection = await pool.connect().catch((err: unknown) => {
      throw unreachable(err) ?? err;
    });
    let broken = false;
    reading = connection;
    try {
      await connection.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const result = await read();
      await connection.query('COMMIT');
      return result;
    } catch (err) {
      await connection.query('ROLLBACK').catch(() => (broken = true));
      throw unreachable(err) ?? err;
    } finally {
      reading = undefined;
      connection.release(broken);
    }
  }
  return { db, snapshot, close: () => pool.end() };
}

/**
 * One process at a time: the migrations, then the triggers file when it changed since it was
 * last applied (re-creating triggers locks their tables: not while other processes serve,
 * unless this release changed them).
 */
async function migratePostgres(pool: pg.Pool) {
  const connection = await pool.connect();
  try {
    await connection.query(`SELECT pg_advisory_lock(hashtext('sop-scheduler migrations'))`);
    await migrate(drizzle({ client: connection }), { migrationsFolder: PG_MIGRATIONS_FOLDER });
    const triggers = fs.readFileSync(PG_TRIGGERS_FILE, 'utf8');
    const checksum = createHash('sha256').update(triggers).digest('hex');
    await connection.query('CREATE TABLE IF NOT EXISTS __repeatable_migrations (name text PRIMARY KEY, checksum text NOT NULL, applied_at text NOT NULL)');
    const { rows } = await connection.query<{ checksum: string }>(`SELECT checksum FROM __repeatable_migrations WHERE name = 'triggers'`);
    if (rows[0]?.checksum !== checksum) {
      await connection.query('BEGIN');
      await connection.query(triggers);
      await connection.query(
        `INSERT INTO __repeatable_migrations (name, checksum, applied_at) VALUES ('triggers', $1, $2) ON CONFLICT (name) DO UPDATE SET checksum = excluded.checksum, applied_at = excluded.applied_at`,
        [checksum, new Date().toISOString()],
      );
      await connection.query('COMMIT');
    }
  } catch (error) {
    await connection.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await connection.query(`SELECT pg_advisory_unlock(hashtext('sop-scheduler migrations'))`).catch(() => undefined);
    connection.release();
  }
}

/** How many migrations this code knows, and how many the database has applied. */
export async function postgresMigrations(pool: pg.Pool): Promise<{ applied: number; known: number }> {
  const journal = JSON.parse(fs.readFileSync(path.join(PG_MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
  const { rows } = await pool.query<{ applied: number }>('SELECT count(*) AS applied FROM drizzle.__drizzle_migrations');
  return { applied: rows[0]!.applied, known: journal.entries.length };
}

/** A serialization failure or a deadlock: the whole unit runs again. */
function mustRetry(err: unknown): boolean {
  for (let current = err as { code?: unknown; cause?: unknown } | undefined, depth = 0; current && depth < 5; current = current.cause as typeof current, depth++)
    if (current.code === '40001' || current.code === '40P01') return true;
  return false;
}

const MAX_ATTEMPTS = 20;
const OPTIMISTIC_ATTEMPTS = 3;
/** A random pause before the next attempt, growing with each (10, 20, 40 ... at most 1000 ms). */
const pauseBefore = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(1000, 10 * 2 ** attempt)));

/**
 * The unit of work on PostgreSQL: each outer unit is a SERIALIZABLE transaction on a connection
 * of its own, run again from the start (up to 20 times, after a random pause that grows each time) when
 * PostgreSQL says it would not be serializable; nested units are savepoints. A unit's function
 * may therefore run more than once: it only ever touches the database.
 */
export function createPostgresUnitOfWork(database: PostgresDatabase, translate: ConstraintTranslator): UnitOfWork {
  const { pool, units } = database;
  /** Transaction control on a unit's connection, after the unit's own statements. */
  const control = (connection: pg.PoolClient, statement: string) => database.inTurn(connection, () => connection.query(statement));

  async function nested<T>(parent: PostgresUnit, fn: () => T | Promise<T>): Promise<T> {
    const name = `uow_${parent.depth}`;
    const unit: PostgresUnit = { client: parent.client, depth: parent.depth + 1, open: true, committed: [] };
    await control(parent.client, `SAVEPOINT ${name}`);
    try {
      const result = await units.run(unit, fn);
      unit.open = false;
      await control(parent.client, `RELEASE ${name}`);
      parent.committed.push(...unit.committed);
      return result;
    } catch (err) {
      unit.open = false;
      // A retry starts the outer unit again: rolling back to the savepoint would not help.
      if (!mustRetry(err)) await control(parent.client, `ROLLBACK TO ${name}; RELEASE ${name}`);
      throw err instanceof DryRunRollback || mustRetry(err) ? err : translate(err);
    }
  }

  /** One transaction on a pooled connection of its own: `begin`, then `fn` as its unit, then COMMIT (ROLLBACK when anything throws). */
  async function transaction<T>(begin: readonly string[], fn: () => T | Promise<T>): Promise<{ result: T; committed: (() => void)[] }> {
    const client = await pool.connect().catch((err: unknown) => {
      throw unreachable(err) ?? err;
    });
    const unit: PostgresUnit = { client, depth: 1, open: true, committed: [] };
    let broken = false;
    try {
      for (const statement of begin) await client.query(statement);
      const result = await units.run(unit, fn);
      unit.open = false;
      await control(client, 'COMMIT');
      return { result, committed: unit.committed };
    } catch (err) {
      unit.open = false;
      await control(client, 'ROLLBACK').catch(() => (broken = true));
      throw err;
    } finally {
      unit.open = false;
      client.release(broken);
    }
  }

  async function outer<T>(fn: () => T | Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        // Past a few attempts a unit stops competing: the units retried that often take turns
        // (a lock held to the end of their transaction), so a hot row cannot starve them.
        const turns = attempt > OPTIMISTIC_ATTEMPTS ? [`SELECT pg_advisory_xact_lock(hashtext('sop-scheduler retried units'))`] : [];
        const { result, committed } = await transaction(['BEGIN ISOLATION LEVEL SERIALIZABLE', ...turns], fn);
        database.wrote();
        runCommitted(units, committed);
        return result;
      } catch (err) {
        if (mustRetry(err) && attempt < MAX_ATTEMPTS) {
          await pauseBefore(attempt);
          continue;
        }
        throw err instanceof DryRunRollback ? err : (unreachable(err) ?? translate(err));
      }
    }
  }

  function write<T>(fn: () => T | Promise<T>): Promise<T> {
    const parent = units.getStore();
    return parent?.open ? nested(parent, fn) : outer(fn);
  }

  async function read<T>(fn: () => T | Promise<T>): Promise<T> {
    if (units.getStore()?.open) return await fn();
    try {
      return (await transaction(['BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY'], fn)).result;
    } catch (err) {
      throw unreachable(err) ?? translate(err);
    }
  }

  return {
    write,
    dryRun: dryRunOver(write),
    read,
    afterCommit(fn) {
      const unit = units.getStore();
      if (unit?.open) unit.committed.push(fn);
      else runCommitted(units, [fn]);
    },
    // Outside a unit a statement runs on a pooled connection of its own, which sees only
    // committed data: nothing to wait for, only a lost database to answer as 503.
    outsideUnits: (repository) =>
      callingThrough(repository, async (method, args) => {
        try {
          return await method(...args);
        } catch (err) {
          throw unreachable(err) ?? err;
        }
      }),
  };
}
