/**
 * Benchmarks a real listening server on a scale-seeded database and compares every figure
 * with GET /health measured in the same run on the same server.
 *   npm run bench                      500 programmes (about 4 minutes)
 *   npm run bench -- --quick           20 programmes, shorter runs (under a minute)
 *   npm run bench -- --out bench.json  also write the figures as JSON
 *   npm run bench -- --heavy-only      only the heavy-work scenario (below)
 *   npm run bench -- --tenants-only    only many governments on one deployment (--tenants N, default 40;
 *                                      --per-province P: below provinces of up to P each, under a kementerian)
 * PostgreSQL side by side: the same seeded data in a throwaway cluster, two server processes
 * sharing the load (skipped with --sqlite-only; needs Debian's postgresql, as the tests do;
 * --postgres-only measures only these, on the same seeded data).
 * Options: --programmes N, --duration SECONDS (each timed run), --connections N (default 64),
 * --heavy-programmes N (the heavy-work scenario's database: 100, or 20 with --quick).
 */
import { mapInOrder } from '../src/platform/in-order';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { openDatabase } from '../src/platform/database';
import { systemClock } from '../src/platform/time';
import { systemActor } from '../src/platform/actor';
import { DateTime } from 'luxon';
import ical from 'node-ical';
import { renderCalendar, type CalendarMeta, type EventSpec } from '../src/features/calendars/ics';
import { createContainer, type Container } from '../src/container';
import { parseArgs } from './cli';
import { SCALE_SHAPE, seedScale, seedTenants } from './scale';
import { loadConfig } from '../src/config';
import { buildServer, startProbedServer } from './server-process';
import { startPostgres } from './postgres-cluster';
import { copyToPostgres } from '../src/platform/copy-to-postgres';
import pg from 'pg';

const args = parseArgs(process.argv.slice(2));
const quick = args.quick === 'true';
const PROGRAMMES = Number(args.programmes ?? (quick ? 20 : 500));
const DURATION = Number(args.duration ?? (quick ? 3 : 10));
const CONNECTIONS = Number(args.connections ?? 64);
const GROWTH_SIZES = quick ? [5, PROGRAMMES] : [5, 50, PROGRAMMES];
const HEAVY_PROGRAMMES = Number(args['heavy-programmes'] ?? (quick ? 20 : 100));
const HEAVY_SECONDS = quick ? 8 : 20;
const log = (message: string) => console.error(`[bench] ${message}`);

interface Figure {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  ratio?: number;
}

const pick = <T>(list: readonly T[]) => list[Math.floor(Math.random() * list.length)]!;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))]!;

type Request = { method?: string; path: string; body?: string; headers?: Record<string, string> };

/**
 * Runs autocannon against one server, or against several processes at once (the connections
 * and requests shared out among them, as a proxy would); `next` gives each request (for `amount`
 * requests, or for DURATION seconds). With several, p50 and p99 are the worst process's.
 */
async function load(urls: string | string[], next: () => Request, options: { amount?: number; headers?: Record<string, string> } = {}) {
  const targets = typeof urls === 'string' ? [urls] : urls;
  const started = performance.now();
  let lastAnswer = started;
  const results = await Promise.all(
    targets.map(
      (url, i) =>
        new Promise<autocannon.Result>((resolve, reject) => {
          const share = (total: number) => Math.floor(total / targets.length) + (i < total % targets.length ? 1 : 0);
          const instance = autocannon(
            {
              url,
              connections: share(CONNECTIONS),
              ...(options.amount ? { amount: share(options.amount) } : { duration: DURATION }),
              headers: { 'content-type': 'application/json', ...options.headers },
              requests: [{ setupRequest: (request) => ({ ...request, method: 'GET', ...next() }) as autocannon.Request }],
            },
            (err, done) => (err ? reject(err) : resolve(done)),
          );
          instance.on('response', () => (lastAnswer = performance.now()));
        }),
    ),
  );
  const statuses: Record<string, number> = {};
  for (const result of results)
    for (const [code, stat] of Object.entries((result as unknown as { statusCodeStats: Record<string, { count: number }> }).statusCodeStats ?? {}))
      statuses[code] = (statuses[code] ?? 0) + stat.count;
  // Requests per second from the first request to the last answer: autocannon ends a run on a
  // whole second, which made runs of a fixed number of requests read as 2,000 or 2,500 req/s.
  const total = results.reduce((sum, r) => sum + r.requests.total, 0);
  const rps = total / ((lastAnswer - started) / 1000);
  const worst = (pick: (r: autocannon.Result) => number) => Math.max(...results.map(pick));
  return { figure: { rps, p50Ms: worst((r) => r.latency.p50), p99Ms: worst((r) => r.latency.p99) } as Figure, statuses, errors: results.reduce((sum, r) => sum + r.errors, 0) };
}

/** A served feed read back into the event specs it was rendered from, for ical-generator to render alone. */
function eventsOfFeed(text: string): { meta: CalendarMeta; events: EventSpec[] } {
  const parsed = ical.sync.parseICS(text);
  const local = (d: Date & { tz?: string }) => DateTime.fromJSDate(d, { zone: d.tz ?? 'utc' });
  const events = Object.values(parsed)
    .filter((c): c is ical.VEvent => c?.type === 'VEVENT')
    .map((e): EventSpec => {
      const start = local(e.start as never);
      const end = local(e.end as never);
      const organizer = e.organizer as unknown as { params: { CN: string }; val: string };
      return {
        uid: e.uid,
        sequence: Number(e.sequence ?? 0),
        modifiedAt: (e.lastmodified as Date).toISOString(),
        when: e.datetype === 'date' ? { allDay: start.toISODate()! } : { date: start.toISODate()!, start: start.toFormat('HH:mm'), end: end.toFormat('HH:mm'), zone: start.zoneName! },
        summary: String(e.summary),
        description: String(e.description),
        location: e.location ? String(e.location) : null,
        cancelled: e.status === 'CANCELLED',
        organizer: { name: organizer.params.CN, email: organizer.val.replace(/^mailto:/, '') },
      };
    });
  const calendar = Object.values(parsed).find((c) => c?.type === 'VCALENDAR') as unknown as Record<string, string>;
  return { meta: { name: calendar['WR-CALNAME'] ?? '', description: calendar['WR-CALDESC'] ?? '' }, events };
}

/** A programme with more than 2,000 feed events: 1,000 two-day batches, a period with bookings, deadlines. */
async function seedLargeProgramme(services: Container) {
  const programme = await services.programmes.create(systemActor, { name: 'Program SOP Nasional', draftDeadline: '2013-10-18', finalDeadline: '2013-11-29' });
  for (let b = 0; b < 1000; b++) {
    const day = (offset: number) => new Date(Date.UTC(2013, 9, 1) + ((2 * b + offset) % 300) * 86_400_000).toISOString().slice(0, 10);
    await services.batches.create(systemActor, programme.id, { name: `Angkatan ${b + 1}`, allowNonWorkingDays: true, days: [{ date: day(0), start: '08:00', end: '16:00' }, { date: day(1), start: '08:00', end: '16:00' }] });
  }
  const period = await services.periods.create(systemActor, programme.id, { name: 'Asistensi', startDate: '2013-10-21', useNationalHolidays: false, location: 'Ruang Rapat' });
  const slots = await services.bookings.listSlots(systemActor, period.id, {});
  const unit = await services.units.create(systemActor, { code: 'NASIONAL-1', name: 'Unit Nasional', kind: 'dinas' });
  const booking = await services.bookings.book(systemActor, period.id, { unitId: unit.id, slotId: slots[0]!.id });
  return { programmeId: programme.id, bookingId: booking.id, slotIds: [slots[1]!.id, slots[2]!.id] };
}

type Targets = ReturnType<typeof readTargets>;

/** Ids the load generators draw from, read once from the seeded database. */
function readTargets(sqlite: Database.Database) {
  const all = <T>(sql: string) => sqlite.prepare(sql).all() as T[];
  const group = (rows: { key: number; id: number }[]) => {
    const map = new Map<number, number[]>();
    for (const r of rows) map.set(r.key, [...(map.get(r.key) ?? []), r.id]);
    return map;
  };
  // Generated units are coded P<n>-U<k> and belong to programme "Penyusunan SOP <n>".
  const programmeOfUnit = `(SELECT id FROM programmes WHERE name = 'Penyusunan SOP ' || substr(u.code, 2, instr(u.code, '-') - 2))`;
  return {
    periods: all<{ id: number; programme_id: number }>(`SELECT id, programme_id FROM asistensi_periods WHERE name = 'Asistensi SOP'`),
    slotsByPeriod: group(all('SELECT period_id AS key, id FROM slots ORDER BY id')),
    unitsByProgramme: group(all(`SELECT ${programmeOfUnit} AS key, u.id FROM units u WHERE u.code LIKE 'P%-U%' ORDER BY u.id`)),
    batchesByProgramme: group(all('SELECT programme_id AS key, id FROM batches')),
    unenrolled: all<{ id: number; programmeId: number }>(
      `SELECT p.id, ${programmeOfUnit} AS programmeId FROM participants p JOIN units u ON u.id = p.unit_id
       WHERE u.code LIKE 'P%-U%' AND NOT EXISTS (SELECT 1 FROM enrolments e WHERE e.participant_id = p.id)`,
    ),
  };
}

/** CPU milliseconds a process (or one thread of it, by its task id) has used, from /proc (Linux). */
function cpuMsOf(pid: number, thread?: number): number {
  const stat = fs.readFileSync(thread === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${thread}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}
/** USER_HZ: 100 on every Linux this runs on. */
const CLOCK_TICKS = 100;

/**
 * The issue's heavy-work scenario: on a database of HEAVY_PROGRAMMES programmes (100: 10,000
 * units), first each file alone (the server's main-thread and whole-process CPU per file), then
 * 8 clients looping on attendance-sheet PDFs and 2 on the progress XLSX (each its own organiser:
 * the per-person bound is not what is measured) for HEAVY_SECONDS while /health is probed every
 * 20 ms. Every answer must be 2xx, or 429/503 with Retry-After (honoured by the client).
 */
async function heavyScenario(dir: string) {
  const file = path.join(dir, 'heavy.db');
  const db = openDatabase(file);
  const seeding = Date.now();
  seedScale(db.sqlite, HEAVY_PROGRAMMES);
  const services = createContainer({ database: db, clock: systemClock });
  const keys = await mapInOrder(Array.from({ length: 10 }, (_, i) => i), async (i) => (await services.access.create(systemActor, { role: 'organiser', label: `heavy ${i}` })).key);
  const batchIds = db.sqlite.prepare('SELECT id FROM batches').pluck().all() as number[];
  const programmeIds = db.sqlite.prepare('SELECT id FROM programmes').pluck().all() as number[];
  const units = db.sqlite.prepare('SELECT count(*) FROM units').pluck().get() as number;
  db.close();
  log(`heavy work: ${HEAVY_PROGRAMMES} programmes (${units} units) seeded in ${((Date.now() - seeding) / 1000).toFixed(1)} s`);

  const server = await startProbedServer(file);
  const { pid } = await server.stats();
  const pdfUrl = () => `${server.url}/batches/${pick(batchIds)}/attendance-sheet.pdf?day=1`;
  const xlsxUrl = () => `${server.url}/programmes/${pick(programmeIds)}/progress?format=xlsx`;
  const get = async (url: string, key: string, body?: unknown) => {
    const res = await fetch(url, body === undefined ? { headers: { authorization: `Bearer ${key}` } } : { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const bytes = (await res.arrayBuffer()).byteLength;
    return { status: res.status, retryAfter: res.headers.get('retry-after'), bytes };
  };

  // Each file alone, after two of each to start the workers and load their libraries.
  for (let i = 0; i < 2; i++) {
    await get(pdfUrl(), keys[0]!);
    await get(xlsxUrl(), keys[0]!);
  }
  const alone = async (url: () => string, count: number, body?: unknown) => {
    server.reset();
    await server.stats();
    const main = cpuMsOf(pid, pid);
    const whole = cpuMsOf(pid);
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < count; i++) {
      const started = performance.now();
      const answer = await get(url(), keys[0]!, body);
      if (answer.status !== 200) throw new Error(`heavy work: ${url()} answered ${answer.status}`);
      bytes = answer.bytes;
      times.push(performance.now() - started);
    }
    const loop = await server.stats();
    return { p50Ms: median(times), mainThreadCpuMs: (cpuMsOf(pid, pid) - main) / count, processCpuMs: (cpuMsOf(pid) - whole) / count, eventLoopMaxMs: loop.maxMs, bytes };
  };
  const pdfAlone = await alone(pdfUrl, quick ? 10 : 30);
  const xlsxAlone = await alone(xlsxUrl, quick ? 3 : 8);
  // The previews plan in a worker too: the distribution of every official (25,000) without a batch.
  const previewAlone = await alone(() => `${server.url}/programmes/${pick(programmeIds)}/distribute?limit=25`, quick ? 3 : 8, { dryRun: true });
  log(`alone: PDF ${pdfAlone.p50Ms.toFixed(0)} ms, XLSX ${xlsxAlone.p50Ms.toFixed(0)} ms, distribution preview ${previewAlone.p50Ms.toFixed(0)} ms`);

  log(`heavy work: 8 clients on attendance sheets, 2 on the progress XLSX, /health every 20 ms, for ${HEAVY_SECONDS} s`);
  server.reset();
  await server.stats();
  const cpuBefore = cpuMsOf(pid);
  const mainBefore = cpuMsOf(pid, pid);
  const end = Date.now() + HEAVY_SECONDS * 1000;
  const statuses: Record<string, number> = {};
  const served = { pdf: 0, xlsx: 0 };
  let refusedWithoutRetryAfter = 0;
  const client = async (kind: 'pdf' | 'xlsx', key: string) => {
    while (Date.now() < end) {
      const answer = await get(kind === 'pdf' ? pdfUrl() : xlsxUrl(), key).catch(() => ({ status: 0, retryAfter: null, bytes: 0 }));
      statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
      if (answer.status === 200) served[kind]++;
      else if (answer.status === 429 || answer.status === 503) {
        if (!answer.retryAfter) refusedWithoutRetryAfter++;
        await new Promise((r) => setTimeout(r, Number(answer.retryAfter ?? 1) * 1000));
      }
    }
  };
  const health: number[] = [];
  const probe = async () => {
    while (Date.now() < end) {
      const started = performance.now();
      await (await fetch(`${server.url}/health`)).arrayBuffer();
      const took = performance.now() - started;
      health.push(took);
      await new Promise((r) => setTimeout(r, Math.max(0, 20 - took)));
    }
  };
  await Promise.all([...keys.slice(0, 8).map((key) => client('pdf', key)), ...keys.slice(8).map((key) => client('xlsx', key)), probe()]);
  const cpuMs = cpuMsOf(pid) - cpuBefore;
  const mainCpuMs = cpuMsOf(pid, pid) - mainBefore;
  const loop = await server.stats();
  const alive = (await fetch(`${server.url}/health`)).ok;
  await server.stop();
  const answered = served.pdf + served.xlsx;
  return {
    programmes: HEAVY_PROGRAMMES,
    units,
    pdfAlone,
    xlsxAlone,
    previewAlone,
    seconds: HEAVY_SECONDS,
    served,
    statuses,
    refusedWithoutRetryAfter,
    health: { probes: health.length, p50Ms: median(health), p99Ms: percentile(health, 99), maxMs: Math.max(...health) },
    eventLoop: { p99Ms: loop.p99Ms, maxMs: loop.maxMs },
    rssMaxMb: loop.rssMaxMb,
    cpuMsPerFile: cpuMs / Math.max(1, answered),
    mainThreadCpuMsPerFile: mainCpuMs / Math.max(1, answered),
    alive,
  };
}

/**
 * Many governments on one deployment (TENANT_ROUTING=path): N kabupaten of one programme (100
 * units) each below the home province, which has one such programme too. Per-request figures
 * of a random kabupaten's listing against the same listing of the home government's (a
 * single-government deployment's request), and the province's overview of all N.
 */
async function tenantsScenario(dir: string) {
  const count = Number(args.tenants ?? (quick ? 10 : 40));
  // --per-province P: the kabupaten below provinces of up to P each under a kementerian, the overview one province's.
  const perProvince = args['per-province'] === undefined ? undefined : Number(args['per-province']);
  if (perProvince !== undefined && (!Number.isInteger(perProvince) || perProvince < 1)) throw new Error('--per-province must be a positive whole number');
  const databasePath = path.join(dir, 'home.db');
  const config = loadConfig({ DATABASE_PATH: databasePath, DOCUMENTS_PATH: path.join(dir, 'documents') });
  const home = openDatabase(databasePath);
  const seeding = Date.now();
  seedScale(home.sqlite, 1);
  const homeKey = (await createContainer({ database: home, clock: systemClock, config }).access.create(systemActor, { role: 'organiser', label: 'bench' })).key;
  const { kabupaten: tenants, provinces } = await seedTenants(config, home, count, { perProvince });
  home.close();
  const seedSeconds = (Date.now() - seeding) / 1000;
  log(`tenants: ${count} governments of ${SCALE_SHAPE.units} units${provinces.length ? ` below ${provinces.length} provinces` : ''} seeded in ${seedSeconds.toFixed(1)} s`);
  const server = await startProbedServer(databasePath, { TENANT_ROUTING: 'path', DOCUMENTS_PATH: config.documentsPath });
  const auth = (key: string) => ({ authorization: `Bearer ${key}` });
  // The overview of one province's kabupaten, as its organiser at its address (the home's with every kabupaten below it).
  const overviewOf = provinces[0] ? { slug: provinces[0].slug, path: `/g/${provinces[0].slug}/governments/progress`, key: provinces[0].key } : { slug: null, path: '/governments/progress', key: homeKey };
  try {
    const { pid } = await server.stats();
    const baseline = (await load(server.url, () => ({ path: '/health' }))).figure;
    const single = (await load(server.url, () => ({ path: '/asistensi-periods/1/slots', headers: auth(homeKey) }))).figure;
    const perTenant = await load(server.url, () => {
      const tenant = pick(tenants);
      return { path: `/g/${tenant.slug}/asistensi-periods/1/slots`, headers: auth(tenant.key) };
    });
    const overview: number[] = [];
    let governments = 0;
    for (let i = 0; i < 21; i++) {
      const started = performance.now();
      const res = await fetch(`${server.url}${overviewOf.path}`, { headers: auth(overviewOf.key) });
      if (res.status !== 200) throw new Error(`tenants: ${overviewOf.path} answered ${res.status}`);
      governments = ((await res.json()) as unknown[]).length;
      // The first opens each database in the worker: counted apart.
      if (i > 0) overview.push(performance.now() - started);
    }
    // At rest: a checkpointer thread per database once cost a fifth of the 2 cores at 500 governments.
    const restCpu = cpuMsOf(pid);
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    const rest = { cpuMsPerSecond: (cpuMsOf(pid) - restCpu) / 10, threads: fs.readdirSync(`/proc/${pid}/task`).length };
    const stats = await server.stats();
    return {
      count,
      perProvince,
      provinces: provinces.length,
      seedSeconds,
      startupMs: server.startupMs,
      baseline,
      single: { ...single, ratio: single.rps / baseline.rps },
      perTenant: { ...perTenant.figure, ratio: perTenant.figure.rps / baseline.rps, statuses: perTenant.statuses },
      overview: { of: overviewOf.slug, governments, p50Ms: median(overview), maxMs: Math.max(...overview) },
      rest,
      rssMaxMb: stats.rssMaxMb,
    };
  } finally {
    await server.stop();
  }
}

function printTenants(t: Awaited<ReturnType<typeof tenantsScenario>>) {
  console.log(
    [
      `tenants      ${t.count} governments of ${SCALE_SHAPE.units} units${t.provinces ? ` below ${t.provinces} provinces` : ''}, TENANT_ROUTING=path; /health ${t.baseline.rps.toFixed(0)} req/s`,
      `  start      seeded in ${t.seedSeconds.toFixed(1)} s; /health answered ${t.startupMs.toFixed(0)} ms after the server started`,
      `  slots      home government ${t.single.rps.toFixed(0)} req/s (${t.single.ratio.toFixed(2)}x), p50 ${t.single.p50Ms} ms, p99 ${t.single.p99Ms} ms`,
      `  slots      random government ${t.perTenant.rps.toFixed(0)} req/s (${t.perTenant.ratio.toFixed(2)}x), p50 ${t.perTenant.p50Ms} ms, p99 ${t.perTenant.p99Ms} ms; statuses ${JSON.stringify(t.perTenant.statuses)}`,
      `  overview   ${t.overview.governments} governments${t.overview.of ? ` below ${t.overview.of}` : ''}: p50 ${t.overview.p50Ms.toFixed(0)} ms, max ${t.overview.maxMs.toFixed(0)} ms; RSS max ${t.rssMaxMb.toFixed(0)} MB`,
      `  at rest    ${t.rest.cpuMsPerSecond.toFixed(0)} ms CPU per second over 10 s; ${t.rest.threads} threads`,
    ].join('\n'),
  );
}

function printHeavy(h: Awaited<ReturnType<typeof heavyScenario>>) {
  const lines = [
    `heavy work   ${h.programmes} programmes, ${h.units} units`,
    `  alone      attendance PDF p50 ${h.pdfAlone.p50Ms.toFixed(0)} ms, ${h.pdfAlone.mainThreadCpuMs.toFixed(1)} ms main-thread CPU, ${h.pdfAlone.processCpuMs.toFixed(0)} ms process CPU, loop blocked ${h.pdfAlone.eventLoopMaxMs.toFixed(1)} ms at most (${h.pdfAlone.bytes} bytes)`,
    `  alone      progress XLSX p50 ${h.xlsxAlone.p50Ms.toFixed(0)} ms, ${h.xlsxAlone.mainThreadCpuMs.toFixed(1)} ms main-thread CPU, ${h.xlsxAlone.processCpuMs.toFixed(0)} ms process CPU, loop blocked ${h.xlsxAlone.eventLoopMaxMs.toFixed(1)} ms at most (${h.xlsxAlone.bytes} bytes)`,
    `  alone      distribution preview p50 ${h.previewAlone.p50Ms.toFixed(0)} ms, ${h.previewAlone.mainThreadCpuMs.toFixed(1)} ms main-thread CPU, ${h.previewAlone.processCpuMs.toFixed(0)} ms process CPU, loop blocked ${h.previewAlone.eventLoopMaxMs.toFixed(1)} ms at most (${h.previewAlone.bytes} bytes)`,
    `  loaded     ${h.seconds} s, 8 PDF + 2 XLSX clients: ${h.served.pdf} PDFs and ${h.served.xlsx} XLSX served; statuses ${JSON.stringify(h.statuses)}; refused without Retry-After: ${h.refusedWithoutRetryAfter}`,
    `  /health    ${h.health.probes} probes: p50 ${h.health.p50Ms.toFixed(1)} ms, p99 ${h.health.p99Ms.toFixed(1)} ms, max ${h.health.maxMs.toFixed(1)} ms`,
    `  eventLoop  p99 ${h.eventLoop.p99Ms.toFixed(1)} ms, max ${h.eventLoop.maxMs.toFixed(1)} ms; RSS max ${h.rssMaxMb.toFixed(0)} MB; CPU ${h.cpuMsPerFile.toFixed(0)} ms per file (${h.mainThreadCpuMsPerFile.toFixed(1)} ms of it on the main thread); alive: ${h.alive}`,
  ];
  console.log(lines.join('\n'));
}

/**
 * The figures measured on both engines: reads, contended and sure writes, enrolments, feeds, each
 * against GET /health of the same servers in the same run. With several processes (PostgreSQL)
 * the load is shared among them, and a feed is changed through the first and read through the
 * last: the cold figure includes another process noticing the change.
 */
async function coreFigures({
  urls,
  auth,
  targets,
  programmeIds,
  count,
  rollbacks,
}: {
  urls: string[];
  auth: Record<string, string>;
  targets: Targets;
  programmeIds: number[];
  count: (sql: string) => Promise<number>;
  /** Transactions rolled back so far (PostgreSQL: each a unit of work run again, or refused). */
  rollbacks?: () => Promise<number>;
}) {
  const [first, last] = [urls[0]!, urls[urls.length - 1]!];
  const results: Record<string, any> = {};
  const vs = (f: Figure, base: Figure): Figure => ({ ...f, ratio: f.rps / base.rps });

  log('baseline: GET /health');
  const baseline = (await load(urls, () => ({ path: '/health' }))).figure;
  results.baseline = baseline;

  log('reads: slots and batches of random programmes');
  results.slots = vs((await load(urls, () => ({ path: `/asistensi-periods/${pick(targets.periods).id}/slots` }), { headers: auth })).figure, baseline);
  results.batches = vs((await load(urls, () => ({ path: `/programmes/${pick(programmeIds)}/batches` }), { headers: auth })).figure, baseline);

  log('bookings: every unit of 200 random periods tries a random slot, all at once');
  // Half the periods at most, so the other half keeps free slots for the writes that succeed.
  const chosen = [...targets.periods].sort(() => Math.random() - 0.5).slice(0, Math.min(200, Math.floor(targets.periods.length / 2)));
  // Requests are built before the run, so the load generator spends its time sending them.
  const attempts: Request[] = chosen.flatMap((period) =>
    targets.unitsByProgramme
      .get(period.programme_id)!
      .map((unitId) => ({ method: 'POST', path: `/asistensi-periods/${period.id}/bookings`, body: JSON.stringify({ unitId, slotId: pick(targets.slotsByPeriod.get(period.id)!) }) })),
  );
  attempts.sort(() => Math.random() - 0.5);
  let cursor = 0;
  const booking = await load(urls, () => attempts[cursor++ % attempts.length]!, { amount: attempts.length, headers: auth });
  results.booking = {
    ...vs(booking.figure, baseline),
    attempts: attempts.length,
    succeeded: booking.statuses['201'] ?? 0,
    refused: booking.statuses['409'] ?? 0,
    statuses: booking.statuses,
    doubleBooked:
      (await count(`SELECT count(*) FROM (SELECT slot_id FROM bookings WHERE status = 'active' GROUP BY slot_id HAVING count(*) > 1) AS doubled`)) +
      (await count(`SELECT count(*) FROM (SELECT period_id, unit_id FROM bookings WHERE status = 'active' GROUP BY period_id, unit_id HAVING count(*) > 1) AS doubled`)),
  };

  // Writes that all succeed, to measure the write path itself (most booking attempts above are refusals).
  log('writes that succeed: units created, then bookings on the free slots of the other periods');
  let unitSeq = 0;
  const unitCreation = await load(urls, () => ({ method: 'POST', path: '/units', body: JSON.stringify({ code: `BENCH-${unitSeq++}`, name: 'Unit Kerja Benchmark', kind: 'dinas' }) }), { headers: auth });
  results.unitCreate = { ...vs(unitCreation.figure, baseline), created: unitCreation.statuses['201'] ?? 0 };
  const chosenIds = new Set(chosen.map((p) => p.id));
  // The seed books slot k for unit k (k < 12): slots 12-19 and units 12-19 of a period are free.
  const sure: Request[] = targets.periods
    .filter((p) => !chosenIds.has(p.id))
    .flatMap((period) =>
      [12, 13, 14, 15, 16, 17, 18, 19].map((k) => ({
        method: 'POST',
        path: `/asistensi-periods/${period.id}/bookings`,
        body: JSON.stringify({ unitId: targets.unitsByProgramme.get(period.programme_id)![k], slotId: targets.slotsByPeriod.get(period.id)![k] }),
      })),
    );
  cursor = 0;
  const rolledBackBefore = await rollbacks?.();
  const sureBooking = await load(urls, () => sure[cursor++ % sure.length]!, { amount: sure.length, headers: auth });
  results.bookingCreate = { ...vs(sureBooking.figure, baseline), attempts: sure.length, succeeded: sureBooking.statuses['201'] ?? 0, statuses: sureBooking.statuses };
  if (rollbacks) results.bookingCreate.rolledBack = (await rollbacks()) - rolledBackBefore!;

  log('enrolments: officials without a seat into random batches of their programme');
  const enrolAttempts: Request[] = targets.unenrolled
    .map((p) => ({ method: 'POST', path: `/batches/${pick(targets.batchesByProgramme.get(p.programmeId)!)}/enrolments`, body: JSON.stringify({ participantId: p.id }) }))
    .sort(() => Math.random() - 0.5);
  cursor = 0;
  const enrolRolledBackBefore = await rollbacks?.();
  const enrolment = await load(urls, () => enrolAttempts[cursor++ % enrolAttempts.length]!, { amount: Math.min(enrolAttempts.length, quick ? 2000 : 10000), headers: auth });
  results.enrolment = {
    ...vs(enrolment.figure, baseline),
    attempts: Math.min(enrolAttempts.length, quick ? 2000 : 10000),
    statuses: enrolment.statuses,
    quotaBreaches:
      (await count(`SELECT count(*) FROM (SELECT e.batch_id FROM enrolments e JOIN batches b ON b.id = e.batch_id WHERE e.status = 'confirmed' GROUP BY e.batch_id HAVING count(*) > max(b.capacity)) AS over`)) +
      (await count(`SELECT count(*) FROM (SELECT e.batch_id FROM enrolments e JOIN batches b ON b.id = e.batch_id WHERE e.status = 'confirmed' GROUP BY e.batch_id, e.unit_id HAVING count(*) > max(b.unit_quota)) AS over`)),
  };
  if (rollbacks) results.enrolment.rolledBack = (await rollbacks()) - enrolRolledBackBefore!;

  log('feeds: cold (right after a change) and warm (If-None-Match)');
  const feedProgrammes = programmeIds.slice(0, quick ? 20 : 100);
  const coldTimes: number[] = [];
  const etags = new Map<number, string>();
  for (const id of feedProgrammes) {
    const batchId = targets.batchesByProgramme.get(id)![0]!;
    await (await fetch(`${last}/calendars/programmes/${id}.ics`)).text(); // served once before
    await fetch(`${first}/batches/${batchId}`, { method: 'PATCH', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ venue: `Aula ${Date.now()}` }) });
    const started = performance.now();
    const res = await fetch(`${last}/calendars/programmes/${id}.ics`);
    await res.text();
    coldTimes.push(performance.now() - started);
    etags.set(id, res.headers.get('etag')!);
  }
  const coldMean = coldTimes.reduce((a, b) => a + b, 0) / coldTimes.length;
  results.feedCold = { rps: 1000 / coldMean, p50Ms: median(coldTimes), p99Ms: percentile(coldTimes, 99), ratio: 1000 / coldMean / baseline.rps };
  const warm = await load(urls, () => {
    const id = pick(feedProgrammes);
    return { path: `/calendars/programmes/${id}.ics`, headers: { 'if-none-match': etags.get(id)! } };
  });
  results.feedWarm = { ...vs(warm.figure, baseline), notModified: warm.statuses['304'] ?? 0 };
  return results;
}

/**
 * The figures of coreFigures on PostgreSQL: a throwaway cluster (scripts/postgres-cluster.ts)
 * holding a copy of the seeded database (npm run migrate-to-postgres's copy), served by two
 * server processes sharing the load.
 */
async function postgresFigures(seeded: string, input: Omit<Parameters<typeof coreFigures>[0], 'urls' | 'count'>) {
  const cluster = await startPostgres();
  try {
    const url = await cluster.createDatabase('bench');
    const copying = Date.now();
    await copyToPostgres({ from: seeded, to: url });
    log(`PostgreSQL: the seeded database copied in ${((Date.now() - copying) / 1000).toFixed(1)} s; two server processes on it`);
    const servers = [await startProbedServer(seeded, { DATABASE_URL: url }), await startProbedServer(seeded, { DATABASE_URL: url })];
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    try {
      for (const server of servers) server.reset();
      const count = async (sql: string) => Number((await pool.query<{ count: string }>(sql)).rows[0]!.count);
      // A connection reports its counts once it has been idle for up to 10 s (PostgreSQL 15+): wait for them.
      const rollbacks = async () => {
        await new Promise((resolve) => setTimeout(resolve, 11_000));
        return await count(`SELECT xact_rollback AS count FROM pg_stat_database WHERE datname = current_database()`);
      };
      const figures = await coreFigures({ ...input, urls: servers.map((server) => server.url), count, rollbacks });
      const stats = await Promise.all(servers.map((server) => server.stats()));
      figures.eventLoop = { p99Ms: Math.max(...stats.map((s) => s.p99Ms)), maxMs: Math.max(...stats.map((s) => s.maxMs)) };
      figures.memory = { rssMaxMb: Math.max(...stats.map((s) => s.rssMaxMb)) };
      return figures;
    } finally {
      await pool.end();
      for (const server of servers) await server.stop();
    }
  } finally {
    await cluster.stop();
  }
}

async function main() {
  buildServer();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sop-bench-'));
  if (args['tenants-only'] === 'true') {
    const tenants = await tenantsScenario(dir);
    fs.rmSync(dir, { recursive: true, force: true });
    printTenants(tenants);
    if (args.out) fs.writeFileSync(args.out, `${JSON.stringify({ tenants }, null, 2)}\n`);
    return;
  }
  if (args['heavy-only'] === 'true') {
    const heavy = await heavyScenario(dir);
    fs.rmSync(dir, { recursive: true, force: true });
    printHeavy(heavy);
    if (args.out) fs.writeFileSync(args.out, `${JSON.stringify({ heavy }, null, 2)}\n`);
    return;
  }
  const databasePath = path.join(dir, 'bench.db');
  log(`seeding ${PROGRAMMES} programmes into ${databasePath}`);
  const seeding = Date.now();
  const database = openDatabase(databasePath);
  const services = createContainer({ database, clock: systemClock });
  seedScale(database.sqlite, PROGRAMMES);
  const large = await seedLargeProgramme(services);
  const key = (await services.access.create(systemActor, { role: 'organiser', label: 'bench' })).key;
  // The same data for PostgreSQL, as seeded (the SQLite runs below change it).
  const seeded = path.join(dir, 'seeded.db');
  database.sqlite.prepare('VACUUM INTO ?').run(seeded);
  database.close();
  log(`seeded in ${((Date.now() - seeding) / 1000).toFixed(1)} s`);

  const sqlite = new Database(databasePath, { readonly: true });
  const targets = readTargets(sqlite);
  const programmeIds = [...targets.batchesByProgramme.keys()].filter((id) => id !== large.programmeId);
  const auth = { authorization: `Bearer ${key}` };

  if (args['postgres-only'] === 'true') {
    const postgres = await postgresFigures(seeded, { auth, targets, programmeIds });
    sqlite.close();
    fs.rmSync(dir, { recursive: true, force: true });
    printSideBySide(undefined, postgres);
    if (args.out) fs.writeFileSync(args.out, `${JSON.stringify({ programmes: PROGRAMMES, connections: CONNECTIONS, durationSeconds: DURATION, postgres }, null, 2)}\n`);
    return;
  }

  const server = await startProbedServer(databasePath);
  server.reset();
  log(`the server answered /health ${server.startupMs.toFixed(0)} ms after it was started`);
  const results: Record<string, unknown> = { startupMs: server.startupMs };

  Object.assign(results, await coreFigures({ urls: [server.url], auth, targets, programmeIds, count: async (sql) => sqlite.prepare(sql).pluck().get() as number }));

  const largeSource = eventsOfFeed(await (await fetch(`${server.url}/calendars/programmes/${large.programmeId}.ics`)).text());
  log(`large feed: ${largeSource.events.length} events, served right after one booking moved`);
  const ourTimes: number[] = [];
  for (let i = 0; i < (quick ? 5 : 15); i++) {
    await fetch(`${server.url}/bookings/${large.bookingId}`, { method: 'PATCH', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ slotId: large.slotIds[i % 2] }) });
    const started = performance.now();
    await (await fetch(`${server.url}/calendars/programmes/${large.programmeId}.ics`)).text();
    ourTimes.push(performance.now() - started);
  }
  // The comparison: ical-generator alone rendering the same events, in this process.
  const generatorTimes: number[] = [];
  for (let i = 0; i < (quick ? 3 : 7); i++) {
    const started = performance.now();
    renderCalendar(largeSource.meta, largeSource.events);
    generatorTimes.push(performance.now() - started);
  }
  results.feedLarge = {
    events: largeSource.events.length,
    rps: 1000 / median(ourTimes),
    p50Ms: median(ourTimes),
    p99Ms: percentile(ourTimes, 99),
    icalGeneratorMs: median(generatorTimes),
    ratio: median(ourTimes) / median(generatorTimes),
  };

  const stats = await server.stats();
  results.eventLoop = { p99Ms: stats.p99Ms, maxMs: stats.maxMs };
  results.memory = { rssMaxMb: stats.rssMaxMb };

  // The longest the event loop is blocked while a 5,000-row import is read and written.
  log('a 5,000-row units import, with the probe watching the event loop');
  server.reset();
  await server.stats(); // a round trip: the reset has happened before the import starts
  const rows = Array.from({ length: 5000 }, (_, i) => `IMPORT-${i},Unit Kerja Impor ${i},kelurahan,impor${i}@example.go.id`);
  const importStarted = performance.now();
  const imported = await fetch(`${server.url}/units/import`, { method: 'POST', headers: { ...auth, 'content-type': 'text/csv' }, body: ['code,name,kind,email', ...rows].join('\n') });
  const importMs = performance.now() - importStarted;
  results.importBlock = { status: imported.status, ms: importMs, maxBlockMs: (await server.stats()).maxMs };
  await server.stop();
  sqlite.close();

  if (args['sqlite-only'] !== 'true') results.postgres = await postgresFigures(seeded, { auth, targets, programmeIds });

  // Each size on a fresh server and database, timed one request at a time: p50 is then the
  // time to answer (to the microsecond), not time spent queueing behind other requests.
  log('growth: slot listing p50 at each size');
  const growth: Record<string, number> = {};
  for (const size of GROWTH_SIZES) {
    const file = path.join(dir, `growth-${size}.db`);
    const db = openDatabase(file);
    seedScale(db.sqlite, size);
    const growthKey = (await createContainer({ database: db, clock: systemClock }).access.create(systemActor, { role: 'organiser', label: 'bench' })).key;
    const periodIds = (db.sqlite.prepare('SELECT id FROM asistensi_periods').pluck().all() as number[]);
    db.close();
    const s = await startProbedServer(file);
    const headers = { authorization: `Bearer ${growthKey}` };
    const times: number[] = [];
    for (let i = 0; i < (quick ? 600 : 2000); i++) {
      const started = performance.now();
      await (await fetch(`${s.url}/asistensi-periods/${pick(periodIds)}/slots`, { headers })).arrayBuffer();
      if (i >= 200) times.push(performance.now() - started); // the first 200 warm the server up
    }
    growth[String(size)] = median(times);
    await s.stop();
  }
  const sizes = Object.keys(growth).map(Number).sort((a, b) => a - b);
  results.growth = { p50Ms: Object.fromEntries(sizes.map((n) => [n, growth[String(n)]])), ratio: growth[String(sizes[sizes.length - 1])]! / growth[String(sizes[0])]! };

  results.heavy = await heavyScenario(dir);

  fs.rmSync(dir, { recursive: true, force: true });
  printTable(results);
  if (args.out) fs.writeFileSync(args.out, `${JSON.stringify({ programmes: PROGRAMMES, connections: CONNECTIONS, durationSeconds: DURATION, shape: SCALE_SHAPE, ...results }, null, 2)}\n`);
}

function printTable(results: Record<string, any>) {
  const row = (name: string, f: Figure & Record<string, unknown>, note = '') =>
    `${name.padEnd(12)} ${f.rps.toFixed(0).padStart(8)} ${f.p50Ms.toFixed(1).padStart(8)} ${f.p99Ms.toFixed(1).padStart(8)} ${(f.ratio === undefined ? '' : f.ratio.toFixed(2)).padStart(7)}  ${note}`;
  const lines = [
    `${'figure'.padEnd(12)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'ratio'.padStart(7)}`,
    row('baseline', results.baseline, 'GET /health'),
    row('slots', results.slots, 'x baseline rps'),
    row('batches', results.batches, 'x baseline rps'),
    row('booking', results.booking, `${results.booking.succeeded} of ${results.booking.attempts} booked, ${results.booking.doubleBooked} double`),
    row('unitCreate', results.unitCreate, `${results.unitCreate.created} units created (POST /units, all 201)`),
    row('bookCreate', results.bookingCreate, `${results.bookingCreate.succeeded} of ${results.bookingCreate.attempts} booked (free slots, all 201)`),
    row('enrolment', results.enrolment, `${results.enrolment.quotaBreaches} capacity/quota breaches`),
    row('feedCold', results.feedCold, 'first request after a change'),
    row('feedWarm', results.feedWarm, `${results.feedWarm.notModified} answered 304`),
    row('feedLarge', results.feedLarge, `${results.feedLarge.events} events; ratio = our time / ical-generator ${results.feedLarge.icalGeneratorMs.toFixed(0)} ms`),
    `growth       slot listing p50 ${Object.entries(results.growth.p50Ms).map(([n, ms]) => `${n}: ${(ms as number).toFixed(2)} ms`).join(', ')}; ratio ${results.growth.ratio.toFixed(2)}`,
    `import       5,000 units in ${results.importBlock.ms.toFixed(0)} ms (HTTP ${results.importBlock.status}); the event loop was blocked ${results.importBlock.maxBlockMs.toFixed(0)} ms at most`,
    `startup      /health answered ${results.startupMs.toFixed(0)} ms after the server process started (compiled, as npm start runs it)`,
    `eventLoop    p99 ${results.eventLoop.p99Ms.toFixed(1)} ms, max ${results.eventLoop.maxMs.toFixed(1)} ms; server RSS max ${results.memory.rssMaxMb.toFixed(0)} MB`,
  ];
  console.log(lines.join('\n'));
  if (results.postgres) printSideBySide(results, results.postgres);
  printHeavy(results.heavy);
}

/** The figures both engines have, SQLite (one process, when measured) beside PostgreSQL (two). */
function printSideBySide(sqlite: Record<string, any> | undefined, postgres: Record<string, any>) {
  const cell = (f: Figure | undefined) => (f ? `${f.rps.toFixed(0).padStart(8)} ${f.p99Ms.toFixed(1).padStart(8)} ${(f.ratio === undefined ? '' : f.ratio.toFixed(2)).padStart(7)}` : '');
  const header = `${'req/s'.padStart(8)} ${'p99 ms'.padStart(8)} ${'ratio'.padStart(7)}`;
  const names = ['baseline', 'slots', 'batches', 'booking', 'unitCreate', 'bookingCreate', 'enrolment', 'feedCold', 'feedWarm'];
  const lines = [
    '',
    `${''.padEnd(13)} ${'SQLite, 1 process'.padEnd(25)}   PostgreSQL, 2 processes`,
    `${'figure'.padEnd(13)} ${header}   ${header}`,
    ...names.map((name) => `${name.padEnd(13)} ${cell(sqlite?.[name]).padEnd(header.length)}   ${cell(postgres[name])}`),
    `${'checks'.padEnd(13)} PostgreSQL: ${postgres.booking.succeeded} of ${postgres.booking.attempts} booked, ${postgres.booking.doubleBooked} double; ${postgres.bookingCreate.succeeded} of ${postgres.bookingCreate.attempts} sure bookings (${postgres.bookingCreate.rolledBack} transactions rolled back); ${postgres.enrolment.quotaBreaches} capacity/quota breaches (${postgres.enrolment.rolledBack} transactions rolled back)`,
    `${'statuses'.padEnd(13)} PostgreSQL: booking ${JSON.stringify(postgres.booking.statuses)}, sure bookings ${JSON.stringify(postgres.bookingCreate.statuses)}, enrolment ${JSON.stringify(postgres.enrolment.statuses)}`,
    sqlite
      ? `${'eventLoop'.padEnd(13)} p99 ${sqlite.eventLoop.p99Ms.toFixed(1)} ms (SQLite), ${postgres.eventLoop.p99Ms.toFixed(1)} ms (PostgreSQL, worse process); RSS max ${sqlite.memory.rssMaxMb.toFixed(0)} / ${postgres.memory.rssMaxMb.toFixed(0)} MB`
      : `${'eventLoop'.padEnd(13)} p99 ${postgres.eventLoop.p99Ms.toFixed(1)} ms (PostgreSQL, worse process); RSS max ${postgres.memory.rssMaxMb.toFixed(0)} MB`,
  ];
  console.log(lines.join('\n'));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
