import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildTestApp, expectProblem, type TestApp } from '../helpers/app';
import { seedPeriod } from '../helpers/asistensi';

let t: TestApp;
beforeEach(async () => (t = await buildTestApp({ now: '2013-10-01T00:00:00Z' })));
afterEach(() => t.app.close());

/** Displaced units first, then draft senders by draft date, then the rest by request time: previewed, then applied. */
async function schedulesInOrder(t: TestApp) {
  const { programme, period, slot } = await seedPeriod(t, { workingDays: 2, slotTimes: [{ start: '09:00', end: '12:00' }] });
  // Two slots: 21 and 22 October. Five units want one.
  const units = [];
  for (let i = 0; i < 5; i++) units.push(await t.make.unit());
  const [displaced, lateDraft, earlyDraft, firstAsker, secondAsker] = units as { id: number }[];
  const reqUrl = `/asistensi-periods/${period.id}/requests`;

  const booking = (await t.organiser.post(`/asistensi-periods/${period.id}/bookings`, { unitId: displaced!.id, slotId: slot('2013-10-21').id })).body;
  t.clock.advance({ hours: 1 });
  for (const u of [firstAsker, secondAsker, lateDraft, earlyDraft]) {
    expect((await t.as(await t.unitKey(u!.id)).post(reqUrl, { unitId: u!.id, preferredDates: ['2013-10-22'] })).status).toBe(201);
    t.clock.advance({ minutes: 5 });
  }
  await t.organiser.post(`/programmes/${programme.id}/drafts`, { unitId: lateDraft!.id, title: 'Draft', sopCount: 2, receivedAt: '2013-09-20T00:00:00Z' });
  await t.organiser.post(`/programmes/${programme.id}/drafts`, { unitId: earlyDraft!.id, title: 'Draft', sopCount: 2, receivedAt: '2013-09-10T00:00:00Z' });

  // 21 October closes: the booked unit is displaced and the period gains 23 October.
  await t.organiser.post(`/asistensi-periods/${period.id}/closures`, { date: '2013-10-21', reason: 'Kunjungan kerja Walikota' });

  const dry = await t.organiser.post(`/asistensi-periods/${period.id}/auto-schedule`, { dryRun: true });
  expect(dry.status).toBe(200);
  expect(dry.body).toEqual({
    dryRun: true,
    assignments: [
      { unitId: displaced!.id, unitName: expect.any(String), slotId: slot('2013-10-22').id, date: '2013-10-22', start: '09:00', end: '12:00', startsAt: '2013-10-22T09:00:00+08:00', bookingId: null },
      { unitId: earlyDraft!.id, unitName: expect.any(String), slotId: expect.any(Number), date: expect.any(String), start: expect.any(String), end: expect.any(String), startsAt: expect.any(String), bookingId: null },
    ],
    unplaced: [
      { unitId: lateDraft!.id, unitName: expect.any(String), reason: 'NO_OPEN_SLOT' },
      { unitId: firstAsker!.id, unitName: expect.any(String), reason: 'NO_OPEN_SLOT' },
      { unitId: secondAsker!.id, unitName: expect.any(String), reason: 'NO_OPEN_SLOT' },
    ],
  });
  expect((await t.organiser.get(`/asistensi-periods/${period.id}/bookings`)).body.map((b: any) => b.status)).toEqual(['displaced']);

  const real = await t.organiser.post(`/asistensi-periods/${period.id}/auto-schedule`, {});
  expect(real.body.assignments.map((a: any) => a.unitId)).toEqual([displaced!.id, earlyDraft!.id]);
  const active = (await t.organiser.get(`/asistensi-periods/${period.id}/bookings`)).body.filter((b: any) => b.status === 'active');
  expect(active.map((b: any) => [b.unitId, b.date])).toEqual([
    [displaced!.id, '2013-10-22'],
    [earlyDraft!.id, '2013-10-23'],
  ]);
  expect(booking.status).toBe('active');
  const requests = (await t.organiser.get(reqUrl)).body;
  expect(requests.find((r: any) => r.unitId === earlyDraft!.id)).toMatchObject({ status: 'scheduled', bookingId: real.body.assignments[1].bookingId });
  expect(requests.filter((r: any) => r.status === 'open')).toHaveLength(3);

  // Nothing left to do the second time.
  expect((await t.organiser.post(`/asistensi-periods/${period.id}/auto-schedule`, {})).body.assignments).toEqual([]);
}

describe('requests, auto-schedule and walk-ins', () => {
  it('schedules displaced units first, then draft senders by draft date, then the rest by request time', () => schedulesInOrder(t));

  it('previews in a worker thread over its own connection when the database is a file, the same plan that is then applied', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'auto-schedule-file-'));
    const onFile = await buildTestApp({ now: '2013-10-01T00:00:00Z', databasePath: path.join(folder, 'sop.db') });
    try {
      await schedulesInOrder(onFile);
      expect(onFile.app.services.workerPool.stats().workers).toBeGreaterThan(0);
    } finally {
      await onFile.app.close();
      onFile.database.close();
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('prefers the earliest preferred date with an open slot', async () => {
    const { period } = await seedPeriod(t);
    const unit = await t.make.unit();
    await t.organiser.post(`/asistensi-periods/${period.id}/requests`, { unitId: unit.id, preferredDates: ['2013-10-30', '2013-10-28'] });
    const res = await t.organiser.post(`/asistensi-periods/${period.id}/auto-schedule`, {});
    const booking = (await t.organiser.get(`/bookings/${res.body.assignments[0].bookingId}`)).body;
    expect([booking.date, booking.start]).toEqual(['2013-10-28', '09:00']);
  });

  it('allows one open request per unit, none while booked, and checks preferred dates', async () => {
    const { period, slot } = await seedPeriod(t);
    const [a, b] = [await t.make.unit(), await t.make.unit()];
    const url = `/asistensi-periods/${period.id}/requests`;
    const unitA = t.as(await t.unitKey(a.id));
    const created = await unitA.post(url, { unitId: a.id, notes: 'Kami siap kapan saja' });
    expect(created.body).toMatchObject({ unitId: a.id, status: 'open', preferredDates: [], notes: 'Kami siap kapan saja', bookingId: null });
    expectProblem(await unitA.post(url, { unitId: a.id }), 409, 'REQUEST_EXISTS');
    expectProblem(await unitA.post(url, { unitId: b.id }), 403, 'FORBIDDEN');
    await t.organiser.post(`/asistensi-periods/${period.id}/bookings`, { unitId: b.id, slotId: slot('2013-10-21').id });
    expectProblem(await t.organiser.post(url, { unitId: b.id }), 409, 'UNIT_ALREADY_BOOKED');
    const c = await t.make.unit();
    const weekend = expectProblem(await t.organiser.post(url, { unitId: c.id, preferredDates: ['2013-10-22', '2013-10-26'] }), 400, 'VALIDATION_FAILED');
    expect(weekend.errors![0]!.path).toBe('/body/preferredDates/1');
    expect((await unitA.get(url)).body.map((r: any) => r.unitId)).toEqual([a.id]);
    // Booking directly fulfils the unit's open request.
    await unitA.post(`/asistensi-periods/${period.id}/bookings`, { unitId: a.id, slotId: slot('2013-10-22').id });
    expect((await unitA.get(url)).body[0].status).toBe('scheduled');
    expectProblem(await unitA.post(`/asistensi-periods/${period.id}/auto-schedule`, {}), 403, 'FORBIDDEN');
  });

  it('records walk-ins at the organiser’s office on an open working day that has come', async () => {
    const { period } = await seedPeriod(t);
    const unit = await t.make.unit({ name: 'Kelurahan Teluk Dalam', kind: 'kelurahan' });
    const url = `/asistensi-periods/${period.id}/walk-ins`;
    t.clock.set('2013-10-28T10:00:00+08:00');
    const res = await t.organiser.post(url, { unitId: unit.id, date: '2013-10-24', notes: 'Datang langsung membawa draft' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ unitId: unit.id, unitName: 'Kelurahan Teluk Dalam', date: '2013-10-24' });
    expectProblem(await t.organiser.post(url, { unitId: unit.id, date: '2013-10-24' }), 409, 'WALK_IN_EXISTS');
    for (const [date, why] of <[string, string][]>[['2013-10-01', 'not an open working day'], ['2013-10-26', 'not an open working day'], ['2013-10-29', 'in the future']])
      expect(expectProblem(await t.organiser.post(url, { unitId: unit.id, date }), 400, 'VALIDATION_FAILED').errors).toEqual([{ path: '/body/date', message: expect.stringContaining(why) }]);
    expectProblem(await t.organiser.post(url, { unitId: 999, date: '2013-10-25' }), 422, 'REFERENCE_NOT_FOUND');
    expect((await t.organiser.get(url)).body).toHaveLength(1);
    expectProblem(await t.as(await t.unitKey(unit.id)).get(url), 403, 'FORBIDDEN');

    // Corrections: another date, other notes, or removed; each audited.
    const moved = await t.organiser.patch(`/walk-ins/${res.body.id}`, { date: '2013-10-25', notes: 'Dikoreksi' });
    expect(moved.body).toMatchObject({ id: res.body.id, date: '2013-10-25', notes: 'Dikoreksi', unitName: 'Kelurahan Teluk Dalam' });
    expectProblem(await t.organiser.patch(`/walk-ins/${res.body.id}`, { date: '2013-10-29' }), 400, 'VALIDATION_FAILED');
    expectProblem(await t.as(await t.unitKey(unit.id)).patch(`/walk-ins/${res.body.id}`, { notes: 'x' }), 403, 'FORBIDDEN');
    expect((await t.organiser.delete(`/walk-ins/${res.body.id}`)).status).toBe(204);
    expect((await t.organiser.get(url)).body).toEqual([]);
    expectProblem(await t.organiser.delete(`/walk-ins/${res.body.id}`), 404, 'NOT_FOUND');
    const audit = (await t.organiser.get(`/audit?entity=walkIn&entityId=${res.body.id}`)).body.map((e: { action: string }) => e.action);
    expect(audit).toEqual(['walkIn.delete', 'walkIn.update', 'walkIn.create']);
  });

  it('lets a unit change or withdraw its open request, and nobody else’s', async () => {
    const { period } = await seedPeriod(t);
    const [a, b] = [await t.make.unit(), await t.make.unit()];
    const unitA = t.as(await t.unitKey(a.id));
    const mine = (await unitA.post(`/asistensi-periods/${period.id}/requests`, { unitId: a.id, preferredDates: ['2013-10-29'] })).body;
    const changed = await unitA.patch(`/requests/${mine.id}`, { preferredDates: ['2013-10-31', '2013-10-30'], notes: 'Pagi hari' });
    expect(changed.body).toMatchObject({ id: mine.id, preferredDates: ['2013-10-30', '2013-10-31'], notes: 'Pagi hari', status: 'open' });
    expect(expectProblem(await unitA.patch(`/requests/${mine.id}`, { preferredDates: ['2013-10-26'] }), 400, 'VALIDATION_FAILED').errors![0]!.path).toBe('/body/preferredDates/0');
    expectProblem(await t.as(await t.unitKey(b.id)).delete(`/requests/${mine.id}`), 404, 'NOT_FOUND');
    const withdrawn = await unitA.delete(`/requests/${mine.id}`);
    expect(withdrawn.body).toMatchObject({ id: mine.id, status: 'withdrawn' });
    expectProblem(await unitA.delete(`/requests/${mine.id}`), 409, 'REQUEST_NOT_OPEN');
    // Withdrawn, it is not scheduled; and the unit may ask again.
    expect((await t.organiser.post(`/asistensi-periods/${period.id}/auto-schedule`, {})).body.assignments).toEqual([]);
    expect((await unitA.post(`/asistensi-periods/${period.id}/requests`, { unitId: a.id })).status).toBe(201);
    const audit = (await t.organiser.get(`/audit?entity=asistensiRequest&entityId=${mine.id}`)).body.map((e: { action: string }) => e.action);
    expect(audit).toEqual(['request.withdraw', 'request.update', 'request.create']);
  });
});

it('takes a POST without a body as no options', async () => {
  const { period } = await seedPeriod(t);
  const res = await t.app.inject({ method: 'POST', url: `/asistensi-periods/${period.id}/auto-schedule`, headers: { authorization: `Bearer ${t.organiserKey}` } });
  expect(res.statusCode).toBe(200);
  expect(res.json()).toEqual({ dryRun: false, assignments: [], unplaced: [] });
});
