import { buildTestApp, expectProblem, type TestApp } from '../helpers/app';

let t: TestApp;
beforeEach(async () => (t = await buildTestApp()));
afterEach(() => t.app.close());

const twoDays = [
  { date: '2013-10-08', start: '08:00', end: '16:00' },
  { date: '2013-10-07', start: '08:00', end: '16:00' },
];

describe('batches', () => {
  it('creates a batch with local days and answers instants with the programme offset', async () => {
    const programme = await t.make.programme();
    const res = await t.organiser.post(`/programmes/${programme.id}/batches`, {
      name: 'Angkatan I',
      days: twoDays,
      venue: 'Aula Kayuh Baimbai, Balai Kota Banjarmasin',
      eligibleUnitKinds: ['dinas', 'satpol_pp'],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      programmeId: programme.id,
      name: 'Angkatan I',
      capacity: 50,
      unitQuota: 3,
      eligibleUnitKinds: ['dinas', 'satpol_pp'],
      confirmedCount: 0,
      waitlistCount: 0,
      seatsLeft: 50,
    });
    expect(res.body.days).toEqual([
      { date: '2013-10-07', start: '08:00', end: '16:00', startsAt: '2013-10-07T08:00:00+08:00', endsAt: '2013-10-07T16:00:00+08:00' },
      { date: '2013-10-08', start: '08:00', end: '16:00', startsAt: '2013-10-08T08:00:00+08:00', endsAt: '2013-10-08T16:00:00+08:00' },
    ]);
    expect((await t.organiser.get(`/batches/${res.body.id}`)).body).toEqual(res.body);
  });

  it('follows the programme zone, also when it changes', async () => {
    const programme = await t.make.programme({ timezone: 'Asia/Jakarta' });
    const batch = await t.make.batch(programme.id);
    expect((await t.organiser.get(`/batches/${batch.id}`)).body.days[0].startsAt).toBe('2013-10-07T08:00:00+07:00');
    await t.organiser.patch(`/programmes/${programme.id}`, { timezone: 'Asia/Jayapura' });
    expect((await t.organiser.get(`/batches/${batch.id}`)).body.days[0].startsAt).toBe('2013-10-07T08:00:00+09:00');
  });

  it('lists a programme’s batches with seat counts', async () => {
    const programme = await t.make.programme();
    const b1 = await t.make.batch(programme.id, { name: 'Angkatan I', capacity: 2 });
    await t.make.batch(programme.id, { name: 'Angkatan II' });
    for (let i = 0; i < 3; i++) {
      const p = await t.make.participant((await t.make.unit()).id);
      await t.organiser.post(`/batches/${b1.id}/enrolments`, { participantId: p.id });
    }
    const list = await t.organiser.get(`/programmes/${programme.id}/batches`);
    expect(list.body.map((b: any) => [b.name, b.confirmedCount, b.waitlistCount, b.seatsLeft])).toEqual([
      ['Angkatan I', 2, 1, 0],
      ['Angkatan II', 0, 0, 50],
    ]);
    expectProblem(await t.organiser.get('/programmes/99/batches'), 404, 'NOT_FOUND');
  });

  it('rejects bad schedules naming the field, writing nothing', async () => {
    const programme = await t.make.programme();
    const url = `/programmes/${programme.id}/batches`;
    const cases: [Record<string, unknown>, string][] = [
      [{ name: 'A', days: [{ date: '2013-02-30', start: '08:00', end: '16:00' }] }, '/body/days/0/date'],
      [{ name: 'A', days: [{ date: '2013-10-07', start: '16:00', end: '08:00' }] }, '/body/days/0/end'],
      [{ name: 'A', days: [{ date: '2013-10-07', start: '8:00', end: '16:00' }] }, '/body/days/0/start'],
      [{ name: 'A', days: [{ date: '2013-10-07', start: '08:00', end: '24:00' }] }, '/body/days/0/end'],
      [{ name: 'A', days: [...twoDays, { date: '2013-10-07', start: '09:00', end: '10:00' }] }, '/body/days/2/date'],
      [{ name: 'A', days: [] }, '/body/days'],
      [{ name: 'A', days: twoDays, capacity: 0 }, '/body/capacity'],
      [{ name: 'A', days: twoDays, capacity: 100001 }, '/body/capacity'],
      [{ name: 'A', days: twoDays, capacity: 10, unitQuota: 11 }, '/body/unitQuota'],
      [{ name: 'A', days: twoDays, capacity: '50' }, '/body/capacity'],
      [{ name: 'A', days: twoDays, eligibleUnitKinds: ['dinas', 'dinas'] }, '/body/eligibleUnitKinds'],
      [{ name: 'A', days: twoDays, eligibleUnitKinds: ['ministry'] }, '/body/eligibleUnitKinds/0'],
    ];
    for (const [body, path] of cases) {
      const problem = expectProblem(await t.organiser.post(url, body), 400, 'VALIDATION_FAILED');
      expect({ body, paths: problem.errors!.map((e) => e.path) }).toEqual({ body, paths: expect.arrayContaining([path]) });
    }
    expectProblem(await t.organiser.post('/programmes/99/batches', { name: 'A', days: twoDays }), 404, 'NOT_FOUND');
    await t.make.batch(programme.id, { name: 'Angkatan I' });
    expectProblem(await t.organiser.post(url, { name: 'Angkatan I', days: twoDays }), 409, 'BATCH_NAME_TAKEN');
    expect((await t.organiser.get(`/programmes/${programme.id}/batches`)).body).toHaveLength(1);
  });

  it('changes a batch; capacity and quota cannot drop below what is confirmed', async () => {
    const programme = await t.make.programme();
    const batch = await t.make.batch(programme.id, { capacity: 4, unitQuota: 2 });
    const unit = await t.make.unit();
    for (let i = 0; i < 2; i++) {
      const p = await t.make.participant(unit.id);
      await t.organiser.post(`/batches/${batch.id}/enrolments`, { participantId: p.id });
    }
    expectProblem(await t.organiser.patch(`/batches/${batch.id}`, { capacity: 1, unitQuota: 1 }), 409, 'CAPACITY_BELOW_CONFIRMED');
    expectProblem(await t.organiser.patch(`/batches/${batch.id}`, { unitQuota: 1 }), 409, 'QUOTA_BELOW_CONFIRMED');
    expectProblem(await t.organiser.patch(`/batches/${batch.id}`, { unitQuota: 5 }), 400, 'VALIDATION_FAILED');
    const patched = await t.organiser.patch(`/batches/${batch.id}`, {
      name: 'Angkatan II',
      venue: 'Hotel Banjarmasin',
      capacity: 2,
      days: [{ date: '2013-10-16', start: '08:30', end: '15:30' }],
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ name: 'Angkatan II', venue: 'Hotel Banjarmasin', capacity: 2, seatsLeft: 0 });
    expect(patched.body.days).toEqual([
      { date: '2013-10-16', start: '08:30', end: '15:30', startsAt: '2013-10-16T08:30:00+08:00', endsAt: '2013-10-16T15:30:00+08:00' },
    ]);
    expectProblem(await t.organiser.patch('/batches/99', { name: 'x' }), 404, 'NOT_FOUND');
  });

  it('raising capacity moves waitlisted people up at once', async () => {
    const programme = await t.make.programme();
    const batch = await t.make.batch(programme.id, { capacity: 1, unitQuota: 1 });
    const people = [];
    for (let i = 0; i < 3; i++) people.push(await t.make.participant((await t.make.unit()).id));
    for (const p of people) await t.organiser.post(`/batches/${batch.id}/enrolments`, { participantId: p.id });
    const patched = await t.organiser.patch(`/batches/${batch.id}`, { capacity: 2 });
    expect(patched.body).toMatchObject({ confirmedCount: 2, waitlistCount: 1 });
    const list = (await t.organiser.get(`/batches/${batch.id}/enrolments`)).body;
    expect(list.map((e: any) => [e.participantId, e.status, e.waitlistPosition])).toEqual([
      [people[0]!.id, 'confirmed', null],
      [people[1]!.id, 'confirmed', null],
      [people[2]!.id, 'waitlisted', 1],
    ]);
  });

  it('deletes a batch only while nobody is confirmed', async () => {
    const programme = await t.make.programme();
    const batch = await t.make.batch(programme.id);
    const p = await t.make.participant((await t.make.unit()).id);
    const enrolment = await t.organiser.post(`/batches/${batch.id}/enrolments`, { participantId: p.id });
    expectProblem(await t.organiser.delete(`/batches/${batch.id}`), 409, 'BATCH_HAS_ENROLMENTS');
    await t.organiser.delete(`/enrolments/${enrolment.body.id}`);
    expect((await t.organiser.delete(`/batches/${batch.id}`)).status).toBe(204);
    expectProblem(await t.organiser.get(`/batches/${batch.id}`), 404, 'NOT_FOUND');
    expectProblem(await t.organiser.delete(`/batches/${batch.id}`), 404, 'NOT_FOUND');
  });

  it('lets unit keys read batches but not change them', async () => {
    const programme = await t.make.programme();
    const batch = await t.make.batch(programme.id);
    const unit = t.as(await t.unitKey((await t.make.unit()).id));
    expect((await unit.get(`/batches/${batch.id}`)).status).toBe(200);
    expect((await unit.get(`/programmes/${programme.id}/batches`)).status).toBe(200);
    expectProblem(await unit.post(`/programmes/${programme.id}/batches`, { name: 'X', days: twoDays }), 403, 'FORBIDDEN');
    expectProblem(await unit.patch(`/batches/${batch.id}`, { name: 'X' }), 403, 'FORBIDDEN');
    expectProblem(await unit.delete(`/batches/${batch.id}`), 403, 'FORBIDDEN');
    expectProblem(await unit.post(`/programmes/${programme.id}/distribute`, {}), 403, 'FORBIDDEN');
  });
});
