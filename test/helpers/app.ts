import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { DateTime } from 'luxon';
import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { openDatabase, type OpenDatabase } from '../../src/platform/database';
import { openPostgres } from '../../src/platform/postgres';
import { templateCopy } from './postgres';
import type { Api } from '../../src/http/api';
import { ManualClock } from '../../src/platform/time';
import { systemActor } from '../../src/platform/actor';

export const BASE_URL = 'https://sop.banjarmasinkota.go.id';

/** Uploaded documents of this test file's apps, in a folder removed when its process ends. */
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
    patch: (url: string, body: unknown) => send('PATCH', url, body),
    put: (url: string, body: unknown) => send('PUT', url, body),
    delete: (url: string) => send('DELETE', url),
  };
}

/** A fresh app on its own migrated in-memory database (or file), a stopped clock and an organiser key. */
export async function buildTestApp(options: { now?: string; env?: Record<string, string>; databasePath?: string } = {}) {
  // A file when a test needs what only a file allows (a worker thread reading it on its own); the caller closes it.
  // The PostgreSQL project (jest.config.js) runs the same tests on a copy of its template database.
  const onPostgres = (globalThis as { testOnPostgres?: boolean }).testOnPostgres === true && options.databasePath === undefined;
  const database = onPostgres ? await openPostgres(await templateCopy(), { poolSize: 4 }) : openDatabase(options.databasePath ?? ':memory:');
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
    /** The SQLite database, for the tests that read it directly (they run on SQLite only). */
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
