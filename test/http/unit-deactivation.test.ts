import { buildTestApp, expectProblem, type TestApp } from '../helpers/app';
import { seedPeriod } from '../helpers/asistensi';

/**
 * A deactivated unit (PATCH /units/:id {active: false}) keeps its history but takes part in
 * nothing new: every new enrolment, booking, draft, request and operator invitation for it is
 * refused with 409 UNIT_INACTIVE naming the field, distribution, auto-schedule and the waiting
 * list pass it by, and its own key can still read.
 */

let t: TestApp;
beforeEach(async () => (t = await buildTestApp({ now: '2013-10-01T00:00:00Z' })));
afterEach(() => t.app.close());

/** Rows a refused call must not add to. */
const written = async () => (await Promise.all(['enrolments', 'bookings', 'drafts', 'asistensi_requests', 'users', 'audit_log', 'notices'].map(async (table) => `${table}=${await t.count(table)}`))).join(' ');

const deactivate = (unitId: number) => t.organiser.patch(`/units/${unitId}`, { active: false });

describe('deactivating a unit', () => {
  it('answers active and deactivatedAt, lists inactive units only when asked, keeps the first date, and reactivates', async () => {
    const dishub = await t.make.unit({ code: 'DISHUB', name: 'Dinas Perhubungan' });
    await t.make.unit({ code: 'DINKES', name: 'Dinas Kesehatan' });
    expect((await t.organiser.get(`/units/${dishub.id}`)).body).toMatchObject({ active: true, deactivatedAt: null });

    const off = await deactivate(dishub.id);
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ id: dishub.id, code: 'DISHUB', active: false, deactivatedAt: '2013-10-01T00:00:00.000Z' });
    const codes = async (query = '') => ((await t.organiser.get(`/units${query}`)).body as { code: string }[]).map((u) => u.code);
    expect(await codes()).toEqual(['DINKES']);
    expect(await codes('?status=active')).toEqual(['DINKES']);
    expect(await codes('?status=inactive')).toEqual(['DISHUB']);
    expect(await codes('?status=all')).toEqual(['DISHUB', 'DINKES']);
    expect(await codes('?status=inactive&search=hubung')).toEqual(['DISHUB']);
    expectProblem(await t.organiser.get('/units?status=gone'), 400, 'VALIDATION_FAILED');

    // Deactivating again keeps when it first happened; other fields change as before.
    t.clock.advance({ days: 2 });
    expect((await t.organiser.patch(`/units/${dishub.id}`, { active: false, name: 'Dinas Perhubungan (lama)' })).body).toMatchObject({
      name: 'Dinas Perhubungan (lama)',
      active: false,
      deactivatedAt: '2013-10-01T00:00:00.000Z',
    });
    const on = await t.organiser.patch(`/units/${dishub.id}`, { active: true });
    expect(on.body).toMatchObject({ active: true, deactivatedAt: null });
    expect(await codes()).toEqual(['DISHUB', 'DINKES']);

    // Each change is in the change log with the unit before and after.
    const log = (await t.organiser.get(`/audit?entity=unit&entityId=${dishub.id}`)).body as { action: string; before: { active: boolean } | null; after: { active: boolean } }[];
    expect(log.filter((e) => e.action === 'unit.update').map((e) => [e.before?.active, e.after.active])).toEqual(
      expect.arrayContaining([
        [true, false],
        [false, false],
        [false, true],
      ]),
    );
    expectProblem(await t.organiser.patch(`/units/${dishub.id}`, { active: 'no' }), 400, 'VALIDATION_FAILED');
    expectProblem(await t.as(await t.unitKey(dishub.id)).patch(`/units/${dishub.id}`, { active: false }), 403, 'FORBIDDEN');
  });

  it('refuses every new enrolment, booking, draft, request and operator for it with 409 UNIT_INACTIVE naming the field, writing nothing', async () => {
    const { programme, period, slot } = await seedPeriod(t);
    const batch = await t.make.batch(programme.id);
    const unit = await t.make.unit({ name: 'Dinas Pemadam Kebakaran' });
    const official = await t.make.participant(unit.id);
    const unitKey = t.as(await t.unitKey(unit.id));
    await deactivate(unit.id);
    const before = await written();

    const refusals: [string, () => ReturnType<typeof t.organiser.post>, string][] = [
      ['enrol (organiser)', () => t.organiser.post(`/batches/${batch.id}/enrolments`, { participantId: official.id }), '/body/participantId'],
      ['enrol (unit key)', () => unitKey.post(`/batches/${batch.id}/enrolments`, { participantId: official.id }), '/body/participantId'],
      ['book (organiser)', () => t.organiser.post(`/asistensi-periods/${period.id}/bookings`, { unitId: unit.id, slotId: slot('2013-10-21').id }), '/body/unitId'],
      ['book (unit key)', () => unitKey.post(`/asistensi-periods/${period.id}/bookings`, { slotId: slot('2013-10-21').id }), '/body/unitId'],
      ['record a draft (organiser)', () => t.organiser.post(`/programmes/${programme.id}/drafts`, { unitId: unit.id, title: 'Draf kertas', sopCount: 3, receivedAt: '2013-09-30T02:00:00Z' }), '/body/unitId'],
      ['send a draft (unit key)', () => unitKey.post(`/programmes/${programme.id}/drafts`, { title: 'Draf', sopCount: 3 }), '/body/unitId'],
      ['ask for a session (organiser)', () => t.organiser.post(`/asistensi-periods/${period.id}/requests`, { unitId: unit.id }), '/body/unitId'],
      ['ask for a session (unit key)', () => unitKey.post(`/asistensi-periods/${period.id}/requests`, { preferredDates: ['2013-10-22'] }), '/body/unitId'],
      ['invite an operator', () => t.organiser.post('/users', { email: 'operator@damkar.example.go.id', name: 'Operator Damkar', role: 'unit', unitId: unit.id }), '/body/unitId'],
    ];
    for (const [what, call, path] of refusals) {
      const res = await call();
      expect({ what, status: res.status, code: res.body?.code }).toEqual({ what, status: 409, code: 'UNIT_INACTIVE' });
      const problem = expectProblem(res, 409, 'UNIT_INACTIVE');
      expect({ what, errors: problem.errors }).toEqual({ what, errors: [{ path, message: expect.stringContaining('deactivated') }] });
      expect(res.body).toMatchObject({ unitId: unit.id, unitName: 'Dinas Pemadam Kebakaran' });
    }
    expect(await written()).toBe(before);

    // Its operators still read: the unit key gets its own record, officials and portal.
    expect((await unitKey.get(`/units/${unit.id}`)).body).toMatchObject({ active: false });
    expect((await unitKey.get('/me')).status).toBe(200);
    expect((await unitKey.get(`/participants?unitId=${unit.id}`)).body).toHaveLength(1);

    // Reactivated, the same calls go through.
    await t.organiser.patch(`/units/${unit.id}`, { active: true });
    expect((await t.organiser.post(`/batches/${batch.id}/enrolments`, { participantId: official.id })).status).toBe(201);
    expect((await t.organiser.post(`/asistensi-periods/${period.id}/bookings`, { unitId: unit.id, slotId: slot('2013-10-21').id })).status).toBe(201);
  });

  it('keeps the history: existing enrolments and bookings stay, and can still be cancelled', async () => {
    const { programme, period, slot } = await seedPeriod(t);
    const batch = await t.make.batch(programme.id);
    const unit = await t.make.unit();
    const official = await t.make.participant(unit.id);
    const enrolment = (await t.organiser.post(`/batches/${batch.id}/enrolments`, { participantId: official.id })).body;
    const booking = (await t.organiser.post(`/asistensi-periods/${period.id}/bookings`, { unitId: unit.id, slotId: slot('2013-10-21').id })).body;
    await t.organiser.post(`/programmes/${programme.id}/drafts`, { unitId: unit.id, title: 'Draf', sopCount: 1 });
    await deactivate(unit.id);

    expect((await t.organiser.get(`/enrolments/${enrolment.id}`)).body.status).toBe('confirmed');
    expect((await t.organiser.get(`/bookings/${booking.id}`)).body.status).toBe('active');
    expect((await t.organiser.get(`/programmes/${programme.id}/drafts`)).body).toHaveLength(1);
    expect((await t.organiser.delete(`/bookings/${booking.id}`)).status).toBe(200);
    expect((await t.organiser.delete(`/enrolments/${enrolment.id}`)).status).toBe(200);
  });

  it('leaves its officials out of distribution, its requests out of auto-schedule, and its waiting officials where they are', async () => {
    const { programme, period } = await seedPeriod(t, { workingDays: 2, slotTimes: [{ start: '09:00', end: '12:00' }] });
    const batch = await t.make.batch(programme.id, { capacity: 2, unitQuota: 1 });
    const [gone, kept] = [await t.make.unit({ name: 'Unit Lama' }), await t.make.unit({ name: 'Unit Baru' })];
    const goneOfficial = await t.make.participant(gone.id);
    const keptOfficial = await t.make.participant(kept.id);

    // Distribution: the inactive unit's official is not placed; named, it says why.
    await t.organiser.post(`/asistensi-periods/${period.id}/requests`, { unitId: gone.id });
    await t.organiser.post(`/asistensi-periods/${period.id}/requests`, { unitId: kept.id });
    await deactivate(gone.id);
    const plan = (await t.organiser.post(`/programmes/${programme.id}/distribute`, { dryRun: true })).body;
    expect(plan.assignments.map((a: { participantId: number }) => a.participantId)).toEqual([keptOfficial.id]);
    const named = (await t.organiser.post(`/programmes/${programme.id}/distribute`, { dryRun: true, participantIds: [goneOfficial.id] })).body;
    expect(named).toMatchObject({ assignments: [], unplaced: [{ participantId: goneOfficial.id, reason: 'UNIT_INACTIVE' }] });

    // Auto-schedule: only the active unit's request is placed, and the inactive one is not listed as waiting.
    const scheduled = (await t.organiser.post(`/asistensi-periods/${period.id}/auto-schedule`, { dryRun: true })).body;
    expect(scheduled.assignments.map((a: { unitId: number }) => a.unitId)).toEqual([kept.id]);
    expect(scheduled.unplaced).toEqual([]);

    // The waiting list: an official of the unit, waiting since before it was deactivated, is passed by.
    await t.organiser.patch(`/units/${gone.id}`, { active: true });
    const filler = await t.make.participant((await t.make.unit()).id);
    const first = (await t.organiser.post(`/batches/${batch.id}/enrolments`, { participantId: keptOfficial.id })).body;
    await t.organiser.post(`/batches/${batch.id}/enrolments`, { participantId: filler.id });
    const waiting = (await t.organiser.post(`/batches/${batch.id}/enrolments`, { participantId: goneOfficial.id })).body;
    const later = (await t.organiser.post(`/batches/${batch.id}/enrolments`, { participantId: (await t.make.participant((await t.make.unit()).id)).id })).body;
    expect([waiting.status, later.status]).toEqual(['waitlisted', 'waitlisted']);
    await deactivate(gone.id);
    const cancelled = (await t.organiser.delete(`/enrolments/${first.id}`)).body;
    expect(cancelled.promoted.map((e: { id: number }) => e.id)).toEqual([later.id]);
    expect((await t.organiser.get(`/enrolments/${waiting.id}`)).body).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
  });
});
