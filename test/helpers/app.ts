import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { DateTime } from 'luxon';
import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { openDatabase, type OpenDatabase } from '../../src/platform/database';
import { openPostgres, type PostgresDatabase } from '../../src/platform/postgres';
import { templateCopy } from './postgres';
import type { Api } from '../../src/http/api';
import { ManualClock } from '../../src/platform/time';
import { systemActor } from '../../src/platform/actor';

export const BASE_URL = 'https://sop.banjarmasinkota.go.id';

/** A folder of the test process (documents, backups), removed when it exits. */
const folders = new Map<string, string>();
function processFolder(kind: string) {
  let folder = folders.get(kind);
  if (!folder) {
    const made = fs.mkdtempSync(path.join(os.tmpdir(), `sop-${kind}-`));
    folders.set(kind, (folder = made));
    process.once('exit', () => fs.rmSync(made, { recursive: true, force: true }));
  }
  return folder;
}

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: LightMyRequestResponse['headers'];
  raw: LightMyRequestResponse;
}

export type Client = ReturnType<typeof clientFor>;

/** Requests through app.inject with one key (or none), answering parsed JSON bodies. */
export function clientFor(app: Api, key?: string) {
  const send = async (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown, headers: Record<string, string> = {}): Promise<Reply> => {
    const raw = await app.inject({
      method,
      url,
      headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers },
      ...(payload === undefined ? {} : typeof payload === 'string' ? { payload } : { payload: payload as object }),
    });
    const type = String(raw.headers['content-type'] ?? '');
    return { status: raw.statusCode, body: type.includes('json') ? raw.json() : raw.body, headers: raw.headers, raw };
  };
  return {
    key,
    get: (url: string, headers?: Record<string, string>) => send('GET', url, undefined, headers),
    post: (url: string, body?: unknown, headers?: Record<string, string>) => send('POST', url, body ?? {}, headers),
    patch: (url: string, body: unknown, headers?: Record<string, string>) => send('PATCH', url, body, headers),
    put: (url: string, body: unknown, headers?: Record<string, string>) => send('PUT', url, body, headers),
    delete: (url: string, headers?: Record<string, string>) => send('DELETE', url, undefined, headers),
  };
}

/**
 * A fresh migrated database: in memory (or the file at `databasePath`) on SQLite, a copy of the
 * template database in the PostgreSQL project (jest.config.js). The caller closes it.
 */
export async function openTestDatabase(databasePath?: string): Promise<OpenDatabase | PostgresDatabase> {
  // A file pins SQLite: a test needs what only a file allows (a worker thread reading it on its own).
  const onPostgres = (globalThis as { testOnPostgres?: boolean }).testOnPostgres === true && databasePath === undefined;
  return onPostgres ? openPostgres(await templateCopy(), { poolSize: 4 }) : openDatabase(databasePath ?? ':memory:');
}

/** A value a test query binds to a placeholder (better-sqlite3 binds no booleans: write TRUE or FALSE in the SQL, which both engines read). */
export type SqlParam = string | number | null;

/**
 * Test queries that read (or, behind the service's back, write) the database on either engine,
 * with `?` placeholders. Rows read the same on both: SQLite's 0/1 for booleans (PostgreSQL's
 * true/false are mapped to them), numbers for counts and sums (the pool's int8/numeric
 * parsers), json as compact text, and camelCase aliases quoted (`batch_id AS "batchId"`),
 * since PostgreSQL lowers unquoted names.
 */
export function testQueries(database: OpenDatabase | PostgresDatabase) {
  const all = async <Row = Record<string, unknown>>(text: string, ...params: SqlParam[]): Promise<Row[]> => {
    const found = database.engine === 'sqlite' ? (database.sqlite.prepare(text).all(...params) as Record<string, unknown>[]) : await postgresRows(database, text, params);
    refuseUnquotedCapitals(text, found[0]);
    return found as Row[];
  };
  return {
    /** Every row the query answers. */
    sql: all,
    /** The query's first row, or undefined when it answers none. */
    sqlOne: async <Row = Record<string, unknown>>(text: string, ...params: SqlParam[]): Promise<Row | undefined> => (await all<Row>(text, ...params))[0],
    /** The first column of the query's first row (a count, an id); an error when there is no row. */
    sqlValue: async <Value = unknown>(text: string, ...params: SqlParam[]): Promise<Value> => {
      const [row] = await all(text, ...params);
      if (!row) throw new Error(`sqlValue: the query answered no row: ${text}`);
      return Object.values(row)[0] as Value;
    },
    /** How many rows in the table. */
    count: async (table: string): Promise<number> => {
      if (!/^[a-z_]+$/.test(table)) throw new Error(`count: "${table}" is not a table name`);
      const [row] = await all<{ n: number }>(`SELECT count(*) AS n FROM ${table}`);
      return row!.n;
    },
    /** Runs an insert, update or delete; answers how many rows it changed. */
    sqlRun: async (text: string, ...params: SqlParam[]): Promise<number> => {
      if (database.engine === 'sqlite') return database.sqlite.prepare(text).run(...params).changes;
      const result = await database.pool.query(numberedPlaceholders(text), params);
      return result.rowCount ?? 0;
    },
  };
}

const PG_BOOL = 16;
const PG_JSON = 114;
const PG_JSONB = 3802;

async function postgresRows(database: PostgresDatabase, text: string, params: SqlParam[]) {
  const result = await database.pool.query(numberedPlaceholders(text), params);
  const booleans = result.fields.filter((field) => field.dataTypeID === PG_BOOL).map((field) => field.name);
  // jsonb answers `["a", "b"]`; SQLite keeps the text the service wrote, JSON.stringify's.
  const jsons = result.fields.filter((field) => field.dataTypeID === PG_JSON || field.dataTypeID === PG_JSONB).map((field) => field.name);
  for (const row of result.rows as Record<string, unknown>[]) {
    for (const name of booleans) if (typeof row[name] === 'boolean') row[name] = row[name] ? 1 : 0;
    for (const name of jsons) if (typeof row[name] === 'string') row[name] = JSON.stringify(JSON.parse(row[name] as string));
  }
  return result.rows as Record<string, unknown>[];
}

/** `?` placeholders as PostgreSQL's `$1, $2, …` (a `?` inside a quoted string or name stays). */
function numberedPlaceholders(text: string): string {
  let n = 0;
  return text.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"|\?/g, (match) => (match === '?' ? `$${++n}` : match));
}

/** SQLite keeps an unquoted `batchId` as written, PostgreSQL answers `batchid`: caught on either engine. */
function refuseUnquotedCapitals(text: string, row: Record<string, unknown> | undefined) {
  for (const name of Object.keys(row ?? {}))
    if (/[A-Z]/.test(name) && !text.includes(`"${name}"`)) throw new Error(`quote the column name ${name} in the test query ("${name}"): PostgreSQL lowers unquoted names`);
}

/** A fresh app on its own migrated in-memory database (or file), a stopped clock and an organiser key. */
export async function buildTestApp(options: { now?: string; env?: Record<string, string>; databasePath?: string } = {}) {
  // A file when a test needs what only a file allows; the caller closes it.
  const database = await openTestDatabase(options.databasePath);
  const clock = new ManualClock(options.now ?? '2013-09-02T01:00:00Z');
  // Tests send many deliberately bad keys from one address; test/http/hardening.test.ts checks the limit.
  const app = await buildApp({ config: loadConfig({ PUBLIC_BASE_URL: BASE_URL, AUTH_FAILURES_PER_MINUTE: '100000', DEFAULT_TIMEZONE: 'WITA', DOCUMENTS_PATH: processFolder('documents'), BACKUP_DIR: processFolder('backups'), ...options.env }), database, clock, logger: false });
  const organiserKey = (await app.services.access.create(systemActor, { role: 'organiser', label: 'Bagian Organisasi' })).key;
  const organiser = clientFor(app, organiserKey);

  const unitKey = async (unitId: number) => (await app.services.access.create(systemActor, { role: 'unit', unitId, label: `unit ${unitId}` })).key;

  let unitSeq = 0;
  let personSeq = 0;
  const factories = {
    async unit(fields: Partial<{ code: string; name: string; kind: string; email: string }> = {}) {
      unitSeq++;
      const res = await organiser.post('/units', { code: `U${unitSeq}`, name: `Dinas Nomor ${unitSeq}`, kind: 'dinas', ...fields });
      if (res.status !== 201) throw new Error(`unit: ${JSON.stringify(res.body)}`);
      return res.body as { id: number; code: string; kind: string };
    },
    async programme(fields: Record<string, unknown> = {}) {
      const res = await organiser.post('/programmes', { name: 'Penyusunan SOP 2013', ...fields });
      if (res.status !== 201) throw new Error(`programme: ${JSON.stringify(res.body)}`);
      return res.body as { id: number; timezone: string };
    },
    async batch(programmeId: number, fields: Record<string, unknown> = {}) {
      const res = await organiser.post(`/programmes/${programmeId}/batches`, {
        name: `Angkatan ${Math.random().toString(36).slice(2, 8)}`,
        days: [
          { date: '2013-10-07', start: '08:00', end: '16:00' },
          { date: '2013-10-08', start: '08:00', end: '16:00' },
        ],
        ...fields,
      });
      if (res.status !== 201) throw new Error(`batch: ${JSON.stringify(res.body)}`);
      return res.body as { id: number; capacity: number; unitQuota: number };
    },
    async participant(unitId: number, fields: Record<string, unknown> = {}) {
      personSeq++;
      const res = await organiser.post('/participants', { nip: makeNip(personSeq), name: `Pegawai ${personSeq}`, unitId, ...fields });
      if (res.status !== 201) throw new Error(`participant: ${JSON.stringify(res.body)}`);
      return res.body as { id: number; unitId: number; nip: string };
    },
  };

  if (database.engine === 'postgres') app.addHook('onClose', () => database.close());
  return {
    app,
    clock,
    ...testQueries(database),
    /** The SQLite database, for the tests of what only SQLite has (files, pragmas): they run on SQLite only. */
    get database(): OpenDatabase {
      if (database.engine !== 'sqlite') throw new Error('this test reads the SQLite database directly: it cannot run on PostgreSQL');
      return database;
    },
    organiserKey,
    organiser,
    unitKey,
    as: (key?: string) => clientFor(app, key),
    make: factories,
  };
}

export type TestApp = Awaited<ReturnType<typeof buildTestApp>>;

/** A valid, unique NIP for the n-th test official: birth date advances a day per n. */
export function makeNip(n: number): string {
  const birth = DateTime.fromISO('1965-01-01', { zone: 'UTC' }).plus({ days: n });
  return `${birth.toFormat('yyyyMMdd')}199003${n % 2 === 0 ? 2 : 1}${String(n % 1000).padStart(3, '0')}`;
}

/** Asserts a problem+json answer with the given status and code, and returns its body. */
export function expectProblem(res: Reply, status: number, code: string) {
  if (res.status !== status || res.body?.code !== code)
    throw new Error(`expected ${status} ${code}, got ${res.status} ${JSON.stringify(res.body)}`);
  expect(String(res.headers['content-type'])).toContain('application/problem+json');
  expect(res.body).toMatchObject({ status, code, type: expect.any(String), title: expect.any(String), detail: expect.any(String) });
  return res.body as { errors?: { path: string; message: string; line?: number }[] };
}
