import { buildTestApp, expectProblem, type TestApp } from '../helpers/app';

let t: TestApp;
beforeEach(async () => (t = await buildTestApp()));
afterEach(() => t.app.close());

/** `units` units with `each` officials apiece; returns the officials grouped by unit. */
async function officials(units: number, each: number, kind = 'dinas') {
  const groups: { unitId: number; ids: number[] }[] = [];
  for (let u = 0; u < units; u++) {
    const unit = await t.make.unit({ kind });
    const ids = [];
    for (let i = 0; i < each; i++) ids.push((await t.make.participant(unit.id)).id);
    groups.push({ unitId: unit.id, ids });
  }
  return groups;
}

describe('enrolments', () => {
  it('60 enrolments into a 50-seat batch: 50 confirmed, then 10 waitlisted in arrival order', async () => {
    const programme = await t.make.programme();
    const batch = await t.make.batch(programme.id, { capacity: 50, unitQuota: 3 });
    const people = (await officials(20, 3)).flatMap((g) => g.ids);
    const results = [];
    for (const participantId of people) results.push(await t.organiser.post(`/batches/${batch.id}/enrolments`, { participantId }));
    expect(results.every((r) => r.status === 201)).toBe(true);
    expect(results.slice(0, 50).every((r) => r.body.status === 'confirmed' && r.body.waitlistPosition === null)).toBe(true);
    expect(results.slice(50).map((r) => [r.body.status, r.body.waitlistPosition])).toEqual(
      Array.from({ length: 10 }, (_, i) => ['waitlisted', i + 1]),
    );
    expect((await t.organiser.get(`/batches/${batch.id}`)).body).toMatchObject({ confirmedCount: 50, waitlistCount: 10, seatsLeft: 0 });
  });

  it('holds the unit quota: a fourth official of the same unit is refused', async () => {
    const programme = await t.make.programme();
    const batch = await t.make.batch(programme.id, { unitQuota: 3 });
    const [group] = await officials(1, 4);
    for (const id of group!.ids.slice(0, 3)) expect((await t.organiser.post(`/batches/${batch.id}/enrolments`, { participantId: id })).body.status).toBe('confirmed');
    expectProblem(await t.organiser.post(`/batches/${batch.id}/enrolments`, { participantId: group!.ids[3] }), 409, 'UNIT_QUOTA_REACHED');
    expect((await t.organiser.get(`/batches/${batch.id}`)).body.confirmedCount).toBe(3);
  });

  it('cancelling a confirmed seat promotes the first waitlisted official whose unit is under quota', async () => {
    const programme = await t.make.programme();
    const batch = await t.make.batch(programme.id, { capacity: 3, unitQuota: 2 });
    const [a, b, c, d] = await officials(4, 3);
    const enrol = (participantId: number) => t.organiser.post(`/batches/${batch.id}/enrolments`, { participantId });
    await enrol(a!.ids[0]!); // confirmed
    const b1 = await enrol(b!.ids[0]!); // confirmed
    const c1 = await enrol(c!.ids[0]!); // confirmed: the batch is full
    const a2 = await enrol(a!.ids[1]!); // waitlisted 1
    const a3 = await enrol(a!.ids[2]!); // waitlisted 2 (A holds 1 confirmed, under its quota of 2)
    const d1 = await enrol(d!.ids[0]!); // waitlisted 3
    expect([a2, a3, d1].map((r) => [r.body.status, r.body.waitlistPosition])).toEqual([
      ['waitlisted', 1],
      ['waitlisted', 2],
      ['waitlisted', 3],
    ]);

    // B's seat frees: A's first waitlisted official is first in line and A is under quota.
    const first = await t.organiser.delete(`/enrolments/${b1.body.id}`);
    expect(first.status).toBe(200);
    expect(first.body.cancelled.status).toBe('cancelled');
    expect(first.body.promoted.map((e: any) => [e.id, e.status])).toEqual([[a2.body.id, 'confirmed']]);

    // C's seat frees: A's next official is now first in line, but A is at quota, so D moves up.
    const second = await t.organiser.delete(`/enrolments/${c1.body.id}`);
    expect(second.body.promoted.map((e: any) => e.id)).toEqual([d1.body.id]);
    expect((await t.organiser.get(`/enrolments/${a3.body.id}`)).body).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    expect((await t.organiser.get(`/batches/${batch.id}`)).body).toMatchObject({ confirmedCount: 3, waitlistCount: 1 });
    expectProblem(await t.organiser.delete(`/enrolments/${b1.body.id}`), 409, 'ALREADY_CANCELLED');
    expectProblem(await t.organiser.delete('/enrolments/999'), 404, 'NOT_FOUND');
  });

  it('cancelling a waitlisted enrolment moves the others up the list and promotes nobody', async () => {
    const programme = await t.make.programme();
    const batch = await t.make.batch(programme.id, { capacity: 1, unitQuota: 1 });
    const groups = await officials(4, 1);
    const res = [];
    for (const g of groups) res.push(await t.organiser.post(`/batches/${batch.id}/enrolments`, { participantId: g.ids[0] }));
    const cancelled = await t.organiser.delete(`/enrolments/${res[1]!.body.id}`);
    expect(cancelled.body.promoted).toEqual([]);
    expect((await t.organiser.get(`/enrolments/${res[3]!.body.id}`)).body.waitlistPosition).toBe(2);
    expect((await t.organiser.get(`/enrolments/${res[2]!.body.id}`)).body.waitlistPosition).toBe(1);
  });

  it('allows one active enrolment per official per programme', async () => {
    const programme = await t.make.programme();
    const b1 = await t.make.batch(programme.id);
    const b2 = await t.make.batch(programme.id);
    const other = await t.make.batch((await t.make.programme({ name: 'Program lain' })).id);
    const [g] = await officials(1, 1);
    const id = g!.ids[0]!;
    const first = await t.organiser.post(`/batches/${b1.id}/enrolments`, { participantId: id });
    expect(first.status).toBe(201);
    expectProblem(await t.organiser.post(`/batches/${b1.id}/enrolments`, { participantId: id }), 409, 'ALREADY_ENROLLED');
    expectProblem(await t.organiser.post(`/batches/${b2.id}/enrolments`, { participantId: id }), 409, 'ALREADY_ENROLLED');
    expect((await t.organiser.post(`/batches/${other.id}/enrolments`, { participantId: id })).status).toBe(201);
    await t.organiser.delete(`/enrolments/${first.body.id}`);
    expect((await t.organiser.post(`/batches/${b2.id}/enrolments`, { participantId: id })).status).toBe(201);
  });

  it('refuses units whose kind the batch is not for', async () => {
    const programme = await t.make.programme();
    const batch = await t.make.batch(programme.id, { eligibleUnitKinds: ['dinas', 'satpol_pp'] });
    const [kel] = await officials(1, 1, 'kelurahan');
    const [satpol] = await officials(1, 1, 'satpol_pp');
    expectProblem(await t.organiser.post(`/batches/${batch.id}/enrolments`, { participantId: kel!.ids[0] }), 422, 'NOT_ELIGIBLE');
    expect((await t.organiser.post(`/batches/${batch.id}/enrolments`, { participantId: satpol!.ids[0] })).status).toBe(201);
  });

  it('rejects bad references and bodies', async () => {
    const programme = await t.make.programme();
    const batch = await t.make.batch(programme.id);
    expectProblem(await t.organiser.post(`/batches/${batch.id}/enrolments`, { participantId: 999 }), 422, 'REFERENCE_NOT_FOUND');
    expectProblem(await t.organiser.post(`/batches/${batch.id}/enrolments`, { participantId: '1' }), 400, 'VALIDATION_FAILED');
    expectProblem(await t.organiser.post(`/batches/${batch.id}/enrolments`, {}), 400, 'VALIDATION_FAILED');
    expectProblem(await t.organiser.post('/batches/999/enrolments', { participantId: 1 }), 404, 'NOT_FOUND');
    expectProblem(await t.organiser.get('/batches/999/enrolments'), 404, 'NOT_FOUND');
  });

  it('lets a unit key enrol, see and cancel only its own officials', async () => {
    const programme = await t.make.programme();
    const batch = await t.make.batch(programme.id);
    const [a, b] = await officials(2, 1);
    const unitA = t.as(await t.unitKey(a!.unitId));
    const mine = await unitA.post(`/batches/${batch.id}/enrolments`, { participantId: a!.ids[0] });
    expect(mine.status).toBe(201);
    expectProblem(await unitA.post(`/batches/${batch.id}/enrolments`, { participantId: b!.ids[0] }), 422, 'REFERENCE_NOT_FOUND');
    const theirs = await t.organiser.post(`/batches/${batch.id}/enrolments`, { participantId: b!.ids[0] });
    expect((await unitA.get(`/batches/${batch.id}/enrolments`)).body.map((e: any) => e.id)).toEqual([mine.body.id]);
    expectProblem(await unitA.get(`/enrolments/${theirs.body.id}`), 404, 'NOT_FOUND');
    expectProblem(await unitA.delete(`/enrolments/${theirs.body.id}`), 404, 'NOT_FOUND');
    expectProblem(await unitA.put(`/enrolments/${mine.body.id}/attendance`, { date: '2013-10-07', present: true }), 403, 'FORBIDDEN');
    expect((await unitA.delete(`/enrolments/${mine.body.id}`)).status).toBe(200);
    expect((await t.organiser.get(`/enrolments/${theirs.body.id}`)).body.status).toBe('confirmed');
  });

  it('records attendance per batch day for confirmed officials, from the day’s start until 30 days after, and undoes it', async () => {
    const programme = await t.make.programme();
    const batch = await t.make.batch(programme.id, { capacity: 1, unitQuota: 1 });
    const [a, b] = await officials(2, 1);
    const confirmed = await t.organiser.post(`/batches/${batch.id}/enrolments`, { participantId: a!.ids[0] });
    const waiting = await t.organiser.post(`/batches/${batch.id}/enrolments`, { participantId: b!.ids[0] });
    const url = `/enrolments/${confirmed.body.id}/attendance`;
    // The batch's days are 7 and 8 October 2013 from 08:00 WITA.
    t.clock.set('2013-10-07T07:59:00+08:00');
    expectProblem(await t.organiser.put(url, { date: '2013-10-07', present: true }), 409, 'TOO_EARLY');
    t.clock.set('2013-10-08T08:00:00+08:00');
    expect((await t.organiser.put(url, { date: '2013-10-08', present: true })).status).toBe(200);
    await t.organiser.put(url, { date: '2013-10-07', present: true });
    const res = await t.organiser.put(url, { date: '2013-10-07', present: false });
    expect(res.body.attendance).toEqual([
      { date: '2013-10-07', present: false },
      { date: '2013-10-08', present: true },
    ]);
    const notADay = expectProblem(await t.organiser.put(url, { date: '2013-10-09', present: true }), 400, 'VALIDATION_FAILED');
    expect(notADay.errors![0]!.path).toBe('/body/date');
    expectProblem(await t.organiser.put(`/enrolments/${waiting.body.id}/attendance`, { date: '2013-10-07', present: true }), 409, 'NOT_CONFIRMED');
    expectProblem(await t.organiser.put(url, { date: '2013-10-07', present: 'yes' }), 400, 'VALIDATION_FAILED');
    expect((await t.organiser.put(url, { date: '2013-10-07', present: null })).body.attendance).toEqual([{ date: '2013-10-08', present: true }]);
    t.clock.set('2013-11-07T08:00:01+08:00');
    expectProblem(await t.organiser.put(url, { date: '2013-10-07', present: true }), 409, 'TOO_LATE');
    const audit = (await t.organiser.get(`/audit?entity=enrolment&entityId=${confirmed.body.id}`)).body;
    expect(audit[0]).toMatchObject({ action: 'enrolment.attendance', before: { attendance: [{ date: '2013-10-07', present: false }, { date: '2013-10-08', present: true }] } });
  });

  it("records a batch's day for every confirmed official in one go: those listed present, the rest absent", async () => {
    const programme = await t.make.programme();
    const batch = await t.make.batch(programme.id, { capacity: 3, unitQuota: 3 });
    const [a, b] = await officials(2, 2);
    const ids: number[] = [];
    for (const participantId of [...a!.ids, b!.ids[0]!]) ids.push((await t.organiser.post(`/batches/${batch.id}/enrolments`, { participantId })).body.id);
    const waiting = (await t.organiser.post(`/batches/${batch.id}/enrolments`, { participantId: b!.ids[1] })).body;
    expect(waiting.status).toBe('waitlisted');
    const url = `/batches/${batch.id}/attendance`;
    const marks = () => t.sql('select enrolment_id id, date, present from attendance order by enrolment_id, date');

    // The batch's days are 7 and 8 October 2013 from 08:00 WITA.
    t.clock.set('2013-10-07T07:59:00+08:00');
    expectProblem(await t.organiser.put(url, { date: '2013-10-07', present: [ids[0]] }), 409, 'TOO_EARLY');
    expect(await marks()).toEqual([]);

    t.clock.set('2013-10-07T09:00:00+08:00');
    const notADay = expectProblem(await t.organiser.put(url, { date: '2013-10-09', present: [ids[0]] }), 422, 'NO_SUCH_DAY');
    expect(notADay.errors!.map((e) => e.path)).toEqual(['/body/date']);
    const strangers = expectProblem(await t.organiser.put(url, { date: '2013-10-07', present: [ids[0], waiting.id, 999999] }), 422, 'REFERENCE_NOT_FOUND');
    expect(strangers.errors!.map((e) => e.path)).toEqual(['/body/present/1', '/body/present/2']);
    expectProblem(await t.organiser.put(url, { date: '2013-10-07', present: 'semua' }), 400, 'VALIDATION_FAILED');
    expectProblem(await t.as(await t.unitKey(a!.unitId)).put(url, { date: '2013-10-07', present: [ids[0]] }), 403, 'FORBIDDEN');
    expectProblem(await t.organiser.put('/batches/999999/attendance', { date: '2013-10-07', present: [] }), 404, 'NOT_FOUND');
    expect(await marks()).toEqual([]);

    const res = await t.organiser.put(url, { date: '2013-10-07', present: [ids[0], ids[2]] });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      date: '2013-10-07',
      enrolments: [
        { enrolmentId: ids[0], present: true },
        { enrolmentId: ids[1], present: false },
        { enrolmentId: ids[2], present: true },
      ],
    });
    expect(await marks()).toEqual([
      { id: ids[0], date: '2013-10-07', present: 1 },
      { id: ids[1], date: '2013-10-07', present: 0 },
      { id: ids[2], date: '2013-10-07', present: 1 },
    ]);
    const audited = () => t.sqlValue<number>("select count(*) n from audit_log where action = 'enrolment.attendance'");
    expect(await audited()).toBe(3);

    // Only the marks that change are written (and audited).
    expect((await t.organiser.put(url, { date: '2013-10-07', present: [ids[0]] })).body.enrolments).toEqual([
      { enrolmentId: ids[0], present: true },
      { enrolmentId: ids[1], present: false },
      { enrolmentId: ids[2], present: false },
    ]);
    expect(await audited()).toBe(4);
  });
});
