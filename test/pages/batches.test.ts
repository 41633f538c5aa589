import { buildTestApp, type TestApp } from '../helpers/app';
import { signedInPerson, textOf, type PageClient } from '../helpers/pages';

let t: TestApp;
let desk: PageClient;
beforeEach(async () => {
  t = await buildTestApp({ now: '2013-09-02T01:00:00Z' });
  desk = (await signedInPerson(t.app, t.organiser, { email: 'organisasi@banjarmasinkota.go.id', name: 'Rina', role: 'organiser' })).client;
});
afterEach(() => t.app.close());

const batchRows = () => t.sql('select name, capacity, unit_quota, eligible_unit_kinds from batches');
const form = (fields: Record<string, string | string[]>) => ({ name: 'Angkatan I', venue: 'Aula Kayuh Baimbai', capacity: '50', unitQuota: '3', 'start-1': '08:00', 'end-1': '16:00', 'start-2': '08:00', 'end-2': '16:00', ...fields });

describe('batches on the console', () => {
  it('refuses a batch on Idul Adha and its cuti bersama, naming them from the decree, then places it on working days', async () => {
    const programme = await t.make.programme({ timezone: 'WITA' });
    const url = `/organisasi/program/${programme.id}/angkatan`;
    const page = await desk.get(`${url}?bulan=2013-10`);
    expect(page.status).toBe(200);
    // The working calendar of the month names the holidays.
    expect(textOf(page.body)).toContain('Selasa, 15 Oktober 2013: libur nasional (Hari Raya Idul Adha 1434 Hijriyah)');
    expect(textOf(page.body)).toContain('Senin, 14 Oktober 2013: cuti bersama (Cuti Bersama Hari Raya Idul Adha 1434 Hijriyah)');

    const refused = await desk.post(url, form({ 'date-1': '2013-10-14', 'date-2': '2013-10-15', eligibleUnitKinds: ['dinas', 'satpol_pp'] }));
    expect(refused.status).toBe(422);
    const text = textOf(refused.body);
    expect(text).toContain('Senin, 14 Oktober 2013: cuti bersama (Cuti Bersama Hari Raya Idul Adha 1434 Hijriyah).');
    expect(text).toContain('Selasa, 15 Oktober 2013: libur nasional (Hari Raya Idul Adha 1434 Hijriyah).');
    expect(refused.body).toMatch(/id="date-1-error"/);
    expect(refused.body).toMatch(/id="date-2-error"/);
    expect(refused.body).toContain('value="2013-10-14"');
    expect(refused.body).toMatch(/value="satpol_pp" checked/);
    expect(await batchRows()).toEqual([]);

    const bad = await desk.post(url, form({ 'date-1': '2013-10-07', 'start-1': '25:00', capacity: 'lima puluh' }));
    expect(bad.status).toBe(400);
    expect(bad.body).toMatch(/id="start-1-error"/);
    expect(bad.body).toMatch(/id="capacity-error"/);
    expect(await batchRows()).toEqual([]);

    const twice = await desk.post(url, form({ 'date-1': '2013-10-07', 'date-2': '2013-10-07' }));
    expect(twice.status).toBe(400);
    expect(twice.body).toMatch(/id="date-2-error"|id="date-1-error"/);
    expect(await batchRows()).toEqual([]);

    const placed = await desk.post(url, form({ 'date-1': '2013-10-07', 'date-2': '2013-10-08', eligibleUnitKinds: ['dinas', 'satpol_pp'] }));
    expect(placed).toMatchObject({ status: 303, location: `${url}?ok=batchAdded` });
    expect(await batchRows()).toEqual([{ name: 'Angkatan I', capacity: 50, unit_quota: 3, eligible_unit_kinds: '["dinas","satpol_pp"]' }]);
    const list = textOf((await desk.follow(placed)).body);
    expect(list).toContain('Angkatan sudah ditambahkan.');
    expect(list).toContain('Senin, 7 Oktober 2013; Selasa, 8 Oktober 2013');
    expect(list).toContain('0 dari 50 kursi terisi');
  });

  it('keeps a batch on a holiday when the organiser says so', async () => {
    const programme = await t.make.programme();
    const url = `/organisasi/program/${programme.id}/angkatan`;
    await desk.get(url);
    const kept = await desk.post(url, form({ 'date-1': '2013-10-15', allowNonWorkingDays: 'true' }));
    expect(kept.status).toBe(303);
    expect(await batchRows()).toHaveLength(1);
  });

  it('shows a batch per unit and takes attendance from a checklist, one day at a time, in one transaction', async () => {
    const programme = await t.make.programme();
    const batch = await t.make.batch(programme.id, { name: 'Angkatan I' });
    const dishub = await t.make.unit({ name: 'Dinas Perhubungan' });
    const people = [await t.make.participant(dishub.id, { name: 'Ahmad Fauzi' }), await t.make.participant(dishub.id, { name: 'Budi Santoso' })];
    const enrolments = [];
    for (const p of people) enrolments.push((await t.organiser.post(`/batches/${batch.id}/enrolments`, { participantId: p.id })).body as { id: number });
    const url = `/organisasi/angkatan/${batch.id}`;
    const page = await desk.get(url);
    expect(textOf(page.body)).toMatch(/Dinas Perhubungan 2 0/);
    expect(page.body).toContain(`href="/organisasi/angkatan/${batch.id}/daftar-hadir.pdf?hari=1"`);

    // Before the day starts, nothing is recorded, and the page says why.
    const early = await desk.post(`${url}/hadir`, { date: '2013-10-07', present: [String(enrolments[0]!.id)] });
    expect(early.status).toBe(409);
    expect(textOf(early.body)).toContain('Kehadiran baru dapat dicatat setelah hari itu dimulai.');
    expect(await t.sqlOne('select count(*) n from attendance')).toEqual({ n: 0 });

    t.clock.set('2013-10-08T17:00:00+08:00');
    await desk.get('/masuk');
    await desk.post('/masuk', { email: 'organisasi@banjarmasinkota.go.id', password: 'kopi-pagi-di-martapura' });
    await desk.get(url);
    for (const date of ['2013-10-07', '2013-10-08'])
      expect(await desk.post(`${url}/hadir`, { date, present: [String(enrolments[0]!.id)] })).toMatchObject({ status: 303, location: `${url}?ok=attendanceSaved` });
    const marks = await t.sql('select enrolment_id, date, present from attendance order by enrolment_id, date');
    expect(marks).toEqual([
      { enrolment_id: enrolments[0]!.id, date: '2013-10-07', present: 1 },
      { enrolment_id: enrolments[0]!.id, date: '2013-10-08', present: 1 },
      { enrolment_id: enrolments[1]!.id, date: '2013-10-07', present: 0 },
      { enrolment_id: enrolments[1]!.id, date: '2013-10-08', present: 0 },
    ]);
    const after = await desk.get(url);
    expect(after.body).toMatch(new RegExp(`value="${enrolments[0]!.id}" checked`));
    expect(after.body).toContain(`href="/organisasi/pendaftaran/${enrolments[0]!.id}/sertifikat.pdf"`);
    expect(after.body).not.toContain(`href="/organisasi/pendaftaran/${enrolments[1]!.id}/sertifikat.pdf"`);
    const certificate = await desk.get(`/organisasi/pendaftaran/${enrolments[0]!.id}/sertifikat.pdf`);
    expect(certificate.status).toBe(200);
    expect(certificate.headers['content-type']).toBe('application/pdf');
    expect((await desk.post(`${url}/hadir`, { date: '2013-10-09' })).status).toBe(404);
  });

  it('previews a distribution (who goes where, who cannot be placed and why) and saves it', async () => {
    const programme = await t.make.programme();
    const batch = await t.make.batch(programme.id, { name: 'Angkatan Dinas', capacity: 2, unitQuota: 2, eligibleUnitKinds: ['dinas'] });
    const dishub = await t.make.unit({ name: 'Dinas Perhubungan' });
    const camat = await t.make.unit({ name: 'Kecamatan Banjarmasin Utara', kind: 'kecamatan' });
    await t.make.participant(dishub.id, { name: 'Ahmad Fauzi' });
    await t.make.participant(dishub.id, { name: 'Budi Santoso' });
    await t.make.participant(dishub.id, { name: 'Citra Lestari' });
    await t.make.participant(camat.id, { name: 'Dewi Anggraini' });
    const url = `/organisasi/program/${programme.id}/distribusi`;
    const preview = await desk.get(url);
    const text = textOf(preview.body);
    expect(text).toContain('2 pejabat akan ditempatkan');
    expect(text).toMatch(/Ahmad Fauzi Dinas Perhubungan Angkatan Dinas/);
    expect(text).toContain('2 pejabat tidak dapat ditempatkan');
    expect(text).toMatch(/Dewi Anggraini Kecamatan Banjarmasin Utara Tidak ada angkatan untuk jenis unitnya\./);
    expect(text).toMatch(/Citra Lestari Dinas Perhubungan Angkatan yang boleh diikuti sudah penuh/);
    expect(await t.sqlOne('select count(*) n from enrolments')).toEqual({ n: 0 });

    const plan = /name="plan" value="([0-9a-f]+)"/.exec(preview.body)![1]!;
    // Someone enrols an official meanwhile: the plan shown is no longer the plan; the new one is shown, nothing saved.
    const late = await t.make.participant(dishub.id, { name: 'Eko Prasetyo' });
    const changed = await desk.post(url, { plan });
    expect(changed.status).toBe(409);
    expect(textOf(changed.body)).toContain('Data berubah sejak rencana ini ditampilkan.');
    expect(await t.sqlOne('select count(*) n from enrolments')).toEqual({ n: 0 });
    await t.organiser.delete(`/participants/${late.id}`);

    const saved = await desk.post(url, { plan });
    expect(saved).toMatchObject({ status: 303, location: `/organisasi/program/${programme.id}/angkatan?ok=distributed` });
    expect(await t.sqlOne('select count(*) n from enrolments where batch_id = ? and status = ?', batch.id, 'confirmed')).toEqual({ n: 2 });
    expect(textOf((await desk.get(url)).body)).not.toContain('akan ditempatkan');
  });

  it('changes a batch: its days refused on a holiday as when adding, its capacity not below those enrolled', async () => {
    const programme = await t.make.programme();
    const batch = await t.make.batch(programme.id, { name: 'Angkatan I', capacity: 10, unitQuota: 3 });
    const unit = await t.make.unit();
    for (let i = 0; i < 2; i++) await t.organiser.post(`/batches/${batch.id}/enrolments`, { participantId: (await t.make.participant(unit.id)).id });
    const url = `/organisasi/angkatan/${batch.id}/ubah`;
    const form = await desk.get(url);
    expect(form.body).toContain('value="2013-10-07"');
    expect(form.body).toContain('value="Angkatan I"');

    const holiday = await desk.post(url, { name: 'Angkatan I', capacity: '10', unitQuota: '3', 'date-1': '2013-10-15', 'start-1': '08:00', 'end-1': '16:00' });
    expect(holiday.status).toBe(422);
    expect(textOf(holiday.body)).toContain('Selasa, 15 Oktober 2013: libur nasional (Hari Raya Idul Adha 1434 Hijriyah)');
    const small = await desk.post(url, { name: 'Angkatan I', capacity: '1', unitQuota: '1', 'date-1': '2013-10-07', 'start-1': '08:00', 'end-1': '16:00' });
    expect(small.status).toBe(409);
    expect(textOf(small.body)).toMatch(/Kapasitas tidak boleh lebih kecil|Kursi per unit tidak boleh lebih kecil/);

    const saved = await desk.post(url, { name: 'Angkatan I', venue: 'Aula Bappeda', capacity: '40', unitQuota: '3', 'date-1': '2013-10-09', 'start-1': '08:00', 'end-1': '15:00', 'date-2': '2013-10-10', 'start-2': '08:00', 'end-2': '15:00' });
    expect(saved).toMatchObject({ status: 303, location: `/organisasi/angkatan/${batch.id}?ok=batchSaved` });
    expect(await t.sqlOne('select venue, capacity from batches')).toEqual({ venue: 'Aula Bappeda', capacity: 40 });
    expect(await t.sql('select date, end_time "end" from batch_days order by date')).toEqual([
      { date: '2013-10-09', end: '15:00' },
      { date: '2013-10-10', end: '15:00' },
    ]);
  });
});
