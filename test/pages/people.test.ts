import { formatNip } from '../../src/platform/format';
import { buildTestApp, type TestApp } from '../helpers/app';
import { signedInPerson, textOf, type PageClient } from '../helpers/pages';

let t: TestApp;
let desk: PageClient;
const PASSWORD = 'kopi-pagi-di-martapura';
beforeEach(async () => {
  t = await buildTestApp({ now: '2013-09-02T01:00:00Z' });
  desk = (await signedInPerson(t.app, t.organiser, { email: 'organisasi@banjarmasinkota.go.id', name: 'Rina', role: 'organiser' }, PASSWORD)).client;
});
afterEach(() => t.app.close());

const enrol = async (batchId: number, participantId: number) => (await t.organiser.post(`/batches/${batchId}/enrolments`, { participantId })).body as { id: number; status: string };
const statusOf = (id: number) => t.sqlOne('select batch_id "batchId", status from enrolments where id = ?', id);
const inEnglish = async (path: string) => desk.get(`/bahasa/en?kembali=${encodeURIComponent(path)}`);
const inIndonesian = async (path: string) => desk.get(`/bahasa/id?kembali=${encodeURIComponent(path)}`);

describe("a programme's officials", () => {
  it('are searched in the database by name, NIP as printed or not, and unit, 25 a page with the filters kept', async () => {
    const programme = await t.make.programme();
    const batch = await t.make.batch(programme.id, { name: 'Angkatan I' });
    const dishub = await t.make.unit({ name: 'Dinas Perhubungan' });
    const dinkes = await t.make.unit({ name: 'Dinas Kesehatan' });
    const fauzi = await t.make.participant(dishub.id, { name: 'Ahmad Fauzi', position: 'Kepala Seksi' });
    for (let i = 0; i < 29; i++) await t.make.participant(i % 2 ? dishub.id : dinkes.id, { name: `Pegawai ${String(i).padStart(2, '0')}` });
    await enrol(batch.id, fauzi.id);
    const url = `/organisasi/program/${programme.id}/pejabat`;

    const first = await desk.get(url);
    expect(first.status).toBe(200);
    expect(textOf(first.body)).toContain('30 pejabat');
    expect(textOf(first.body)).toContain(`Ahmad Fauzi ${formatNip(fauzi.nip)} Kepala Seksi Dinas Perhubungan Angkatan I Terdaftar`);
    expect(textOf(first.body)).toContain('Menampilkan 1–25 dari 30');
    expect(first.body).toContain(`href="/organisasi/pejabat/${fauzi.id}?program=${programme.id}"`);
    expect(textOf((await desk.get(`${url}?halaman=2`)).body)).toContain('Menampilkan 26–30 dari 30');

    const byUnit = await desk.get(`${url}?cari=Pegawai&unit=${dinkes.id}`);
    expect(textOf(byUnit.body)).toContain('15 pejabat');
    expect(byUnit.body).toContain('value="Pegawai"');
    expect(byUnit.body).toMatch(new RegExp(`value="${dinkes.id}" selected`));
    expect(textOf(byUnit.body)).not.toContain('Ahmad Fauzi');

    for (const typed of [formatNip(fauzi.nip), fauzi.nip, `${fauzi.nip.slice(0, 8)}.${fauzi.nip.slice(8, 14)}`, 'fauzi']) {
      const found = textOf((await desk.get(`${url}?cari=${encodeURIComponent(typed)}`)).body);
      expect({ typed, found: found.includes('1 pejabat') && found.includes('Ahmad Fauzi') }).toEqual({ typed, found: true });
    }
    expect(textOf((await desk.get(`${url}?cari=Zulkifli&unit=`)).body)).toContain('Tidak ada pejabat yang cocok.');

    // Many pages: the links keep the filters.
    for (let i = 0; i < 30; i++) await t.make.participant(dinkes.id, { name: `Staf ${String(i).padStart(2, '0')}` });
    const filtered = await desk.get(`${url}?cari=staf&unit=${dinkes.id}`);
    expect(filtered.body).toContain(`href="${url}?cari=staf&amp;unit=${dinkes.id}&amp;halaman=2"`);
  });

  it("are linked from the programme's overview and the console", async () => {
    const programme = await t.make.programme();
    expect((await desk.get(`/organisasi/program/${programme.id}`)).body).toContain(`href="/organisasi/program/${programme.id}/pejabat"`);
    expect((await desk.get('/organisasi')).body).toContain(`href="/organisasi/program/${programme.id}/pejabat"`);
  });
});

describe("an official's page", () => {
  it('shows their unit, enrolment, attendance per day and certificate, and enrols them where they are not enrolled', async () => {
    const programme = await t.make.programme({ name: 'Penyusunan SOP 2013' });
    const later = await t.make.programme({ name: 'Penyusunan SOP 2014' });
    const batch = await t.make.batch(programme.id, { name: 'Angkatan I' });
    const next = await t.make.batch(later.id, { name: 'Angkatan 2014', capacity: 1, unitQuota: 1 });
    await t.make.batch(later.id, { name: 'Angkatan Kecamatan', eligibleUnitKinds: ['kecamatan'] });
    const dishub = await t.make.unit({ name: 'Dinas Perhubungan' });
    const fauzi = await t.make.participant(dishub.id, { name: 'Ahmad Fauzi', email: 'fauzi@banjarmasinkota.go.id' });
    const enrolment = await enrol(batch.id, fauzi.id);
    t.clock.set('2013-10-08T17:00:00+08:00');
    for (const date of ['2013-10-07', '2013-10-08']) await t.organiser.put(`/enrolments/${enrolment.id}/attendance`, { date, present: true });
    await desk.get('/masuk');
    await desk.post('/masuk', { email: 'organisasi@banjarmasinkota.go.id', password: PASSWORD });

    const url = `/organisasi/pejabat/${fauzi.id}?program=${programme.id}`;
    const page = await desk.get(url);
    expect(page.status).toBe(200);
    const text = textOf(page.body);
    expect(text).toContain(`NIP ${formatNip(fauzi.nip)}`);
    expect(text).toContain('Unit kerja Dinas Perhubungan');
    expect(text).toContain('fauzi@banjarmasinkota.go.id');
    expect(text).toContain('Penyusunan SOP 2013 Angkatan I Terdaftar');
    expect(text).toContain('Hari 1: hadir Hari 2: hadir');
    expect(page.body).toContain(`href="/organisasi/pendaftaran/${enrolment.id}/sertifikat.pdf"`);
    expect(page.body).toContain(`href="/organisasi/program/${programme.id}/pejabat"`);
    // The other programme: not enrolled, its batches their kind may attend offered.
    expect(text).toContain('Penyusunan SOP 2014 Belum terdaftar di angkatan program ini.');
    expect(page.body).toContain(`name="batchId-${later.id}"`);
    expect(page.body).toContain(`value="${next.id}"`);
    expect(text).not.toContain('Angkatan Kecamatan ·');

    const none = await desk.post(`/organisasi/pejabat/${fauzi.id}/daftarkan`, { program: String(later.id) });
    expect(none.status).toBe(400);
    expect(none.body).toContain(`id="batchId-${later.id}-error"`);
    const enrolled = await desk.post(`/organisasi/pejabat/${fauzi.id}/daftarkan`, { program: String(later.id), [`batchId-${later.id}`]: String(next.id) });
    expect(enrolled).toMatchObject({ status: 303, location: `/organisasi/pejabat/${fauzi.id}?program=${later.id}&ok=enrolled` });
    expect(textOf((await desk.follow(enrolled)).body)).toContain('Pejabat sudah didaftarkan ke angkatan.');
    // A batch of another programme than the form's is no such form.
    expect((await desk.post(`/organisasi/pejabat/${fauzi.id}/daftarkan`, { program: String(later.id), [`batchId-${later.id}`]: String(batch.id) })).status).toBe(404);
    expect((await desk.get('/organisasi/pejabat/9999')).status).toBe(404);
  });

  it("refuses a batch not for the official's kind of unit in words that say how, in both languages", async () => {
    const programme = await t.make.programme();
    const camat = await t.make.batch(programme.id, { name: 'Angkatan Kecamatan', eligibleUnitKinds: ['kecamatan'] });
    const dishub = await t.make.unit({ name: 'Dinas Perhubungan' });
    const fauzi = await t.make.participant(dishub.id, { name: 'Ahmad Fauzi' });
    const url = `/organisasi/pejabat/${fauzi.id}?program=${programme.id}`;
    expect(textOf((await desk.get(url)).body)).toContain('Tidak ada angkatan di program ini yang boleh diikuti jenis unit kerjanya.');
    // A stale form still names the batch: the refusal says why.
    const refused = await desk.post(`/organisasi/pejabat/${fauzi.id}/daftarkan`, { program: String(programme.id), [`batchId-${programme.id}`]: String(camat.id) });
    expect(refused.status).toBe(422);
    expect(textOf(refused.body)).toContain('Angkatan Kecamatan hanya untuk unit berjenis Kecamatan; unit kerja pejabat ini berjenis Dinas. Pilih angkatan lain.');
    expect(refused.body).toContain(`href="#batchId-${programme.id}"`);
    await inEnglish(url);
    const english = await desk.post(`/organisasi/pejabat/${fauzi.id}/daftarkan`, { program: String(programme.id), [`batchId-${programme.id}`]: String(camat.id) });
    expect(textOf(english.body)).toContain("Angkatan Kecamatan is only for units of kind: District (kecamatan); this official's unit is of kind Agency (dinas). Choose another batch.");
    expect(await t.sqlOne('select count(*) n from enrolments')).toEqual({ n: 0 });
  });
});

describe('the enrolment actions', () => {
  /** Angkatan I full (2 seats, 1 a unit) with a waitlist; Angkatan II with room; Angkatan III where Dinas Perhubungan is at its quota. */
  async function world() {
    const programme = await t.make.programme();
    const first = await t.make.batch(programme.id, { name: 'Angkatan I', capacity: 2, unitQuota: 1 });
    const second = await t.make.batch(programme.id, { name: 'Angkatan II', capacity: 10, unitQuota: 2 });
    const third = await t.make.batch(programme.id, { name: 'Angkatan III', capacity: 10, unitQuota: 1 });
    const dishub = await t.make.unit({ name: 'Dinas Perhubungan' });
    const dinkes = await t.make.unit({ name: 'Dinas Kesehatan' });
    const bappeda = await t.make.unit({ name: 'Bappeda', kind: 'badan' });
    const fauzi = await enrol(first.id, (await t.make.participant(dishub.id, { name: 'Ahmad Fauzi' })).id);
    const citra = await enrol(first.id, (await t.make.participant(dinkes.id, { name: 'Citra Lestari' })).id);
    const eko = await enrol(first.id, (await t.make.participant(bappeda.id, { name: 'Eko Prasetyo' })).id);
    await enrol(third.id, (await t.make.participant(dishub.id, { name: 'Budi Santoso' })).id);
    return { programme, first, second, third, dishub, fauzi, citra, eko };
  }

  it('move an official to another batch, refusing a full batch and a unit at its quota in words, in both languages', async () => {
    const { first, second, third, fauzi } = await world();
    const back = `/organisasi/angkatan/${first.id}?cari=fauzi`;
    const url = `/organisasi/pendaftaran/${fauzi.id}/pindah`;
    const form = await desk.get(`${url}?kembali=${encodeURIComponent(back)}`);
    expect(form.status).toBe(200);
    expect(textOf(form.body)).toContain('Pindahkan Ahmad Fauzi');
    expect(textOf(form.body)).toContain('Angkatan II · Senin, 7 Oktober 2013 · 10 kursi tersisa');
    expect(form.body).not.toContain(`<option value="${first.id}"`);

    const quota = await desk.post(url, { batchId: String(third.id), kembali: back });
    expect(quota.status).toBe(409);
    expect(textOf(quota.body)).toContain('Dinas Perhubungan sudah memakai 1 kursinya di Angkatan III. Pindahkan salah satu pejabatnya ke angkatan lain, atau naikkan kursi per unit kerja angkatan itu.');
    expect(quota.body).toContain('href="#batchId"');
    expect(quota.body).toMatch(new RegExp(`value="${third.id}" selected`));
    await inEnglish(url);
    const english = await desk.post(url, { batchId: String(third.id), kembali: back });
    expect(textOf(english.body)).toContain('Dinas Perhubungan already holds its 1 seat(s) in Angkatan III.');
    await inIndonesian(url);

    await t.organiser.patch(`/batches/${second.id}`, { capacity: 1, unitQuota: 1 });
    const dinkesOfficial = await t.make.participant((await t.make.unit({ name: 'Dinas Sosial' })).id);
    await enrol(second.id, dinkesOfficial.id);
    const full = await desk.post(url, { batchId: String(second.id), kembali: back });
    expect(full.status).toBe(409);
    expect(textOf(full.body)).toContain('Angkatan II sudah penuh. Batalkan atau pindahkan pendaftaran lain di Angkatan II, atau tambah kapasitasnya, lalu coba lagi.');
    expect(await statusOf(fauzi.id)).toEqual({ batchId: first.id, status: 'confirmed' });
    expect((await desk.post(url, { kembali: back })).status).toBe(400);

    await t.organiser.patch(`/batches/${second.id}`, { capacity: 10 });
    const moved = await desk.post(url, { batchId: String(second.id), kembali: back });
    expect(moved).toMatchObject({ status: 303, location: `${back}&ok=enrolmentMoved` });
    expect(await statusOf(fauzi.id)).toEqual({ batchId: second.id, status: 'confirmed' });
    expect(textOf((await desk.follow(moved)).body)).toContain('Pejabat sudah dipindahkan ke angkatan lain.');
    // A return address elsewhere is not followed.
    const again = await desk.post(url, { batchId: String(second.id), kembali: '//evil.example/x' });
    expect(again.location).toBe(`/organisasi/angkatan/${second.id}?ok=enrolmentMoved`);
  });

  it('cancel an enrolment after saying what happens to the seat', async () => {
    const { first, citra, eko } = await world();
    const url = `/organisasi/pendaftaran/${citra.id}/batal`;
    const page = await desk.get(`${url}?kembali=${encodeURIComponent(`/organisasi/angkatan/${first.id}`)}`);
    const text = textOf(page.body);
    expect(text).toContain('Batalkan pendaftaran Citra Lestari?');
    expect(text).toContain('Pendaftaran di Angkatan I (Dinas Kesehatan) dibatalkan.');
    expect(text).toContain('Kursinya langsung diberikan kepada pejabat pertama di daftar tunggu (1 menunggu)');
    const cancelled = await desk.post(url, { kembali: `/organisasi/angkatan/${first.id}` });
    expect(cancelled).toMatchObject({ status: 303, location: `/organisasi/angkatan/${first.id}?ok=enrolmentCancelled` });
    expect(await statusOf(citra.id)).toMatchObject({ status: 'cancelled' });
    expect(await statusOf(eko.id)).toMatchObject({ status: 'confirmed' });
    const twice = await desk.post(url, {});
    expect(twice.status).toBe(409);
    expect(textOf(twice.body)).toContain('Pendaftaran ini sudah dibatalkan.');
  });

  it('promote a waitlisted official only when there is room, saying why not', async () => {
    const { first, eko } = await world();
    const url = `/organisasi/pendaftaran/${eko.id}/naikkan`;
    expect(textOf((await desk.get(url)).body)).toContain('Beri Eko Prasetyo kursi sekarang');
    const refused = await desk.post(url, { kembali: `/organisasi/angkatan/${first.id}` });
    expect(refused.status).toBe(409);
    expect(textOf(refused.body)).toContain('Angkatan I sudah penuh. Batalkan atau pindahkan pendaftaran lain di Angkatan I');
    expect(textOf(refused.body)).toContain('2 dari 2 kursi terisi.');
    await inEnglish(url);
    expect(textOf((await desk.post(url, {})).body)).toContain('Angkatan I is full.');
    await inIndonesian(url);

    await t.organiser.patch(`/batches/${first.id}`, { capacity: 3 });
    // Raising the capacity already gave Eko the seat.
    expect(await statusOf(eko.id)).toMatchObject({ status: 'confirmed' });
    const late = await desk.post(url, {});
    expect(late.status).toBe(409);
    expect(textOf(late.body)).toContain('Pendaftaran ini tidak lagi di daftar tunggu');
  });

  it('enrol an official found by NIP from the batch page, refusing one already enrolled', async () => {
    const { first, second, fauzi } = await world();
    const dinsos = await t.make.unit({ name: 'Dinas Sosial' });
    const dewi = await t.make.participant(dinsos.id, { name: 'Dewi Anggraini' });
    const url = `/organisasi/angkatan/${second.id}/daftarkan`;
    const search = await desk.get(`${url}?cari=${encodeURIComponent(formatNip(dewi.nip))}`);
    expect(search.status).toBe(200);
    const text = textOf(search.body);
    expect(text).toContain(`Dewi Anggraini ${formatNip(dewi.nip)} Dinas Sosial Belum terdaftar`);
    expect(search.body).toContain('aria-label="Daftarkan Dewi Anggraini ke Angkatan II"');
    const everyone = textOf((await desk.get(url)).body);
    expect(everyone).toContain('Ahmad Fauzi');
    expect(everyone).toContain('Terdaftar di Angkatan I');

    const enrolled = await desk.post(url, { participantId: String(dewi.id), cari: formatNip(dewi.nip) });
    expect(enrolled).toMatchObject({ status: 303, location: `${url}?cari=${encodeURIComponent(formatNip(dewi.nip)).replace(/%20/g, '+')}&ok=enrolled` });
    expect(textOf((await desk.follow(enrolled)).body)).toContain('Terdaftar di Angkatan II');

    const participantId = await t.sqlValue<number>('select participant_id p from enrolments where id = ?', fauzi.id);
    const twice = await desk.post(url, { participantId: String(participantId) });
    expect(twice.status).toBe(409);
    expect(textOf(twice.body)).toContain('Pejabat ini sudah terdaftar di Angkatan I. Pindahkan pendaftaran itu ke angkatan ini, atau batalkan lebih dulu.');
    expect(first.id).toBeDefined();
  });

  it('are for the organiser only', async () => {
    const { first, fauzi, dishub } = await world();
    const operator = (await signedInPerson(t.app, t.organiser, { email: 'operator@dishub.go.id', name: 'Operator', role: 'unit', unitId: dishub.id })).client;
    for (const path of [`/organisasi/pendaftaran/${fauzi.id}/pindah`, `/organisasi/pendaftaran/${fauzi.id}/batal`, `/organisasi/angkatan/${first.id}/daftarkan`, `/organisasi/pejabat/1`])
      expect({ path, status: (await operator.get(path)).status }).toEqual({ path, status: 403 });
  });
});
