import { buildTestApp, expectProblem, makeNip, type TestApp } from '../helpers/app';

let t: TestApp;
beforeEach(async () => (t = await buildTestApp()));
afterEach(() => t.app.close());

const count = () => t.count('participants');

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
    expect(await count()).toBe(2);
  });

  it('keeps a unit key to its own unit', async () => {
    const a = await t.make.unit();
    const b = await t.make.unit();
    const bPerson = await t.make.participant(b.id);
    const unitA = t.as(await t.unitKey(a.id));

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
    expect(await count()).toBe(2);
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

describe('officials who move to another unit', () => {
  it('are refused while enrolled, unless their enrolments move with them within the new unit’s quota', async () => {
    const programme = await t.make.programme();
    const batch = await t.make.batch(programme.id, { capacity: 10, unitQuota: 1 });
    const [oldUnit, newUnit] = [await t.make.unit(), await t.make.unit()];
    const mover = await t.make.participant(oldUnit.id);
    const enrolment = (await t.organiser.post(`/batches/${batch.id}/enrolments`, { participantId: mover.id })).body;

    const refused = expectProblem(await t.organiser.patch(`/participants/${mover.id}`, { unitId: newUnit.id }), 409, 'HAS_ACTIVE_ENROLMENT');
    expect(refused).toMatchObject({ detail: expect.stringContaining(`enrolment ${enrolment.id}`) });

    // The new unit already holds its one seat in the batch: the whole change is refused.
    const holder = await t.make.participant(newUnit.id);
    await t.organiser.post(`/batches/${batch.id}/enrolments`, { participantId: holder.id });
    expectProblem(await t.organiser.patch(`/participants/${mover.id}`, { unitId: newUnit.id, moveEnrolments: true, name: 'Nama Baru' }), 409, 'UNIT_QUOTA_REACHED');
    expect((await t.organiser.get(`/participants/${mover.id}`)).body).toMatchObject({ unitId: oldUnit.id, name: expect.not.stringMatching('Nama Baru') });
    expect((await t.organiser.get(`/enrolments/${enrolment.id}`)).body.unitId).toBe(oldUnit.id);

    const third = await t.make.unit();
    const moved = await t.organiser.patch(`/participants/${mover.id}`, { unitId: third.id, moveEnrolments: true });
    expect(moved.body.unitId).toBe(third.id);
    expect((await t.organiser.get(`/enrolments/${enrolment.id}`)).body).toMatchObject({ unitId: third.id, status: 'confirmed' });
    // The old unit no longer sees or cancels it; the new one does.
    expectProblem(await t.as(await t.unitKey(oldUnit.id)).delete(`/enrolments/${enrolment.id}`), 404, 'NOT_FOUND');
    expect((await t.as(await t.unitKey(third.id)).delete(`/enrolments/${enrolment.id}`)).status).toBe(200);
    const audit = (await t.organiser.get(`/audit?entity=enrolment&entityId=${enrolment.id}`)).body.map((e: { action: string }) => e.action);
    expect(audit).toContain('enrolment.move');
  });
});

describe('a unit key cancelling a seat', () => {
  it('learns that the seat went on, not which official of another unit got it', async () => {
    const programme = await t.make.programme();
    const batch = await t.make.batch(programme.id, { capacity: 1, unitQuota: 1 });
    const [a, b] = [await t.make.unit(), await t.make.unit()];
    const mine = (await t.organiser.post(`/batches/${batch.id}/enrolments`, { participantId: (await t.make.participant(a.id)).id })).body;
    const waiting = (await t.organiser.post(`/batches/${batch.id}/enrolments`, { participantId: (await t.make.participant(b.id, { name: 'Pegawai Unit Lain' })).id })).body;
    expect(waiting.status).toBe('waitlisted');
    const res = await t.as(await t.unitKey(a.id)).delete(`/enrolments/${mine.id}`);
    expect(res.body.promoted).toEqual([]);
    expect(JSON.stringify(res.body)).not.toContain('Pegawai Unit Lain');
    expect((await t.organiser.get(`/enrolments/${waiting.id}`)).body.status).toBe('confirmed');
  });
});

describe('POST /participants/import', () => {
  const csv = (header: string, ...rows: string[]) => [header, ...rows].join('\n');
  it('takes Indonesian column names, lets a unit key leave out its unit, and checks without writing on dryRun', async () => {
    const unit = await t.make.unit({ code: 'DISHUB' });
    const key = await t.unitKey(unit.id);
    const file = csv('nip;nama;jabatan;telepon', `${makeNip(1)};Ahmad Fauzi;Kepala Dinas;0511 335 3300`, `${makeNip(2)};Siti Rahmah;Sekretaris;`);
    const post = (url: string, body: string, k = key) => t.as(k).post(url, body, { 'content-type': 'text/csv' });
    expect((await post('/participants/import?dryRun=true', file)).body).toEqual({ created: 2, updated: 0, unchanged: 0 });
    expect((await t.organiser.get(`/participants?unitId=${unit.id}`)).body).toHaveLength(0);
    expect((await post('/participants/import', file)).body).toEqual({ created: 2, updated: 0, unchanged: 0 });
    const listed = (await t.organiser.get(`/participants?unitId=${unit.id}`)).body;
    expect(listed.map((p: { name: string; position: string; unitId: number }) => [p.name, p.position, p.unitId])).toEqual([
      ['Ahmad Fauzi', 'Kepala Dinas', unit.id],
      ['Siti Rahmah', 'Sekretaris', unit.id],
    ]);
    // An organiser must still say which unit.
    const refused = expectProblem(await post('/participants/import', csv('nip,nama', `${makeNip(3)},Budi`), t.organiserKey), 422, 'IMPORT_INVALID');
    expect(refused.errors).toEqual([expect.objectContaining({ line: 1, path: 'unitCode' })]);
    // Bad lines are listed on a dry run too.
    const bad = expectProblem(await post('/participants/import?dryRun=true', csv('nip,nama', '12345,Budi')), 422, 'IMPORT_INVALID');
    expect(bad.errors).toEqual([expect.objectContaining({ line: 2, path: 'nip' })]);
  });
});
