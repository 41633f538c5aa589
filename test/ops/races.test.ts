import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { createContainer } from '../../src/container';
import { systemActor } from '../../src/platform/actor';
import { openDatabase } from '../../src/platform/database';
import { flatMapInOrder, mapInOrder } from '../../src/platform/in-order';
import { openPostgres } from '../../src/platform/postgres';
import { systemClock } from '../../src/platform/time';
import { makeNip } from '../helpers/app';
import { startPostgres, type PostgresCluster } from '../helpers/postgres';
import { startServer, stopServers } from '../helpers/server';

/**
 * Races on real server processes sharing one database, as a deployment with several processes
 * would: requests for the same slot, unit and seats arrive at all of them at once, and every
 * rule still holds. Two processes on one SQLite file; three on one PostgreSQL database (where a
 * process also runs requests side by side). In one process better-sqlite3 runs units of work
 * one after another, so on SQLite only separate processes can race.
 */
describe.each([
  { engine: 'SQLite', processes: 2 },
  { engine: 'PostgreSQL', processes: 3 },
])('$engine, $processes server processes', ({ engine, processes }) => {
  let dir: string;
  let file: string;
  let cluster: PostgresCluster | undefined;
  /** Where the servers find the database, beside the file path (unused on PostgreSQL). */
  let env: Record<string, string> = {};
  let query: <T>(sql: string) => Promise<T[]>;
  let key: string;
  let world: { periodId: number; slotIds: number[]; bookingUnits: number[]; batchIds: number[]; people: number[] };
  let servers: Awaited<ReturnType<typeof startServer>>[];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sop-races-'));
    file = path.join(dir, 'sop.db');
    if (engine === 'PostgreSQL') {
      cluster = await startPostgres();
      env = { DATABASE_URL: await cluster.createDatabase('races') };
    }
    const database = env.DATABASE_URL ? await openPostgres(env.DATABASE_URL) : openDatabase(file);
    const services = createContainer({ database, clock: systemClock });
    const programme = await services.programmes.create(systemActor, { name: 'Balapan' });
    const period = await services.periods.create(systemActor, programme.id, { name: 'Asistensi', startDate: '2031-10-20', useNationalHolidays: false });
    const unit = async (n: number) => (await services.units.create(systemActor, { code: `R${n}`, name: `Unit ${n}`, kind: 'dinas' })).id;
    const bookingUnits = await mapInOrder(Array.from({ length: 100 }, (_, i) => i), unit);
    const batchIds = await mapInOrder([1, 2], async (b) =>
      (await services.batches.create(systemActor, programme.id, { name: `Angkatan ${b}`, capacity: 50, unitQuota: 3, days: [{ date: `2031-10-0${b}`, start: '08:00', end: '16:00' }] })).id,
    );
    const people = await flatMapInOrder(bookingUnits.slice(0, 30), (unitId, u) =>
      mapInOrder(Array.from({ length: 5 }, (_, i) => i), async (i) => (await services.participants.create(systemActor, { nip: makeNip(u * 5 + i + 1), name: `Pegawai ${u}-${i}`, unitId })).id),
    );
    key = (await services.access.create(systemActor, { role: 'organiser', label: 'races' })).key;
    world = { periodId: period.id, slotIds: (await services.bookings.listSlots(systemActor, period.id, {})).map((s) => s.id), bookingUnits, batchIds, people };
    await database.close();
    servers = await Promise.all(Array.from({ length: processes }, () => startServer(file, { env })));
    query = env.DATABASE_URL ? queryPostgres(env.DATABASE_URL) : querySqlite(file);
  }, 60_000);

  afterAll(async () => {
    await stopServers(servers ?? []);
    await cluster?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** POSTs every body at once, to each process in turn. */
  const postAll = (pathOf: (i: number) => string, bodies: object[]) =>
    Promise.all(
      bodies.map((body, i) =>
        fetch(`${servers[i % servers.length]!.url}${pathOf(i)}`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(
          async (res) => ({ status: res.status, body: (await res.json()) as { code?: string; id?: number; status?: string; participantId?: number } }),
        ),
      ),
    );


  it('300 bookings for 20 slots across the processes: exactly 20 succeed, the rest are told why', async () => {
    const { slotIds, bookingUnits, periodId } = world;
    // Each unit tries three slots at once; about fifteen units share each slot.
    const attempts = bookingUnits.flatMap((unitId, i) => [0, 7, 13].map((k) => ({ unitId, slotId: slotIds[(i + k) % slotIds.length]! })));
    const results = await postAll(() => `/asistensi-periods/${periodId}/bookings`, attempts);
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(slotIds.length);
    expect(statuses.filter((s) => s === 409)).toHaveLength(attempts.length - slotIds.length);
    expect(new Set(results.filter((r) => r.status === 409).map((r) => r.body.code))).toEqual(new Set(['SLOT_TAKEN', 'UNIT_ALREADY_BOOKED']));
    expect(await query(`SELECT slot_id FROM bookings WHERE status = 'active' GROUP BY slot_id HAVING count(*) > 1`)).toEqual([]);
    expect(await query(`SELECT unit_id FROM bookings WHERE status = 'active' GROUP BY period_id, unit_id HAVING count(*) > 1`)).toEqual([]);
    expect((await query<{ n: number }>(`SELECT count(*) AS n FROM bookings`))[0]!.n).toBe(slotIds.length);
  });

  it('300 enrolments (each official into both batches, at two processes) keep capacity, quota and one seat per official', async () => {
    const { batchIds, people } = world;
    const attempts = people.flatMap((participantId) => batchIds.map((batchId) => ({ batchId, participantId })));
    const results = await postAll((i) => `/batches/${attempts[i]!.batchId}/enrolments`, attempts.map(({ participantId }) => ({ participantId })));
    expect(results.filter((r) => ![201, 409].includes(r.status))).toEqual([]);
    const created = results.filter((r) => r.status === 201).map((r) => r.body);
    expect(new Set(results.filter((r) => r.status === 409).map((r) => r.body.code))).toEqual(new Set(['ALREADY_ENROLLED', 'UNIT_QUOTA_REACHED']));
    // Every official has exactly one enrolment, and it is what the server answered.
    expect(created.length).toBe(people.length);
    expect(new Set(created.map((e) => e.participantId)).size).toBe(people.length);
    const confirmed = await query<{ batch_id: number; unit_id: number; n: number }>(`SELECT batch_id, unit_id, count(*) AS n FROM enrolments WHERE status = 'confirmed' GROUP BY batch_id, unit_id`);
    for (const batchId of batchIds) expect(confirmed.filter((c) => c.batch_id === batchId).reduce((s, c) => s + c.n, 0)).toBeLessThanOrEqual(50);
    for (const c of confirmed) expect(c.n).toBeLessThanOrEqual(3);
    const stored = await query<{ id: number; status: string }>(`SELECT id, status FROM enrolments ORDER BY id`);
    expect(stored).toEqual(created.map((e) => ({ id: e.id, status: e.status })).sort((a, b) => a.id! - b.id!));
  });
});

const querySqlite =
  (file: string) =>
  async <T>(sql: string) => {
    const db = new Database(file, { readonly: true });
    try {
      return db.prepare(sql).all() as T[];
    } finally {
      db.close();
    }
  };

const queryPostgres =
  (url: string) =>
  async <T>(sql: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(sql)).rows as T[];
    } finally {
      await client.end();
    }
  };
