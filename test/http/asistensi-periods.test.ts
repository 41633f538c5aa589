import { buildTestApp, expectProblem, type TestApp } from '../helpers/app';
import { seedPeriod } from '../helpers/asistensi';

let t: TestApp;
beforeEach(async () => (t = await buildTestApp({ now: '2013-10-01T00:00:00Z' })));
afterEach(() => t.app.close());

const SEED_DATES = ['2013-10-21', '2013-10-22', '2013-10-23', '2013-10-24', '2013-10-25', '2013-10-28', '2013-10-29', '2013-10-30', '2013-10-31', '2013-11-01'];

describe('asistensi periods', () => {
  it('creates the seed period: 20 slots, 21 October to 1 November 2013, 09:00 and 13:00 WITA', async () => {
    const { period, slots } = await seedPeriod(t, { location: 'Ruang Rapat Bagian Organisasi' });
    expect(period).toMatchObject({ startDate: '2013-10-21', endDate: '2013-11-01', workingDays: 10, workingDates: SEED_DATES, closedDates: [], cancelNoticeHours: 24 });
    expect(slots).toHaveLength(20);
    expect(slots.map((s: any) => s.date)).toEqual(SEED_DATES.flatMap((d) => [d, d]));
    expect(slots[0]).toEqual({ id: expect.any(Number), date: '2013-10-21', start: '09:00', end: '12:00', startsAt: '2013-10-21T09:00:00+08:00', endsAt: '2013-10-21T12:00:00+08:00', status: 'open' });
    expect(slots[19]).toMatchObject({ date: '2013-11-01', start: '13:00', startsAt: '2013-11-01T13:00:00+08:00', endsAt: '2013-11-01T16:00:00+08:00' });
    expect((await t.organiser.get(`/asistensi-periods/${period.id}`)).body).toEqual(period);
  });

  it('skips weekends, national holidays and cuti bersama by decree (14 and 15 October 2013) and organiser-closed dates', async () => {
    const programme = await t.make.programme();
    const res = await t.organiser.post(`/programmes/${programme.id}/asistensi-periods`, {
      name: 'Asistensi awal',
      startDate: '2013-10-11',
      workingDays: 5,
      slotTimes: [{ start: '08:30', end: '11:30' }],
      closedDates: [{ date: '2013-10-17', reason: 'Rapat koordinasi' }],
    });
    expect(res.status).toBe(201);
    expect(res.body.workingDates).toEqual(['2013-10-11', '2013-10-16', '2013-10-18', '2013-10-21', '2013-10-22']);
    expect(res.body.closedDates).toEqual([
      { date: '2013-10-14', reason: 'Cuti Bersama Hari Raya Idul Adha 1434 Hijriyah', source: 'holiday' },
      { date: '2013-10-15', reason: 'Hari Raya Idul Adha 1434 Hijriyah', source: 'holiday' },
      { date: '2013-10-17', reason: 'Rapat koordinasi', source: 'organiser' },
    ]);
    expect(res.body).toMatchObject({ holidayCalendar: 'decree', provisionalYears: [] });
    const noHolidays = await t.organiser.post(`/programmes/${programme.id}/asistensi-periods`, { name: 'Tanpa libur', startDate: '2013-10-14', workingDays: 2, useNationalHolidays: false, skipWeekends: false });
    expect(noHolidays.body).toMatchObject({ workingDates: ['2013-10-14', '2013-10-15'], holidayCalendar: 'off' });
  });

  it('follows the decree (1 Muharram 1435 H on Tuesday 5 November 2013), and lets organisers reopen a holiday and close another day', async () => {
    const { period } = await seedPeriod(t, { startDate: '2013-11-01', workingDays: 3 });
    // date-holidays computes 4 November; the SKB set 5 November.
    expect((await t.organiser.get(`/asistensi-periods/${period.id}`)).body.workingDates).toEqual(['2013-11-01', '2013-11-04', '2013-11-06']);
    const reopened = await t.organiser.delete(`/asistensi-periods/${period.id}/closures/2013-11-05`);
    expect(reopened.status).toBe(200);
    expect(reopened.body.workingDates).toEqual(['2013-11-01', '2013-11-04', '2013-11-05']);
    const closed = await t.organiser.post(`/asistensi-periods/${period.id}/closures`, { date: '2013-11-04', reason: 'Rapat kerja' });
    expect(closed.status).toBe(201);
    expect(closed.body.period.workingDates).toEqual(['2013-11-01', '2013-11-05', '2013-11-06']);
    const slots = (await t.organiser.get(`/asistensi-periods/${period.id}/slots`)).body;
    expect(slots.filter((s: any) => s.status === 'closed').map((s: any) => s.date)).toEqual(['2013-11-04', '2013-11-04']);
    expect(slots.filter((s: any) => s.status === 'open').map((s: any) => s.date)).toEqual(['2013-11-01', '2013-11-01', '2013-11-05', '2013-11-05', '2013-11-06', '2013-11-06']);
  });

  it('closing a day displaces its bookings and adds a working day at the end', async () => {
    const { period, slot } = await seedPeriod(t);
    const unit = await t.make.unit();
    const booking = (await t.organiser.post(`/asistensi-periods/${period.id}/bookings`, { unitId: unit.id, slotId: slot('2013-10-24').id })).body;
    const res = await t.organiser.post(`/asistensi-periods/${period.id}/closures`, { date: '2013-10-24', reason: 'Cuti bersama' });
    expect(res.status).toBe(201);
    // 2 and 3 November are a weekend; 4 November is a working day (the SKB set 1 Muharram on the 5th).
    expect(res.body.addedDates).toEqual(['2013-11-04']);
    expect(res.body.displaced).toEqual([expect.objectContaining({ id: booking.id, unitId: unit.id, status: 'displaced', date: '2013-10-24' })]);
    expect(res.body.period).toMatchObject({ endDate: '2013-11-04', closedDates: [{ date: '2013-10-24', reason: 'Cuti bersama', source: 'organiser' }] });
    expect(res.body.period.workingDates).toHaveLength(10);
    const slots = (await t.organiser.get(`/asistensi-periods/${period.id}/slots?date=2013-10-24`)).body;
    expect(slots.map((s: any) => s.status)).toEqual(['closed', 'closed']);
    // Still ten working days of two open slots each: the closed day was replaced.
    expect((await t.organiser.get(`/asistensi-periods/${period.id}/slots?status=open`)).body).toHaveLength(20);
    expectProblem(await t.organiser.post(`/asistensi-periods/${period.id}/bookings`, { unitId: unit.id, slotId: slot('2013-10-24').id }), 409, 'SLOT_CLOSED');
    expectProblem(await t.organiser.post(`/asistensi-periods/${period.id}/closures`, { date: '2013-10-24', reason: 'again' }), 409, 'NOT_A_WORKING_DAY');
    expectProblem(await t.organiser.post(`/asistensi-periods/${period.id}/closures`, { date: '2013-10-26', reason: 'Sabtu' }), 409, 'NOT_A_WORKING_DAY');
  });

  it('reopens a closed day only if nothing was booked on the day added in its place', async () => {
    const { period } = await seedPeriod(t);
    await t.organiser.post(`/asistensi-periods/${period.id}/closures`, { date: '2013-10-24', reason: 'Cuti bersama' });
    const added = (await t.organiser.get(`/asistensi-periods/${period.id}/slots?date=2013-11-04`)).body[0];
    const unit = await t.make.unit();
    const booking = (await t.organiser.post(`/asistensi-periods/${period.id}/bookings`, { unitId: unit.id, slotId: added.id })).body;
    expectProblem(await t.organiser.delete(`/asistensi-periods/${period.id}/closures/2013-10-24`), 409, 'CLOSURE_IN_USE');
    await t.organiser.delete(`/bookings/${booking.id}`);
    const reopened = await t.organiser.delete(`/asistensi-periods/${period.id}/closures/2013-10-24`);
    expect(reopened.body).toMatchObject({ endDate: '2013-11-01', closedDates: [] });
    expect((await t.organiser.get(`/asistensi-periods/${period.id}/slots?date=2013-11-04`)).body).toEqual([]);
    const slots = (await t.organiser.get(`/asistensi-periods/${period.id}/slots`)).body;
    expect(slots).toHaveLength(20);
    expect(slots.every((s: any) => s.status === 'open')).toBe(true);
    expectProblem(await t.organiser.delete(`/asistensi-periods/${period.id}/closures/2013-10-24`), 404, 'NOT_FOUND');
  });

  it('changes windows, location and notice', async () => {
    const { period } = await seedPeriod(t);
    const res = await t.organiser.patch(`/asistensi-periods/${period.id}`, {
      bookingOpensAt: '2013-10-01T08:00:00+08:00',
      priorityUntil: '2013-10-07T00:00:00Z',
      bookingClosesAt: '2013-10-18T16:00:00+08:00',
      priorityCutoff: '2013-09-30T23:59:59+08:00',
      location: 'Biro Organisasi Setda Provinsi Kalimantan Selatan',
      cancelNoticeHours: 48,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      bookingOpensAt: '2013-10-01T08:00:00+08:00',
      priorityUntil: '2013-10-07T08:00:00+08:00',
      bookingClosesAt: '2013-10-18T16:00:00+08:00',
      priorityCutoff: '2013-09-30T23:59:59+08:00',
      location: 'Biro Organisasi Setda Provinsi Kalimantan Selatan',
      cancelNoticeHours: 48,
    });
    const order = expectProblem(await t.organiser.patch(`/asistensi-periods/${period.id}`, { bookingClosesAt: '2013-09-01T00:00:00Z' }), 400, 'VALIDATION_FAILED');
    expect(order.errors![0]!.path).toBe('/body/bookingClosesAt');
    expect((await t.organiser.patch(`/asistensi-periods/${period.id}`, { priorityUntil: null })).body.priorityUntil).toBeNull();
    expectProblem(await t.organiser.patch(`/asistensi-periods/${period.id}`, { startDate: '2013-10-22' }), 400, 'VALIDATION_FAILED');
  });

  it('rejects bad periods naming the field, writing nothing', async () => {
    const programme = await t.make.programme();
    const url = `/programmes/${programme.id}/asistensi-periods`;
    const cases: [Record<string, unknown>, string][] = [
      [{ name: 'A', startDate: '2013-02-30' }, '/body/startDate'],
      [{ name: 'A', startDate: '2013-10-21', workingDays: 0 }, '/body/workingDays'],
      [{ name: 'A', startDate: '2013-10-21', slotTimes: [{ start: '13:00', end: '12:00' }] }, '/body/slotTimes/0'],
      [{ name: 'A', startDate: '2013-10-21', slotTimes: [{ start: '09:00', end: '12:00' }, { start: '11:00', end: '14:00' }] }, '/body/slotTimes/1'],
      [{ name: 'A', startDate: '2013-10-21', slotTimes: [] }, '/body/slotTimes'],
      [{ name: 'A', startDate: '2013-10-21', closedDates: [{ date: '2013-10-22', reason: 'x' }, { date: '2013-10-22', reason: 'y' }] }, '/body/closedDates/1/date'],
      [{ name: 'A', startDate: '2013-10-21', bookingOpensAt: '2013-10-10T00:00:00Z', bookingClosesAt: '2013-10-01T00:00:00Z' }, '/body/bookingClosesAt'],
      [{ name: 'A', startDate: '2013-10-21', cancelNoticeHours: -1 }, '/body/cancelNoticeHours'],
      [{ name: 'A', startDate: '2013-10-21', bookingOpensAt: 'tomorrow' }, '/body/bookingOpensAt'],
    ];
    for (const [body, path] of cases) {
      const problem = expectProblem(await t.organiser.post(url, body), 400, 'VALIDATION_FAILED');
      expect({ body, paths: problem.errors!.map((e) => e.path) }).toEqual({ body, paths: expect.arrayContaining([path]) });
    }
    expectProblem(await t.organiser.post('/programmes/99/asistensi-periods', { name: 'A', startDate: '2013-10-21' }), 404, 'NOT_FOUND');
    expectProblem(await t.organiser.get('/asistensi-periods/99'), 404, 'NOT_FOUND');
    expectProblem(await t.organiser.get('/asistensi-periods/99/slots'), 404, 'NOT_FOUND');
    expect(await t.sqlOne('select count(*) n from asistensi_periods')).toEqual({ n: 0 });
    expect(await t.sqlOne('select count(*) n from slots')).toEqual({ n: 0 });
  });

  it('shows booked units to organisers, and to a unit only its own', async () => {
    const { period, slot } = await seedPeriod(t);
    const [a, b] = [await t.make.unit({ code: 'DISHUB', name: 'Dinas Perhubungan' }), await t.make.unit()];
    const booking = (await t.organiser.post(`/asistensi-periods/${period.id}/bookings`, { unitId: a.id, slotId: slot('2013-10-21').id })).body;
    await t.organiser.post(`/asistensi-periods/${period.id}/bookings`, { unitId: b.id, slotId: slot('2013-10-22').id });
    const forOrganiser = (await t.organiser.get(`/asistensi-periods/${period.id}/slots?status=booked`)).body;
    expect(forOrganiser.map((s: any) => [s.date, s.unit?.id])).toEqual([['2013-10-21', a.id], ['2013-10-22', b.id]]);
    expect(forOrganiser[0]).toMatchObject({ unit: { id: a.id, code: 'DISHUB', name: 'Dinas Perhubungan' }, bookingId: booking.id });
    const forA = (await t.as(await t.unitKey(a.id)).get(`/asistensi-periods/${period.id}/slots?status=booked`)).body;
    expect(forA.map((s: any) => s.unit?.id ?? null)).toEqual([a.id, null]);
    expect(forA[1]).not.toHaveProperty('bookingId');
    expectProblem(await t.organiser.get(`/asistensi-periods/${period.id}/slots?status=taken`), 400, 'VALIDATION_FAILED');
  });

  it('keeps period management to organisers', async () => {
    const { programme, period } = await seedPeriod(t);
    const unit = t.as(await t.unitKey((await t.make.unit()).id));
    expect((await unit.get(`/asistensi-periods/${period.id}`)).status).toBe(200);
    expectProblem(await unit.post(`/programmes/${programme.id}/asistensi-periods`, { name: 'A', startDate: '2013-10-21' }), 403, 'FORBIDDEN');
    expectProblem(await unit.patch(`/asistensi-periods/${period.id}`, { location: 'x' }), 403, 'FORBIDDEN');
    expectProblem(await unit.post(`/asistensi-periods/${period.id}/closures`, { date: '2013-10-21', reason: 'x' }), 403, 'FORBIDDEN');
    expectProblem(await unit.delete(`/asistensi-periods/${period.id}/closures/2013-10-21`), 403, 'FORBIDDEN');
  });
});
