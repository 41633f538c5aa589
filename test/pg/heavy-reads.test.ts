import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { Client, Pool } from 'pg';
import { AppError } from '../../src/platform/errors';
import { openPostgres, READER_APPLICATION_NAME } from '../../src/platform/postgres';
import { buildTestApp, type TestApp } from '../helpers/app';
import { seedPeriod } from '../helpers/asistensi';
import { startPostgres, TEMPLATE_DATABASE, type PostgresCluster } from '../helpers/postgres';

/**
 * On PostgreSQL, as on a SQLite file, the heavy previews and the progress XLSX are read and
 * computed in a worker thread over the worker's own connection, not on the thread that serves
 * everyone: the same answers as on SQLite, and the server's own connections run none of their
 * reads. (The worker code runs from dist/: `npm run build` after changing it.)
 */
let cluster: PostgresCluster;
let folder: string;
const NOW = '2013-10-01T00:00:00Z';
/** One worker, so that the three jobs share it (and its connection), which one person may ask at once. */
const WORKERS = { WORKER_THREADS: '1', WORKER_JOBS_PER_PERSON: '3' };

beforeAll(async () => {
  cluster = await startPostgres();
  // What the PostgreSQL test project sets up (test/setup): buildTestApp() without a file then
  // runs on a copy of this migrated template; with a file it stays on SQLite.
  await (await openPostgres(await cluster.createDatabase(TEMPLATE_DATABASE))).close();
  process.env.TEST_POSTGRES_PORT = String(cluster.port);
  (globalThis as { testOnPostgres?: boolean }).testOnPostgres = true;
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'heavy-reads-'));
}, 60_000);
afterAll(async () => {
  await cluster.stop();
  fs.rmSync(folder, { recursive: true, force: true });
});

/** The same programme on either engine: officials to distribute, units asking for asistensi, drafts. Returns the three heavy requests' addresses. */
async function seed(t: TestApp) {
  const { programme, period, slot } = await seedPeriod(t, { workingDays: 2, slotTimes: [{ start: '09:00', end: '12:00' }] });
  await t.make.batch(programme.id, { name: 'Angkatan I', capacity: 4, eligibleUnitKinds: ['dinas'] });
  await t.make.batch(programme.id, { name: 'Angkatan II', capacity: 3, days: [{ date: '2013-10-09', start: '08:00', end: '16:00' }] });
  const units: { id: number }[] = [];
  for (const kind of ['dinas', 'kelurahan', 'dinas', 'kecamatan']) {
    const unit = await t.make.unit({ kind });
    for (let i = 0; i < 3; i++) await t.make.participant(unit.id);
    units.push(unit);
  }
  const [displaced, lateDraft, earlyDraft, asker] = units as [{ id: number }, { id: number }, { id: number }, { id: number }];
  await t.organiser.post(`/asistensi-periods/${period.id}/bookings`, { unitId: displaced.id, slotId: slot('2013-10-21').id });
  for (const unit of [asker, lateDraft, earlyDraft]) {
    t.clock.advance({ minutes: 5 });
    expect((await t.as(await t.unitKey(unit.id)).post(`/asistensi-periods/${period.id}/requests`, { unitId: unit.id, preferredDates: ['2013-10-22'] })).status).toBe(201);
  }
  await t.organiser.post(`/programmes/${programme.id}/drafts`, { unitId: lateDraft.id, title: 'Draft', sopCount: 2, receivedAt: '2013-09-20T00:00:00Z' });
  await t.organiser.post(`/programmes/${programme.id}/drafts`, { unitId: earlyDraft.id, title: 'Draft', sopCount: 3, receivedAt: '2013-09-10T00:00:00Z' });
  await t.organiser.post(`/asistensi-periods/${period.id}/closures`, { date: '2013-10-21', reason: 'Kunjungan kerja Walikota' });
  return { distribute: `/programmes/${programme.id}/distribute`, autoSchedule: `/asistensi-periods/${period.id}/auto-schedule`, progress: `/programmes/${programme.id}/progress?format=xlsx` };
}

type Requests = Awaited<ReturnType<typeof seed>>;

/** Every worksheet's cells, by name. */
async function sheetsOf(xlsx: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(xlsx as never);
  return Object.fromEntries(workbook.worksheets.map((sheet) => [sheet.name, sheet.getSheetValues()]));
}

/** The three heavy answers, asked at once. */
async function heavyAnswers(t: TestApp, requests: Requests) {
  const [distribution, autoSchedule, progress] = await Promise.all([
    t.organiser.post(requests.distribute, { dryRun: true }),
    t.organiser.post(requests.autoSchedule, { dryRun: true }),
    t.app.inject({ url: requests.progress, headers: { authorization: `Bearer ${t.organiserKey}` } }),
  ]);
  expect([distribution.status, autoSchedule.status, progress.statusCode]).toEqual([200, 200, 200]);
  return { distribution: distribution.body, autoSchedule: autoSchedule.body, progress: await sheetsOf(progress.rawPayload) };
}

/** What the distribution, auto-schedule and progress report read, and the server's thread needs none of to hand them to a worker. */
const PLANNERS_TABLES = /"(participants|enrolments|drafts|bookings|asistensi_requests)"/;

/** The SQL the server's thread sends through its pool outside units of work (where a preview's reads would go) while `during` runs. */
async function serverThreadStatements(during: () => Promise<unknown>) {
  const sent: string[] = [];
  const original = Pool.prototype.query;
  const spy = jest.spyOn(Pool.prototype, 'query').mockImplementation(function (this: Pool, ...args: unknown[]) {
    const [query] = args as [string | { text: string }];
    sent.push(typeof query === 'string' ? query : query.text);
    return (original as (...a: unknown[]) => unknown).apply(this, args) as never;
  });
  try {
    await during();
  } finally {
    spy.mockRestore();
  }
  return sent;
}

/** The worker threads' read-only connections to the cluster (pg_stat_activity). */
async function readerConnections() {
  const client = new Client({ host: '127.0.0.1', port: cluster.port, user: 'postgres', database: 'postgres' });
  await client.connect();
  try {
    return (await client.query<{ count: number }>('SELECT count(*)::int AS count FROM pg_stat_activity WHERE application_name = $1', [READER_APPLICATION_NAME])).rows[0]!.count;
  } finally {
    await client.end();
  }
}

it('reads and computes the distribution and auto-schedule previews and the progress XLSX in a worker on PostgreSQL, with the answers SQLite gives', async () => {
  const onFile = await buildTestApp({ now: NOW, databasePath: path.join(folder, 'sop.db'), env: WORKERS });
  let fileAnswers;
  try {
    fileAnswers = await heavyAnswers(onFile, await seed(onFile));
  } finally {
    await onFile.app.close();
    onFile.database.close();
  }
  // Answers worth comparing: seven seats taken, two of four units scheduled, every unit reported.
  expect([fileAnswers.distribution.assignments.length, fileAnswers.autoSchedule.assignments.length, fileAnswers.progress['Unit kerja']!.length]).toEqual([7, 2, 6]);

  const onPostgres = await buildTestApp({ now: NOW, env: WORKERS });
  try {
    const requests = await seed(onPostgres);
    let answers;
    const statements = await serverThreadStatements(async () => (answers = await heavyAnswers(onPostgres, requests)));
    expect(answers).toEqual(fileAnswers);
    expect(statements.length).toBeGreaterThan(0); // the spy sees the server's reads (its API key, the programme)
    expect(statements.filter((sql) => PLANNERS_TABLES.test(sql))).toEqual([]);
    expect(await readerConnections()).toBe(1);

    // Each read is a transaction of its own: the next preview sees what was applied since.
    expect((await onPostgres.organiser.post(requests.distribute, {})).status).toBe(200);
    const again = await onPostgres.organiser.post(requests.distribute, { dryRun: true });
    expect(again.body).toEqual({ dryRun: true, assignments: [], unplaced: fileAnswers.distribution.unplaced });
  } finally {
    await onPostgres.app.close();
  }
  // Closing the pool ends its workers, and their connections with them.
  for (let waited = 0; (await readerConnections()) > 0 && waited < 5_000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
  expect(await readerConnections()).toBe(0);
});

it('answers 503 DATABASE_UNAVAILABLE when the worker cannot reach the database', async () => {
  const t = await buildTestApp({ now: NOW });
  try {
    const unreachable = { engine: 'postgres', url: 'postgres://postgres@127.0.0.1:1/sop' };
    const refused = t.app.services.workerPool.run('key:test', 'distributionPlanOfDatabase', [unreachable, 1]);
    await expect(refused).rejects.toBeInstanceOf(AppError);
    await expect(refused).rejects.toMatchObject({ status: 503, code: 'DATABASE_UNAVAILABLE' });
  } finally {
    await t.app.close();
  }
});
