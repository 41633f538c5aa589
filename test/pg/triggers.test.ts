import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { Client, Pool } from 'pg';
import { CONSTRAINT_ERRORS } from '../../src/container';
import { TRIGGERS } from '../../src/features/triggers';
import { createConstraintTranslator, createPgConstraintTranslator, uniqueIndexes, violatedConstraint, violatedPgConstraint } from '../../src/platform/constraints';
import { openDatabase, type OpenDatabase } from '../../src/platform/database';
import { AppError } from '../../src/platform/errors';
import { PG_MIGRATIONS_FOLDER, PG_TRIGGERS_FILE } from '../../src/platform/pg-migrations';
import { ADD_UP_VERSION_CHANGES, createVersionReader } from '../../src/platform/data-versions';
import { openPostgres } from '../../src/platform/postgres';
import type { Db } from '../../src/platform/database';
import { startPostgres, type PostgresCluster } from '../helpers/postgres';

/**
 * PostgreSQL's triggers (migrations/pg/repeatable/triggers.sql) against SQLite's: the same
 * statements run on both engines, which must refuse the same ones with the same codes and raise
 * the same data versions and iCalendar sequences.
 */
let cluster: PostgresCluster;
let url: string;
let pool: Pool;
let sqlite: OpenDatabase;
const triggersSql = fs.readFileSync(PG_TRIGGERS_FILE, 'utf8');

beforeAll(async () => {
  cluster = await startPostgres();
  url = await cluster.createDatabase('triggers');
  pool = new Pool({ connectionString: url });
  await migrate(drizzle(pool), { migrationsFolder: PG_MIGRATIONS_FOLDER });
  await pool.query(triggersSql);
}, 60_000);
afterAll(async () => {
  await pool?.end();
  await cluster?.stop();
});

beforeEach(async () => {
  const tables = (await pool.query<{ name: string }>(`SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = 'public'`)).rows.map((t) => t.name);
  // TRUNCATE fires no row triggers: every test starts from empty tables and no versions.
  await pool.query(`TRUNCATE ${tables.join(', ')} RESTART IDENTITY CASCADE`);
  sqlite = openDatabase(':memory:');
  await onBoth(SEED);
});
afterEach(() => sqlite.close());

const now = '2013-09-01T00:00:00.000Z';
const SEED = `
  INSERT INTO units (id, code, name, kind, created_at, updated_at) VALUES (1, 'A', 'Dinas A', 'dinas', '${now}', '${now}'), (2, 'B', 'Dinas B', 'dinas', '${now}', '${now}');
  INSERT INTO programmes (id, name, timezone, created_at, updated_at) VALUES (1, 'P', 'Asia/Makassar', '${now}', '${now}'), (2, 'Q', 'Asia/Makassar', '${now}', '${now}');
  INSERT INTO batches (id, programme_id, name, capacity, unit_quota, created_at, updated_at) VALUES (1, 1, 'I', 3, 2, '${now}', '${now}');
  INSERT INTO participants (id, nip, name, unit_id, created_at, updated_at) VALUES
    (1, '197503122000031001', 'P1', 1, '${now}', '${now}'), (2, '197503122000031002', 'P2', 1, '${now}', '${now}'),
    (3, '197503122000031003', 'P3', 1, '${now}', '${now}'), (4, '197503122000031004', 'P4', 2, '${now}', '${now}'),
    (5, '197503122000031005', 'P5', 2, '${now}', '${now}'), (6, '197503122000031006', 'P6', 2, '${now}', '${now}');
`;
const PERIODS = `
  INSERT INTO asistensi_periods (id, programme_id, name, start_date, working_days, slot_times, skip_weekends, use_national_holidays, cancel_notice_hours, created_at, updated_at)
    VALUES (1, 1, 'A', '2013-10-21', 10, '[]', true, true, 24, '${now}', '${now}'), (2, 1, 'B', '2013-10-21', 10, '[]', true, true, 24, '${now}', '${now}');
  INSERT INTO slots (id, period_id, date, start_time, end_time, status) VALUES
    (1, 1, '2013-10-21', '09:00', '12:00', 'open'), (2, 1, '2013-10-21', '13:00', '16:00', 'open'),
    (3, 1, '2013-10-22', '09:00', '12:00', 'closed'), (4, 2, '2013-10-21', '09:00', '12:00', 'open');
`;

const enrol = (id: number, participantId: number, unitId: number, status = 'confirmed', programmeId = 1) =>
  `INSERT INTO enrolments (id, batch_id, programme_id, participant_id, unit_id, status, created_at, updated_at) VALUES (${id}, 1, ${programmeId}, ${participantId}, ${unitId}, '${status}', '${now}', '${now}')`;
const book = (id: number, slotId: number, unitId: number, periodId = 1, status = 'active') =>
  `INSERT INTO bookings (id, period_id, slot_id, unit_id, status, created_at, updated_at) VALUES (${id}, ${periodId}, ${slotId}, ${unitId}, '${status}', '${now}', '${now}')`;

/** What an engine made of a statement: 'ok', the constraint that refused it, or else the error's message. */
type Outcome = string;

async function onBoth(statements: string): Promise<{ sqlite: Outcome; pg: Outcome }> {
  let onSqlite: Outcome = 'ok';
  let onPg: Outcome = 'ok';
  try {
    sqlite.sqlite.exec(statements);
  } catch (err) {
    onSqlite = violatedConstraint(err, uniqueIndexes(sqlite.sqlite)) ?? String(err);
  }
  try {
    await pool.query(statements);
  } catch (err) {
    onPg = violatedPgConstraint(err) ?? String(err);
  }
  return { sqlite: onSqlite, pg: onPg };
}

/** Runs the statements on both engines and expects both to end the same way. */
async function expectBoth(statements: string, outcome: Outcome = 'ok') {
  expect({ statements, ...(await onBoth(statements)) }).toEqual({ statements, sqlite: outcome, pg: outcome });
}

/** A query's rows on both engines (the same SQL, so columns and order match). */
async function rowsOnBoth(query: string) {
  return { sqlite: sqlite.sqlite.prepare(query).all(), pg: (await pool.query(query)).rows };
}

async function expectSameRows(query: string) {
  const rows = await rowsOnBoth(query);
  expect(rows.pg).toEqual(rows.sqlite);
  return rows.pg;
}

/** Each scope's version: its row in feed_versions plus the raises PostgreSQL's triggers leave in feed_version_changes. */
const versions = `SELECT scope, sum(version) AS version FROM (SELECT scope, version FROM feed_versions UNION ALL SELECT scope, count(*) FROM feed_version_changes GROUP BY scope) AS raised GROUP BY scope ORDER BY scope`;

describe('the PostgreSQL triggers file', () => {
  it('creates one function and one trigger per declaration, and running it again drops what is no longer declared', async () => {
    await pool.query(`CREATE FUNCTION leftover() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;
      CREATE TRIGGER leftover AFTER INSERT ON units FOR EACH ROW EXECUTE FUNCTION leftover()`);
    await pool.query(triggersSql);
    const triggers = (await pool.query<{ name: string }>(`SELECT tgname AS name FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1`)).rows.map((r) => r.name);
    const functions = (await pool.query<{ name: string }>(`SELECT proname AS name FROM pg_proc WHERE prorettype = 'trigger'::regtype AND pronamespace = 'public'::regnamespace ORDER BY 1`)).rows.map((r) => r.name);
    const declared = TRIGGERS.map((t) => t.name).sort();
    expect(triggers).toEqual(declared);
    expect(functions).toEqual(declared);
  });
});

describe('guards on PostgreSQL refuse what SQLite refuses, with the same codes', () => {
  it('a confirmed enrolment over the unit quota', async () => {
    await expectBoth(enrol(1, 1, 1));
    await expectBoth(enrol(2, 2, 1));
    await expectBoth(enrol(3, 3, 1), 'UNIT_QUOTA_REACHED');
    await expectBoth(enrol(3, 3, 1, 'waitlisted'));
  });

  it('a confirmed enrolment over capacity, also by promotion', async () => {
    await expectBoth(enrol(1, 1, 1));
    await expectBoth(enrol(2, 4, 2));
    await expectBoth(enrol(3, 5, 2));
    await expectBoth(enrol(4, 2, 1), 'BATCH_FULL');
    await expectBoth(enrol(4, 2, 1, 'waitlisted'));
    await expectBoth(`UPDATE enrolments SET status = 'confirmed' WHERE participant_id = 2`, 'BATCH_FULL');
  });

  it('an enrolment whose programme is not its batch’s', async () => {
    await expectBoth(enrol(1, 1, 1, 'confirmed', 2), 'PROGRAMME_MISMATCH');
    await expectBoth(enrol(1, 1, 1));
    await expectBoth(`UPDATE enrolments SET programme_id = 2 WHERE id = 1`, 'PROGRAMME_MISMATCH');
  });

  it('shrinking a batch below its confirmed seats', async () => {
    await expectBoth(enrol(1, 1, 1));
    await expectBoth(enrol(2, 2, 1));
    await expectBoth(`UPDATE batches SET capacity = 1, unit_quota = 1 WHERE id = 1`, 'CAPACITY_BELOW_CONFIRMED');
    await expectBoth(`UPDATE batches SET unit_quota = 1 WHERE id = 1`, 'QUOTA_BELOW_CONFIRMED');
    await expectBoth(`UPDATE batches SET capacity = 2 WHERE id = 1`);
  });

  it('deleting or moving an official with an active enrolment', async () => {
    await expectBoth(enrol(1, 1, 1));
    await expectBoth(`DELETE FROM participants WHERE id = 1`, 'PARTICIPANT_ENROLLED');
    await expectBoth(`UPDATE participants SET unit_id = 2 WHERE id = 1`, 'HAS_ACTIVE_ENROLMENT');
    await expectBoth(`UPDATE participants SET unit_id = 1, name = 'P1 renamed' WHERE id = 1`);
    await expectBoth(`UPDATE enrolments SET unit_id = 2 WHERE id = 1; UPDATE participants SET unit_id = 2 WHERE id = 1`);
    await expectBoth(`UPDATE enrolments SET status = 'cancelled' WHERE id = 1; DELETE FROM participants WHERE id = 1`);
  });

  it('bookings only of open slots of their own period, and no slot closed under a booking', async () => {
    await expectBoth(PERIODS);
    await expectBoth(book(1, 3, 1), 'SLOT_CLOSED');
    await expectBoth(book(1, 4, 1, 1), 'SLOT_PERIOD_MISMATCH');
    await expectBoth(book(1, 1, 1));
    await expectBoth(`UPDATE slots SET status = 'closed' WHERE id = 1`, 'SLOT_HAS_BOOKING');
    await expectBoth(`UPDATE bookings SET slot_id = 3 WHERE slot_id = 1`, 'SLOT_CLOSED');
    await expectBoth(`UPDATE bookings SET slot_id = 4 WHERE slot_id = 1`, 'SLOT_PERIOD_MISMATCH');
    await expectBoth(`UPDATE bookings SET status = 'cancelled' WHERE id = 1; UPDATE slots SET status = 'closed' WHERE id = 1`);
  });

  it('fulfil a unit’s open request when it books', async () => {
    await expectBoth(PERIODS);
    await expectBoth(`INSERT INTO asistensi_requests (id, period_id, unit_id, preferred_dates, status, created_at, updated_at) VALUES
      (1, 1, 1, '[]', 'open', '${now}', '${now}'), (2, 1, 2, '[]', 'open', '${now}', '${now}')`);
    await expectBoth(`${book(1, 1, 1, 1)}; ${book(2, 2, 2, 1, 'cancelled')}`);
    const requests = await expectSameRows(`SELECT id, status, booking_id, updated_at FROM asistensi_requests ORDER BY id`);
    expect(requests).toEqual([
      { id: 1, status: 'scheduled', booking_id: 1, updated_at: now },
      { id: 2, status: 'open', booking_id: null, updated_at: now },
    ]);
  });
});

describe('generated triggers on PostgreSQL', () => {
  it('raise the same data versions as on SQLite', async () => {
    const writes = [
      `INSERT INTO batches (id, programme_id, name, capacity, unit_quota, created_at, updated_at) VALUES (2, 1, 'II', 3, 2, '${now}', '${now}')`,
      `INSERT INTO batch_days (batch_id, date, start_time, end_time) VALUES (1, '2013-10-08', '08:00', '16:00'), (2, '2013-10-09', '08:00', '16:00')`,
      `UPDATE batch_days SET start_time = '09:00' WHERE batch_id = 1`,
      `UPDATE batches SET programme_id = 2 WHERE id = 2`,
      `UPDATE batches SET name = name`,
      enrol(1, 1, 1),
      enrol(2, 4, 2, 'waitlisted'),
      `UPDATE enrolments SET status = 'cancelled' WHERE id = 1`,
      `DELETE FROM enrolments WHERE id = 2`,
      `UPDATE participants SET name = 'P1 renamed' WHERE id = 1`,
      `UPDATE participants SET position = 'Kepala' WHERE id = 2`,
      `UPDATE participants SET unit_id = 1 WHERE id = 6`,
      `DELETE FROM participants WHERE id = 5`,
      `UPDATE units SET name = 'Dinas A baru' WHERE id = 1`,
      `UPDATE units SET name = name, email = 'a@example.go.id'`,
      `UPDATE programmes SET name = 'P baru' WHERE id = 1`,
      PERIODS,
      `UPDATE slots SET end_time = '12:30' WHERE id = 1`,
      `INSERT INTO asistensi_requests (id, period_id, unit_id, preferred_dates, status, created_at, updated_at) VALUES (1, 1, 1, '[]', 'open', '${now}', '${now}')`,
      book(1, 1, 1),
      book(2, 2, 2, 1, 'cancelled'),
      `UPDATE bookings SET attended = true WHERE id = 1`,
      `DELETE FROM bookings WHERE id = 2`,
      `DELETE FROM asistensi_requests WHERE id = 1`,
      `INSERT INTO walk_ins (id, period_id, unit_id, date, created_at) VALUES (1, 1, 2, '2013-10-21', '${now}')`,
      `UPDATE walk_ins SET notes = 'x' WHERE id = 1`,
      `DELETE FROM walk_ins WHERE id = 1`,
      `INSERT INTO drafts (id, programme_id, unit_id, title, sop_count, status, created_at, updated_at) VALUES (1, 1, 2, 'SOP', 3, 'submitted', '${now}', '${now}')`,
      `UPDATE drafts SET status = 'received' WHERE id = 1`,
      `DELETE FROM drafts WHERE id = 1`,
      `DELETE FROM batch_days WHERE batch_id = 2`,
      `DELETE FROM batches WHERE id = 2`,
    ];
    for (const write of writes) {
      await expectBoth(write);
      const rows = await rowsOnBoth(versions);
      expect({ after: write, versions: rows.pg }).toEqual({ after: write, versions: rows.sqlite });
    }
    const final = Object.fromEntries((await pool.query<{ scope: string; version: number }>(versions)).rows.map((r) => [r.scope, r.version]));
    expect(final).toMatchObject({ all: 1, 'programme:1': expect.any(Number), 'programme:2': expect.any(Number), 'unit:1': expect.any(Number), 'unit:2': expect.any(Number), 'seats:1': 4 });
  });

  it('raise SEQUENCE (and LAST-MODIFIED where another row caused it) as on SQLite', async () => {
    await expectBoth(PERIODS);
    await expectBoth(`${book(1, 1, 1)}; ${book(2, 2, 2)}; ${book(3, 4, 1, 2, 'cancelled')}`);
    await expectBoth(`INSERT INTO batch_days (batch_id, date, start_time, end_time) VALUES (1, '2013-10-08', '08:00', '16:00')`);
    const later = '2013-09-05T00:00:00.000Z';
    const writes = [
      `UPDATE batches SET venue = 'Aula' WHERE id = 1`,
      `UPDATE batches SET venue = 'Aula' WHERE id = 1`,
      // A day before the others renumbers them; one after does not.
      `INSERT INTO batch_days (batch_id, date, start_time, end_time) VALUES (1, '2013-10-07', '08:00', '16:00')`,
      `INSERT INTO batch_days (batch_id, date, start_time, end_time) VALUES (1, '2013-10-09', '08:00', '16:00')`,
      `UPDATE batch_days SET end_time = '15:00' WHERE date = '2013-10-07'`,
      `DELETE FROM batch_days WHERE date = '2013-10-09'`,
      `UPDATE bookings SET slot_id = 2, status = 'cancelled' WHERE id = 2`,
      `UPDATE bookings SET topic = 'SOP' WHERE id = 1`,
      `UPDATE slots SET end_time = '12:30' WHERE id = 1`,
      `UPDATE asistensi_periods SET location = 'Aula', updated_at = '${later}' WHERE id = 1`,
      `UPDATE programmes SET organiser_email = 'org@example.go.id', updated_at = '${later}' WHERE id = 1`,
      `UPDATE programmes SET draft_deadline = '2013-11-01' WHERE id = 1`,
    ];
    const sequences = `SELECT 'batch' AS kind, id, sequence, updated_at FROM batches
      UNION ALL SELECT 'booking', id, sequence, updated_at FROM bookings
      UNION ALL SELECT 'programme', id, sequence, updated_at FROM programmes ORDER BY 1, 2`;
    for (const write of writes) {
      await expectBoth(write);
      const rows = await rowsOnBoth(sequences);
      expect({ after: write, sequences: rows.pg }).toEqual({ after: write, sequences: rows.sqlite });
    }
    expect((await pool.query(sequences)).rows).toEqual([
      { kind: 'batch', id: 1, sequence: 5, updated_at: later },
      { kind: 'booking', id: 1, sequence: 3, updated_at: later },
      // Cancelled bookings too take the programme's new organiser (every booking of its periods).
      { kind: 'booking', id: 2, sequence: 2, updated_at: later },
      { kind: 'booking', id: 3, sequence: 1, updated_at: later },
      { kind: 'programme', id: 1, sequence: 2, updated_at: later },
      { kind: 'programme', id: 2, sequence: 0, updated_at: now },
    ]);
  });
});

describe('constraint errors on PostgreSQL', () => {
  it('become the same API errors as on SQLite, also wrapped by drizzle', async () => {
    const onSqlite = createConstraintTranslator(sqlite.sqlite, CONSTRAINT_ERRORS);
    const onPg = createPgConstraintTranslator(CONSTRAINT_ERRORS);
    const db = drizzle(pool);
    const codes = async (statement: string) => {
      let sqliteError: unknown;
      let pgError: unknown;
      try {
        sqlite.sqlite.exec(statement);
      } catch (err) {
        sqliteError = onSqlite(err);
      }
      try {
        await db.execute(sql.raw(statement));
      } catch (err) {
        pgError = onPg(err);
      }
      for (const error of [sqliteError, pgError]) expect(error).toBeInstanceOf(AppError);
      return { sqlite: (sqliteError as AppError).code, pg: (pgError as AppError).code };
    };
    const same = (code: { sqlite: string; pg: string }) => expect(code.pg).toBe(code.sqlite);
    // Explicit ids: PostgreSQL's identity does not count the seeded rows.
    same(await codes(`INSERT INTO units (id, code, name, kind, created_at, updated_at) VALUES (9, 'a', 'x', 'dinas', '${now}', '${now}')`)); // unique (expression index)
    same(await codes(`INSERT INTO batches (id, programme_id, name, capacity, unit_quota, created_at, updated_at) VALUES (9, 1, 'I', 3, 2, '${now}', '${now}')`)); // unique (columns)
    same(await codes(`INSERT INTO units (id, code, name, kind, created_at, updated_at) VALUES (9, 'Z', 'x', 'ministry', '${now}', '${now}')`)); // check
    same(await codes(`UPDATE batches SET unit_quota = 5 WHERE id = 1`)); // check
    same(await codes(`INSERT INTO batch_days (batch_id, date, start_time, end_time) VALUES (1, '2013-10-07', '08:00', '16:00'), (1, '2013-10-07', '09:00', '16:00')`)); // composite primary key
    same(await codes(enrol(1, 1, 1, 'confirmed', 2))); // RAISE
    await expectBoth(`${enrol(1, 1, 1)}; ${enrol(2, 2, 1)}`);
    same(await codes(enrol(3, 3, 1))); // RAISE

    // Anything else passes through as it came (here a foreign key: no official 99).
    const foreignKey = await db.execute(sql.raw(enrol(9, 99, 1, 'waitlisted'))).catch((err: unknown) => err);
    expect(onPg(foreignKey)).toBe(foreignKey);
  });

  it('each has one API error: the names PostgreSQL reports are the keys of the map', async () => {
    const names = new Set(
      (
        await pool.query<{ name: string }>(`
          SELECT i.relname AS name FROM pg_index AS x JOIN pg_class AS i ON i.oid = x.indexrelid
            WHERE x.indisunique AND NOT x.indisprimary AND i.relnamespace = 'public'::regnamespace
          UNION SELECT conname FROM pg_constraint WHERE contype = 'c' AND connamespace = 'public'::regnamespace
          -- A primary key as SQLite reports it; a single integer one is SQLite's rowid, which never is.
          UNION SELECT t.relname || '_pkey' FROM pg_constraint AS c JOIN pg_class AS t ON t.oid = c.conrelid
            WHERE c.contype = 'p' AND c.connamespace = 'public'::regnamespace
              AND NOT (cardinality(c.conkey) = 1 AND (SELECT atttypid FROM pg_attribute WHERE attrelid = c.conrelid AND attnum = c.conkey[1]) = 'integer'::regtype)`)
      ).rows.map((r) => r.name),
    );
    for (const fn of (await pool.query<{ body: string }>(`SELECT prosrc AS body FROM pg_proc WHERE pronamespace = 'public'::regnamespace`)).rows)
      for (const m of fn.body.matchAll(/RAISE EXCEPTION '([A-Z_]+)'/g)) names.add(m[1]!);
    expect([...names].sort()).toEqual(Object.keys(CONSTRAINT_ERRORS).sort());
  });
});

describe('concurrent enrolments on PostgreSQL (READ COMMITTED)', () => {
  it('fill a batch of 5 seats, 2 per unit, and no more: the guard queues them on the batch row', async () => {
    const units = [3, 4, 5, 6];
    await pool.query(`
      INSERT INTO units (id, code, name, kind, created_at, updated_at) VALUES ${units.map((u) => `(${u}, 'U${u}', 'Dinas ${u}', 'dinas', '${now}', '${now}')`).join(', ')};
      INSERT INTO batches (id, programme_id, name, capacity, unit_quota, created_at, updated_at) VALUES (2, 1, 'II', 5, 2, '${now}', '${now}');
      INSERT INTO participants (id, nip, name, unit_id, created_at, updated_at) VALUES
        ${Array.from({ length: 20 }, (_, i) => `(${100 + i}, '1975031220000310${String(i + 10)}', 'Q${i}', ${units[i % 4]}, '${now}', '${now}')`).join(', ')};
    `);
    const clients = await Promise.all(
      Array.from({ length: 20 }, async () => {
        const client = new Client({ connectionString: url });
        await client.connect();
        await client.query('BEGIN ISOLATION LEVEL READ COMMITTED');
        return client;
      }),
    );
    const outcomes = await Promise.all(
      clients.map(async (client, i) => {
        try {
          await client.query(
            `INSERT INTO enrolments (batch_id, programme_id, participant_id, unit_id, status, created_at, updated_at) VALUES (2, 1, ${100 + i}, ${units[i % 4]}, 'confirmed', '${now}', '${now}')`,
          );
          // Holds the seat uncommitted for a moment: without the lock, the others would count around it.
          await client.query('SELECT pg_sleep(0.02)');
          await client.query('COMMIT');
          return 'ok';
        } catch (err) {
          await client.query('ROLLBACK');
          return violatedPgConstraint(err) ?? String(err);
        } finally {
          await client.end();
        }
      }),
    );
    const perUnit = (await pool.query<{ unit_id: number; seats: number }>(`SELECT unit_id, count(*)::int AS seats FROM enrolments WHERE batch_id = 2 AND status = 'confirmed' GROUP BY unit_id`)).rows;
    expect(perUnit.reduce((sum, u) => sum + u.seats, 0)).toBe(5);
    expect(Math.max(...perUnit.map((u) => u.seats))).toBeLessThanOrEqual(2);
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(5);
    expect(outcomes.filter((o) => !['ok', 'BATCH_FULL', 'UNIT_QUOTA_REACHED'].includes(o))).toEqual([]);
  });
});

/** A connection of its own, for a transaction held open beside others. */
const connect = async () => {
  const client = new Client({ connectionString: url });
  await client.connect();
  return client;
};

describe('a parent row changed while a child is written (READ COMMITTED)', () => {
  /** Waits until a session of the database waits for a lock another holds. */
  async function untilBlocked() {
    for (let tries = 0; tries < 200; tries++) {
      const waiting = await pool.query(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
      if (waiting.rowCount) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error('no session waits for a lock');
  }
  const outcome = (query: Promise<unknown>) => query.then(() => 'ok', (err: unknown) => violatedPgConstraint(err) ?? String(err));
  let first: Client;
  let second: Client;
  beforeEach(async () => {
    await pool.query(PERIODS);
    [first, second] = await Promise.all([connect(), connect()]);
  });
  afterEach(async () => {
    await Promise.all([first.end(), second.end()]);
  });

  it('a slot closing while a booking is written waits for it, then refuses; a booking waits for a closing slot, then refuses', async () => {
    await first.query('BEGIN');
    await first.query(book(1, 1, 1));
    await second.query('BEGIN');
    const closing = outcome(second.query(`UPDATE slots SET status = 'closed' WHERE id = 1`));
    await untilBlocked();
    await first.query('COMMIT');
    expect(await closing).toBe('SLOT_HAS_BOOKING');
    await second.query('ROLLBACK');

    await second.query('BEGIN');
    await second.query(`UPDATE slots SET status = 'closed' WHERE id = 2`);
    await first.query('BEGIN');
    const booking = outcome(first.query(book(2, 2, 2)));
    await untilBlocked();
    await second.query('COMMIT');
    expect(await booking).toBe('SLOT_CLOSED');
    await first.query('ROLLBACK');
  });

  it('an official moving while an enrolment is written waits for it, then refuses', async () => {
    await first.query('BEGIN');
    await first.query(enrol(1, 1, 1));
    await second.query('BEGIN');
    const moving = outcome(second.query(`UPDATE participants SET unit_id = 2 WHERE id = 1`));
    await untilBlocked();
    await first.query('COMMIT');
    expect(await moving).toBe('HAS_ACTIVE_ENROLMENT');
    await second.query('ROLLBACK');
  });

  it('a batch shrinking while a seat is confirmed waits for it, then refuses', async () => {
    await first.query('BEGIN');
    await first.query(`${enrol(1, 1, 1)}; ${enrol(2, 4, 2)}`);
    await second.query('BEGIN');
    const shrinking = outcome(second.query(`UPDATE batches SET capacity = 1, unit_quota = 1 WHERE id = 1`));
    await untilBlocked();
    await first.query('COMMIT');
    expect(await shrinking).toBe('CAPACITY_BELOW_CONFIRMED');
    await second.query('ROLLBACK');
  });
});

describe('data versions with writers at the same time (SERIALIZABLE)', () => {
  const reader = () => createVersionReader(drizzle(pool) as unknown as Db);
  const changesLeft = async () => Number((await pool.query<{ n: number }>(`SELECT count(*) AS n FROM feed_version_changes`)).rows[0]!.n);

  it('two transactions booking in one programme at once both commit, each raise counts, and adding them up keeps the version', async () => {
    await pool.query(PERIODS);
    await pool.query(ADD_UP_VERSION_CHANGES);
    const versionsOf = async () => Object.fromEntries((await reader().signatureOf(['programme:1', 'unit:1'])).split(',').map((pair) => [pair.split('=')[0], Number(pair.split('=')[1])]));
    const before = await versionsOf();
    const [first, second] = await Promise.all([connect(), connect()]);
    try {
      for (const client of [first, second]) {
        await client.query('BEGIN ISOLATION LEVEL SERIALIZABLE');
        await client.query('SELECT count(*) FROM programmes'); // the snapshot is taken here
      }
      await first.query(book(1, 1, 1));
      await first.query('COMMIT');
      // A row updated by both would fail here ("could not serialize access due to concurrent update").
      await second.query(book(2, 2, 2));
      await second.query('COMMIT');
    } finally {
      await Promise.all([first.end(), second.end()]);
    }
    const after = await versionsOf();
    expect(after).toEqual({ 'programme:1': before['programme:1'] + 2, 'unit:1': before['unit:1'] + 1 });
    expect(await changesLeft()).toBe(4); // each booking raised its programme and its unit
    await pool.query(ADD_UP_VERSION_CHANGES);
    expect({ versions: await versionsOf(), left: await changesLeft() }).toEqual({ versions: after, left: 0 });
    await pool.query(`UPDATE bookings SET status = 'cancelled' WHERE id = 2`);
    const cancelled = await versionsOf();
    expect(cancelled['programme:1']).toBeGreaterThan(after['programme:1']);
    expect(cancelled['unit:1']).toBe(after['unit:1']);
  });
  it('are added up by every opened database within a second or two, and stop being added up once it closes', async () => {
    await pool.query(PERIODS);
    const before = await reader().signatureOf(['programme:1']);
    expect(await changesLeft()).toBeGreaterThan(0);
    const opened = await openPostgres(url, { poolSize: 1 });
    try {
      for (let tries = 0; tries < 40 && (await changesLeft()) > 0; tries++) await new Promise((resolve) => setTimeout(resolve, 100));
      expect({ left: await changesLeft(), versions: await reader().signatureOf(['programme:1']) }).toEqual({ left: 0, versions: before });
    } finally {
      await opened.close();
    }
    await pool.query(`UPDATE programmes SET name = 'P lagi' WHERE id = 1`);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await changesLeft()).toBeGreaterThan(0);
  });
});
