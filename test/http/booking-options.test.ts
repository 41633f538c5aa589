import { buildTestApp, expectProblem, type TestApp } from '../helpers/app';
import { seedPeriod } from '../helpers/asistensi';

let t: TestApp;
beforeEach(async () => (t = await buildTestApp({ now: '2013-09-20T00:00:00Z' })));
afterEach(() => t.app.close());

/** Booking opens 1 October, only units whose draft arrived by 30 September book until 10 October, closes 31 October 2013. */
const windows = {
  bookingOpensAt: '2013-10-01T08:00:00+08:00',
  priorityUntil: '2013-10-10T00:00:00+08:00',
  bookingClosesAt: '2013-10-31T16:00:00+08:00',
  priorityCutoff: '2013-09-30T23:59:59+08:00',
};

describe('what a unit may do in a period now (GET /asistensi-periods/:id/booking-options)', () => {
  it('tells a unit whose draft was sent but not accepted that it waits for the priority to end, as booking would refuse it', async () => {
    const { programme, period, slot } = await seedPeriod(t, windows);
    const unit = await t.make.unit();
    const key = t.as(await t.unitKey(unit.id));
    const url = `/asistensi-periods/${period.id}/booking-options`;
    expect((await key.get(url)).body).toMatchObject({ phase: 'notOpenYet', draft: 'none', hasPriority: false, book: { allowed: false, refusal: 'BOOKING_CLOSED' }, booking: null });

    const draft = (await key.post(`/programmes/${programme.id}/drafts`, { title: 'Draf SOP', sopCount: 4 })).body;
    t.clock.set('2013-10-02T09:00:00+08:00');
    const waiting = (await key.get(url)).body;
    expect(waiting).toMatchObject({
      unitId: unit.id,
      phase: 'priority',
      draft: 'awaiting',
      draftSentAt: draft.createdAt,
      priorityUntil: '2013-10-10T00:00:00+08:00',
      priorityCutoff: '2013-09-30T23:59:59+08:00',
      book: { allowed: false, refusal: 'PRIORITY_WINDOW' },
      move: { allowed: false, refusal: 'NO_BOOKING' },
      cancel: { allowed: false, refusal: 'NO_BOOKING' },
    });
    expectProblem(await key.post(`/asistensi-periods/${period.id}/bookings`, { slotId: slot('2013-10-22').id }), 403, waiting.book.refusal);

    // Accepted after the cutoff: received, but late for the priority.
    await t.organiser.patch(`/drafts/${draft.id}`, { status: 'received' });
    expect((await key.get(url)).body).toMatchObject({ draft: 'receivedLate', book: { refusal: 'PRIORITY_WINDOW' } });
    t.clock.set('2013-10-10T00:00:00+08:00');
    expect((await key.get(url)).body).toMatchObject({ phase: 'open', book: { allowed: true, refusal: null } });
  });

  it('with priority books; with a booking moves and cancels until the notice, then says too late as cancelling does', async () => {
    const { programme, period, slot } = await seedPeriod(t, windows);
    const unit = await t.make.unit();
    const key = t.as(await t.unitKey(unit.id));
    const url = `/asistensi-periods/${period.id}/booking-options`;
    await t.organiser.post(`/programmes/${programme.id}/drafts`, { unitId: unit.id, title: 'Draf', sopCount: 3, receivedAt: '2013-09-19T10:00:00+08:00' });
    t.clock.set('2013-10-02T09:00:00+08:00');
    expect((await key.get(url)).body).toMatchObject({ phase: 'priority', draft: 'received', hasPriority: true, book: { allowed: true } });
    const booking = (await key.post(`/asistensi-periods/${period.id}/bookings`, { slotId: slot('2013-10-22').id })).body;
    expect((await key.get(url)).body).toMatchObject({
      booking: { id: booking.id, date: '2013-10-22', start: '09:00' },
      changeUntil: '2013-10-21T09:00:00+08:00',
      book: { allowed: false, refusal: 'UNIT_ALREADY_BOOKED' },
      move: { allowed: true, refusal: null },
      cancel: { allowed: true, refusal: null },
    });
    t.clock.set('2013-10-21T09:00:01+08:00');
    const late = (await key.get(url)).body;
    expect(late).toMatchObject({ move: { allowed: false, refusal: 'TOO_LATE' }, cancel: { allowed: false, refusal: 'TOO_LATE' } });
    expectProblem(await key.delete(`/bookings/${booking.id}`), 409, late.cancel.refusal);
    expectProblem(await key.patch(`/bookings/${booking.id}`, { slotId: slot('2013-10-25').id }), 409, late.move.refusal);
  });

  it('answers a unit key for its own unit only; an organiser names the unit', async () => {
    const { period } = await seedPeriod(t);
    const [mine, other] = [await t.make.unit(), await t.make.unit()];
    const url = `/asistensi-periods/${period.id}/booking-options`;
    expect((await t.as(await t.unitKey(mine.id)).get(`${url}?unitId=${mine.id}`)).status).toBe(200);
    expectProblem(await t.as(await t.unitKey(mine.id)).get(`${url}?unitId=${other.id}`), 404, 'NOT_FOUND');
    const missing = expectProblem(await t.organiser.get(url), 400, 'VALIDATION_FAILED');
    expect(missing.errors?.[0]?.path).toBe('/querystring/unitId');
    expect((await t.organiser.get(`${url}?unitId=${other.id}`)).body).toMatchObject({ unitId: other.id, phase: 'open', book: { allowed: true } });
    expectProblem(await t.organiser.get(`${url}?unitId=99999`), 422, 'REFERENCE_NOT_FOUND');
    expectProblem(await t.organiser.get(`/asistensi-periods/99999/booking-options?unitId=${other.id}`), 404, 'NOT_FOUND');
  });
});
