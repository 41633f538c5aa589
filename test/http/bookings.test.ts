import { buildTestApp, expectProblem, type TestApp } from '../helpers/app';
import { seedPeriod } from '../helpers/asistensi';

let t: TestApp;
beforeEach(async () => (t = await buildTestApp({ now: '2013-10-01T00:00:00Z' })));
afterEach(() => t.app.close());

const windows = {
  bookingOpensAt: '2013-10-07T08:00:00+08:00',
  priorityUntil: '2013-10-11T00:00:00+08:00',
  bookingClosesAt: '2013-10-18T16:00:00+08:00',
};

describe('booking asistensi slots', () => {
  it('keeps the booking window and gives draft senders the first days (priority window)', async () => {
    const { programme, period, slot } = await seedPeriod(t, windows);
    const [withDraft, without] = [await t.make.unit(), await t.make.unit()];
    await t.organiser.post(`/programmes/${programme.id}/drafts`, { unitId: withDraft.id, title: 'Draft SOP Dishub', sopCount: 8, receivedAt: '2013-09-25T09:00:00+08:00' });
    const a = t.as(await t.unitKey(withDraft.id));
    const b = t.as(await t.unitKey(without.id));
    const url = `/asistensi-periods/${period.id}/bookings`;

    t.clock.set('2013-10-07T07:59:00+08:00');
    expectProblem(await a.post(url, { unitId: withDraft.id, slotId: slot('2013-10-21').id }), 409, 'BOOKING_CLOSED');

    t.clock.set('2013-10-08T10:00:00+08:00');
    expectProblem(await b.post(url, { unitId: without.id, slotId: slot('2013-10-22').id }), 403, 'PRIORITY_WINDOW');
    const booked = await a.post(url, { unitId: withDraft.id, slotId: slot('2013-10-21').id, topic: 'SOP perizinan trayek' });
    expect(booked.status).toBe(201);
    expect(booked.body).toMatchObject({ unitId: withDraft.id, status: 'active', topic: 'SOP perizinan trayek', date: '2013-10-21', start: '09:00', startsAt: '2013-10-21T09:00:00+08:00', attended: null });

    t.clock.set('2013-10-11T00:00:00+08:00');
    expect((await b.post(url, { unitId: without.id, slotId: slot('2013-10-22').id })).status).toBe(201);

    t.clock.set('2013-10-18T16:00:01+08:00');
    const c = await t.make.unit();
    expectProblem(await t.as(await t.unitKey(c.id)).post(url, { unitId: c.id, slotId: slot('2013-10-23').id }), 409, 'BOOKING_CLOSED');
  });

  it('counts a draft for priority only if it arrived by the priority cutoff', async () => {
    const { programme, period, slot } = await seedPeriod(t, { ...windows, priorityCutoff: '2013-09-30T23:59:59+08:00' });
    const [early, late] = [await t.make.unit(), await t.make.unit()];
    await t.organiser.post(`/programmes/${programme.id}/drafts`, { unitId: early.id, title: 'Draft', sopCount: 3, receivedAt: '2013-09-30T15:00:00+08:00' });
    t.clock.set('2013-10-08T10:00:00+08:00');
    await t.organiser.post(`/programmes/${programme.id}/drafts`, { unitId: late.id, title: 'Draft', sopCount: 3 });
    const url = `/asistensi-periods/${period.id}/bookings`;
    expect((await t.as(await t.unitKey(early.id)).post(url, { unitId: early.id, slotId: slot('2013-10-21').id })).status).toBe(201);
    expectProblem(await t.as(await t.unitKey(late.id)).post(url, { unitId: late.id, slotId: slot('2013-10-22').id }), 403, 'PRIORITY_WINDOW');
  });

  it('counts a unit’s own draft only once the organiser has accepted it', async () => {
    const { programme, period, slot } = await seedPeriod(t, windows);
    const unit = await t.make.unit();
    const operator = t.as(await t.unitKey(unit.id));
    t.clock.set('2013-10-08T10:00:00+08:00');
    const draft = (await operator.post(`/programmes/${programme.id}/drafts`, { unitId: unit.id, title: 'Draft seadanya', sopCount: 1 })).body;
    expect(draft.status).toBe('submitted');
    const url = `/asistensi-periods/${period.id}/bookings`;
    expectProblem(await operator.post(url, { unitId: unit.id, slotId: slot('2013-10-21').id }), 403, 'PRIORITY_WINDOW');
    // A unit key cannot accept its own draft.
    expectProblem(await operator.patch(`/drafts/${draft.id}`, { status: 'received' }), 403, 'FORBIDDEN');
    await t.organiser.patch(`/drafts/${draft.id}`, { status: 'received' });
    expect((await operator.post(url, { unitId: unit.id, slotId: slot('2013-10-21').id })).status).toBe(201);
  });

  it('holds one active booking per slot and per unit', async () => {
    const { period, slot } = await seedPeriod(t);
    const [a, b] = [await t.make.unit(), await t.make.unit()];
    const url = `/asistensi-periods/${period.id}/bookings`;
    expect((await t.organiser.post(url, { unitId: a.id, slotId: slot('2013-10-21').id })).status).toBe(201);
    expectProblem(await t.organiser.post(url, { unitId: b.id, slotId: slot('2013-10-21').id }), 409, 'SLOT_TAKEN');
    expectProblem(await t.organiser.post(url, { unitId: a.id, slotId: slot('2013-10-22').id }), 409, 'UNIT_ALREADY_BOOKED');
    // Both at once (b holds a booking, the slot is a's): the taken slot is named first.
    expect((await t.organiser.post(url, { unitId: b.id, slotId: slot('2013-10-23').id })).status).toBe(201);
    expectProblem(await t.organiser.post(url, { unitId: b.id, slotId: slot('2013-10-21').id }), 409, 'SLOT_TAKEN');
    expect((await t.organiser.get(url)).body).toHaveLength(2);
  });

  it('refuses the second of two bookings of a unit made at the same moment, naming the first', async () => {
    const { period, slot } = await seedPeriod(t);
    const unit = await t.make.unit();
    const url = `/asistensi-periods/${period.id}/bookings`;
    // The unique index refuses the second; the refusal then says where the first is.
    const answers = await Promise.all(['2013-10-21', '2013-10-22'].map((date) => t.organiser.post(url, { unitId: unit.id, slotId: slot(date).id })));
    const made = answers.find((a) => a.status === 201)!;
    const refused = answers.find((a) => a.status !== 201)!;
    expect(expectProblem(refused, 409, 'UNIT_ALREADY_BOOKED')).toMatchObject({ bookingId: made.body.id, date: made.body.date, start: made.body.start });
    expect(await t.count('bookings')).toBe(1);
  });

  it('lets organisers book for any unit past the windows, and audits the override', async () => {
    const { period, slot } = await seedPeriod(t, windows);
    const unit = await t.make.unit();
    t.clock.set('2013-10-20T10:00:00+08:00');
    const res = await t.organiser.post(`/asistensi-periods/${period.id}/bookings`, { unitId: unit.id, slotId: slot('2013-10-21').id });
    expect(res.status).toBe(201);
    const audit = (await t.organiser.get(`/audit?entity=booking&entityId=${res.body.id}`)).body;
    expect(audit[0]).toMatchObject({ action: 'booking.create', role: 'organiser', after: { overrides: ['BOOKING_CLOSED'] } });
  });

  it('keeps unit keys to their own unit and to slots that have not started', async () => {
    const { period, slot } = await seedPeriod(t);
    const [a, b] = [await t.make.unit(), await t.make.unit()];
    const unitA = t.as(await t.unitKey(a.id));
    const url = `/asistensi-periods/${period.id}/bookings`;
    expectProblem(await unitA.post(url, { unitId: b.id, slotId: slot('2013-10-21').id }), 403, 'FORBIDDEN');
    const theirs = (await t.organiser.post(url, { unitId: b.id, slotId: slot('2013-10-22').id })).body;
    expectProblem(await unitA.get(`/bookings/${theirs.id}`), 404, 'NOT_FOUND');
    expectProblem(await unitA.patch(`/bookings/${theirs.id}`, { slotId: slot('2013-10-23').id }), 404, 'NOT_FOUND');
    expectProblem(await unitA.delete(`/bookings/${theirs.id}`), 404, 'NOT_FOUND');
    expect((await unitA.get(url)).body).toEqual([]);
    t.clock.set('2013-10-21T09:30:00+08:00');
    expectProblem(await unitA.post(url, { unitId: a.id, slotId: slot('2013-10-21').id }), 409, 'SLOT_STARTED');
    expectProblem(await unitA.put(`/bookings/${theirs.id}/attendance`, { attended: true }), 403, 'FORBIDDEN');
  });

  it('rejects bad references and bodies', async () => {
    const { period, slot } = await seedPeriod(t);
    const other = await seedPeriod(t);
    const unit = await t.make.unit();
    const url = `/asistensi-periods/${period.id}/bookings`;
    expectProblem(await t.organiser.post(url, { unitId: unit.id, slotId: other.slot('2013-10-21').id }), 422, 'REFERENCE_NOT_FOUND');
    expectProblem(await t.organiser.post(url, { unitId: 999, slotId: slot('2013-10-21').id }), 422, 'REFERENCE_NOT_FOUND');
    expectProblem(await t.organiser.post(url, { unitId: unit.id }), 400, 'VALIDATION_FAILED');
    expectProblem(await t.organiser.post('/asistensi-periods/99/bookings', { unitId: unit.id, slotId: 1 }), 404, 'NOT_FOUND');
    expectProblem(await t.organiser.get('/bookings/99'), 404, 'NOT_FOUND');
  });

  it('reschedules atomically: the old slot frees only when the new one is taken', async () => {
    const { period, slot } = await seedPeriod(t);
    const [a, b] = [await t.make.unit(), await t.make.unit()];
    const url = `/asistensi-periods/${period.id}/bookings`;
    const mine = (await t.organiser.post(url, { unitId: a.id, slotId: slot('2013-10-21').id })).body;
    await t.organiser.post(url, { unitId: b.id, slotId: slot('2013-10-22').id });
    const unitA = t.as(await t.unitKey(a.id));

    expectProblem(await unitA.patch(`/bookings/${mine.id}`, { slotId: slot('2013-10-22').id }), 409, 'SLOT_TAKEN');
    expect((await t.organiser.get(`/asistensi-periods/${period.id}/slots?date=2013-10-21`)).body[0].status).toBe('booked');

    const moved = await unitA.patch(`/bookings/${mine.id}`, { slotId: slot('2013-10-23', '13:00').id });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ id: mine.id, date: '2013-10-23', start: '13:00', status: 'active' });
    const slots = (await t.organiser.get(`/asistensi-periods/${period.id}/slots`)).body;
    expect(slots.find((s: any) => s.id === slot('2013-10-21').id).status).toBe('open');
    expect(slots.find((s: any) => s.id === slot('2013-10-23', '13:00').id)).toMatchObject({ status: 'booked', bookingId: mine.id });
  });

  it('cancels with notice: units up to cancelNoticeHours before, organisers any time; the slot opens again', async () => {
    const { period, slot } = await seedPeriod(t, { cancelNoticeHours: 24 });
    const [a, b] = [await t.make.unit(), await t.make.unit()];
    const url = `/asistensi-periods/${period.id}/bookings`;
    const early = (await t.organiser.post(url, { unitId: a.id, slotId: slot('2013-10-22').id })).body;
    const late = (await t.organiser.post(url, { unitId: b.id, slotId: slot('2013-10-21').id })).body;

    t.clock.set('2013-10-20T10:00:00+08:00'); // 23 hours before 21 Oct 09:00, 47 before 22 Oct 09:00
    expectProblem(await t.as(await t.unitKey(b.id)).delete(`/bookings/${late.id}`), 409, 'TOO_LATE');
    expectProblem(await t.as(await t.unitKey(b.id)).patch(`/bookings/${late.id}`, { slotId: slot('2013-10-25').id }), 409, 'TOO_LATE');
    const cancelled = await t.as(await t.unitKey(a.id)).delete(`/bookings/${early.id}`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelledAt: '2013-10-20T02:00:00.000Z' });
    expect((await t.organiser.delete(`/bookings/${late.id}`)).body.status).toBe('cancelled');
    expectProblem(await t.organiser.delete(`/bookings/${late.id}`), 409, 'BOOKING_NOT_ACTIVE');
    expect((await t.organiser.get(`/asistensi-periods/${period.id}/slots?status=open`)).body).toHaveLength(20);
    // The unit may book again once its booking is cancelled.
    expect((await t.organiser.post(url, { unitId: a.id, slotId: slot('2013-10-24').id })).status).toBe(201);
  });

  it('records attendance, lists bookings in slot order and gets one', async () => {
    const { period, slot } = await seedPeriod(t);
    const [a, b] = [await t.make.unit(), await t.make.unit()];
    const url = `/asistensi-periods/${period.id}/bookings`;
    const later = (await t.organiser.post(url, { unitId: a.id, slotId: slot('2013-10-25').id })).body;
    const sooner = (await t.organiser.post(url, { unitId: b.id, slotId: slot('2013-10-21', '13:00').id })).body;
    expect((await t.organiser.get(url)).body.map((x: any) => x.id)).toEqual([sooner.id, later.id]);
    expectProblem(await t.organiser.put(`/bookings/${sooner.id}/attendance`, { attended: true }), 409, 'TOO_EARLY');
    t.clock.set('2013-10-21T13:00:00+08:00');
    const marked = await t.organiser.put(`/bookings/${sooner.id}/attendance`, { attended: true });
    expect(marked.body.attended).toBe(true);
    expect((await t.as(await t.unitKey(b.id)).get(`/bookings/${sooner.id}`)).body).toMatchObject({ attended: true, unitId: b.id });
    await t.organiser.delete(`/bookings/${later.id}`);
    expectProblem(await t.organiser.put(`/bookings/${later.id}/attendance`, { attended: true }), 409, 'BOOKING_NOT_ACTIVE');
    expectProblem(await t.organiser.put(`/bookings/${sooner.id}/attendance`, { attended: 'ya' }), 400, 'VALIDATION_FAILED');
    expect((await t.organiser.put(`/bookings/${sooner.id}/attendance`, { attended: null })).body.attended).toBeNull();
    await t.organiser.put(`/bookings/${sooner.id}/attendance`, { attended: false });
    // Moved to another slot, it has not been attended yet.
    const moved = await t.organiser.patch(`/bookings/${sooner.id}`, { slotId: slot('2013-10-28').id });
    expect(moved.body).toMatchObject({ date: '2013-10-28', attended: null });
    t.clock.set('2013-11-27T09:00:01+08:00');
    expectProblem(await t.organiser.put(`/bookings/${sooner.id}/attendance`, { attended: true }), 409, 'TOO_LATE');
  });

  it('records who came to every session that may be recorded now in one go: those listed came, the rest did not', async () => {
    const { period, slot } = await seedPeriod(t);
    const [a, b, c, d] = [await t.make.unit(), await t.make.unit(), await t.make.unit(), await t.make.unit()];
    const book = async (unitId: number, slotId: number) => (await t.organiser.post(`/asistensi-periods/${period.id}/bookings`, { unitId, slotId })).body as { id: number };
    const morning = await book(a.id, slot('2013-10-21').id);
    const afternoon = await book(b.id, slot('2013-10-21', '13:00').id);
    const tomorrow = await book(c.id, slot('2013-10-22').id);
    const cancelled = await book(d.id, slot('2013-10-23').id);
    await t.organiser.delete(`/bookings/${cancelled.id}`);
    const url = `/asistensi-periods/${period.id}/attendance`;
    const marks = () => t.sql("select id, attended from bookings where status = 'active' order by id");
    const unmarked = [
      { id: morning.id, attended: null },
      { id: afternoon.id, attended: null },
      { id: tomorrow.id, attended: null },
    ];

    t.clock.set('2013-10-21T13:30:00+08:00');
    expectProblem(await t.organiser.put(url, { attended: [morning.id, tomorrow.id] }), 409, 'TOO_EARLY');
    const strangers = expectProblem(await t.organiser.put(url, { attended: [morning.id, cancelled.id, 999999] }), 422, 'REFERENCE_NOT_FOUND');
    expect(strangers.errors!.map((e) => e.path)).toEqual(['/body/attended/1', '/body/attended/2']);
    expectProblem(await t.organiser.put(url, { attended: 'semua' }), 400, 'VALIDATION_FAILED');
    expectProblem(await t.as(await t.unitKey(a.id)).put(url, { attended: [morning.id] }), 403, 'FORBIDDEN');
    expectProblem(await t.organiser.put('/asistensi-periods/999999/attendance', { attended: [] }), 404, 'NOT_FOUND');
    expect(await marks()).toEqual(unmarked);

    const res = await t.organiser.put(url, { attended: [morning.id] });
    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      { bookingId: morning.id, attended: true },
      { bookingId: afternoon.id, attended: false },
    ]);
    // The session that has not started is left as it was.
    expect(await marks()).toEqual([
      { id: morning.id, attended: 1 },
      { id: afternoon.id, attended: 0 },
      { id: tomorrow.id, attended: null },
    ]);
    const audited = () => t.sqlValue<number>("select count(*) n from audit_log where action = 'booking.attendance'");
    expect(await audited()).toBe(2);
    // Only the marks that change are written (and audited).
    expect((await t.organiser.put(url, { attended: [morning.id, afternoon.id] })).status).toBe(200);
    expect(await audited()).toBe(3);
  });
});
