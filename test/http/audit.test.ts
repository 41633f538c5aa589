import { buildTestApp, expectProblem, type TestApp } from '../helpers/app';

let t: TestApp;
beforeEach(async () => (t = await buildTestApp({ now: '2013-09-02T01:00:00Z' })));
afterEach(() => t.app.close());

describe('GET /audit', () => {
  it('records who changed what, with before and after, newest first', async () => {
    const unit = await t.make.unit({ code: 'DISKOMINFO', name: 'Dinas Kominfo' });
    t.clock.advance({ hours: 1 });
    await t.organiser.patch(`/units/${unit.id}`, { name: 'Dinas Komunikasi dan Informatika' });
    const keyId = (await t.organiser.get('/api-keys')).body[0].id;

    const res = await t.organiser.get(`/audit?entity=unit&entityId=${unit.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(2);
    expect(res.body[0]).toMatchObject({
      at: '2013-09-02T02:00:00.000Z',
      keyId,
      role: 'organiser',
      action: 'unit.update',
      entity: 'unit',
      entityId: unit.id,
      before: { name: 'Dinas Kominfo' },
      after: { name: 'Dinas Komunikasi dan Informatika' },
    });
    expect(res.body[1]).toMatchObject({ action: 'unit.create', before: null, after: { code: 'DISKOMINFO' } });
  });

  it('records changes made with unit keys, and never stores key secrets', async () => {
    const unit = await t.make.unit();
    const key = await t.unitKey(unit.id);
    const person = await t.as(key).post('/participants', { nip: '198001012005011001', name: 'Siti Aminah', unitId: unit.id });
    const entries = (await t.organiser.get(`/audit?entity=participant&entityId=${person.body.id}`)).body;
    expect(entries).toEqual([expect.objectContaining({ role: 'unit', action: 'participant.create' })]);
    const all = JSON.stringify((await t.organiser.get('/audit?limit=1000')).body);
    expect(all).not.toContain(key);
    expect(all).not.toContain(t.organiserKey);
  });

  it('filters by who, what and when', async () => {
    const first = await t.make.unit({ name: 'Dinas A' });
    t.clock.advance({ days: 1 });
    const unitKey = await t.unitKey(first.id);
    const unitKeyId = (await t.organiser.get('/api-keys')).body.find((k: { unitId: number | null }) => k.unitId === first.id).id;
    await t.as(unitKey).post('/participants', { nip: '198001012005011001', name: 'Siti Aminah', unitId: first.id });
    await t.organiser.patch(`/units/${first.id}`, { name: 'Dinas A Baru' });
    const get = async (query: string) => ((await t.organiser.get(`/audit?${query}`)).body as { action: string }[]).map((e) => e.action);
    expect(await get('action=unit.update')).toEqual(['unit.update']);
    expect(await get(`keyId=${unitKeyId}`)).toEqual(['participant.create']);
    // 2 September in WITA: the organiser's key and the unit were made that day.
    expect(await get('from=2013-09-02T00:00:00%2B08:00&to=2013-09-03T00:00:00%2B08:00')).toEqual(['unit.create', 'apiKey.create']);
    expect(await get('from=2013-09-03T00:00:00%2B08:00')).toEqual(expect.arrayContaining(['participant.create', 'unit.update']));
    expectProblem(await t.organiser.get('/audit?from=kemarin'), 400, 'VALIDATION_FAILED');
  });

  it('pages, validates its query and is organiser-only', async () => {
    for (let i = 0; i < 3; i++) await t.make.unit();
    expect((await t.organiser.get('/audit?entity=unit&limit=2')).body).toHaveLength(2);
    expect((await t.organiser.get('/audit?entity=unit&limit=2&offset=2')).body).toHaveLength(1);
    expectProblem(await t.organiser.get('/audit?limit=0'), 400, 'VALIDATION_FAILED');
    expectProblem(await t.organiser.get('/audit?entityId=x'), 400, 'VALIDATION_FAILED');
    expectProblem(await t.organiser.get('/audit?colour=red'), 400, 'VALIDATION_FAILED');
    const unit = await t.make.unit();
    expectProblem(await t.as(await t.unitKey(unit.id)).get('/audit'), 403, 'FORBIDDEN');
  });
});

it('records the request that made each change, by the client’s X-Request-Id when it sent a sane one', async () => {
  const t2 = t;
  const res = await t2.organiser.post('/units', { code: 'REQ', name: 'Unit', kind: 'dinas' }, { 'x-request-id': 'import-2013-10-01.42' });
  const odd = await t2.organiser.post('/units', { code: 'REQ2', name: 'Unit', kind: 'dinas' }, { 'x-request-id': 'no spaces or <tags> allowed' });
  const entries = (await t2.organiser.get('/audit?entity=unit')).body;
  expect(entries.find((e: any) => e.entityId === res.body.id).requestId).toBe('import-2013-10-01.42');
  expect(entries.find((e: any) => e.entityId === odd.body.id).requestId).toMatch(/^[0-9a-f-]{36}$/);
});
