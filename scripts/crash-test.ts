/**
 * Crash test: runs the real server on a fresh database, drives concurrent bookings,
 * reschedules, cancellations and enrolments at it, kills it with SIGKILL at random moments,
 * restarts it, and at the end checks that
 *   - PRAGMA integrity_check is ok (on PostgreSQL, amcheck's bt_index_check of every index),
 *   - every request answered 2xx is in the database (its audit entries carry its request id),
 *   - no request answered 4xx/5xx left anything behind,
 *   - every invariant holds: capacity, unit quota, one active booking per slot and per unit,
 *     the waitlist order, and no row without the audit entry of the command that wrote it,
 *   - every committed change wrote its notices (one per booked, moved, cancelled booking, per
 *     enrolment and per promotion: as many as their audit entries) and refusals wrote none,
 *   - every notice reached the mail catcher the servers send to, kills notwithstanding
 *     (at least once: repeats after a kill between sending and recording are counted).
 *   npm run crash-test [-- --kills 20] [--postgres]
 * With --postgres the database is on a throwaway PostgreSQL cluster and two server processes
 * share it, as a deployment with several would: the requests go to either, and each kill takes
 * one of them (at random) while the other keeps serving. Without it, one process on a SQLite file.
 * Exits 1 when anything was lost or broken.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { openDatabase, type OpenDatabase } from '../src/platform/database';
// Also what makes node-postgres answer count(*) as a number (its int8 parser).
import { openPostgres, type PostgresDatabase } from '../src/platform/postgres';
import { systemClock } from '../src/platform/time';
import { systemActor } from '../src/platform/actor';
import { createContainer } from '../src/container';
import { parseArgs } from './cli';
import { startMailCatcher, type MailCatcher } from './mail-catcher';
import { startPostgres } from './postgres-cluster';
import { buildServer, startServerProcess } from './server-process';
import { mapInOrder } from '../src/platform/in-order';

const args = parseArgs(process.argv.slice(2));
const KILLS = Number(args.kills ?? 20);
const ON_POSTGRES = args.postgres === 'true';
/** SQLite's file has one writer process; PostgreSQL is where several share one database. */
const PROCESSES = ON_POSTGRES ? 2 : 1;
const WORKERS = 12;
const log = (message: string) => console.error(`[crash-test] ${message}`);
const pick = <T>(list: readonly T[]) => list[Math.floor(Math.random() * list.length)]!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Outcome {
  requestId: string;
  op: string;
  /** 0: no answer (the server died with the request in flight). */
  status: number;
  /** For moves: the booking and the slot asked for (a move to the slot it already has changes nothing). */
  move?: { bookingId: number; slotId: number };
}

async function seed(database: OpenDatabase | PostgresDatabase) {
  const services = createContainer({ database, clock: systemClock });
  const programme = await services.programmes.create(systemActor, { name: 'Uji Ketahanan' });
  const batches = await mapInOrder([0, 1, 2], async (b) =>
    await services.batches.create(systemActor, programme.id, {
      name: `Angkatan ${b + 1}`,
      capacity: 10,
      unitQuota: 2,
      days: [{ date: `2030-10-0${b + 1}`, start: '08:00', end: '16:00' }],
    }),
  );
  const period = await services.periods.create(systemActor, programme.id, { name: 'Asistensi', startDate: '2030-10-21', useNationalHolidays: false });
  const slots = (await services.bookings.listSlots(systemActor, period.id, {})).map((s) => s.id);
  const units: number[] = [];
  const people: number[] = [];
  for (let u = 0; u < 30; u++) {
    const unit = await services.units.create(systemActor, { code: `U${u}`, name: `Unit ${u}`, kind: 'dinas', email: `unit${u}@uji.example.go.id` });
    units.push(unit.id);
    for (let p = 0; p < 3; p++) {
      const n = u * 3 + p;
      const nip = `19${String(60 + (n % 30)).padStart(2, '0')}0${1 + (n % 9)}1${n % 10}201001${1 + (n % 2)}${String(n).padStart(3, '0')}`;
      people.push((await services.participants.create(systemActor, { nip, name: `Pegawai ${n}`, unitId: unit.id })).id);
    }
  }
  const key = (await services.access.create(systemActor, { role: 'organiser', label: 'crash test' })).key;
  return { key, periodId: period.id, slots, units, people, batches: batches.map((b) => b.id) };
}

/** Where the servers find the database: the SQLite file, or (DATABASE_URL) a PostgreSQL database. */
interface Store {
  file: string;
  url?: string;
}

/**
 * Every server sends its notices to the catcher, retrying a refused one after a second. Its log
 * (errors only: a 500 and its request id) goes to stderr with the progress, not to the report.
 */
const startServer = (store: Store, mail: MailCatcher) =>
  startServerProcess(store.file, {
    env: { LOG_LEVEL: 'error', SMTP_URL: mail.url, NOTICE_RETRY_SECONDS: '1', NOTICE_BATCHING_SECONDS: '2', ...(store.url ? { DATABASE_URL: store.url } : {}) },
    stdio: ['ignore', process.stderr.fd, 'inherit'],
  });
type Server = Awaited<ReturnType<typeof startServer>>;

/** The checks' queries: the same SQL text on both engines, answered asynchronously. */
interface Reader {
  all<T>(sql: string): Promise<T[]>;
  /** The first column of the first row (a count). */
  value(sql: string): Promise<number>;
  /** Whether the stored data is sound, and what the check said. */
  integrity(): Promise<{ ok: boolean; said: string }>;
  close(): Promise<void>;
}

async function openReader(store: Store): Promise<Reader> {
  if (store.url) {
    const client = new pg.Client({ connectionString: store.url });
    await client.connect();
    const all = async <T>(sql: string) => (await client.query(sql)).rows as T[];
    return {
      all,
      value: async (sql) => Object.values((await all<Record<string, number>>(sql))[0]!)[0]!,
      integrity: () => checkPostgresIndexes(client),
      close: () => client.end(),
    };
  }
  const db = new Database(store.file, { readonly: true });
  return {
    all: async <T>(sql: string) => db.prepare(sql).all() as T[],
    value: async (sql) => db.prepare(sql).pluck().get() as number,
    integrity: async () => {
      const said = db.pragma('integrity_check', { simple: true }) as string;
      return { ok: said === 'ok', said };
    },
    close: async () => {
      db.close();
    },
  };
}

/**
 * PostgreSQL has no integrity_check (and its own crash recovery is not what is tested: only the
 * service's processes are killed); amcheck verifies each B-tree index against its table instead.
 */
async function checkPostgresIndexes(client: pg.Client) {
  try {
    await client.query('CREATE EXTENSION IF NOT EXISTS amcheck');
  } catch {
    return { ok: true, said: 'not applicable on PostgreSQL (amcheck is not installed)' };
  }
  try {
    const { rows } = await client.query(
      `SELECT bt_index_check(c.oid, true) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam
         JOIN pg_namespace n ON n.oid = c.relnamespace WHERE am.amname = 'btree' AND n.nspname = 'public'`,
    );
    return { ok: true, said: `not applicable on PostgreSQL; amcheck bt_index_check (with the tables' rows): ${rows.length} indexes ok` };
  } catch (error) {
    return { ok: false, said: `amcheck: ${(error as Error).message}` };
  }
}

/** Waits until no notice is waiting to be sent (a delivery taken by a killed server waits out its lease); how many were, and how long it took. */
async function drainOutbox(store: Store, timeoutMs: number) {
  const reader = await openReader(store);
  const pending = () => reader.value("SELECT count(*) FROM notice_deliveries WHERE status = 'pending'");
  const started = Date.now();
  const before = await pending();
  let left = before;
  while (left > 0 && Date.now() < started + timeoutMs) {
    await sleep(200);
    left = await pending();
  }
  await reader.close();
  return { before, left, seconds: (Date.now() - started) / 1000 };
}

async function main() {
  buildServer();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sop-crash-'));
  const cluster = ON_POSTGRES ? await startPostgres() : undefined;
  const store: Store = { file: path.join(dir, 'sop.db'), url: await cluster?.createDatabase('sop_crash') };
  const database = store.url ? await openPostgres(store.url) : openDatabase(store.file);
  const world = await seed(database);
  await database.close();
  const mail = await startMailCatcher();
  const outcomes: Outcome[] = [];
  // What the driver believes is active, so most requests are ones that should succeed.
  const bookings = new Map<number, number>(); // booking id -> unit id
  const enrolments = new Map<number, number>(); // enrolment id -> participant id
  const free = <T>(all: T[], taken: Iterable<T>) => {
    const busy = new Set(taken);
    const candidates = all.filter((x) => !busy.has(x));
    return candidates.length ? pick(candidates) : pick(all);
  };

  // A process that dies while starting is started again, as its supervisor (systemd) would,
  // and counted: the run fails, but still checks everything the other processes wrote.
  const failedStarts: string[] = [];
  const start = async (): Promise<Server> => {
    for (;;) {
      try {
        return await startServer(store, mail);
      } catch (error) {
        failedStarts.push('a server process died while starting (its error is in the output above)');
        log(failedStarts.at(-1)!);
        if (failedStarts.length >= 5) throw error;
      }
    }
  };
  // The running processes; a killed one's place is empty until it has started again.
  const servers: (Server | undefined)[] = [];
  for (let i = 0; i < PROCESSES; i++) servers.push(await start());
  const live = () => servers.filter((server): server is Server => server !== undefined);
  let running = true;
  const call = async (op: string, method: string, url: string, body?: unknown, move?: Outcome['move']) => {
    const requestId = randomUUID();
    const outcome: Outcome = { requestId, op, status: 0, move };
    outcomes.push(outcome);
    try {
      const res = await fetch(`${pick(live()).url}${url}`, {
        method,
        headers: { authorization: `Bearer ${world.key}`, 'content-type': 'application/json', 'x-request-id': requestId },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const json = (await res.json()) as { id?: number; unitId?: number; participantId?: number };
      outcome.status = res.status; // only now is it acknowledged
      return { status: res.status, json };
    } catch {
      return undefined; // killed with the request in flight: its outcome is unknown
    }
  };
  const worker = async () => {
    while (running) {
      // No process to ask while the only one restarts (SQLite).
      if (!live().length) {
        await sleep(10);
        continue;
      }
      const roll = Math.random();
      if (roll < 0.3) {
        const r = await call('book', 'POST', `/asistensi-periods/${world.periodId}/bookings`, { unitId: free(world.units, bookings.values()), slotId: pick(world.slots) });
        if (r?.status === 201) bookings.set(r.json.id!, r.json.unitId!);
      } else if (roll < 0.4 && bookings.size) {
        const bookingId = pick([...bookings.keys()]);
        const slotId = pick(world.slots);
        await call('reschedule', 'PATCH', `/bookings/${bookingId}`, { slotId }, { bookingId, slotId });
      } else if (roll < 0.55 && bookings.size) {
        const id = pick([...bookings.keys()]);
        if ((await call('cancel-booking', 'DELETE', `/bookings/${id}`))?.status === 200) bookings.delete(id);
      } else if (roll < 0.8) {
        const r = await call('enrol', 'POST', `/batches/${pick(world.batches)}/enrolments`, { participantId: free(world.people, enrolments.values()) });
        if (r?.status === 201) enrolments.set(r.json.id!, r.json.participantId!);
      } else if (enrolments.size) {
        const id = pick([...enrolments.keys()]);
        if ((await call('cancel-enrolment', 'DELETE', `/enrolments/${id}`))?.status === 200) enrolments.delete(id);
      }
    }
  };
  const workers = Array.from({ length: WORKERS }, worker);

  for (let kill = 1; kill <= KILLS; kill++) {
    await sleep(150 + Math.random() * 900);
    const place = Math.floor(Math.random() * servers.length);
    const victim = servers[place]!;
    // No new requests go to it; those it is answering are cut off.
    servers[place] = undefined;
    victim.child.kill('SIGKILL');
    await victim.exited;
    log(`kill ${kill}/${KILLS}${PROCESSES > 1 ? ` (process ${place + 1} of ${PROCESSES})` : ''}: ${outcomes.length} requests so far`);
    if (kill < KILLS) servers[place] = await start();
  }
  running = false;
  await Promise.all(workers);

  // One more start proves the database opens (and migrates) after the last crash, and its
  // worker sends what the killed ones left.
  for (let place = 0; place < servers.length; place++) servers[place] ??= await start();
  const drained = await drainOutbox(store, 180_000);
  for (const server of live()) {
    server.child.kill('SIGTERM');
    await server.exited;
  }
  await mail.close();

  const reader = await openReader(store);
  const report = await verify(reader, outcomes, mail, drained.left);
  await reader.close();
  await cluster?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
  const answered = outcomes.filter((o) => o.status !== 0);
  console.log(
    [
      ...(ON_POSTGRES ? [`engine                 PostgreSQL, ${PROCESSES} server processes on one database`] : []),
      `kills                  ${KILLS}`,
      ...(failedStarts.length ? [`failed starts          ${failedStarts.length}`] : []),
      `requests sent          ${outcomes.length}`,
      `requests acknowledged  ${answered.filter((o) => o.status < 300).length} (2xx), ${answered.filter((o) => o.status >= 400).length} refused (4xx/5xx), ${outcomes.length - answered.length} cut off by a kill`,
      `answers by request     ${[...tally(outcomes)].map(([k, n]) => `${k}: ${n}`).join(', ')}`,
      `integrity_check        ${report.integrity.said}`,
      `lost                   ${report.lost.length}`,
      `half-written refusals  ${report.halfWritten.length}`,
      `broken invariants      ${report.broken.length}`,
      `notices                ${report.notices.written} written, ${report.notices.sent} sent, ${report.notices.received} messages received (${report.notices.repeats} repeats)`,
      `notices after restart  ${drained.before} pending, all sent ${drained.seconds.toFixed(1)} s after the last start (deliveries a killed server held wait out their 2-minute lease)`,
      `notice problems        ${report.notices.problems.length}`,
      ...[...failedStarts, ...report.lost, ...report.halfWritten, ...report.broken, ...report.notices.problems].slice(0, 20).map((line) => `  ${line}`),
    ].join('\n'),
  );
  if (failedStarts.length || !report.integrity.ok || report.lost.length || report.halfWritten.length || report.broken.length || report.notices.problems.length) process.exit(1);
}

function tally(outcomes: Outcome[]) {
  const counts = new Map<string, number>();
  for (const o of outcomes) counts.set(`${o.op} ${o.status || 'cut'}`, (counts.get(`${o.op} ${o.status || 'cut'}`) ?? 0) + 1);
  return [...counts].sort();
}

/** A JSON column as SQLite (text) or node-postgres (text too: src/platform/postgres.ts) gives it. */
const parsed = <T>(value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value) as T;

async function verify(reader: Reader, outcomes: Outcome[], mail: MailCatcher, stillPending: number) {
  const all = <T>(sql: string) => reader.all<T>(sql);
  const audited = new Set((await all<{ request_id: string }>('SELECT DISTINCT request_id FROM audit_log WHERE request_id IS NOT NULL')).map((r) => r.request_id));
  // A move to the slot a booking already had is answered 200 and writes nothing: it is not
  // lost if the audit log shows the booking on that slot.
  const bookingSlots = new Set(
    (await all<{ entity_id: number; after: unknown }>(`SELECT entity_id, after FROM audit_log WHERE entity = 'booking' AND after IS NOT NULL`)).map(
      (r) => `${r.entity_id} ${parsed<{ slotId?: number }>(r.after).slotId}`,
    ),
  );
  const lost = outcomes
    .filter((o) => o.status >= 200 && o.status < 300 && !audited.has(o.requestId))
    .filter((o) => !(o.move && bookingSlots.has(`${o.move.bookingId} ${o.move.slotId}`)))
    .map((o) => `lost: ${o.op} ${o.requestId} answered ${o.status}`);
  const halfWritten = outcomes.filter((o) => o.status >= 400 && audited.has(o.requestId)).map((o) => `half-written: ${o.op} ${o.requestId} answered ${o.status}`);
  const broken = [
    ...(await all<{ batch_id: number; n: number }>(
      `SELECT e.batch_id, count(*) n FROM enrolments e JOIN batches b ON b.id = e.batch_id WHERE e.status = 'confirmed' GROUP BY e.batch_id HAVING count(*) > max(b.capacity)`,
    )).map((r) => `batch ${r.batch_id} over capacity: ${r.n}`),
    ...(await all<{ batch_id: number; unit_id: number; n: number }>(
      `SELECT e.batch_id, e.unit_id, count(*) n FROM enrolments e JOIN batches b ON b.id = e.batch_id WHERE e.status = 'confirmed' GROUP BY e.batch_id, e.unit_id HAVING count(*) > max(b.unit_quota)`,
    )).map((r) => `unit ${r.unit_id} over quota in batch ${r.batch_id}: ${r.n}`),
    ...(await all<{ slot_id: number }>(`SELECT slot_id FROM bookings WHERE status = 'active' GROUP BY slot_id HAVING count(*) > 1`)).map((r) => `slot ${r.slot_id} booked twice`),
    ...(await all<{ unit_id: number }>(`SELECT unit_id FROM bookings WHERE status = 'active' GROUP BY period_id, unit_id HAVING count(*) > 1`)).map((r) => `unit ${r.unit_id} holds two bookings`),
    ...(await all<{ participant_id: number }>(`SELECT participant_id FROM enrolments WHERE status <> 'cancelled' GROUP BY programme_id, participant_id HAVING count(*) > 1`)).map(
      (r) => `participant ${r.participant_id} enrolled twice`,
    ),
    // Waitlist order: a free seat never sits next to a waitlisted official whose unit is under quota.
    ...(await all<{ id: number; batch_id: number }>(
      `SELECT w.id, w.batch_id FROM enrolments w JOIN batches b ON b.id = w.batch_id WHERE w.status = 'waitlisted'
         AND (SELECT count(*) FROM enrolments c WHERE c.batch_id = w.batch_id AND c.status = 'confirmed') < b.capacity
         AND (SELECT count(*) FROM enrolments c WHERE c.batch_id = w.batch_id AND c.unit_id = w.unit_id AND c.status = 'confirmed') < b.unit_quota`,
    )).map((r) => `enrolment ${r.id} waits although batch ${r.batch_id} has a seat for it`),
    // A row and the audit entry of the command that wrote it commit together or not at all.
    ...(await all<{ id: number }>(`SELECT id FROM bookings WHERE id NOT IN (SELECT entity_id FROM audit_log WHERE entity = 'booking' AND action = 'booking.create')`)).map(
      (r) => `booking ${r.id} without its audit entry`,
    ),
    ...(await all<{ id: number }>(`SELECT id FROM enrolments WHERE id NOT IN (SELECT entity_id FROM audit_log WHERE entity = 'enrolment' AND action = 'enrolment.create')`)).map(
      (r) => `enrolment ${r.id} without its audit entry`,
    ),
  ];
  const integrity = await reader.integrity();
  const notices = await verifyNotices(reader, mail, stillPending);
  return { integrity, lost, halfWritten, broken, notices };
}

/**
 * Notices commit with their change: each audited change has its notice, so a refused request
 * (no audit entry) has none. Every email delivery was sent, and its Message-ID arrived.
 */
async function verifyNotices(reader: Reader, mail: MailCatcher, stillPending: number) {
  const count = (sql: string) => reader.value(sql);
  const audited = (action: string) => count(`SELECT count(*) FROM audit_log WHERE action = '${action}'`);
  const told = (kinds: string) => count(`SELECT count(*) FROM notices WHERE kind IN (${kinds})`);
  const promotions = await reader.all<{ facts: unknown }>("SELECT facts FROM notices WHERE kind = 'enrolment_promoted'");
  const promotedOfficials = promotions.reduce((n, r) => n + (parsed<{ officials?: unknown[] }>(r.facts).officials?.length ?? 0), 0);
  const problems: string[] = [];
  const pairs: [string, number, number][] = [
    ['booking.create / booking_confirmed', await audited('booking.create'), await told("'booking_confirmed'")],
    ['booking.reschedule / booking_moved', await audited('booking.reschedule'), await told("'booking_moved'")],
    ['booking.cancel / booking_cancelled', await audited('booking.cancel'), await told("'booking_cancelled'")],
    ['enrolment.create / enrolment_confirmed+waitlisted', await audited('enrolment.create'), await told("'enrolment_confirmed', 'enrolment_waitlisted'")],
    ['enrolment.cancel / enrolment_cancelled', await audited('enrolment.cancel'), await told("'enrolment_cancelled'")],
    ['enrolment.promote / officials in enrolment_promoted', await audited('enrolment.promote'), promotedOfficials],
  ];
  for (const [what, changes, notices] of pairs) if (changes !== notices) problems.push(`${what}: ${changes} changes, ${notices} notices`);
  if (stillPending) problems.push(`${stillPending} notices still pending after the last restart`);
  const failed = await count("SELECT count(*) FROM notice_deliveries WHERE status = 'failed'");
  if (failed) problems.push(`${failed} notices failed`);
  const arrived = new Map<string, number>();
  for (const r of mail.received) arrived.set(r.mail.messageId ?? '', (arrived.get(r.mail.messageId ?? '') ?? 0) + 1);
  // A unit's enrolment news goes out as one message under its first delivery's Message-ID: the
  // others of that bundle, sent at the same moment, arrived in it.
  const sent = await reader.all<{ id: string; bundle: string | null; at: string }>("SELECT message_id AS id, bundle_key AS bundle, sent_at AS at FROM notice_deliveries WHERE status = 'sent'");
  const carried = new Set(sent.filter((d) => d.bundle !== null && arrived.has(d.id)).map((d) => `${d.bundle} ${d.at}`));
  for (const d of sent) if (!arrived.has(d.id) && !(d.bundle !== null && carried.has(`${d.bundle} ${d.at}`))) problems.push(`notice ${d.id} recorded as sent but never arrived`);
  return {
    written: await count('SELECT count(*) FROM notices'),
    sent: sent.length,
    received: mail.received.length,
    repeats: [...arrived.values()].reduce((n, times) => n + times - 1, 0),
    problems,
  };
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
