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

/** After the clock moved past the session's limits: sign in again. */
async function signInAgain() {
  await desk.get('/masuk');
  await desk.post('/masuk', { email: 'organisasi@banjarmasinkota.go.id', password: PASSWORD });
}

const enrol = async (batchId: number, participantId: number) => (await t.organiser.post(`/batches/${batchId}/enrolments`, { participantId })).body as { id: number; status: string };
const captions = (html: string) => [...html.matchAll(/<caption class="month__title">([^<]+)<\/caption>/g)].map((m) => m[1]);

/** Angkatan I (3 seats, 2 a unit): Ahmad and Budi of Dinas Perhubungan and Citra of Dinas Kesehatan enrolled, Dewi of Dinas Kesehatan waiting. */
async function roster() {
  const programme = await t.make.programme();
  const batch = await t.make.batch(programme.id, { name: 'Angkatan I', capacity: 3, unitQuota: 2 });
  const dishub = await t.make.unit({ name: 'Dinas Perhubungan' });
  const dinkes = await t.make.unit({ name: 'Dinas Kesehatan' });
  const people = {
    ahmad: await t.make.participant(dishub.id, { name: 'Ahmad Fauzi', position: 'Kepala Seksi Angkutan' }),
    budi: await t.make.participant(dishub.id, { name: 'Budi Santoso' }),
    citra: await t.make.participant(dinkes.id, { name: 'Citra Lestari' }),
    dewi: await t.make.participant(dinkes.id, { name: 'Dewi Anggraini' }),
  };
  const enrolments = { ahmad: await enrol(batch.id, people.ahmad.id), budi: await enrol(batch.id, people.budi.id), citra: await enrol(batch.id, people.citra.id), dewi: await enrol(batch.id, people.dewi.id) };
  return { programme, batch, dishub, dinkes, people, enrolments, url: `/organisasi/angkatan/${batch.id}` };
}

describe("a batch's roster", () => {
  it('lists every enrolled official with NIP as printed, position, unit, status and attendance, and the waitlist in order', async () => {
    const { people, enrolments, url } = await roster();
    const page = await desk.get(url);
    expect(page.status).toBe(200);
    const text = textOf(page.body);
    expect(text).toContain(`Ahmad Fauzi ${formatNip(people.ahmad.nip)} Kepala Seksi Angkutan Dinas Perhubungan Terdaftar Hari 1: belum dicatat Hari 2: belum dicatat`);
    expect(text).toMatch(/Urutan Nama NIP Jabatan Unit kerja Status Tindakan 1 Dewi Anggraini \d{8} \d{6} \d \d{3} — Dinas Kesehatan Daftar tunggu \(urutan 1\) Beri kursi/);
    expect(text).toContain('0 dari 3 hadir');
    expect(page.body).toContain(`href="/organisasi/pejabat/${people.ahmad.id}?program=`);
    // Each line's actions, the waitlisted one's seat button among them.
    expect(page.body).toContain(`/organisasi/pendaftaran/${enrolments.ahmad.id}/pindah?kembali=${encodeURIComponent(url)}`);
    expect(page.body).toContain(`/organisasi/pendaftaran/${enrolments.ahmad.id}/batal?kembali=`);
    expect(page.body).toContain(`action="/organisasi/pendaftaran/${enrolments.dewi.id}/naikkan"`);
    expect(page.body).not.toContain(`action="/organisasi/pendaftaran/${enrolments.ahmad.id}/naikkan"`);
  });

  it('filters by unit and by name or NIP (printed or not), keeping the filter in its form; blank means everyone', async () => {
    const { dinkes, people, url } = await roster();
    const byUnit = textOf((await desk.get(`${url}?unit=${dinkes.id}&cari=`)).body);
    expect(byUnit).toContain('Citra Lestari');
    expect(byUnit).toContain('Dewi Anggraini');
    expect(byUnit).not.toContain('Ahmad Fauzi');
    expect(byUnit).toContain('Menampilkan 1 dari 3 pejabat terdaftar.');

    const byName = await desk.get(`${url}?cari=fauzi`);
    expect(textOf(byName.body)).toContain('Ahmad Fauzi');
    expect(textOf(byName.body)).not.toContain('Budi Santoso');
    expect(byName.body).toContain('value="fauzi"');

    const printed = formatNip(people.budi.nip).slice(0, 15);
    const byNip = await desk.get(`${url}?cari=${encodeURIComponent(printed)}&unit=`);
    expect(textOf(byNip.body)).toContain('Budi Santoso');
    expect(textOf(byNip.body)).not.toContain('Ahmad Fauzi');
    const dotted = `${people.budi.nip.slice(0, 8)}.${people.budi.nip.slice(8, 14)}`;
    expect(textOf((await desk.get(`${url}?cari=${dotted}`)).body)).toContain('Budi Santoso');

    const none = textOf((await desk.get(`${url}?cari=Zulkifli`)).body);
    expect(none).toContain('Tidak ada pejabat yang cocok dengan saringan ini.');
    const everyone = textOf((await desk.get(`${url}?unit=&cari=`)).body);
    for (const name of ['Ahmad Fauzi', 'Budi Santoso', 'Citra Lestari', 'Dewi Anggraini']) expect(everyone).toContain(name);
    expect(everyone).not.toContain('Menampilkan');
    expect((await desk.get(`${url}?unit=satu`)).status).toBe(404);
  });

  it("counts those present per day and records a checklist filtered by name for those shown only", async () => {
    const { enrolments, url } = await roster();
    t.clock.set('2013-10-07T10:00:00+08:00');
    await signInAgain();
    await desk.get(url);
    expect((await desk.post(`${url}/hadir`, { date: '2013-10-07', present: [String(enrolments.ahmad.id), String(enrolments.citra.id)] })).location).toBe(`${url}?ok=attendanceSaved`);

    const filtered = await desk.get(`${url}?cari=Budi`);
    expect(textOf(filtered.body)).toContain('Daftar ini disaring: hanya 1 pejabat yang tampil dicatat; tanda yang lain tidak berubah.');
    expect(textOf(filtered.body)).toContain('2 dari 3 hadir');
    expect(filtered.body).toContain(`name="among" value="${enrolments.budi.id}"`);
    expect(filtered.body).not.toContain(`name="among" value="${enrolments.ahmad.id}"`);
    const saved = await desk.post(`${url}/hadir`, { date: '2013-10-07', present: [String(enrolments.budi.id)], among: [String(enrolments.budi.id)], kembali: `${url}?cari=Budi` });
    expect(saved).toMatchObject({ status: 303, location: `${url}?cari=Budi&ok=attendanceSaved` });
    const marks = await t.sql("select enrolment_id id, present from attendance where date = '2013-10-07' order by enrolment_id");
    expect(marks).toEqual([
      { id: enrolments.ahmad.id, present: 1 },
      { id: enrolments.budi.id, present: 1 },
      { id: enrolments.citra.id, present: 1 },
    ]);
    const after = textOf((await desk.follow(saved)).body);
    expect(after).toContain('3 dari 3 hadir');
    expect(after).toContain('0 dari 3 hadir');
    // The return address is this batch's own page, never another site.
    expect((await desk.post(`${url}/hadir`, { date: '2013-10-07', present: [], among: [String(enrolments.budi.id)], kembali: 'https://evil.example/' })).location).toBe(`${url}?ok=attendanceSaved`);
  });
});

describe('the batches list', () => {
  it("opens its calendar at the programme's first batch or asistensi period, else at today's month", async () => {
    const empty = await t.make.programme({ name: 'Program kosong' });
    expect(captions((await desk.get(`/organisasi/program/${empty.id}/angkatan`)).body)[0]).toBe('September 2013');

    const withPeriod = await t.make.programme({ name: 'Program asistensi' });
    expect((await t.organiser.post(`/programmes/${withPeriod.id}/asistensi-periods`, { name: 'Asistensi', startDate: '2013-11-04' })).status).toBe(201);
    expect(captions((await desk.get(`/organisasi/program/${withPeriod.id}/angkatan`)).body)[0]).toBe('November 2013');

    const withBatches = await t.make.programme({ name: 'Program angkatan' });
    await t.make.batch(withBatches.id, { days: [{ date: '2013-12-02', start: '08:00', end: '16:00' }] });
    await t.make.batch(withBatches.id);
    const list = await desk.get(`/organisasi/program/${withBatches.id}/angkatan`);
    expect(captions(list.body)).toEqual(['Oktober 2013', 'November 2013']);
    expect(captions((await desk.get(`/organisasi/program/${withBatches.id}/angkatan?bulan=2014-01`)).body)[0]).toBe('Januari 2014');
  });
});

describe('dates before today', () => {
  const form = (fields: Record<string, string>) => ({ name: 'Angkatan Susulan', capacity: '50', unitQuota: '3', 'start-1': '08:00', 'end-1': '16:00', ...fields });

  it('asks to confirm a batch dated in the past before adding it, in both languages', async () => {
    const programme = await t.make.programme();
    const url = `/organisasi/program/${programme.id}/angkatan`;
    await desk.get(url);
    const asked = await desk.post(url, form({ 'date-1': '2013-08-26' }));
    expect(asked.status).toBe(422);
    expect(textOf(asked.body)).toContain('Senin, 26 Agustus 2013 sudah lewat.');
    expect(asked.body).toContain('href="#confirmPast"');
    expect(asked.body).toMatch(/id="confirmPast"/);
    expect(asked.body).toContain('value="2013-08-26"');
    expect(await t.sqlOne('select count(*) n from batches')).toEqual({ n: 0 });

    await desk.get('/bahasa/en?kembali=/organisasi');
    const inEnglish = await desk.post(url, form({ 'date-1': '2013-08-26' }));
    expect(inEnglish.status).toBe(422);
    expect(textOf(inEnglish.body)).toContain('Monday, 26 August 2013 has already passed.');
    expect(textOf(inEnglish.body)).toContain('Yes, these past dates are right');
    await desk.get('/bahasa/id?kembali=/organisasi');

    expect(await desk.post(url, form({ 'date-1': '2013-08-26', confirmPast: 'true' }))).toMatchObject({ status: 303, location: `${url}?ok=batchAdded` });
    // Today is not in the past.
    expect((await desk.post(url, form({ name: 'Angkatan Hari Ini', 'date-1': '2013-09-02' }))).status).toBe(303);
  });

  it('asks again on a change only for past dates the batch did not have', async () => {
    const programme = await t.make.programme();
    await desk.get('/organisasi');
    const added = await desk.post(`/organisasi/program/${programme.id}/angkatan`, form({ 'date-1': '2013-08-26', confirmPast: 'true' }));
    expect(added.status).toBe(303);
    const id = await t.sqlValue<number>('select id from batches');
    const url = `/organisasi/angkatan/${id}/ubah`;
    await desk.get(url);
    expect((await desk.post(url, form({ 'date-1': '2013-08-26', venue: 'Aula Bappeda' }))).status).toBe(303);
    const asked = await desk.post(url, form({ 'date-1': '2013-08-26', 'date-2': '2013-08-27', 'start-2': '08:00', 'end-2': '16:00' }));
    expect(asked.status).toBe(422);
    expect(textOf(asked.body)).toContain('Selasa, 27 Agustus 2013 sudah lewat.');
    expect(textOf(asked.body)).not.toContain('Senin, 26 Agustus 2013 sudah lewat');
    expect(await t.sqlOne('select count(*) n from batch_days')).toEqual({ n: 1 });
  });
});

describe('removing a batch', () => {
  it('shows what goes with it first, refuses while officials hold seats, then removes it', async () => {
    const { programme, batch, enrolments, url } = await roster();
    const blocked = await desk.get(`${url}/hapus`);
    expect(blocked.status).toBe(200);
    expect(textOf(blocked.body)).toContain('3 pejabat masih terdaftar di angkatan ini. Pindahkan atau batalkan pendaftaran mereka lebih dulu');
    expect(blocked.body).not.toContain(`action="${url}/hapus"`);
    const refused = await desk.post(`${url}/hapus`);
    expect(refused.status).toBe(409);
    expect(textOf(refused.body)).toContain('3 pejabat masih terdaftar di angkatan ini.');

    t.clock.set('2013-10-07T10:00:00+08:00');
    await signInAgain();
    await t.organiser.put(`/enrolments/${enrolments.ahmad.id}/attendance`, { date: '2013-10-07', present: true });
    for (const e of [enrolments.ahmad, enrolments.budi, enrolments.citra]) await t.organiser.delete(`/enrolments/${e.id}`);
    // Dewi was promoted into a freed seat: cancel her too.
    await t.organiser.delete(`/enrolments/${enrolments.dewi.id}`);
    const page = await desk.get(`${url}/hapus`);
    const text = textOf(page.body);
    expect(text).toContain('Hapus Angkatan I?');
    expect(text).toContain('2 hari pelaksanaan (juga dari kalender)');
    expect(text).toContain('4 pendaftaran yang sudah dibatalkan');
    expect(text).toContain('1 tanda kehadiran');
    const removed = await desk.post(`${url}/hapus`);
    expect(removed).toMatchObject({ status: 303, location: `/organisasi/program/${programme.id}/angkatan?ok=batchRemoved` });
    expect(textOf((await desk.follow(removed)).body)).toContain('Angkatan sudah dihapus.');
    expect(await t.sqlOne('select count(*) n from batches where id = ?', batch.id)).toEqual({ n: 0 });
    expect((await t.organiser.get(`/audit?entity=batch&entityId=${batch.id}`)).body[0]).toMatchObject({ action: 'batch.delete' });
    expect((await desk.get(`${url}/hapus`)).status).toBe(404);
  });
});
