import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { ManualClock } from '../../src/platform/time';
import { systemActor } from '../../src/platform/actor';
import { BASE_URL, buildTestApp, clientFor, expectProblem, openTestDatabase } from '../helpers/app';

async function appWithLimit(perMinute: number, env: Record<string, string> = {}) {
  const clock = new ManualClock('2013-10-01T00:00:00Z');
  const database = await openTestDatabase();
  const app = await buildApp({
    config: loadConfig({ PUBLIC_BASE_URL: BASE_URL, AUTH_FAILURES_PER_MINUTE: String(perMinute), ...env }),
    database,
    clock,
    logger: false,
  });
  app.addHook('onClose', () => database.close());
  const key = (await app.services.access.create(systemActor, { role: 'organiser', label: 'x' })).key;
  return { app, key };
}

describe('brute force', () => {
  it('counts behind a trusted proxy per forwarded client address (TRUST_PROXY), and ignores the header otherwise', async () => {
    const bad = { authorization: `Bearer sop_${'x'.repeat(43)}` };
    const behindProxy = await appWithLimit(2, { TRUST_PROXY: '127.0.0.1' });
    const direct = await appWithLimit(2);
    try {
      const from = (app: typeof direct.app, client: string) => app.inject({ url: '/units', headers: { ...bad, 'x-forwarded-for': client } });
      for (const app of [behindProxy.app, direct.app]) for (let i = 0; i < 2; i++) await from(app, '203.0.113.7');
      expect((await from(behindProxy.app, '203.0.113.7')).statusCode).toBe(429);
      expect((await from(behindProxy.app, '198.51.100.9')).statusCode).toBe(401);
      // Without TRUST_PROXY the header is a claim anyone can make: every request is the proxy's own.
      expect((await from(direct.app, '198.51.100.9')).statusCode).toBe(429);
    } finally {
      await behindProxy.app.close();
      await direct.app.close();
    }
  });

  it('answers 429 after repeated failed keys from one client to every wrong key, never to a right one', async () => {
    const { app, key } = await appWithLimit(5);
    try {
      for (let i = 0; i < 5; i++) expectProblem(await clientFor(app, `sop_${'x'.repeat(43)}`).get('/units'), 401, 'UNAUTHENTICATED');
      expectProblem(await clientFor(app, `sop_${'y'.repeat(43)}`).get('/units'), 429, 'RATE_LIMITED');
      expectProblem(await clientFor(app).get('/units'), 429, 'RATE_LIMITED');
      // Keys are 256-bit: a right one is no lucky guess, and others' failures must not lock it out.
      expect((await clientFor(app, key).get('/units')).status).toBe(200);
      // Requests that need no key are not affected.
      expect((await clientFor(app).get('/health')).status).toBe(200);
      // Another client is not affected either.
      const other = await app.inject({ url: '/units', headers: { authorization: `Bearer ${key}` }, remoteAddress: '10.1.2.3' });
      expect(other.statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('counts calendar-token guesses, but always serves a valid token and answers a replaced one 410 without counting it', async () => {
    const { app, key } = await appWithLimit(3);
    try {
      const organiser = clientFor(app, key);
      const unit = (await organiser.post('/units', { code: 'FEED', name: 'Dinas Umpan', kind: 'dinas' })).body;
      const old = new URL((await organiser.post(`/units/${unit.id}/calendar-token`, {})).body.url).pathname;
      const current = new URL((await organiser.post(`/units/${unit.id}/calendar-token`, {})).body.url).pathname;
      for (let i = 0; i < 5; i++) expectProblem(await clientFor(app).get(old), 410, 'FEED_ADDRESS_REPLACED');
      for (let i = 0; i < 3; i++) expectProblem(await clientFor(app).get(`/calendars/units/${String(i).repeat(43)}.ics`), 404, 'NOT_FOUND');
      expectProblem(await clientFor(app).get(`/calendars/units/${'9'.repeat(43)}.ics`), 429, 'RATE_LIMITED');
      // Google and Outlook poll many feeds from shared addresses: the right token still works.
      expect((await clientFor(app).get(current)).status).toBe(200);
    } finally {
      await app.close();
    }
  });
});

describe('security headers', () => {
  it('are sent on API answers, and /docs still loads its own scripts and styles', async () => {
    const { app, key } = await appWithLimit(30);
    try {
      const api = await clientFor(app, key).get('/units');
      expect(api.headers['x-content-type-options']).toBe('nosniff');
      expect(api.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(api.headers['strict-transport-security']).toBeDefined();
      const docs = await clientFor(app).get('/docs/');
      expect(docs.status).toBe(200);
      const csp = String(docs.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('upgrade-insecure-requests');
      // Everything the page loads comes from this server, as the policy requires.
      const html = docs.body as string;
      const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
      expect(assets.length).toBeGreaterThan(3);
      for (const asset of assets) {
        expect(asset).not.toMatch(/^https?:/);
        const res = await app.inject({ url: new URL(asset, 'http://x/docs/').pathname });
        expect({ asset, status: res.statusCode }).toEqual({ asset, status: 200 });
      }
      expect(html).not.toMatch(/<script>[^<]/);
    } finally {
      await app.close();
    }
  });
});

describe('bounded input', () => {
  it('answers an offset beyond any page with 400, not 500', async () => {
    const t = await buildTestApp();
    try {
      expectProblem(await t.organiser.get('/participants?offset=1e20'), 400, 'VALIDATION_FAILED');
      expectProblem(await t.organiser.get('/units?limit=100000'), 400, 'VALIDATION_FAILED');
      expect((await t.organiser.get('/participants?offset=1000000')).body).toEqual([]);
    } finally {
      await t.app.close();
    }
  });

  it('treats a POST with content-length 0 and no content type as no body', async () => {
    const t = await buildTestApp();
    try {
      const programme = await t.make.programme();
      const period = (await t.organiser.post(`/programmes/${programme.id}/asistensi-periods`, { name: 'A', startDate: '2013-10-21' })).body;
      const res = await t.app.inject({ method: 'POST', url: `/asistensi-periods/${period.id}/auto-schedule`, headers: { authorization: `Bearer ${t.organiserKey}`, 'content-length': '0' } });
      expect(res.statusCode).toBe(200);
    } finally {
      await t.app.close();
    }
  });
});

describe('bounded work per request', () => {
  it('answers a 250 KB body of 125,000 wrong array items with one short refusal', async () => {
    const t = await buildTestApp();
    try {
      const programme = await t.make.programme();
      const period = (await t.organiser.post(`/programmes/${programme.id}/asistensi-periods`, { name: 'A', startDate: '2013-10-21' })).body;
      const unit = await t.make.unit();
      const payload = `{"preferredDates":[${Array(125_000).fill('0').join(',')}]}`;
      expect(payload.length).toBeGreaterThan(240_000);
      const res = await t.app.inject({ method: 'POST', url: `/asistensi-periods/${period.id}/requests`, payload, headers: { authorization: `Bearer ${await t.unitKey(unit.id)}`, 'content-type': 'application/json' } });
      expect(res.statusCode).toBe(400);
      expect(res.body.length).toBeLessThan(2000);
      expect(res.json().errors).toEqual([{ path: '/body/preferredDates', message: 'must NOT have more than 20 items' }]);
      // A body of sane size gets every error, at most twenty of them.
      const many = await t.organiser.post(`/programmes/${programme.id}/batches`, { name: '', days: Array.from({ length: 31 }, () => ({ date: 'x', start: 'y', end: 'z' })) });
      const errors = expectProblem(many, 400, 'VALIDATION_FAILED').errors!;
      expect(errors.length).toBeGreaterThan(10);
      expect(errors.length).toBeLessThanOrEqual(20);
    } finally {
      await t.app.close();
    }
  });
});
