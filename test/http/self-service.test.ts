import { buildTestApp, expectProblem, makeNip, type TestApp } from '../helpers/app';
import { seedPeriod } from '../helpers/asistensi';

let t: TestApp;
beforeEach(async () => (t = await buildTestApp({ now: '2013-10-01T00:00:00Z' })));
afterEach(() => t.app.close());

describe('units that serve themselves', () => {
  it('GET /me tells a unit key who it is, the programmes, the periods to come, its bookings and drafts', async () => {
    const { programme, period, slot } = await seedPeriod(t);
    const unit = await t.make.unit({ code: 'DISDIK', name: 'Dinas Pendidikan' });
    const other = await t.make.unit({ code: 'DISHUB', name: 'Dinas Perhubungan' });
    const operator = t.as(await t.unitKey(unit.id));
    // No unitId: a unit key's own unit is meant.
    const booking = await operator.post(`/asistensi-periods/${period.id}/bookings`, { slotId: slot('2013-10-22').id });
    expect(booking.body).toMatchObject({ unitId: unit.id });
    const draft = await operator.post(`/programmes/${programme.id}/drafts`, { title: 'Draft SOP Disdik', sopCount: 4 });
    expect(draft.body).toMatchObject({ unitId: unit.id, status: 'submitted' });
    await t.organiser.post(`/asistensi-periods/${period.id}/bookings`, { unitId: other.id, slotId: slot('2013-10-23').id });

    const me = await operator.get('/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ role: 'unit', unit: { id: unit.id, code: 'DISDIK' }, programmes: [{ id: programme.id }], openPeriods: [{ id: period.id }] });
    expect(me.body.bookings).toEqual([expect.objectContaining({ id: booking.body.id, date: '2013-10-22', startsAt: '2013-10-22T09:00:00+08:00' })]);
    expect(me.body.drafts).toEqual([expect.objectContaining({ id: draft.body.id, status: 'submitted' })]);
    expect(JSON.stringify(me.body)).not.toContain('DISHUB');

    expect((await t.organiser.get('/me')).body).toMatchObject({ role: 'organiser', unit: null, bookings: [], drafts: [] });
    t.clock.set('2013-11-02T00:00:00Z');
    expect((await operator.get('/me')).body.openPeriods).toEqual([]);
  });

  it('lists a programme’s periods, finds units by code, and requires unitId from organisers', async () => {
    const { programme, period } = await seedPeriod(t);
    const unit = await t.make.unit({ code: 'DISDIK' });
    expect((await t.as(await t.unitKey(unit.id)).get(`/programmes/${programme.id}/asistensi-periods`)).body.map((p: { id: number }) => p.id)).toEqual([period.id]);
    expectProblem(await t.organiser.get('/programmes/999/asistensi-periods'), 404, 'NOT_FOUND');
    expect((await t.organiser.get('/units?code=disdik')).body.map((u: { id: number }) => u.id)).toEqual([unit.id]);
    expect((await t.organiser.get('/units?code=NONE')).body).toEqual([]);
    const missing = expectProblem(await t.organiser.post(`/programmes/${programme.id}/drafts`, { title: 'SOP', sopCount: 1 }), 400, 'VALIDATION_FAILED');
    expect(missing.errors).toEqual([{ path: '/body/unitId', message: 'is required' }]);
  });

  it('accepts a NIP as it is printed, with spaces or dots', async () => {
    const unit = await t.make.unit();
    const res = await t.as(await t.unitKey(unit.id)).post('/participants', { nip: '19800412 200501 1 003', name: 'Siti Aminah' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ nip: '198004122005011003', unitId: unit.id });
    expect((await t.organiser.post('/participants', { nip: '19800412.200501.1.004', name: 'Ahmad', unitId: unit.id })).body.nip).toBe('198004122005011004');
    expectProblem(await t.organiser.post('/participants', { nip: '19800412 200501 1', name: 'Pendek', unitId: unit.id }), 400, 'VALIDATION_FAILED');
  });
});

describe('POST /participants/import', () => {
  const csv = (...lines: string[]) => lines.join('\r\n');
  const post = (client: ReturnType<TestApp['as']>, body: string) => client.post('/participants/import', body, { 'content-type': 'text/csv' });

  it('registers officials from CSV (comma or semicolon, printed NIPs), then updates them by NIP', async () => {
    const unit = await t.make.unit({ code: 'DISDIK' });
    const first = await post(t.organiser, csv('unitCode,nip,name,position', 'DISDIK,19800412 200501 1 003,Siti Aminah,Kepala Bidang', `disdik,${makeNip(2)},Ahmad Fauzi,`));
    expect(first.body).toEqual({ created: 2, updated: 0, unchanged: 0 });
    const semicolons = await post(t.as(await t.unitKey(unit.id)), csv('unitCode;nip;name;position;phone', 'DISDIK;198004122005011003;Siti Aminah;Sekretaris;+62 511 3353300', `DISDIK;${makeNip(2)};Ahmad Fauzi;;`));
    expect(semicolons.body).toEqual({ created: 0, updated: 1, unchanged: 1 });
    const listed = (await t.organiser.get(`/participants?unitId=${unit.id}`)).body;
    expect(listed.map((p: { nip: string; position: string | null }) => [p.nip, p.position])).toEqual([
      ['198004122005011003', 'Sekretaris'],
      [makeNip(2), null],
    ]);
  });

  it('writes nothing when a line is bad, and lists every bad line', async () => {
    const mine = await t.make.unit({ code: 'MINE' });
    await t.make.unit({ code: 'OTHER' });
    const before = (await t.organiser.get('/participants')).body.length;
    const res = await post(
      t.as(await t.unitKey(mine.id)),
      csv('unitCode,nip,name', `MINE,${makeNip(10)},Benar`, `OTHER,${makeNip(11)},Unit lain`, 'MINE,123,NIP pendek', `NOPE,${makeNip(12)},Tak ada`, `MINE,${makeNip(10)},Dua kali`, `MINE,${makeNip(13)},`),
    );
    const problem = expectProblem(res, 422, 'IMPORT_INVALID');
    expect(problem.errors!.map((e) => [e.line, e.path])).toEqual([
      [3, 'unitCode'],
      [4, 'nip'],
      [5, 'unitCode'],
      [6, 'nip'],
      [7, 'name'],
    ]);
    expect((await t.organiser.get('/participants')).body).toHaveLength(before);
    expectProblem(await post(t.organiser, 'nip,name\n1,2'), 422, 'IMPORT_INVALID');
  });
});
