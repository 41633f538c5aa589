import { buildTestApp, expectProblem, type TestApp } from '../helpers/app';
import { seedPeriod } from '../helpers/asistensi';

let t: TestApp;
beforeEach(async () => (t = await buildTestApp({ now: '2013-10-01T00:00:00Z' })));
afterEach(() => t.app.close());

it('reports every unit’s officials, drafts and asistensi, as JSON and as CSV', async () => {
  const { programme, period, slot } = await seedPeriod(t);
  const dishub = await t.make.unit({ code: 'DISHUB', name: 'Dinas Perhubungan' });
  const kel = await t.make.unit({ code: 'KEL-TD', name: 'Kelurahan Teluk Dalam, Banjarmasin Tengah', kind: 'kelurahan' });
  const idle = await t.make.unit({ code: 'ZZ-IDLE', name: 'Kantor Arsip', kind: 'kantor' });
  const batch = await t.make.batch(programme.id);
  const enrolments = [];
  for (let i = 0; i < 3; i++) {
    const p = await t.make.participant(dishub.id);
    enrolments.push((await t.organiser.post(`/batches/${batch.id}/enrolments`, { participantId: p.id })).body);
  }
  t.clock.set('2013-10-07T09:00:00+08:00');
  await t.organiser.put(`/enrolments/${enrolments[0].id}/attendance`, { date: '2013-10-07', present: true });
  await t.organiser.put(`/enrolments/${enrolments[1].id}/attendance`, { date: '2013-10-07', present: false });
  const draft = (await t.organiser.post(`/programmes/${programme.id}/drafts`, { unitId: dishub.id, title: 'Draft 1', sopCount: 4, receivedAt: '2013-09-20T09:00:00+08:00' })).body;
  await t.organiser.post(`/programmes/${programme.id}/drafts`, { unitId: dishub.id, title: 'Draft 2', sopCount: 2, receivedAt: '2013-09-25T09:00:00+08:00' });
  await t.organiser.patch(`/drafts/${draft.id}`, { status: 'final' });
  const booking = (await t.organiser.post(`/asistensi-periods/${period.id}/bookings`, { unitId: dishub.id, slotId: slot('2013-10-22', '13:00').id })).body;
  t.clock.set('2013-10-24T09:00:00+08:00');
  await t.organiser.put(`/bookings/${booking.id}/attendance`, { attended: true });
  await t.organiser.post(`/asistensi-periods/${period.id}/walk-ins`, { unitId: kel.id, date: '2013-10-23' });

  const res = await t.organiser.get(`/programmes/${programme.id}/progress`);
  expect(res.status).toBe(200);
  const byCode = Object.fromEntries(res.body.units.map((u: any) => [u.code, u]));
  expect(byCode.DISHUB).toEqual({
    unitId: dishub.id,
    code: 'DISHUB',
    name: 'Dinas Perhubungan',
    kind: 'dinas',
    participantsConfirmed: 3,
    participantsAttended: 1,
    draftCount: 2,
    draftStatus: 'final',
    draftReceivedAt: '2013-09-20T09:00:00+08:00',
    asistensi: 'attended',
    asistensiDate: '2013-10-22',
    asistensiStart: '13:00',
  });
  expect(byCode['KEL-TD']).toMatchObject({ participantsConfirmed: 0, draftStatus: null, asistensi: 'walk_in', asistensiDate: '2013-10-23', asistensiStart: null });
  expect(byCode['ZZ-IDLE']).toMatchObject({ unitId: idle.id, asistensi: 'none', draftCount: 0 });
  expect(res.body.totals).toEqual({
    units: 3,
    participantsConfirmed: 3,
    participantsAttended: 1,
    unitsWithDraft: 1,
    draftStatus: { submitted: 0, received: 0, reviewed: 0, final: 1, enacted: 0 },
    asistensi: { attended: 1, walk_in: 1, booked: 0, none: 1 },
  });

  const csv = await t.organiser.get(`/programmes/${programme.id}/progress?format=csv`);
  expect(csv.status).toBe(200);
  expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
  expect(csv.headers['content-disposition']).toContain('attachment');
  const lines = (csv.body as string).replace(/^\uFEFF/, '').split('\r\n');
  expect(lines[0]).toBe('code,name,kind,participantsConfirmed,participantsAttended,draftCount,draftStatus,draftReceivedAt,asistensi,asistensiDate,asistensiStart');
  expect(lines[1]).toBe('DISHUB,Dinas Perhubungan,dinas,3,1,2,final,2013-09-20T09:00:00+08:00,attended,2013-10-22,13:00');
  expect(lines[2]).toBe('KEL-TD,"Kelurahan Teluk Dalam, Banjarmasin Tengah",kelurahan,0,0,0,,,walk_in,2013-10-23,');
  expect(lines).toHaveLength(5);
});

it('is organiser-only and checks its input', async () => {
  const programme = await t.make.programme();
  const unit = await t.make.unit();
  expectProblem(await t.as(t.unitKey(unit.id)).get(`/programmes/${programme.id}/progress`), 403, 'FORBIDDEN');
  expectProblem(await t.organiser.get(`/programmes/${programme.id}/progress?format=xlsx`), 400, 'VALIDATION_FAILED');
  expectProblem(await t.organiser.get('/programmes/99/progress'), 404, 'NOT_FOUND');
});
