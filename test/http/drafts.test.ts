import { buildTestApp, expectProblem, type TestApp } from '../helpers/app';

let t: TestApp;
beforeEach(async () => (t = await buildTestApp({ now: '2013-10-10T02:00:00Z' })));
afterEach(() => t.app.close());

describe('draft SOPs', () => {
  it('records drafts (organisers may backdate; a unit submits, and it counts once accepted) and lists them', async () => {
    const programme = await t.make.programme();
    const [a, b] = [await t.make.unit(), await t.make.unit()];
    const byOrganiser = await t.organiser.post(`/programmes/${programme.id}/drafts`, { unitId: a.id, title: 'SOP Pelayanan Izin Trayek', sopCount: 12, receivedAt: '2013-09-30T10:00:00+08:00' });
    expect(byOrganiser.status).toBe(201);
    expect(byOrganiser.body).toMatchObject({ unitId: a.id, sopCount: 12, status: 'received', receivedAt: '2013-09-30T10:00:00+08:00', notes: null });

    const unitB = t.as(await t.unitKey(b.id));
    const byUnit = await unitB.post(`/programmes/${programme.id}/drafts`, { unitId: b.id, title: 'SOP Administrasi Kependudukan', sopCount: 5 });
    expect(byUnit.status).toBe(201);
    expect(byUnit.body).toMatchObject({ status: 'submitted', receivedAt: null });
    const accepted = await t.organiser.patch(`/drafts/${byUnit.body.id}`, { status: 'received' });
    expect(accepted.body).toMatchObject({ status: 'received', receivedAt: '2013-10-10T10:00:00+08:00' });

    expect((await t.organiser.get(`/programmes/${programme.id}/drafts`)).body.map((d: any) => d.unitId)).toEqual([a.id, b.id]);
    const late = (await unitB.post(`/programmes/${programme.id}/drafts`, { title: 'SOP Arsip', sopCount: 2, unitId: b.id })).body;
    const backdated = await t.organiser.patch(`/drafts/${late.id}`, { status: 'received', receivedAt: '2013-10-09T08:00:00+08:00' });
    expect(backdated.body).toMatchObject({ status: 'received', receivedAt: '2013-10-09T08:00:00+08:00' });
    expectProblem(await t.organiser.patch(`/drafts/${late.id}`, { status: 'reviewed', receivedAt: '2013-10-09T08:00:00+08:00' }), 400, 'VALIDATION_FAILED');
    expectProblem(await t.organiser.patch(`/drafts/${late.id}`, { status: 'submitted' }), 409, 'STATUS_BACKWARDS');
    expect((await unitB.get(`/programmes/${programme.id}/drafts`)).body.map((d: any) => d.unitId)).toEqual([b.id, b.id]);
  });

  it('moves status forward only', async () => {
    const programme = await t.make.programme();
    const unit = await t.make.unit();
    const draft = (await t.organiser.post(`/programmes/${programme.id}/drafts`, { unitId: unit.id, title: 'SOP', sopCount: 3 })).body;
    const reviewed = await t.organiser.patch(`/drafts/${draft.id}`, { status: 'reviewed', notes: 'Perbaiki format flowchart' });
    expect(reviewed.body).toMatchObject({ status: 'reviewed', notes: 'Perbaiki format flowchart' });
    expect((await t.organiser.patch(`/drafts/${draft.id}`, { status: 'enacted' })).body).toMatchObject({ status: 'enacted', notes: 'Perbaiki format flowchart' });
    expectProblem(await t.organiser.patch(`/drafts/${draft.id}`, { status: 'final' }), 409, 'STATUS_BACKWARDS');
    expectProblem(await t.organiser.patch(`/drafts/${draft.id}`, { status: 'approved' }), 400, 'VALIDATION_FAILED');
    expectProblem(await t.organiser.patch('/drafts/99', { status: 'final' }), 404, 'NOT_FOUND');
  });

  it('guards who may record what', async () => {
    const programme = await t.make.programme();
    const [a, b] = [await t.make.unit(), await t.make.unit()];
    const unitA = t.as(await t.unitKey(a.id));
    const url = `/programmes/${programme.id}/drafts`;
    expectProblem(await unitA.post(url, { unitId: b.id, title: 'SOP', sopCount: 1 }), 403, 'FORBIDDEN');
    expectProblem(await unitA.post(url, { unitId: a.id, title: 'SOP', sopCount: 1, receivedAt: '2013-09-01T00:00:00Z' }), 403, 'FORBIDDEN');
    const mine = await unitA.post(url, { unitId: a.id, title: 'SOP', sopCount: 1 });
    expectProblem(await unitA.patch(`/drafts/${mine.body.id}`, { status: 'reviewed' }), 403, 'FORBIDDEN');
    const future = expectProblem(await t.organiser.post(url, { unitId: a.id, title: 'SOP', sopCount: 1, receivedAt: '2013-12-01T00:00:00+08:00' }), 400, 'VALIDATION_FAILED');
    expect(future.errors![0]!.path).toBe('/body/receivedAt');
    expectProblem(await t.organiser.post(url, { unitId: a.id, title: 'SOP', sopCount: 0 }), 400, 'VALIDATION_FAILED');
    expectProblem(await t.organiser.post(url, { unitId: a.id, title: 'SOP', sopCount: 1, receivedAt: '2013-09-01 10:00' }), 400, 'VALIDATION_FAILED');
    expectProblem(await t.organiser.post(url, { unitId: 99, title: 'SOP', sopCount: 1 }), 422, 'REFERENCE_NOT_FOUND');
    expectProblem(await t.organiser.post('/programmes/99/drafts', { unitId: a.id, title: 'SOP', sopCount: 1 }), 404, 'NOT_FOUND');
    expect((await t.organiser.get(url)).body).toHaveLength(1);
  });
});
