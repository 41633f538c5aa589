import { buildTestApp, expectProblem, type TestApp } from '../helpers/app';

let t: TestApp;
beforeEach(async () => (t = await buildTestApp()));
afterEach(() => t.app.close());

describe('programmes', () => {
  it('creates with Asia/Makassar by default, lists, reads and changes', async () => {
    const created = await t.organiser.post('/programmes', { name: 'Penyusunan SOP 2013', draftDeadline: '2013-10-18', finalDeadline: '2013-11-29' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ timezone: 'Asia/Makassar', draftDeadline: '2013-10-18', finalDeadline: '2013-11-29', organiserEmail: null });
    const other = await t.organiser.post('/programmes', { name: 'SOP Pemprov', timezone: 'Asia/Jakarta', organiserEmail: 'ortala@kalselprov.go.id' });
    expect(other.body.timezone).toBe('Asia/Jakarta');
    expect((await t.organiser.get('/programmes')).body.map((p: any) => p.id)).toEqual([created.body.id, other.body.id]);
    expect((await t.organiser.get(`/programmes/${created.body.id}`)).body.name).toBe('Penyusunan SOP 2013');
    const patched = await t.organiser.patch(`/programmes/${created.body.id}`, { timezone: 'Asia/Jayapura', finalDeadline: '2013-12-02' });
    expect(patched.body).toMatchObject({ timezone: 'Asia/Jayapura', finalDeadline: '2013-12-02' });
  });

  it('refuses unknown zones, impossible dates and a final deadline before the draft one', async () => {
    const zone = expectProblem(await t.organiser.post('/programmes', { name: 'X', timezone: 'Asia/Banjarmasin' }), 400, 'VALIDATION_FAILED');
    expect(zone.errors![0]!.path).toBe('/body/timezone');
    const date = expectProblem(await t.organiser.post('/programmes', { name: 'X', draftDeadline: '2013-02-30' }), 400, 'VALIDATION_FAILED');
    expect(date.errors![0]).toEqual({ path: '/body/draftDeadline', message: 'must be a real date YYYY-MM-DD' });
    const order = expectProblem(await t.organiser.post('/programmes', { name: 'X', draftDeadline: '2013-11-01', finalDeadline: '2013-10-01' }), 400, 'VALIDATION_FAILED');
    expect(order.errors![0]!.path).toBe('/body/finalDeadline');
    const p = await t.make.programme({ draftDeadline: '2013-10-18' });
    expectProblem(await t.organiser.patch(`/programmes/${p.id}`, { finalDeadline: '2013-10-01' }), 400, 'VALIDATION_FAILED');
    expectProblem(await t.organiser.patch(`/programmes/${p.id}`, { timezone: 'Mars/Olympus' }), 400, 'VALIDATION_FAILED');
    expectProblem(await t.organiser.get('/programmes/77'), 404, 'NOT_FOUND');
    expect((await t.organiser.get('/programmes')).body).toHaveLength(1);
  });

  it('lets unit keys read but not write', async () => {
    const p = await t.make.programme();
    const unit = t.as(t.unitKey((await t.make.unit()).id));
    expect((await unit.get('/programmes')).status).toBe(200);
    expect((await unit.get(`/programmes/${p.id}`)).status).toBe(200);
    expectProblem(await unit.post('/programmes', { name: 'X' }), 403, 'FORBIDDEN');
    expectProblem(await unit.patch(`/programmes/${p.id}`, { name: 'X' }), 403, 'FORBIDDEN');
  });
});
