import { buildTestApp, expectProblem, makeNip, type TestApp } from '../helpers/app';

let t: TestApp;
beforeEach(async () => (t = await buildTestApp()));
afterEach(() => t.app.close());

const count = () => (t.database.sqlite.prepare('select count(*) n from participants').get() as { n: number }).n;

describe('participants', () => {
  it('registers, reads, lists, changes and deletes an official', async () => {
    const unit = await t.make.unit();
    const created = await t.organiser.post('/participants', {
      nip: '197503122000031002',
      name: 'Drs. H. Ahmad Fauzi, M.Si',
      position: 'Kepala Bidang Lalu Lintas',
      unitId: unit.id,
      email: 'fauzi@banjarmasinkota.go.id',
      phone: '+62 511 3353 300',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ nip: '197503122000031002', unitId: unit.id, position: 'Kepala Bidang Lalu Lintas' });
    const id = created.body.id;
    expect((await t.organiser.get(`/participants/${id}`)).body.name).toBe('Drs. H. Ahmad Fauzi, M.Si');
    expect((await t.organiser.get(`/participants?unitId=${unit.id}`)).body).toHaveLength(1);
    const patched = await t.organiser.patch(`/participants/${id}`, { position: null, phone: '0511-3353300' });
    expect(patched.body).toMatchObject({ position: null, phone: '0511-3353300' });
    expect((await t.organiser.delete(`/participants/${id}`)).status).toBe(204);
    expectProblem(await t.organiser.get(`/participants/${id}`), 404, 'NOT_FOUND');
  });

  it('validates the NIP structure and keeps it unique', async () => {
    const unit = await t.make.unit();
    const bad = [
      ['19750312200003100', 'must be 18 digits'],
      ['197502302000031002', 'birth date'],
      ['197503122000131002', 'appointment'],
      ['197503122000033002', 'sex'],
    ];
    for (const [nip, words] of bad) {
      const problem = expectProblem(await t.organiser.post('/participants', { nip, name: 'X', unitId: unit.id }), 400, 'VALIDATION_FAILED');
      expect(problem.errors![0]).toEqual({ path: '/body/nip', message: expect.stringContaining(words!) });
    }
    await t.make.participant(unit.id, { nip: '197503122000031002' });
    expectProblem(await t.organiser.post('/participants', { nip: '197503122000031002', name: 'Twin', unitId: unit.id }), 409, 'NIP_TAKEN');
    const other = await t.make.participant(unit.id);
    expectProblem(await t.organiser.patch(`/participants/${other.id}`, { nip: '197503122000031002' }), 409, 'NIP_TAKEN');
    expectProblem(await t.organiser.post('/participants', { nip: makeNip(900), name: 'X', unitId: 999 }), 422, 'REFERENCE_NOT_FOUND');
    expect(count()).toBe(2);
  });

  it('keeps a unit key to its own unit', async () => {
    const a = await t.make.unit();
    const b = await t.make.unit();
    const bPerson = await t.make.participant(b.id);
    const unitA = t.as(t.unitKey(a.id));

    const mine = await unitA.post('/participants', { nip: makeNip(500), name: 'Milik A', unitId: a.id });
    expect(mine.status).toBe(201);
    expectProblem(await unitA.post('/participants', { nip: makeNip(501), name: 'Untuk B', unitId: b.id }), 403, 'FORBIDDEN');
    expect((await unitA.get('/participants')).body.map((p: any) => p.id)).toEqual([mine.body.id]);
    expectProblem(await unitA.get(`/participants?unitId=${b.id}`), 403, 'FORBIDDEN');
    expectProblem(await unitA.get(`/participants/${bPerson.id}`), 404, 'NOT_FOUND');
    expectProblem(await unitA.patch(`/participants/${bPerson.id}`, { name: 'Hacked' }), 404, 'NOT_FOUND');
    expectProblem(await unitA.delete(`/participants/${bPerson.id}`), 404, 'NOT_FOUND');
    expectProblem(await unitA.patch(`/participants/${mine.body.id}`, { unitId: b.id }), 403, 'FORBIDDEN');
    expect((await t.organiser.get(`/participants/${bPerson.id}`)).body.name).not.toBe('Hacked');
    expect((await unitA.patch(`/participants/${mine.body.id}`, { name: 'Milik A (ubah)' })).body.name).toBe('Milik A (ubah)');
    expect(count()).toBe(2);
  });

  it('refuses to delete an official with an active enrolment', async () => {
    const unit = await t.make.unit();
    const person = await t.make.participant(unit.id);
    const programme = await t.make.programme();
    const batch = await t.make.batch(programme.id);
    const enrolment = await t.organiser.post(`/batches/${batch.id}/enrolments`, { participantId: person.id });
    expectProblem(await t.organiser.delete(`/participants/${person.id}`), 409, 'PARTICIPANT_ENROLLED');
    await t.organiser.delete(`/enrolments/${enrolment.body.id}`);
    expect((await t.organiser.delete(`/participants/${person.id}`)).status).toBe(204);
  });
});
