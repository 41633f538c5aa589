import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildTestApp, expectProblem, type TestApp } from '../helpers/app';

let t: TestApp;
beforeEach(async () => (t = await buildTestApp()));
afterEach(() => t.app.close());

async function seedUnits(count: number, each: number, kind: string) {
  const ids: number[] = [];
  for (let u = 0; u < count; u++) {
    const unit = await t.make.unit({ kind });
    for (let i = 0; i < each; i++) ids.push((await t.make.participant(unit.id)).id);
  }
  return ids;
}

describe('POST /programmes/:id/distribute', () => {
  it('places everyone without an enrolment, within capacity, quota and eligibility, and is repeatable', async () => {
    const programme = await t.make.programme();
    const dinasBatch = await t.make.batch(programme.id, { name: 'Angkatan I', capacity: 12, eligibleUnitKinds: ['dinas', 'satpol_pp'] });
    const open1 = await t.make.batch(programme.id, { name: 'Angkatan II', capacity: 12, days: [{ date: '2013-10-09', start: '08:00', end: '16:00' }] });
    const open2 = await t.make.batch(programme.id, { name: 'Angkatan III', capacity: 12, days: [{ date: '2013-10-16', start: '08:00', end: '16:00' }] });
    const dinas = await seedUnits(4, 3, 'dinas');
    const kelurahan = await seedUnits(6, 4, 'kelurahan');

    const dry = await t.organiser.post(`/programmes/${programme.id}/distribute`, { dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.body.dryRun).toBe(true);
    expect(dry.body.assignments.every((a: any) => a.enrolmentId === null)).toBe(true);
    // A dry run names who goes where, so the organiser can read it as a table.
    expect(dry.body.assignments[0]).toEqual({
      participantId: expect.any(Number),
      participantName: expect.stringMatching(/^Pegawai /),
      unitId: expect.any(Number),
      unitName: expect.any(String),
      batchId: expect.any(Number),
      batchName: expect.stringMatching(/^Angkatan /),
      enrolmentId: null,
    });
    expect((await t.organiser.get(`/batches/${open1.id}`)).body.confirmedCount).toBe(0);

    const real = await t.organiser.post(`/programmes/${programme.id}/distribute`, {});
    expect(real.body.assignments.map((a: any) => [a.participantId, a.batchId])).toEqual(dry.body.assignments.map((a: any) => [a.participantId, a.batchId]));
    expect(real.body.assignments.every((a: any) => typeof a.enrolmentId === 'number')).toBe(true);

    // 36 seats, 36 people: quota 3 per unit per batch lets everyone in.
    expect(real.body.assignments).toHaveLength(36);
    expect(real.body.unplaced).toEqual([]);
    const kelurahanInDinasBatch = real.body.assignments.filter((a: any) => a.batchId === dinasBatch.id && kelurahan.includes(a.participantId));
    expect(kelurahanInDinasBatch).toEqual([]);
    for (const b of [dinasBatch, open1, open2]) {
      const enrolled = (await t.organiser.get(`/batches/${b.id}/enrolments`)).body;
      expect(enrolled.length).toBe(12);
      const perUnit = new Map<number, number>();
      for (const e of enrolled) perUnit.set(e.unitId, (perUnit.get(e.unitId) ?? 0) + 1);
      expect(Math.max(...perUnit.values())).toBeLessThanOrEqual(3);
      expect(perUnit.size).toBeGreaterThanOrEqual(4);
    }
    expect(dinas.every((id) => real.body.assignments.some((a: any) => a.participantId === id))).toBe(true);

    const again = await t.organiser.post(`/programmes/${programme.id}/distribute`, {});
    expect(again.body).toEqual({ dryRun: false, assignments: [], unplaced: [] });
  });

  it('reports who could not be placed and why', async () => {
    const programme = await t.make.programme();
    const batch = await t.make.batch(programme.id, { capacity: 2, unitQuota: 1, eligibleUnitKinds: ['dinas'] });
    const dinas = await seedUnits(1, 3, 'dinas');
    const kecamatan = await seedUnits(1, 1, 'kecamatan');
    const enrolled = (await t.organiser.post(`/batches/${batch.id}/enrolments`, { participantId: dinas[0] })).body;
    expect(enrolled.status).toBe('confirmed');
    const res = await t.organiser.post(`/programmes/${programme.id}/distribute`, { participantIds: [...dinas, ...kecamatan, 4242] });
    expect(res.body.assignments).toEqual([]);
    expect(res.body.unplaced).toEqual([
      { participantId: dinas[0], participantName: expect.stringMatching(/^Pegawai /), unitName: expect.any(String), reason: 'ALREADY_ENROLLED' },
      { participantId: dinas[1], participantName: expect.stringMatching(/^Pegawai /), unitName: expect.any(String), reason: 'NO_SEAT' },
      { participantId: dinas[2], participantName: expect.stringMatching(/^Pegawai /), unitName: expect.any(String), reason: 'NO_SEAT' },
      { participantId: kecamatan[0], participantName: expect.stringMatching(/^Pegawai /), unitName: expect.any(String), reason: 'NO_ELIGIBLE_BATCH' },
      { participantId: 4242, participantName: null, unitName: null, reason: 'UNKNOWN_PARTICIPANT' },
    ]);
  });

  it('checks its input', async () => {
    expectProblem(await t.organiser.post('/programmes/99/distribute', {}), 404, 'NOT_FOUND');
    const programme = await t.make.programme();
    expectProblem(await t.organiser.post(`/programmes/${programme.id}/distribute`, { participantIds: [] }), 400, 'VALIDATION_FAILED');
    expectProblem(await t.organiser.post(`/programmes/${programme.id}/distribute`, { dryRun: 'yes' }), 400, 'VALIDATION_FAILED');
  });
});

it('previews in a worker thread over its own connection when the database is a file, the same plan that is then applied', async () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'distribution-file-'));
  const onFile = await buildTestApp({ now: '2013-10-01T00:00:00Z', databasePath: path.join(folder, 'sop.db') });
  try {
    const programme = await onFile.make.programme();
    await onFile.make.batch(programme.id, { name: 'Angkatan I', capacity: 4, eligibleUnitKinds: ['dinas'] });
    await onFile.make.batch(programme.id, { name: 'Angkatan II', capacity: 3, days: [{ date: '2013-10-09', start: '08:00', end: '16:00' }] });
    for (const kind of ['dinas', 'kelurahan', 'dinas']) {
      const unit = await onFile.make.unit({ kind });
      for (let i = 0; i < 3; i++) await onFile.make.participant(unit.id);
    }
    const jobsBefore = onFile.app.services.workerPool.stats().workers;
    const preview = await onFile.organiser.post(`/programmes/${programme.id}/distribute`, { dryRun: true });
    expect(preview.status).toBe(200);
    expect(onFile.app.services.workerPool.stats().workers).toBeGreaterThan(jobsBefore);
    expect(preview.body.assignments).toHaveLength(7);
    expect(preview.body.unplaced).toHaveLength(2);

    const applied = await onFile.organiser.post(`/programmes/${programme.id}/distribute`, {});
    expect(applied.status).toBe(200);
    const withoutIds = (lines: { enrolmentId: number | null }[]) => lines.map(({ enrolmentId: _, ...line }) => line);
    expect(withoutIds(applied.body.assignments)).toEqual(withoutIds(preview.body.assignments));
    expect(applied.body.unplaced).toEqual(preview.body.unplaced);
    // The worker's connection sees what was just written: nobody is left to place but the two without a seat.
    const again = await onFile.organiser.post(`/programmes/${programme.id}/distribute`, { dryRun: true });
    expect(again.body).toEqual({ dryRun: true, assignments: [], unplaced: preview.body.unplaced });
  } finally {
    await onFile.app.close();
    onFile.database.close();
    fs.rmSync(folder, { recursive: true, force: true });
  }
});
