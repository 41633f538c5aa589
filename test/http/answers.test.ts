import { buildTestApp, expectProblem, type TestApp } from '../helpers/app';
import { seedPeriod } from '../helpers/asistensi';

let t: TestApp;
beforeEach(async () => (t = await buildTestApp({ now: '2013-10-01T00:00:00Z' })));
afterEach(() => t.app.close());

const windows = {
  bookingOpensAt: '2013-10-07T08:00:00+08:00',
  priorityUntil: '2013-10-14T00:00:00+08:00',
  bookingClosesAt: '2013-10-18T16:00:00+08:00',
};

describe('refusals say what would work', () => {
  it('PRIORITY_WINDOW gives the window’s end, BOOKING_CLOSED the window', async () => {
    const { period, slot } = await seedPeriod(t, windows);
    const unit = await t.make.unit();
    const operator = t.as(await t.unitKey(unit.id));
    const url = `/asistensi-periods/${period.id}/bookings`;
    const closed = expectProblem(await operator.post(url, { slotId: slot('2013-10-21').id }), 409, 'BOOKING_CLOSED');
    expect(closed).toMatchObject({ bookingOpensAt: '2013-10-07T08:00:00+08:00', bookingClosesAt: '2013-10-18T16:00:00+08:00', detail: expect.stringContaining('2013-10-07T08:00:00+08:00') });
    t.clock.set('2013-10-08T09:00:00+08:00');
    const priority = expectProblem(await operator.post(url, { slotId: slot('2013-10-21').id }), 403, 'PRIORITY_WINDOW');
    expect(priority).toMatchObject({ priorityUntil: '2013-10-14T00:00:00+08:00', detail: expect.stringContaining('2013-10-14T00:00:00+08:00') });
  });

  it('UNIT_ALREADY_BOOKED names the booking and its time; ALREADY_ENROLLED the batch', async () => {
    const { programme, period, slot } = await seedPeriod(t);
    const unit = await t.make.unit();
    const url = `/asistensi-periods/${period.id}/bookings`;
    const first = (await t.organiser.post(url, { unitId: unit.id, slotId: slot('2013-10-22').id })).body;
    const again = expectProblem(await t.organiser.post(url, { unitId: unit.id, slotId: slot('2013-10-23').id }), 409, 'UNIT_ALREADY_BOOKED');
    expect(again).toMatchObject({ bookingId: first.id, date: '2013-10-22', start: '09:00', startsAt: '2013-10-22T09:00:00+08:00' });
    expect(expectProblem(await t.organiser.post(`/asistensi-periods/${period.id}/requests`, { unitId: unit.id }), 409, 'UNIT_ALREADY_BOOKED')).toMatchObject({ bookingId: first.id });

    const batch = await t.make.batch(programme.id, { name: 'Angkatan I' });
    await t.make.batch(programme.id, { name: 'Angkatan II', days: [{ date: '2013-10-09', start: '08:00', end: '16:00' }] });
    const person = await t.make.participant(unit.id);
    const enrolment = (await t.organiser.post(`/batches/${batch.id}/enrolments`, { participantId: person.id })).body;
    const batches = (await t.organiser.get(`/programmes/${programme.id}/batches`)).body;
    const twice = expectProblem(await t.organiser.post(`/batches/${batches[1].id}/enrolments`, { participantId: person.id }), 409, 'ALREADY_ENROLLED');
    expect(twice).toMatchObject({ enrolmentId: enrolment.id, batchId: batch.id, batchName: 'Angkatan I', detail: expect.stringContaining('Angkatan I') });
  });

  it('a bad enum value is echoed with the allowed ones, and 415 names the content types the route takes', async () => {
    const bad = expectProblem(await t.organiser.post('/units', { code: 'X', name: 'X', kind: 'kementerian' }), 400, 'VALIDATION_FAILED');
    expect(bad.errors).toEqual([{ path: '/body/kind', message: expect.stringMatching(/^must be one of: dinas, badan, .* \(got "kementerian"\)$/) }]);
    const csv = await t.organiser.post('/units', 'code,name,kind\nA,B,dinas', { 'content-type': 'text/csv' });
    expect(expectProblem(csv, 415, 'UNSUPPORTED_MEDIA_TYPE')).toMatchObject({ accepts: ['application/json'], detail: expect.stringContaining('application/json') });
    const json = await t.organiser.post('/units/import', { code: 'A' }, { 'content-type': 'application/json' });
    expect(expectProblem(json, 415, 'UNSUPPORTED_MEDIA_TYPE')).toMatchObject({ accepts: ['text/csv'] });
  });
});
