import fs from 'node:fs';
import path from 'node:path';
import { buildTestApp, expectProblem, type TestApp } from '../helpers/app';
import { seedPeriod } from '../helpers/asistensi';
import { pdfPages } from '../helpers/pdf';

let t: TestApp;
beforeEach(async () => (t = await buildTestApp({ now: '2013-09-02T01:00:00Z' })));
afterEach(() => t.app.close());

const PRINTOUTS = path.join(__dirname, '..', '..', 'test-results', 'printouts');
const printed = (nip: string) => `${nip.slice(0, 8)} ${nip.slice(8, 14)} ${nip.slice(14, 15)} ${nip.slice(15)}`;

/** GETs a PDF and answers its text by page. */
async function pdf(url: string, key = t.organiserKey) {
  const res = await t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${key}` } });
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  expect(res.headers['content-type']).toBe('application/pdf');
  expect(res.headers['content-disposition']).toMatch(/^attachment; filename="[\w.-]+\.pdf"/);
  expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  // Kept for people to look at (git-ignored), as the screenshots are.
  fs.mkdirSync(PRINTOUTS, { recursive: true });
  fs.writeFileSync(path.join(PRINTOUTS, /filename="([^"]+)"/.exec(String(res.headers['content-disposition']))![1]!), res.rawPayload);
  return pdfPages(res.rawPayload);
}

/** A batch of two days with three officials of two units (one waitlisted), days in WITA. */
async function batchWithOfficials() {
  const programme = await t.make.programme({ name: 'Penyusunan SOP 2013' });
  const batch = await t.make.batch(programme.id, { name: 'Angkatan I', capacity: 2, unitQuota: 2, venue: 'Aula Kayuh Baimbai' });
  const dishub = await t.make.unit({ code: 'DISHUB', name: 'Dinas Perhubungan' });
  const dinkes = await t.make.unit({ code: 'DINKES', name: 'Dinas Kesehatan' });
  const rahmat = await t.make.participant(dishub.id, { name: 'Ir. H. Rahmat Hidayat, M.Si.', position: 'Kepala Bidang Lalu Lintas' });
  const dewi = await t.make.participant(dinkes.id, { name: 'Dewi Anggraini, S.K.M.', position: 'Sekretaris' });
  const waiting = await t.make.participant(dishub.id, { name: 'Budi Santoso' });
  const enrol = async (participantId: number) => (await t.organiser.post(`/batches/${batch.id}/enrolments`, { participantId })).body as { id: number };
  const enrolments = { rahmat: await enrol(rahmat.id), dewi: await enrol(dewi.id), waiting: await enrol(waiting.id) };
  return { programme, batch, dishub, dinkes, rahmat, dewi, enrolments };
}

describe('GET /batches/:id/attendance-sheet.pdf', () => {
  it('lists the confirmed officials of the day with NIP, position and unit, blank rows for walk-ins, and page numbers', async () => {
    const { batch, rahmat, dewi } = await batchWithOfficials();
    const [page = '', ...more] = await pdf(`/batches/${batch.id}/attendance-sheet.pdf?day=2`);
    expect(more).toEqual([]);
    expect(page).toContain('Bagian Organisasi');
    expect(page).toContain('Penyusunan SOP 2013');
    expect(page).toContain('DAFTAR HADIR');
    expect(page).toContain('Angkatan I, hari ke-2');
    expect(page).toContain('Selasa, 8 Oktober 2013');
    expect(page).toContain('08.00–16.00 WITA');
    expect(page).toContain('Aula Kayuh Baimbai');
    // Sorted by unit, then name: Dinas Kesehatan before Dinas Perhubungan.
    expect(page.indexOf('Dewi Anggraini, S.K.M.')).toBeLessThan(page.indexOf('Ir. H. Rahmat Hidayat, M.Si.'));
    expect(page).toContain(`NIP ${printed(dewi.nip)}`);
    expect(page).toContain(`NIP ${printed(rahmat.nip)}`);
    expect(page).toContain('Kepala Bidang Lalu Lintas');
    expect(page).not.toContain('Budi Santoso'); // waitlisted
    // Two listed, five blank rows for walk-ins: numbers 1 to 7 in the signature column too.
    for (const n of [1, 2, 3, 4, 5, 6, 7]) expect(page).toMatch(new RegExp(`(^|\\s)${n}\\.`));
    expect(page).not.toMatch(/(^|\s)8\./);
    expect(page).toContain('Halaman 1 dari 1');
  });

  it('carries the header row and page numbers onto every page of a long list', async () => {
    const programme = await t.make.programme();
    const batch = await t.make.batch(programme.id, { name: 'Angkatan Besar', capacity: 60, unitQuota: 60 });
    const unit = await t.make.unit({ name: 'Kecamatan Banjarmasin Utara', kind: 'kecamatan' });
    for (let i = 0; i < 40; i++) {
      const person = await t.make.participant(unit.id, { name: `Pejabat Nomor ${String(i + 1).padStart(2, '0')}` });
      await t.organiser.post(`/batches/${batch.id}/enrolments`, { participantId: person.id });
    }
    const pages = await pdf(`/batches/${batch.id}/attendance-sheet.pdf?day=1`);
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((text, i) => {
      expect(text).toContain(`Halaman ${i + 1} dari ${pages.length}`);
      expect(text).toContain('Tanda tangan');
    });
    const all = pages.join('\n');
    for (let i = 1; i <= 40; i++) expect(all).toContain(`Pejabat Nomor ${String(i).padStart(2, '0')}`);
  });

  it('refuses a day the batch does not have, a missing day, and unit keys', async () => {
    const { batch, dishub } = await batchWithOfficials();
    const get = (url: string, key = t.organiserKey) => t.as(key).get(url);
    expectProblem(await get(`/batches/${batch.id}/attendance-sheet.pdf?day=3`), 422, 'NO_SUCH_DAY');
    expectProblem(await get(`/batches/${batch.id}/attendance-sheet.pdf`), 400, 'VALIDATION_FAILED');
    expectProblem(await get('/batches/999/attendance-sheet.pdf?day=1'), 404, 'NOT_FOUND');
    expectProblem(await get(`/batches/${batch.id}/attendance-sheet.pdf?day=1`, await t.unitKey(dishub.id)), 403, 'FORBIDDEN');
  });
});

describe('GET /units/:id/invitation.pdf', () => {
  it("gives a unit's officials their batch, days, times and venue, and the unit's asistensi session", async () => {
    const { programme, batch, dishub } = await batchWithOfficials();
    const res = await t.organiser.post(`/programmes/${programme.id}/asistensi-periods`, { name: 'Asistensi SOP 2013', startDate: '2013-10-21', location: 'Ruang Rapat Bagian Organisasi' });
    const slots = (await t.organiser.get(`/asistensi-periods/${res.body.id}/slots`)).body as { id: number; date: string; start: string }[];
    await t.organiser.post(`/asistensi-periods/${res.body.id}/bookings`, { unitId: dishub.id, slotId: slots.find((s) => s.date === '2013-10-23' && s.start === '13:00')!.id });

    const text = (await pdf(`/units/${dishub.id}/invitation.pdf?programmeId=${programme.id}`)).join('\n');
    expect(text).toContain('LAMPIRAN UNDANGAN');
    expect(text).toContain('Dinas Perhubungan');
    expect(text).toContain('Ir. H. Rahmat Hidayat, M.Si.');
    expect(text).toContain('Budi Santoso');
    expect(text).toContain('(daftar tunggu)');
    expect(text).toContain('Senin, 7 Oktober 2013, 08.00–16.00 WITA');
    expect(text).toContain('Aula Kayuh Baimbai');
    expect(text).toContain('Rabu, 23 Oktober 2013, 13.00–16.00 WITA');
    expect(text).toContain('Ruang Rapat Bagian Organisasi');
    expect(text).not.toContain('Dewi Anggraini');
    expect(batch.id).toBeGreaterThan(0);
  });

  it("lets a unit key print its own invitation only", async () => {
    const { programme, dishub, dinkes } = await batchWithOfficials();
    const own = await pdf(`/units/${dishub.id}/invitation.pdf?programmeId=${programme.id}`, await t.unitKey(dishub.id));
    expect(own.join('\n')).toContain('Ir. H. Rahmat Hidayat, M.Si.');
    expectProblem(await t.as(await t.unitKey(dishub.id)).get(`/units/${dinkes.id}/invitation.pdf?programmeId=${programme.id}`), 404, 'NOT_FOUND');
    expectProblem(await t.organiser.get(`/units/${dishub.id}/invitation.pdf`), 400, 'VALIDATION_FAILED');
    expectProblem(await t.organiser.get(`/units/${dishub.id}/invitation.pdf?programmeId=999`), 404, 'NOT_FOUND');
  });
});

describe('GET /asistensi-periods/:id/schedule.pdf', () => {
  it('lists every working day and slot with the unit booked, and a closed day with its reason', async () => {
    const { period, slot } = await seedPeriod(t);
    const dishub = await t.make.unit({ code: 'DISHUB', name: 'Dinas Perhubungan' });
    const dinkes = await t.make.unit({ code: 'DINKES', name: 'Dinas Kesehatan' });
    await t.organiser.post(`/asistensi-periods/${period.id}/bookings`, { unitId: dishub.id, slotId: slot('2013-10-21').id });
    await t.organiser.post(`/asistensi-periods/${period.id}/bookings`, { unitId: dinkes.id, slotId: slot('2013-10-21', '13:00').id });
    await t.organiser.post(`/asistensi-periods/${period.id}/closures`, { date: '2013-10-25', reason: 'Rapat paripurna DPRD' });

    const text = (await pdf(`/asistensi-periods/${period.id}/schedule.pdf`)).join('\n');
    expect(text).toContain('JADWAL ASISTENSI DRAF SOP');
    expect(text).toMatch(/Senin, 21 Oktober 2013 09\.00–12\.00 WITA Dinas Perhubungan/);
    expect(text).toMatch(/13\.00–16\.00 WITA Dinas Kesehatan/);
    expect(text).toContain('Jumat, 25 Oktober 2013');
    expect(text).toContain('Tidak ada asistensi (Rapat paripurna DPRD)');
    expect(text).toContain('Jumat, 1 November 2013');
    expectProblem(await t.as(await t.unitKey(dishub.id)).get(`/asistensi-periods/${period.id}/schedule.pdf`), 403, 'FORBIDDEN');
  });
});

describe('GET /enrolments/:id/certificate.pdf', () => {
  it('certifies an official present on every day of the batch, and refuses one who missed a day', async () => {
    const { enrolments, dewi } = await batchWithOfficials();
    t.clock.set('2013-10-08T17:00:00+08:00');
    for (const date of ['2013-10-07', '2013-10-08']) await t.organiser.put(`/enrolments/${enrolments.rahmat.id}/attendance`, { date, present: true });
    await t.organiser.put(`/enrolments/${enrolments.dewi.id}/attendance`, { date: '2013-10-07', present: true });
    await t.organiser.put(`/enrolments/${enrolments.dewi.id}/attendance`, { date: '2013-10-08', present: false });

    const [page = '', ...more] = await pdf(`/enrolments/${enrolments.rahmat.id}/certificate.pdf`);
    expect(more).toEqual([]);
    expect(page).toContain('SERTIFIKAT');
    expect(page).toContain('Ir. H. Rahmat Hidayat, M.Si.');
    expect(page).toContain('Kepala Bidang Lalu Lintas, Dinas Perhubungan');
    expect(page).toMatch(/Senin, 7 Oktober 2013 sampai\s+Selasa, 8 Oktober 2013 di Aula Kayuh Baimbai/);
    // The batch's days bottom left; issued today (the clock's date in the programme's zone), signed
    // for the organiser on a dotted line while the programme names no signatory.
    expect(page).toMatch(/Hari workshop Senin, 7 Oktober 2013, 08\.00–16\.00 WITA Selasa, 8 Oktober 2013, 08\.00–16\.00 WITA/);
    expect(page).toMatch(/8 Oktober 2013 Bagian Organisasi \(\.+\)/);

    const missed = expectProblem(await t.organiser.get(`/enrolments/${enrolments.dewi.id}/certificate.pdf`), 409, 'NOT_ATTENDED_EVERY_DAY') as { missedDates?: string[] };
    expect(missed.missedDates).toEqual(['2013-10-08']);
    expectProblem(await t.organiser.get(`/enrolments/${enrolments.waiting.id}/certificate.pdf`), 409, 'NOT_ATTENDED_EVERY_DAY');
    expect(dewi.id).toBeGreaterThan(0);
  });

  it('prints the programme’s signatory under the signature line: position, name and NIP as printed', async () => {
    const { programme, enrolments } = await batchWithOfficials();
    const signatory = { signatoryName: 'Dra. Siti Rahmah, M.Si.', signatoryPosition: 'Kepala Bagian Organisasi', signatoryNip: '197001011995032001' };
    expect((await t.organiser.patch(`/programmes/${programme.id}`, signatory)).status).toBe(200);
    t.clock.set('2013-10-08T17:00:00+08:00');
    for (const date of ['2013-10-07', '2013-10-08']) await t.organiser.put(`/enrolments/${enrolments.rahmat.id}/attendance`, { date, present: true });
    const [page = '', ...more] = await pdf(`/enrolments/${enrolments.rahmat.id}/certificate.pdf`);
    expect(more).toEqual([]);
    expect(page).toMatch(/8 Oktober 2013 Kepala Bagian Organisasi Dra\. Siti Rahmah, M\.Si\. NIP 19700101 199503 2 001/);
    expect(page).not.toContain('(....');
  });

  it('keeps a certificate with long names on one page, and a long header on one line', async () => {
    const programme = await t.make.programme({ name: 'Penyusunan Standar Operasional Prosedur Pemerintah Kota Banjarmasin Tahun Anggaran 2013' });
    const batch = await t.make.batch(programme.id, { name: 'Angkatan I Khusus Dinas, Badan, Kantor dan Satuan Polisi Pamong Praja', capacity: 5, unitQuota: 5 });
    const unit = await t.make.unit({ name: 'Dinas Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian Penduduk dan Keluarga Berencana' });
    const person = await t.make.participant(unit.id, {
      name: 'Prof. Dr. Ir. Hj. Siti Nurhayati Rahmawati Kusumaningrum Wijayakusuma, S.H., M.Si., M.Kn., Ph.D.',
      position: 'Kepala Bidang Pengendalian Penduduk, Penyuluhan dan Penggerakan Keluarga Berencana',
    });
    const enrolment = (await t.organiser.post(`/batches/${batch.id}/enrolments`, { participantId: person.id })).body as { id: number };
    t.clock.set('2013-10-08T17:00:00+08:00');
    for (const date of ['2013-10-07', '2013-10-08']) await t.organiser.put(`/enrolments/${enrolment.id}/attendance`, { date, present: true });
    const certificate = await pdf(`/enrolments/${enrolment.id}/certificate.pdf`);
    expect(certificate).toHaveLength(1);
    expect(certificate[0]).toContain('Kusumaningrum');
    expect(certificate[0]).toContain('(.................................................)');
    const invitation = await pdf(`/units/${unit.id}/invitation.pdf?programmeId=${programme.id}`);
    // The running header is cut to one line with an ellipsis.
    expect(invitation[0]).toMatch(/Tahun Anggaran 2013 · Lampiran undangan[^\n]*…/);
  });
});
