import { buildTestApp, expectProblem, type TestApp } from '../helpers/app';

let t: TestApp;
beforeEach(async () => (t = await buildTestApp()));
afterEach(() => t.app.close());

const enrol = async (batchId: number, participantId: number) => (await t.organiser.post(`/batches/${batchId}/enrolments`, { participantId })).body as { id: number; status: string };
const auditCount = () => t.sqlValue<number>('select count(*) n from audit_log');
const row = (id: number) => t.sqlOne('select batch_id "batchId", status from enrolments where id = ?', id);

describe('moving an enrolment to another batch (PATCH /enrolments/:id)', () => {
  it('takes a seat in the new batch, gives the old seat to the waitlist, drops the old marks, and is audited', async () => {
    const programme = await t.make.programme();
    const first = await t.make.batch(programme.id, { name: 'Angkatan I', capacity: 1, unitQuota: 1 });
    const second = await t.make.batch(programme.id, { name: 'Angkatan II' });
    const [a, b] = [await t.make.unit(), await t.make.unit()];
    const moving = await enrol(first.id, (await t.make.participant(a.id)).id);
    const waiting = await enrol(first.id, (await t.make.participant(b.id)).id);
    expect(waiting.status).toBe('waitlisted');
    t.clock.set('2013-10-07T09:00:00+08:00');
    expect((await t.organiser.put(`/enrolments/${moving.id}/attendance`, { date: '2013-10-07', present: true })).status).toBe(200);

    const moved = await t.organiser.patch(`/enrolments/${moving.id}`, { batchId: second.id });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ id: moving.id, batchId: second.id, status: 'confirmed', attendance: [] });
    expect(await row(waiting.id)).toEqual({ batchId: first.id, status: 'confirmed' });
    const entry = (await t.organiser.get(`/audit?entity=enrolment&entityId=${moving.id}`)).body.find((e: { action: string }) => e.action === 'enrolment.moveBatch');
    expect(entry).toMatchObject({ before: { batchId: first.id, attendance: [{ date: '2013-10-07', present: true }] }, after: { batchId: second.id, attendance: [] } });

    // Moving to where it already is changes nothing.
    const before = await auditCount();
    expect((await t.organiser.patch(`/enrolments/${moving.id}`, { batchId: second.id })).body).toMatchObject({ batchId: second.id, status: 'confirmed' });
    expect(await auditCount()).toBe(before);
  });

  it('moves a waitlisted enrolment into a confirmed seat; the old waitlist keeps its order', async () => {
    const programme = await t.make.programme();
    const full = await t.make.batch(programme.id, { capacity: 1, unitQuota: 1 });
    const roomy = await t.make.batch(programme.id);
    const units = [await t.make.unit(), await t.make.unit(), await t.make.unit(), await t.make.unit()];
    await enrol(full.id, (await t.make.participant(units[0]!.id)).id);
    const w = [];
    for (const unit of units.slice(1)) w.push(await enrol(full.id, (await t.make.participant(unit.id)).id));
    expect((await t.organiser.patch(`/enrolments/${w[1]!.id}`, { batchId: roomy.id })).body).toMatchObject({ batchId: roomy.id, status: 'confirmed', waitlistPosition: null });
    expect((await t.organiser.get(`/enrolments/${w[0]!.id}`)).body.waitlistPosition).toBe(1);
    expect((await t.organiser.get(`/enrolments/${w[2]!.id}`)).body.waitlistPosition).toBe(2);
  });

  it('refuses a full batch, a unit at its quota, a kind the batch is not for, another programme, writing nothing', async () => {
    const programme = await t.make.programme();
    const other = await t.make.programme({ name: 'Program lain' });
    const home = await t.make.batch(programme.id, { name: 'Angkatan I' });
    const full = await t.make.batch(programme.id, { name: 'Angkatan Penuh', capacity: 1, unitQuota: 1 });
    const quota = await t.make.batch(programme.id, { name: 'Angkatan Kuota', capacity: 10, unitQuota: 1 });
    const camat = await t.make.batch(programme.id, { name: 'Angkatan Kecamatan', eligibleUnitKinds: ['kecamatan'] });
    const elsewhere = await t.make.batch(other.id, { name: 'Angkatan Lain' });
    const [dinas, another] = [await t.make.unit(), await t.make.unit()];
    const moving = await enrol(home.id, (await t.make.participant(dinas.id)).id);
    await enrol(full.id, (await t.make.participant(another.id)).id);
    await enrol(quota.id, (await t.make.participant(dinas.id)).id);
    const unitKey = await t.unitKey(dinas.id);
    const before = await auditCount();

    expect(expectProblem(await t.organiser.patch(`/enrolments/${moving.id}`, { batchId: full.id }), 409, 'BATCH_FULL')).toBeDefined();
    expectProblem(await t.organiser.patch(`/enrolments/${moving.id}`, { batchId: quota.id }), 409, 'UNIT_QUOTA_REACHED');
    expectProblem(await t.organiser.patch(`/enrolments/${moving.id}`, { batchId: camat.id }), 422, 'NOT_ELIGIBLE');
    const foreign = expectProblem(await t.organiser.patch(`/enrolments/${moving.id}`, { batchId: elsewhere.id }), 422, 'OTHER_PROGRAMME');
    expect(foreign.errors).toEqual([{ path: '/body/batchId', message: expect.stringContaining(`batch ${elsewhere.id}`) }]);
    expect(expectProblem(await t.organiser.patch(`/enrolments/${moving.id}`, { batchId: 9999 }), 422, 'REFERENCE_NOT_FOUND').errors![0]!.path).toBe('/body/batchId');
    expectProblem(await t.organiser.patch(`/enrolments/${moving.id}`, { batchId: 'dua' }), 400, 'VALIDATION_FAILED');
    expectProblem(await t.organiser.patch(`/enrolments/${moving.id}`, {}), 400, 'VALIDATION_FAILED');
    expectProblem(await t.organiser.patch('/enrolments/9999', { batchId: home.id }), 404, 'NOT_FOUND');
    expectProblem(await t.as(unitKey).patch(`/enrolments/${moving.id}`, { batchId: quota.id }), 403, 'FORBIDDEN');
    expect(await row(moving.id)).toEqual({ batchId: home.id, status: 'confirmed' });
    expect(await auditCount()).toBe(before);

    await t.organiser.delete(`/enrolments/${moving.id}`);
    expectProblem(await t.organiser.patch(`/enrolments/${moving.id}`, { batchId: camat.id }), 409, 'ALREADY_CANCELLED');
  });
});

describe('promoting a waitlisted enrolment by hand (POST /enrolments/:id/promote)', () => {
  it('gives a seat only when the batch and the unit have room, says why not otherwise, and keeps the others in order', async () => {
    const programme = await t.make.programme();
    const batch = await t.make.batch(programme.id, { capacity: 6, unitQuota: 2 });
    const [u, x, a, b, c, d] = await Promise.all(Array.from({ length: 6 }, () => t.make.unit()));
    const person = async (unitId: number) => (await t.make.participant(unitId)).id;
    const u1 = await person(u!.id);
    const x1 = await person(x!.id);
    const confirmed = [];
    for (const id of [u1, x1, await person(a!.id), await person(b!.id), await person(c!.id), await person(d!.id)]) confirmed.push(await enrol(batch.id, id));
    const [u2, x2, u3, x3] = [await enrol(batch.id, await person(u!.id)), await enrol(batch.id, await person(x!.id)), await enrol(batch.id, await person(u!.id)), await enrol(batch.id, await person(x!.id))];
    expect([u2, x2, u3, x3].map((e) => e.status)).toEqual(['waitlisted', 'waitlisted', 'waitlisted', 'waitlisted']);

    // Full: refused with the reason, nothing written.
    const unitKey = await t.unitKey(u!.id);
    const before = await auditCount();
    expectProblem(await t.organiser.post(`/enrolments/${u2.id}/promote`), 409, 'BATCH_FULL');
    expectProblem(await t.organiser.post(`/enrolments/${confirmed[0]!.id}/promote`), 409, 'NOT_WAITLISTED');
    expectProblem(await t.as(unitKey).post(`/enrolments/${u2.id}/promote`), 403, 'FORBIDDEN');
    expectProblem(await t.organiser.post('/enrolments/9999/promote'), 404, 'NOT_FOUND');
    expect(await auditCount()).toBe(before);

    // Three seats free: U and X each reach their quota of two, and a seat stays free.
    for (const e of confirmed.slice(2, 5)) await t.organiser.delete(`/enrolments/${e.id}`);
    expect((await Promise.all([u2, x2, u3, x3].map((e) => row(e.id)))).map((r: any) => r.status)).toEqual(['confirmed', 'confirmed', 'waitlisted', 'waitlisted']);
    expectProblem(await t.organiser.post(`/enrolments/${x3.id}/promote`), 409, 'UNIT_QUOTA_REACHED');

    // X's first official moves to another unit: X has room, and its waiting official is promoted out of turn.
    expect((await t.organiser.patch(`/participants/${x1}`, { unitId: a!.id, moveEnrolments: true })).status).toBe(200);
    const promoted = await t.organiser.post(`/enrolments/${x3.id}/promote`);
    expect(promoted.status).toBe(200);
    expect(promoted.body).toMatchObject({ id: x3.id, status: 'confirmed', waitlistPosition: null });
    expect((await t.organiser.get(`/enrolments/${u3.id}`)).body).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    const entry = (await t.organiser.get(`/audit?entity=enrolment&entityId=${x3.id}`)).body.find((e: { action: string }) => e.action === 'enrolment.promote');
    expect(entry).toMatchObject({ before: { status: 'waitlisted', waitlistPosition: 2 }, after: { status: 'confirmed' } });
    expectProblem(await t.organiser.post(`/enrolments/${x3.id}/promote`), 409, 'NOT_WAITLISTED');
  });
});

describe("a batch's day recorded for a filtered checklist (PUT /batches/:id/attendance with among)", () => {
  it('marks only those listed in among; the others keep their marks', async () => {
    const programme = await t.make.programme();
    const batch = await t.make.batch(programme.id);
    const unit = await t.make.unit();
    const [e1, e2, e3] = [await enrol(batch.id, (await t.make.participant(unit.id)).id), await enrol(batch.id, (await t.make.participant(unit.id)).id), await enrol(batch.id, (await t.make.participant(unit.id)).id)];
    t.clock.set('2013-10-07T10:00:00+08:00');
    await t.organiser.put(`/batches/${batch.id}/attendance`, { date: '2013-10-07', present: [e3.id] });
    const recorded = await t.organiser.put(`/batches/${batch.id}/attendance`, { date: '2013-10-07', present: [e1.id], among: [e1.id, e2.id] });
    expect(recorded.status).toBe(200);
    expect(recorded.body.enrolments).toEqual([
      { enrolmentId: e1.id, present: true },
      { enrolmentId: e2.id, present: false },
    ]);
    expect(await t.sql('select enrolment_id id, present from attendance order by enrolment_id')).toEqual([
      { id: e1.id, present: 1 },
      { id: e2.id, present: 0 },
      { id: e3.id, present: 1 },
    ]);
    const before = await auditCount();
    expect(expectProblem(await t.organiser.put(`/batches/${batch.id}/attendance`, { date: '2013-10-07', present: [], among: [9999] }), 422, 'REFERENCE_NOT_FOUND').errors![0]!.path).toBe('/body/among/0');
    expect(expectProblem(await t.organiser.put(`/batches/${batch.id}/attendance`, { date: '2013-10-07', present: [e3.id], among: [e1.id] }), 422, 'REFERENCE_NOT_FOUND').errors![0]!.path).toBe('/body/present/0');
    expect(await auditCount()).toBe(before);
  });
});
