import fc from 'fast-check';
import { systemActor } from '../../src/platform/actor';
import { buildTestApp, type TestApp } from '../helpers/app';
import { seedPeriod } from '../helpers/asistensi';

/**
 * Thousands of malformed and random requests to every route of the OpenAPI document: bodies,
 * path parameters, query strings and content types. Never a 5xx; every refusal is
 * problem+json with a stable code; a refused request changes nothing.
 */

let t: TestApp;
let operations: { method: string; path: string }[];
beforeAll(async () => {
  t = await buildTestApp({ now: '2013-10-01T00:00:00Z' });
  // Some real rows, so random ids sometimes hit something.
  const { programme } = await seedPeriod(t);
  const batch = await t.make.batch(programme.id);
  const unit = await t.make.unit();
  const person = await t.make.participant(unit.id);
  await t.organiser.post(`/batches/${batch.id}/enrolments`, { participantId: person.id });
  const doc = (await t.as().get('/docs/json')).body as { paths: Record<string, Record<string, unknown>> };
  // /health/ready answers 503 by design while the notice worker (started by the server, not here) is not running.
  operations = Object.entries(doc.paths)
    .filter(([path]) => path !== '/health/ready')
    .flatMap(([path, ops]) => Object.keys(ops).map((method) => ({ method: method.toUpperCase(), path })));
});
afterAll(() => t.app.close());

const fingerprint = async () =>
  JSON.stringify(
    await t.sqlOne(
      `SELECT (SELECT count(*) FROM audit_log) a, (SELECT coalesce(sum(version), 0) + (SELECT count(*) FROM feed_version_changes) FROM feed_versions) v, (SELECT count(*) FROM units) u,
              (SELECT count(*) FROM participants) p, (SELECT count(*) FROM enrolments) e, (SELECT count(*) FROM bookings) b, (SELECT count(*) FROM api_keys) k`,
    ),
  );

const pathValue = fc.oneof(
  fc.integer({ min: -5, max: 12 }).map(String),
  fc.constantFrom('0', '1', '2', '99999999999999999999', '1e3', '1.5', '-1', 'abc', '2013-10-21', '2013-02-30', '%00', '..', 'null', ''),
  fc.string({ maxLength: 20 }).map(encodeURIComponent),
);
const queryString = fc.oneof(
  fc.constant(''),
  fc.dictionary(fc.constantFrom('limit', 'offset', 'kind', 'unitId', 'date', 'status', 'format', 'entity', 'entityId', 'x'), fc.oneof(fc.string({ maxLength: 12 }), fc.integer().map(String)), { maxKeys: 3 }).map(
    (q) => `?${new URLSearchParams(q).toString()}`,
  ),
);
const jsonBody = fc.oneof(
  fc.anything({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? 'null'),
  fc.dictionary(
    fc.constantFrom('name', 'code', 'kind', 'unitId', 'participantId', 'slotId', 'days', 'date', 'start', 'end', 'capacity', 'unitQuota', 'nip', 'role', 'label', 'status', 'timezone', 'startDate', 'receivedAt', 'attended', 'present', 'dryRun', 'extra'),
    fc.oneof(fc.string({ maxLength: 30 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.anything({ maxDepth: 1 }), { maxLength: 3 })),
    { maxKeys: 6 },
  ).map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 60 }),
  fc.constantFrom('{', '[]', '"x"', '{"a":', '\u0000', '{"__proto__": {"polluted": true}}', '{"constructor": {"prototype": {"x": 1}}}'),
);
const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'text/csv',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=zz',
  'application/xml',
  '',
  ';;;',
);

// On PostgreSQL each run's before-and-after fingerprint is a round trip of many queries: fewer
// runs there keep the file within its time (the same seed: the first thousand cases of SQLite's).
const RUNS = (globalThis as { testOnPostgres?: boolean }).testOnPostgres === true ? 1000 : 3000;

it('never answers 5xx, always problem+json on refusal, and refused requests write nothing', async () => {
  let requests = 0;
  const statuses = new Map<number, number>();
  // Random calls may well revoke the key they use (DELETE /api-keys/1 is valid): then take a new one.
  let organiserKey = t.organiserKey;
  const keyWorks = async () => await t.app.services.access.authenticate(organiserKey) !== undefined;
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 0, max: 10_000 }),
      fc.array(pathValue, { minLength: 2, maxLength: 2 }),
      queryString,
      jsonBody,
      contentType,
      fc.constantFrom('organiser', 'organiser', 'organiser', 'none', 'unit'),
      async (which, params, query, body, type, who) => {
        const op = operations[which % operations.length]!;
        let i = 0;
        const url = op.path.replace(/\{[^}]+\}/g, () => params[i++ % params.length]!) + query;
        const headers: Record<string, string> = {};
        if (!await keyWorks()) organiserKey = (await t.app.services.access.create(systemActor, { role: 'organiser', label: 'fuzz' })).key;
        if (who === 'organiser') headers.authorization = `Bearer ${organiserKey}`;
        if (who === 'unit') headers.authorization = `Bearer ${await t.unitKey(1)}`;
        if (type) headers['content-type'] = type;
        const before = await fingerprint();
        const res = await t.app.inject({ method: op.method as 'GET', url, headers, ...(op.method === 'GET' || op.method === 'DELETE' ? {} : { payload: body }) });
        requests++;
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
        const where = `${op.method} ${url} (${type}) ${body.slice(0, 80)} -> ${res.statusCode} ${res.body.slice(0, 200)}`;
        if (res.statusCode >= 500) throw new Error(`5xx: ${where}`);
        if (res.statusCode >= 400) {
          if (!String(res.headers['content-type']).startsWith('application/problem+json')) throw new Error(`not problem+json: ${where}`);
          const problem = res.json();
          if (typeof problem.code !== 'string' || !/^[A-Z_]+$/.test(problem.code) || problem.status !== res.statusCode) throw new Error(`bad problem: ${where}`);
          if ((await fingerprint()) !== before) throw new Error(`a refused request changed the database: ${where}`);
        }
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      },
    ),
    // A machine slowed down by others stops taking new cases after a minute (the seed's first
    // ones, as many as fit) rather than failing on the file's time limit; at least 500 must run.
    { numRuns: RUNS, seed: 20131021, interruptAfterTimeLimit: 60_000, markInterruptAsFailure: false },
  );
  expect(requests).toBeGreaterThanOrEqual(Math.min(RUNS, 500));
  // The inputs reach past authentication and validation often enough to mean something.
  expect([...statuses.keys()].sort()).toEqual(expect.arrayContaining([200, 400, 401, 403, 404, 415]));
  expect(statuses.get(400)! + statuses.get(404)!).toBeGreaterThan(requests / 3);
  // 3000 requests, some of them PDFs and imports in the worker threads: about 15-30 s on 2 busy cores.
}, 90_000);

describe('limits', () => {
  const organiser = async () => (await t.app.services.access.create(systemActor, { role: 'organiser', label: 'limits' })).key;

  it('refuses oversized bodies with 413 and very deep JSON cleanly', async () => {
    const key = await organiser();
    const big = JSON.stringify({ name: 'x'.repeat(300 * 1024) });
    const res = await t.app.inject({ method: 'POST', url: '/programmes', payload: big, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' } });
    expect([res.statusCode, res.json().code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    const deep = `${'['.repeat(50_000)}${']'.repeat(50_000)}`;
    const nested = await t.app.inject({ method: 'POST', url: '/programmes', payload: deep, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' } });
    expect(nested.statusCode).toBeGreaterThanOrEqual(400);
    expect(nested.statusCode).toBeLessThan(500);
  });

  it('caps list pages at 1000', async () => {
    const res = await t.as(await organiser()).get('/participants?limit=1001');
    expect([res.status, res.body.code, res.body.errors[0].path]).toEqual([400, 'VALIDATION_FAILED', '/querystring/limit']);
  });
});
