import type { LightMyRequestResponse } from 'fastify';
import { buildTestApp, expectProblem, type TestApp } from '../helpers/app';

// What `fetch(url, {method: 'POST', body: ''})` sends: an empty body typed text/plain.
const asFetchSendsIt = { 'content-type': 'text/plain;charset=UTF-8', 'content-length': '0' };

const reply = (raw: LightMyRequestResponse) => ({ status: raw.statusCode, body: raw.json(), headers: raw.headers, raw });

describe('an empty body is no body whatever its content type', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.app.close());
  const send = (method: 'POST' | 'DELETE' | 'PATCH', url: string, headers: Record<string, string>) =>
    t.app.inject({ method, url, payload: '', headers: { authorization: `Bearer ${t.organiserKey}`, ...headers } });

  it('runs a route that takes no body (options only) on an empty text/plain body', async () => {
    const programme = await t.make.programme();
    const period = (await t.organiser.post(`/programmes/${programme.id}/asistensi-periods`, { name: 'A', startDate: '2013-10-21' })).body;
    const res = await send('POST', `/asistensi-periods/${period.id}/auto-schedule`, asFetchSendsIt);
    expect(res.statusCode).toBe(200);
    const other = await send('POST', `/asistensi-periods/${period.id}/auto-schedule`, { 'content-type': 'application/octet-stream', 'content-length': '0' });
    expect(other.statusCode).toBe(200);
  });

  it('runs a DELETE sent with an empty text/plain body', async () => {
    const key = (await t.organiser.post('/api-keys', { role: 'organiser', label: 'x' })).body;
    expect((await send('DELETE', `/api-keys/${key.id}`, asFetchSendsIt)).statusCode).toBe(204);
  });

  it('still refuses an empty body where the route needs one, naming what is missing', async () => {
    const problem = expectProblem(reply(await send('POST', '/programmes', asFetchSendsIt)), 400, 'VALIDATION_FAILED');
    expect(problem.errors?.map((error) => error.path)).toContain('/body/name');
    const programme = await t.make.programme();
    const patched = reply(await send('PATCH', `/programmes/${programme.id}`, asFetchSendsIt));
    expectProblem(patched, 400, 'VALIDATION_FAILED');
    expect(JSON.stringify(patched.body)).toMatch(/body/);
  });

  it('still parses a text/plain body that is not empty as before (refused where JSON is expected)', async () => {
    const res = reply(await t.app.inject({ method: 'POST', url: '/programmes', payload: 'name=x', headers: { authorization: `Bearer ${t.organiserKey}`, 'content-type': 'text/plain' } }));
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });
});
