import { buildTestApp, expectProblem, type TestApp } from '../helpers/app';
import { seedPeriod } from '../helpers/asistensi';

/** The seed period: 21 October to 1 November 2013, 09:00–12:00 and 13:00–16:00 WITA. Today is Tuesday 22 October. */
let t: TestApp;
beforeEach(async () => (t = await buildTestApp({ now: '2013-10-01T00:00:00Z' })));
afterEach(() => t.app.close());

type SlotAnswer = { id: number; date: string; start: string; end: string; status: string; unit?: { id: number } };
const timesOn = (slots: SlotAnswer[], date: string) => slots.filter((s) => s.date === date).map((s) => `${s.start}-${s.end} ${s.status}`);
const sequenceOf = (bookingId: number) => t.sqlValue<number>('select sequence from bookings where id = ?', bookingId);

describe('changing an asistensi period', () => {
  it('changes the slot times of the days still to come: bookings keep their start, move to the session in their place, or lose it', async () => {
    const { period, slot } = await seedPeriod(t);
    const [a, b, c, d] = [await t.make.unit(), await t.make.unit(), await t.make.unit(), await t.make.unit()];
    const book = async (unitId: number, date: string, start: string) => (await t.organiser.post(`/asistensi-periods/${period.id}/bookings`, { unitId, slotId: slot(date, start).id })).body;
    const past = await book(a.id, '2013-10-21', '09:00');
    const morning = await book(b.id, '2013-10-23', '09:00');
    const afternoon = await book(c.id, '2013-10-23', '13:00');
    const later = await book(d.id, '2013-10-24', '13:00');
    t.clock.set('2013-10-22T10:00:00+08:00');
    const sequenceBefore = await sequenceOf(afternoon.id);

    const first = await t.organiser.patch(`/asistensi-periods/${period.id}`, { name: 'Asistensi SOP 2013 (diubah)', slotTimes: [{ start: '13:00', end: '15:30' }, { start: '08:00', end: '11:00' }] });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ name: 'Asistensi SOP 2013 (diubah)', slotTimes: [{ start: '08:00', end: '11:00' }, { start: '13:00', end: '15:30' }], workingDates: expect.arrayContaining(['2013-10-21', '2013-11-01']) });
    expect(first.body.movedBookings.map((m: any) => [m.unitId, m.date, `${m.from.start}-${m.from.end}`, `${m.start}-${m.end}`])).toEqual([
      [b.id, '2013-10-23', '09:00-12:00', '08:00-11:00'],
      [c.id, '2013-10-23', '13:00-16:00', '13:00-15:30'],
      [d.id, '2013-10-24', '13:00-16:00', '13:00-15:30'],
    ]);
    expect(first.body.displacedBookings).toEqual([]);
    // The session that kept its start is the same slot, ended anew; calendars see a new SEQUENCE.
    expect(first.body.movedBookings[1]).toMatchObject({ id: afternoon.id, slotId: afternoon.slotId, endsAt: '2013-10-23T15:30:00+08:00' });
    expect(await sequenceOf(afternoon.id)).toBeGreaterThan(sequenceBefore);

    const slots: SlotAnswer[] = (await t.organiser.get(`/asistensi-periods/${period.id}/slots`)).body;
    // Days that have come (today included) keep their sessions; the booking there is untouched.
    expect(timesOn(slots, '2013-10-21')).toEqual(['09:00-12:00 booked', '13:00-16:00 open']);
    expect(timesOn(slots, '2013-10-22')).toEqual(['09:00-12:00 open', '13:00-16:00 open']);
    expect(timesOn(slots, '2013-10-23')).toEqual(['08:00-11:00 booked', '13:00-15:30 booked']);
    expect(timesOn(slots, '2013-11-01')).toEqual(['08:00-11:00 open', '13:00-15:30 open']);
    expect((await t.organiser.get(`/bookings/${past.id}`)).body).toMatchObject({ date: '2013-10-21', start: '09:00', status: 'active' });

    // Each unit is told, and the change log has each booking's move.
    const moved = (await t.organiser.get('/notices?kind=booking_moved')).body;
    expect(moved.map((n: any) => n.unitId).sort()).toEqual([b.id, c.id, d.id].sort());
    const audit = (await t.organiser.get(`/audit?entity=booking&entityId=${morning.id}`)).body;
    expect(audit[0]).toMatchObject({ action: 'booking.reschedule', before: { start: '09:00' }, after: { start: '08:00' } });

    // One session a day: the afternoon bookings lose theirs (displaced, first at the next auto-schedule).
    const second = await t.organiser.patch(`/asistensi-periods/${period.id}`, { slotTimes: [{ start: '08:00', end: '12:00' }] });
    expect(second.status).toBe(200);
    expect(second.body.movedBookings.map((m: any) => [m.id, m.end])).toEqual([[morning.id, '12:00']]);
    expect(second.body.displacedBookings.map((x: any) => [x.id, x.status])).toEqual([
      [afternoon.id, 'displaced'],
      [later.id, 'displaced'],
    ]);
    expect((await t.organiser.get('/notices?kind=booking_cancelled')).body.map((n: any) => n.unitId).sort()).toEqual([c.id, d.id].sort());
    const plan = (await t.organiser.post(`/asistensi-periods/${period.id}/auto-schedule`, { dryRun: true })).body;
    expect(plan.assignments.map((x: any) => x.unitId).sort()).toEqual([c.id, d.id].sort());

    // Closing and reopening a day later on follows the new times and leaves the past alone.
    await t.organiser.post(`/asistensi-periods/${period.id}/closures`, { date: '2013-10-28', reason: 'Rapat' });
    expect((await t.organiser.delete(`/asistensi-periods/${period.id}/closures/2013-10-28`)).status).toBe(200);
    const after: SlotAnswer[] = (await t.organiser.get(`/asistensi-periods/${period.id}/slots`)).body;
    expect(timesOn(after, '2013-10-28')).toEqual(['08:00-12:00 open']);
    expect(timesOn(after, '2013-10-21')).toEqual(['09:00-12:00 booked', '13:00-16:00 open']);
  });

  it('moves a booking to the session in its place only when nobody holds it', async () => {
    const { period, slot } = await seedPeriod(t);
    const [a, b] = [await t.make.unit(), await t.make.unit()];
    await t.organiser.post(`/asistensi-periods/${period.id}/bookings`, { unitId: a.id, slotId: slot('2013-10-23', '09:00').id });
    const held = (await t.organiser.post(`/asistensi-periods/${period.id}/bookings`, { unitId: b.id, slotId: slot('2013-10-23', '13:00').id })).body;
    // 09:00 goes; the first session of the day is now 13:00, which B holds: A loses its session.
    const res = await t.organiser.patch(`/asistensi-periods/${period.id}`, { slotTimes: [{ start: '13:00', end: '16:00' }, { start: '16:00', end: '17:00' }] });
    expect(res.status).toBe(200);
    expect(res.body.movedBookings).toEqual([]);
    expect(res.body.displacedBookings.map((x: any) => x.unitId)).toEqual([a.id]);
    expect((await t.organiser.get(`/bookings/${held.id}`)).body).toMatchObject({ start: '13:00', status: 'active' });
  });

  it('refuses bad slot times and windows naming the field, and writes nothing', async () => {
    const { period } = await seedPeriod(t);
    const overlap = expectProblem(await t.organiser.patch(`/asistensi-periods/${period.id}`, { slotTimes: [{ start: '08:00', end: '11:00' }, { start: '10:00', end: '12:00' }] }), 400, 'VALIDATION_FAILED');
    expect(overlap.errors).toEqual([{ path: '/body/slotTimes/1', message: 'overlaps 08:00-11:00' }]);
    const backwards = expectProblem(await t.organiser.patch(`/asistensi-periods/${period.id}`, { slotTimes: [{ start: '11:00', end: '08:00' }] }), 400, 'VALIDATION_FAILED');
    expect(backwards.errors?.[0]?.path).toBe('/body/slotTimes/0');
    expectProblem(await t.organiser.patch(`/asistensi-periods/${period.id}`, { name: '' }), 400, 'VALIDATION_FAILED');
    expectProblem(await t.organiser.patch(`/asistensi-periods/${period.id}`, { slotTimes: [] }), 400, 'VALIDATION_FAILED');
    const unit = await t.make.unit();
    expectProblem(await t.as(await t.unitKey(unit.id)).patch(`/asistensi-periods/${period.id}`, { name: 'x' }), 403, 'FORBIDDEN');
    const slots: SlotAnswer[] = (await t.organiser.get(`/asistensi-periods/${period.id}/slots`)).body;
    expect(timesOn(slots, '2013-10-25')).toEqual(['09:00-12:00 open', '13:00-16:00 open']);
    expect((await t.organiser.get(`/asistensi-periods/${period.id}`)).body.name).toBe('Asistensi SOP 2013');
  });
});
