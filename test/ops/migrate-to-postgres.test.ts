import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { buildApp } from '../../src/app';
import { createContainer } from '../../src/container';
import { systemActor } from '../../src/platform/actor';
import { tenantDatabaseMaker, tenantRegistry } from '../../src/tenancy';
import { loadConfig } from '../../src/config';
import type { Api } from '../../src/http/api';
import { copyToPostgres } from '../../src/platform/copy-to-postgres';
import { openDatabase } from '../../src/platform/database';
import { openPostgres } from '../../src/platform/postgres';
import { announceServer } from '../../src/platform/server-presence';
import { ManualClock, systemClock } from '../../src/platform/time';
import { SWITCHABLE } from '../../src/features/outbox/outbox.rules';
import { startMailCatcher, type MailCatcher } from '../../scripts/mail-catcher';
import { BASE_URL, buildTestApp, clientFor, type TestApp } from '../helpers/app';
import { seedPeriod } from '../helpers/asistensi';
import { pageClient, signedInPerson } from '../helpers/pages';
import { startPostgres, type PostgresCluster } from '../helpers/postgres';
import { runScript } from '../helpers/scripts';

/**
 * `npm run migrate-to-postgres` (issue 22): a SQLite deployment made through the service is
 * copied into PostgreSQL; every row comes over as it was, the feeds answer the same bytes,
 * sessions and keys still work, new rows get new ids; and the copy refuses what it must.
 */
let cluster: PostgresCluster;
let mail: MailCatcher;
let dir: string;
let databasePath: string;
let source: Awaited<ReturnType<typeof deployment>>;

const UNIT_MAIL = 'dishub@banjarmasinkota.go.id';
const OPERATOR = 'rahmat@banjarmasinkota.go.id';
const env = () => ({ PUBLIC_BASE_URL: BASE_URL, DEFAULT_TIMEZONE: 'WITA', DOCUMENTS_PATH: path.join(dir, 'documents'), SMTP_URL: mail.url, AUTH_FAILURES_PER_MINUTE: '100000' });
const pdf = Buffer.from('%PDF-1.4\n% draf SOP izin trayek\n%%EOF\n');

/** A deployment with something in every table, made through the service on a SQLite file; answers what the checks need. */
async function deployment(t: TestApp) {
  const ok = async <T>(reply: Promise<{ status: number; body: T }>, what: string) => {
    const res = await reply;
    if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const { programme, period, slot } = await seedPeriod(t, { location: 'Ruang Rapat Bagian Organisasi' });
  await ok(t.organiser.patch(`/programmes/${programme.id}`, { draftDeadline: '2013-10-18', finalDeadline: '2013-11-29', organiserEmail: 'organisasi@banjarmasinkota.go.id' }), 'programme');
  const batch = await t.make.batch(programme.id, { name: 'Angkatan I', venue: 'Aula Kayuh Baimbai', eligibleUnitKinds: ['dinas', 'badan'] });
  const dishub = await t.make.unit({ code: 'DISHUB', name: 'Dinas Perhubungan', email: UNIT_MAIL });
  const dlh = await t.make.unit({ code: 'DLH', name: 'Dinas Lingkungan Hidup' });
  const bappeda = await t.make.unit({ code: 'BAPPEDA', name: 'Badan Perencanaan', kind: 'badan' });
  const officials = [];
  for (const name of ['Ahmad Fauzi', 'Siti Aminah', 'Rudi Hartono']) officials.push(await t.make.participant(dishub.id, { name }));
  const enrolments = [];
  for (const official of officials.slice(0, 2)) enrolments.push(await ok(t.organiser.post(`/batches/${batch.id}/enrolments`, { participantId: official.id }), 'enrolment'));
  // The newest official goes: SQLite never gives that id again, nor may PostgreSQL.
  await ok(t.organiser.delete(`/participants/${officials[2]!.id}`), 'delete official');

  const { client: operator, password } = await signedInPerson(t.app, t.organiser, { email: OPERATOR, name: 'Rahmat Hidayat', role: 'unit', unitId: dishub.id });
  await operator.get(`/unit/program/${programme.id}/draf`);
  const sent = await operator.upload(`/unit/program/${programme.id}/draf`, { title: 'Draf SOP Dinas Perhubungan', sopCount: '3' }, { field: 'document', name: 'draf.pdf', type: 'application/pdf', bytes: pdf });
  if (sent.status !== 303) throw new Error(`draft: ${sent.status}`);
  await operator.get('/akun');
  // Every kind but one: the booking below mails the operator, with an unsubscribe link (its key is kept too).
  await operator.post('/akun/pemberitahuan', { jenis: SWITCHABLE.unit.filter((kind) => kind !== 'booking_moved') });
  const unitKey = await t.unitKey(dishub.id);
  const booking = await ok(t.as(unitKey).post(`/asistensi-periods/${period.id}/bookings`, { slotId: slot('2013-10-21').id, topic: 'SOP izin trayek' }), 'booking');
  const moved = await ok(t.organiser.post(`/asistensi-periods/${period.id}/bookings`, { unitId: dlh.id, slotId: slot('2013-10-22').id }), 'booking');
  await ok(t.organiser.patch(`/bookings/${moved.id}`, { slotId: slot('2013-10-24', '13:00').id }), 'move booking'); // raises its SEQUENCE
  await ok(t.organiser.post(`/asistensi-periods/${period.id}/closures`, { date: '2013-10-30', reason: 'Rapat kerja' }), 'closure');
  await ok(t.organiser.post(`/asistensi-periods/${period.id}/requests`, { unitId: bappeda.id, notes: 'pagi hari' }), 'request');
  await ok(t.organiser.put('/holiday-calendars/2031', { decree: 'SKB 2031', days: [{ date: '2031-01-01', name: 'Tahun Baru 2031 Masehi', kind: 'holiday' }] }), 'holidays');

  const stranger = pageClient(t.app);
  await stranger.get('/masuk');
  await stranger.post('/masuk', { email: OPERATOR, password: 'bukan sandinya' });

  const firstFeed = new URL((await ok(t.as(unitKey).post(`/units/${dishub.id}/calendar-token`), 'feed')).url).pathname;
  const unitFeed = new URL((await ok(t.as(unitKey).post(`/units/${dishub.id}/calendar-token`), 'feed')).url).pathname;
  // After the workshop's first day and the first asistensi: attendance and a walk-in.
  t.clock.set('2013-10-24T08:00:00Z');
  await ok(t.organiser.put(`/enrolments/${enrolments[0].id}/attendance`, { date: '2013-10-07', present: true }), 'attendance');
  await ok(t.organiser.put(`/enrolments/${enrolments[1].id}/attendance`, { date: '2013-10-07', present: false }), 'attendance');
  await ok(t.organiser.put(`/bookings/${booking.id}/attendance`, { attended: true }), 'booking attendance');
  await ok(t.organiser.post(`/asistensi-periods/${period.id}/walk-ins`, { unitId: bappeda.id, date: '2013-10-22' }), 'walk-in');
  // The first session has lapsed since: the operator signs in again.
  await operator.get('/masuk');
  if ((await operator.post('/masuk', { email: OPERATOR, password })).status !== 303) throw new Error('sign in again');
  // Long past the enrolment news window: every notice goes out once, with its attempt.
  await t.app.services.notices.deliverDue();

  return {
    organiserKey: t.organiserKey,
    unitKey,
    operator,
    feeds: [`/calendars/programmes/${programme.id}.ics`, `/calendars/batches/${batch.id}.ics`, unitFeed, firstFeed],
    bookingFile: `/bookings/${booking.id}.ics`,
    dishub,
    deletedOfficial: officials[2]!.id,
    now: t.clock.now().toISO()!,
  };
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sop-migrate-test-'));
  databasePath = path.join(dir, 'sop.db');
  [cluster, mail] = await Promise.all([startPostgres(), startMailCatcher()]);
  const t = await buildTestApp({ now: '2013-09-30T01:00:00Z', databasePath, env: env() });
  try {
    source = await deployment(t);
  } finally {
    await t.app.close();
    t.database.close();
  }
}, 120_000);
afterAll(async () => {
  await mail?.close();
  await cluster?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** An app on a database (the SQLite file or a PostgreSQL URL) at the moment the deployment was left. */
async function appOn(database: { path: string } | { url: string }): Promise<Api> {
  const opened = 'url' in database ? await openPostgres(database.url, { poolSize: 2 }) : openDatabase(database.path);
  const app = await buildApp({ config: loadConfig(env()), database: opened, clock: new ManualClock(source.now), logger: false });
  app.addHook('onClose', async () => opened.close());
  return app;
}

interface TargetColumn {
  table: string;
  column: string;
  type: string;
}

async function withPg<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const serviceTable = (name: string) => !name.startsWith('__') && !name.startsWith('sqlite_');

async function targetColumns(client: Client): Promise<Map<string, TargetColumn[]>> {
  const { rows } = await client.query<TargetColumn>(
    `SELECT table_name AS table, column_name AS column, data_type AS type FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`,
  );
  const byTable = new Map<string, TargetColumn[]>();
  for (const row of rows.filter((r) => serviceTable(r.table))) byTable.set(row.table, [...(byTable.get(row.table) ?? []), row]);
  return byTable;
}

/** JSON with object keys sorted at every depth: jsonb keeps its own key order. */
const canonical = (value: unknown): string =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? `{${Object.keys(value)
        .sort()
        .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
        .join(',')}}`
    : Array.isArray(value)
      ? `[${value.map(canonical).join(',')}]`
      : JSON.stringify(value);

/** A row as both engines must agree on it: booleans as booleans, JSON parsed. */
function normalised(row: Record<string, unknown>, columns: TargetColumn[]): string {
  const out: Record<string, unknown> = {};
  for (const { column, type } of columns) {
    const value = row[column];
    out[column] = value === null ? null : type === 'boolean' ? value === true || value === 1 : type === 'jsonb' ? JSON.parse(value as string) : value;
  }
  return canonical(out);
}

describe('a deployment copied into PostgreSQL', () => {
  let url: string;
  let copied: Awaited<ReturnType<typeof copyToPostgres>>;
  beforeAll(async () => {
    url = await cluster.createDatabase('copied');
    copied = await copyToPostgres({ from: databasePath, to: url });
  }, 60_000);

  it('holds every row of every table, every column equal', async () => {
    const sqlite = new Database(databasePath, { readonly: true });
    try {
      await withPg(url, async (client) => {
        const columns = await targetColumns(client);
        const sourceTables = (sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all() as string[]).filter(serviceTable);
        expect([...columns.keys()].sort()).toEqual(sourceTables.sort());
        for (const [table, list] of columns) {
          const inSource = (sqlite.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[]).map((row) => normalised(row, list)).sort();
          const inTarget = (await client.query(`SELECT * FROM "${table}"`)).rows.map((row) => normalised(row, list)).sort();
          expect({ table, rows: inTarget }).toEqual({ table, rows: inSource });
        }
        // The deployment has something in every table (so every column's conversion was tried),
        // and the summary says so; but feed_version_changes, which only PostgreSQL's triggers write.
        const counts = Object.fromEntries(copied.tables.map(({ table, rows }) => [table, rows]));
        expect(Object.keys(counts).sort()).toEqual(sourceTables.sort());
        expect(Object.entries(counts).filter(([, rows]) => rows === 0)).toEqual([['feed_version_changes', 0], ['partner_feeds', 0], ['tenants', 0], ['asistensi_partners', 0]]);
        for (const table of sourceTables) expect({ table, rows: counts[table] }).toEqual({ table, rows: (sqlite.prepare(`SELECT count(*) FROM "${table}"`).pluck().get() as number) });
        expect(copied).toMatchObject({ migratedSource: false, documents: 1 });
        // Every trigger is on again.
        expect((await client.query(`SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgenabled <> 'O'`)).rows).toEqual([]);
      });
    } finally {
      sqlite.close();
    }
  });

  it('answers the same feeds byte for byte, and the same sessions and keys', async () => {
    const [onSqlite, onPg] = [await appOn({ path: databasePath }), await appOn({ url })];
    try {
      for (const feed of source.feeds) {
        const [before, after] = [await onSqlite.inject({ url: feed }), await onPg.inject({ url: feed })];
        expect({ feed, status: after.statusCode, etag: after.headers.etag, body: after.body }).toEqual({ feed, status: before.statusCode, etag: before.headers.etag, body: before.body });
      }
      // The unit's feed and the retired address (410) were both among them.
      expect((await onPg.inject({ url: source.feeds[2]! })).body).toContain('BEGIN:VEVENT');
      expect((await onPg.inject({ url: source.feeds[3]! })).statusCode).toBe(410);
      const bookingFile = async (app: Api) => (await clientFor(app, source.unitKey).get(source.bookingFile)).body as string;
      expect(await bookingFile(onPg)).toBe(await bookingFile(onSqlite));
      expect(await bookingFile(onPg)).toContain('BEGIN:VEVENT');

      // The operator's browser, signed in on SQLite, is still signed in.
      const browser = pageClient(onPg);
      for (const [name, value] of source.operator.jar) browser.jar.set(name, value);
      const account = await browser.get('/akun');
      expect(account.status).toBe(200);
      expect(account.body).toContain(OPERATOR);
      expect((await pageClient(onPg).get('/akun')).status).toBe(303); // without the cookie: to sign in
      // The unit's API key works as before.
      const unit = await clientFor(onPg, source.unitKey).get(`/units/${source.dishub.id}`);
      expect(unit).toMatchObject({ status: 200, body: { code: 'DISHUB' } });
    } finally {
      await onSqlite.close();
      await onPg.close();
    }
  });

  it('gives new rows new ids, never one SQLite gave out before', async () => {
    const app = await appOn({ url });
    try {
      const sqlite = new Database(databasePath, { readonly: true });
      const issued = (table: string) => sqlite.prepare('SELECT seq FROM sqlite_sequence WHERE name = ?').pluck().get(table) as number;
      const [units, participants] = [issued('units'), issued('participants')];
      sqlite.close();
      expect(participants).toBe(source.deletedOfficial);
      const organiser = clientFor(app, source.organiserKey);
      const unit = await organiser.post('/units', { code: 'BKD', name: 'Badan Kepegawaian Daerah', kind: 'badan' });
      expect(unit).toMatchObject({ status: 201, body: { id: units + 1 } });
      const official = await organiser.post('/participants', { nip: '197503122000031009', name: 'Pegawai Baru', unitId: unit.body.id });
      expect(official).toMatchObject({ status: 201, body: { id: participants + 1 } });
    } finally {
      await app.close();
    }
  });

  it('needs only the owner of the database, not a superuser', async () => {
    await withPg(url.replace(/\/copied$/, '/postgres'), async (client) => {
      await client.query('CREATE ROLE sop LOGIN NOSUPERUSER');
      await client.query('CREATE DATABASE owned OWNER sop');
    });
    const owned = `postgres://sop@127.0.0.1:${cluster.port}/owned`;
    const byOwner = await copyToPostgres({ from: databasePath, to: owned });
    expect(byOwner.tables).toEqual(copied.tables);
    const superuser = await withPg(owned, async (client) => (await client.query<{ rolsuper: boolean }>('SELECT rolsuper FROM pg_roles WHERE rolname = current_user')).rows[0]!.rolsuper);
    expect(superuser).toBe(false);
  });

  it('refuses to copy into a database that holds data, changing nothing', async () => {
    const count = () => withPg(url, async (client) => (await client.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log')).rows[0]!.n);
    const before = await count();
    await expect(copyToPostgres({ from: databasePath, to: url })).rejects.toThrow(/^PostgreSQL 127\.0\.0\.1:\d+\/copied already holds data \(rows in [a-z_, ]*\bunits\b[a-z_, ]*\): the copy goes only into an empty database/);
    expect(await count()).toBe(before);
  });
});

describe('what the copy refuses', () => {
  const emptyTables = (url: string) =>
    withPg(url, async (client) => {
      const filled = [];
      for (const table of (await targetColumns(client)).keys()) if ((await client.query(`SELECT 1 FROM "${table}" LIMIT 1`)).rowCount) filled.push(table);
      return filled;
    });

  it('refuses a source that is missing, not this service’s, or in use by a server', async () => {
    const url = await cluster.createDatabase('refusals');
    const missing = path.join(dir, 'nothing.db');
    await expect(copyToPostgres({ from: missing, to: url })).rejects.toThrow(`cannot copy ${missing}: ${missing} does not exist`);
    const foreign = path.join(dir, 'foreign.db');
    new Database(foreign).exec('CREATE TABLE things (id INTEGER PRIMARY KEY)').close();
    await expect(copyToPostgres({ from: foreign, to: url })).rejects.toThrow(`cannot copy ${foreign}: ${foreign} is not a database of this service (no migrations table)`);
    const leave = announceServer(databasePath);
    try {
      await expect(copyToPostgres({ from: databasePath, to: url })).rejects.toThrow(`A server (process ${process.pid}) is using ${databasePath}: stop it first`);
    } finally {
      leave();
    }
    expect(await emptyTables(url)).toEqual([]);
  });

  it('keeps nothing when a row cannot be copied, and leaves the triggers on', async () => {
    const url = await cluster.createDatabase('failed');
    const broken = path.join(dir, 'broken.db');
    const copy = new Database(databasePath, { readonly: true });
    copy.prepare('VACUUM INTO ?').run(broken);
    copy.close();
    const sqlite = new Database(broken);
    sqlite.prepare('UPDATE attendance SET present = 7').run();
    sqlite.close();
    await expect(copyToPostgres({ from: broken, to: url })).rejects.toThrow('attendance.present holds 7 where a boolean (0 or 1) belongs: the copy stops, nothing was kept');
    expect(await emptyTables(url)).toEqual([]);
    await withPg(url, async (client) => expect((await client.query(`SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgenabled <> 'O'`)).rows).toEqual([]));
  });
});

describe('npm run migrate-to-postgres', () => {
  it('copies a database an older release left (migrating a copy of it first), leaving the file as it was, and prints rows per table', async () => {
    const fixture = path.join(__dirname, '..', 'fixtures', 'upgrade', '2471537');
    const manifest = JSON.parse(fs.readFileSync(path.join(fixture, 'manifest.json'), 'utf8')) as { rowCounts: Record<string, number> };
    const file = path.join(dir, 'older.db');
    fs.copyFileSync(path.join(fixture, 'sop.db'), file);
    const hash = () => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
    const before = hash();
    const url = await cluster.createDatabase('older');
    const run = await runScript('migrate-to-postgres', ['--from', file, '--to', url], {});
    expect(run.stderr).toMatch(/^copied \d+ rows in 34 tables from .*older\.db \(last run by an older release: a migrated copy of it\) to PostgreSQL 127\.0\.0\.1:\d+\/older;/);
    expect(run.code).toBe(0);
    const printed = Object.fromEntries(run.stdout.trim().split('\n').map((line) => line.split('\t') as [string, string]));
    for (const [table, rows] of Object.entries(manifest.rowCounts)) if (serviceTable(table)) expect({ table, rows: Number(printed[table]) }).toEqual({ table, rows });
    expect(hash()).toBe(before);
  });

  it('says what is wrong on one line and exits 1', async () => {
    const missingTo = await runScript('migrate-to-postgres', ['--from', databasePath, '--to'], {});
    expect(missingTo).toMatchObject({ code: 1, stdout: '' });
    expect(missingTo.stderr.trim()).toBe('--to is missing (and DATABASE_URL is not set); usage: npm run migrate-to-postgres -- --from <SQLite file> --to postgres://user:password@host:5432/database');
    const wrongTo = await runScript('migrate-to-postgres', ['--from', databasePath, '--to', 'mysql://x@y/z'], {});
    expect(wrongTo).toMatchObject({ code: 1 });
    expect(wrongTo.stderr.trim()).toMatch(/^--to must look like postgres:\/\/user:password@host:5432\/database;/);
    const unreachable = await runScript('migrate-to-postgres', ['--from', databasePath, '--to', 'postgres://sop:secret@127.0.0.1:1/sop'], {});
    expect(unreachable).toMatchObject({ code: 1 });
    expect(unreachable.stderr.trim()).toMatch(/^cannot open PostgreSQL 127\.0\.0\.1:1\/sop: .*ECONNREFUSED/);
    expect(unreachable.stderr).not.toContain('secret');
  });
});

describe('a deployment hosting other governments', () => {
  /** A province at home and two cities, each city's unit in its own SQLite file, as `create-tenant` makes them. */
  async function hosting(folder: string) {
    fs.mkdirSync(folder, { recursive: true });
    const config = loadConfig({ DATABASE_PATH: path.join(folder, 'sop.db'), PUBLIC_BASE_URL: 'https://sop.kalselprov.go.id' });
    const home = openDatabase(config.databasePath);
    try {
      const services = createContainer({ database: home, clock: systemClock, config });
      const registry = tenantRegistry(home, services, config);
      await registry.registerHome({ slug: 'kalsel', name: 'Provinsi Kalimantan Selatan', kind: 'provinsi' });
      for (const slug of ['banjarmasin', 'banjarbaru']) {
        const row = await registry.register({ slug, name: `Kota ${slug}`, kind: 'kota', parent: 'kalsel', host: `${slug}.sop.kalselprov.go.id` }, tenantDatabaseMaker(config, home));
        const city = openDatabase(row.database!);
        try {
          await createContainer({ database: city, clock: systemClock, config }).units.create(systemActor, { code: 'DISHUB', name: `Dinas Perhubungan Kota ${slug}`, kind: 'dinas' });
        } finally {
          city.close();
        }
      }
    } finally {
      home.close();
    }
    return config.databasePath;
  }
  const databasesOn = (url: string) => withPg(url, async (client) => (await client.query<{ datname: string }>('SELECT datname FROM pg_database ORDER BY datname')).rows.map((r) => r.datname));

  it('moves each government into a database of its own, the registry naming them, and serves each at its address', async () => {
    const from = await hosting(path.join(dir, 'hosting'));
    const url = await cluster.createDatabase('hosting');
    const run = await runScript('migrate-to-postgres', ['--from', from, '--to', url], {});
    expect(run.stderr).toContain('copied banjarmasin (');
    expect(run.code).toBe(0);
    expect(await databasesOn(url)).toEqual(expect.arrayContaining(['hosting', 'hosting_banjarbaru', 'hosting_banjarmasin']));
    expect(await withPg(url, async (client) => (await client.query('SELECT slug, database FROM tenants ORDER BY id')).rows)).toEqual([
      { slug: 'kalsel', database: null },
      { slug: 'banjarmasin', database: 'hosting_banjarmasin' },
      { slug: 'banjarbaru', database: 'hosting_banjarbaru' },
    ]);

    // The deployment on PostgreSQL: each city's unit at its own address, with its own key.
    const config = loadConfig({ DATABASE_URL: url, DATABASE_PATH: from, PUBLIC_BASE_URL: 'https://sop.kalselprov.go.id', TENANT_ROUTING: 'host', AUTH_FAILURES_PER_MINUTE: '100000' });
    const database = await openPostgres(url);
    const app = await buildApp({ config, database, clock: new ManualClock('2013-10-01T01:00:00Z'), logger: false });
    try {
      for (const slug of ['banjarmasin', 'banjarbaru']) {
        const key = (await (await app.tenancy.tenant(slug))!.services.access.create(systemActor, { role: 'organiser', label: 'test' })).key;
        const units = await clientFor(app, key).get('/units', { host: `${slug}.sop.kalselprov.go.id` });
        expect((units.body as { name: string }[]).map((u) => u.name)).toEqual([`Dinas Perhubungan Kota ${slug}`]);
      }
    } finally {
      await app.close();
      await database.close();
    }
  });

  it('drops the databases it made when a government’s cannot be copied, leaving the target empty', async () => {
    const from = await hosting(path.join(dir, 'broken-hosting'));
    // The second city's file is not a database of this service.
    const banjarbaru = path.join(dir, 'broken-hosting', 'tenants', 'banjarbaru', 'sop.db');
    fs.rmSync(banjarbaru);
    new Database(banjarbaru).exec('CREATE TABLE things (id INTEGER PRIMARY KEY)').close();
    const url = await cluster.createDatabase('brokenhosting');
    const run = await runScript('migrate-to-postgres', ['--from', from, '--to', url], {});
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(`cannot copy ${banjarbaru}: ${banjarbaru} is not a database of this service (no migrations table)`);
    expect((await databasesOn(url)).filter((name) => name.startsWith('brokenhosting_'))).toEqual([]);
    expect(await withPg(url, async (client) => (await client.query(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'`)).rows[0].n)).toBe(0);
  });
});
