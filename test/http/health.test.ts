import fs from 'node:fs';
import path from 'node:path';
import { buildTestApp, type TestApp } from '../helpers/app';

/** Watched (issue 21): liveness, readiness with its checks, Prometheus metrics behind a token. */
const VERSION = (JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;
const quiet = { info() {}, warn() {}, error() {} };

let t: TestApp;
afterEach(() => t.app.close());

describe('GET /health, /health/live and /health/ready', () => {
  it('answers the release on /health and /health/live while the process is up', async () => {
    t = await buildTestApp();
    expect((await t.app.inject({ url: '/health' })).json()).toEqual({ status: 'ok', version: VERSION });
    expect((await t.app.inject({ url: '/health/live' })).json()).toEqual({ status: 'ok' });
  });

  it('is ready once the notice worker runs, with every check and its details', async () => {
    t = await buildTestApp();
    const before = await t.app.inject({ url: '/health/ready' });
    expect(before.statusCode).toBe(503);
    expect(before.json()).toMatchObject({ status: 'not ready', checks: { database: { ok: true }, migrations: { ok: true }, notices: { ok: false, running: false } } });

    t.app.services.notices.start(quiet);
    const ready = await t.app.inject({ url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({
      status: 'ready',
      version: VERSION,
      checks: {
        database: { ok: true },
        migrations: { ok: true, applied: expect.any(Number), known: expect.any(Number) },
        notices: { ok: true, running: true, lastLookAt: expect.any(String), overdueSince: null, pending: 0, failed: 0 },
        disk: { ok: true, freeMb: expect.any(Number), minimumMb: 500 },
      },
      backup: { last: null, lastFailure: null, dailyAt: null }, // an in-memory database has no backups
      workerThreads: { workers: 0, busy: 0, queued: 0 },
    });
  });

  it('shows its details only to the machine itself or with the metrics token: a load balancer needs the status code', async () => {
    t = await buildTestApp({ env: { METRICS_TOKEN: 'prometheus-di-diskominfo-2013' } });
    t.app.services.notices.start(quiet);
    const outside = await t.app.inject({ url: '/health/ready', remoteAddress: '203.0.113.9' });
    expect(outside.statusCode).toBe(200);
    expect(outside.json()).toEqual({ status: 'ready', version: VERSION });
    const withToken = await t.app.inject({ url: '/health/ready', remoteAddress: '203.0.113.9', headers: { authorization: 'Bearer prometheus-di-diskominfo-2013' } });
    expect(withToken.json().checks.disk.ok).toBe(true);
    expect((await t.app.inject({ url: '/health/ready', remoteAddress: '::1' })).json().backup).toEqual({ last: null, lastFailure: null, dailyAt: null });
  });

  it('is not ready when the disk holding the data is below READY_MIN_FREE_MB', async () => {
    t = await buildTestApp({ env: { READY_MIN_FREE_MB: '10000000' } });
    t.app.services.notices.start(quiet);
    const answer = await t.app.inject({ url: '/health/ready' });
    expect(answer.statusCode).toBe(503);
    expect(answer.json().checks.disk).toEqual({ ok: false, freeMb: expect.any(Number), minimumMb: 10000000 });
  });

  it('is not ready when a delivery waits 15 minutes past due (the worker is not keeping up)', async () => {
    // A webhook nobody answers: the delivery fails and is due again a minute later.
    t = await buildTestApp({ now: '2013-10-01T01:00:00Z', env: { WEBHOOK_URL: 'http://127.0.0.1:9/hook', WEBHOOK_SECRET: 'rahasia-gateway-wa-2013', NOTICE_BATCHING_SECONDS: '0' } });
    t.app.services.notices.start(quiet);
    const unit = await t.make.unit({ email: 'dishub@example.go.id' });
    const programme = await t.make.programme();
    const draft = (await t.organiser.post(`/programmes/${programme.id}/drafts`, { unitId: unit.id, title: 'Draf', sopCount: 2 })).body;
    expect((await t.organiser.patch(`/drafts/${draft.id}`, { status: 'reviewed' })).status).toBe(200);
    await t.app.services.notices.deliverDue();
    expect((await t.app.inject({ url: '/health/ready' })).statusCode).toBe(200);
    // Twenty minutes on the clock without the worker looking again.
    t.clock.advance({ minutes: 20 });
    const stuck = await t.app.inject({ url: '/health/ready' });
    expect(stuck.statusCode).toBe(503);
    expect(stuck.json().checks.notices).toMatchObject({ ok: false, running: true, overdueSince: expect.stringMatching(/^2013-10-01T01:0/), pending: expect.any(Number) });
  });
});

describe('GET /metrics', () => {
  const TOKEN = 'prometheus-di-diskominfo-2013';

  it('counts wrong tokens against the address like wrong API keys, then refuses it with 429 and Retry-After', async () => {
    t = await buildTestApp({ env: { METRICS_TOKEN: TOKEN, AUTH_FAILURES_PER_MINUTE: '3' } });
    const guess = (token: string) => t.app.inject({ url: '/metrics', remoteAddress: '203.0.113.9', headers: { authorization: `Bearer ${token}` } });
    for (let i = 0; i < 3; i++) expect((await guess(`tebakan-token-ke-${i}-xxxxxxxx`)).statusCode).toBe(401);
    const refused = await guess('tebakan-token-ke-4-xxxxxxxx');
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // Another address is not refused.
    expect((await t.app.inject({ url: '/metrics', remoteAddress: '203.0.113.10', headers: { authorization: `Bearer ${TOKEN}` } })).statusCode).toBe(200);
  });

  it('does not exist without METRICS_TOKEN', async () => {
    t = await buildTestApp();
    expect((await t.app.inject({ url: '/metrics' })).statusCode).toBe(404);
  });

  it('asks for the token, then answers Prometheus text: requests by route pattern and status, latency, the process, the outbox, the workers', async () => {
    t = await buildTestApp({ env: { METRICS_TOKEN: TOKEN } });
    const refused = await t.app.inject({ url: '/metrics', headers: { authorization: 'Bearer salah-sekali-tokennya' } });
    expect(refused.statusCode).toBe(401);
    expect(refused.json().code).toBe('METRICS_TOKEN');
    expect((await t.app.inject({ url: '/metrics' })).statusCode).toBe(401);

    const unit = await t.make.unit();
    await t.organiser.get(`/units/${unit.id}`);
    await t.organiser.get('/units/999999');
    const answer = await t.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = answer.body;
    // The route's pattern, never the address asked for: a bounded number of series.
    expect(text).toMatch(/^http_requests_total\{route="\/units\/:id",method="GET",status="200"\} 1$/m);
    expect(text).toMatch(/^http_requests_total\{route="\/units\/:id",method="GET",status="404"\} 1$/m);
    expect(text).not.toContain('/units/999999');
    expect(text).toMatch(/^http_request_duration_seconds_bucket\{le="0\.1",route="\/units\/:id",method="GET"\} \d+$/m);
    for (const name of ['process_resident_memory_bytes', 'nodejs_heap_size_used_bytes', 'nodejs_eventloop_lag_p99_seconds'])
      expect(text).toMatch(new RegExp(`^${name} [0-9.e+-]+$`, 'm'));
    expect(text).toMatch(/^sop_notice_deliveries\{status="pending"\} \d+$/m);
    expect(text).toMatch(/^sop_worker_jobs\{state="queued"\} 0$/m);
    // No backup yet: an infinite age, so an alert on it fires.
    expect(text).toMatch(/^sop_last_backup_age_seconds \+Inf$/m);
  });
});
