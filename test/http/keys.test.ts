import { buildTestApp, expectProblem, type TestApp } from '../helpers/app';
import { KEY_CACHE_MS } from '../../src/features/access/access.service';

let t: TestApp;
beforeEach(async () => (t = await buildTestApp()));
afterEach(() => t.app.close());

describe('API keys', () => {
  it('creates a key shown once, lists keys without secrets, and revokes', async () => {
    const unit = await t.make.unit();
    const created = await t.organiser.post('/api-keys', { role: 'unit', unitId: unit.id, label: 'Operator Dishub' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: expect.any(Number), role: 'unit', unitId: unit.id, label: 'Operator Dishub' });
    expect(created.body.key).toMatch(/^sop_[A-Za-z0-9_-]{43}$/);

    const list = await t.organiser.get('/api-keys');
    expect(list.status).toBe(200);
    expect(list.body).toHaveLength(2);
    expect(JSON.stringify(list.body)).not.toContain(created.body.key);
    expect(JSON.stringify(list.body)).not.toContain(created.body.key.slice(12));
    expect(JSON.stringify(await t.sql('select * from api_keys'))).not.toContain(created.body.key);

    const unitClient = t.as(created.body.key);
    expect((await unitClient.get('/programmes')).status).toBe(200);
    expect((await t.organiser.delete(`/api-keys/${created.body.id}`)).status).toBe(204);
    expectProblem(await unitClient.get('/programmes'), 401, 'UNAUTHENTICATED');
    expectProblem(await t.organiser.delete(`/api-keys/${created.body.id}`), 409, 'ALREADY_REVOKED');
    expect((await t.organiser.get('/api-keys')).body.find((k: any) => k.id === created.body.id).revokedAt).toBe('2013-09-02T01:00:00.000Z');
  });

  it('believes a key found active for at most KEY_CACHE_MS: a revocation by another process takes effect within it', async () => {
    const unit = await t.make.unit();
    const created = await t.organiser.post('/api-keys', { role: 'unit', unitId: unit.id, label: 'Operator Dishub' });
    const unitClient = t.as(created.body.key);
    expect((await unitClient.get('/programmes')).status).toBe(200);
    // Revoked as another server process (or a script) would: in the database, not through this app.
    await t.sqlRun(`UPDATE api_keys SET revoked_at = '2013-09-02T01:00:00.000Z' WHERE id = ?`, created.body.id);
    await new Promise((resolve) => setTimeout(resolve, KEY_CACHE_MS + 50));
    expectProblem(await unitClient.get('/programmes'), 401, 'UNAUTHENTICATED');
  });

  it('binds unit keys to exactly one existing unit', async () => {
    expectProblem(await t.organiser.post('/api-keys', { role: 'unit', label: 'x' }), 400, 'VALIDATION_FAILED');
    const unit = await t.make.unit();
    const bad = expectProblem(await t.organiser.post('/api-keys', { role: 'organiser', unitId: unit.id, label: 'x' }), 400, 'VALIDATION_FAILED');
    expect(bad.errors![0]!.path).toBe('/body/unitId');
    expectProblem(await t.organiser.post('/api-keys', { role: 'unit', unitId: 999, label: 'x' }), 422, 'REFERENCE_NOT_FOUND');
    expectProblem(await t.organiser.post('/api-keys', { role: 'admin', label: 'x' }), 400, 'VALIDATION_FAILED');
    expect((await t.organiser.get('/api-keys')).body).toHaveLength(1);
  });

  it('refuses requests without a key, with a malformed or unknown key', async () => {
    const none = expectProblem(await t.as().get('/units'), 401, 'UNAUTHENTICATED');
    expect(none).toBeDefined();
    expect((await t.as().get('/units')).headers['www-authenticate']).toBe('Bearer');
    expectProblem(await t.as().get('/units', { authorization: 'Basic abc' }), 401, 'UNAUTHENTICATED');
    expectProblem(await t.as().get('/units', { authorization: 'Bearer not a key' }), 401, 'UNAUTHENTICATED');
    expectProblem(await t.as('sop_' + 'x'.repeat(43)).get('/units'), 401, 'UNAUTHENTICATED');
    expectProblem(await t.organiser.delete('/api-keys/999'), 404, 'NOT_FOUND');
  });

  it('is organiser-only', async () => {
    const unit = await t.make.unit();
    const unitClient = t.as(await t.unitKey(unit.id));
    expectProblem(await unitClient.get('/api-keys'), 403, 'FORBIDDEN');
    expectProblem(await unitClient.post('/api-keys', { role: 'organiser', label: 'escalate' }), 403, 'FORBIDDEN');
    expectProblem(await unitClient.delete('/api-keys/1'), 403, 'FORBIDDEN');
  });
});
