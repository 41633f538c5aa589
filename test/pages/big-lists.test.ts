import { buildTestApp, type SqlParam, type TestApp } from '../helpers/app';
import { seedPeriod } from '../helpers/asistensi';
import { signedInPerson, textOf, type pageClient } from '../helpers/pages';

// Lists that grow with the deployment (every unit, every official) are shown 25 a page, or
// summarised with the first lines and how many are not shown: never the whole list.

let t: TestApp;
let desk: ReturnType<typeof pageClient>;
beforeEach(async () => {
  t = await buildTestApp();
  desk = (await signedInPerson(t.app, t.organiser, { email: 'organisasi@banjarmasinkota.go.id', name: 'Rina', role: 'organiser' })).client;
});
afterEach(() => t.app.close());

const count = (sql: string, ...params: SqlParam[]) => t.sqlValue<number>(sql, ...params);
/** The body rows of the first table after `marker` in the page. */
function tableRowsAfter(html: string, marker: string): number {
  const from = html.indexOf(marker);
  if (from < 0) throw new Error(`no ${marker} on the page`);
  const table = html.slice(html.indexOf('<tbody>', from), html.indexOf('</tbody>', from));
  return (table.match(/<tr>/g) ?? []).length;
}
/** The items of the first list after `marker` in the page. */
function listItemsAfter(html: string, marker: string): number {
  const from = html.indexOf(marker);
  if (from < 0) throw new Error(`no ${marker} on the page`);
  return (html.slice(html.indexOf('<ul>', from), html.indexOf('</ul>', from)).match(/<li>/g) ?? []).length;
}
async function units(n: number, fields: (i: number) => Record<string, string> = () => ({})) {
  const made = [];
  for (let i = 1; i <= n; i++) made.push(await t.make.unit(fields(i)));
  return made;
}

describe('the units list', () => {
  it('shows 60 units as 3 pages of 25, the filters kept in the links', async () => {
    await units(60);
    await units(5, (i) => ({ code: `KEC${i}`, name: `Kecamatan ${i}`, kind: 'kecamatan' }));
    const first = await desk.get('/organisasi/unit?jenis=dinas');
    expect(first.status).toBe(200);
    expect(tableRowsAfter(first.body, '<table')).toBe(25);
    expect(textOf(first.body)).toContain('Menampilkan 1–25 dari 60');
    expect(textOf(first.body)).toContain('Halaman 1 dari 3');
    expect(first.body).toContain('href="/organisasi/unit?jenis=dinas&amp;halaman=2"');
    expect(first.body).not.toContain('Kecamatan 1<');
    const last = await desk.get('/organisasi/unit?jenis=dinas&halaman=3');
    expect(tableRowsAfter(last.body, '<table')).toBe(10);
    expect(textOf(last.body)).toContain('Menampilkan 51–60 dari 60');
    expect(textOf((await desk.get('/organisasi/unit')).body)).toContain('Menampilkan 1–25 dari 65');
  });
});

describe('the progress page', () => {
  it('counts every unit in the totals and the chart, and lists them 25 a page', async () => {
    const programme = await t.make.programme();
    const made = await units(60);
    for (const unit of made.slice(0, 3)) await t.organiser.post(`/programmes/${programme.id}/drafts`, { unitId: unit.id, title: 'Draf', sopCount: 2 });
    const url = `/organisasi/program/${programme.id}/progres`;
    const first = await desk.get(url);
    const text = textOf(first.body);
    expect(text).toContain('60 unit kerja');
    expect(text).toContain('3 unit sudah mengirim draf');
    expect(text).toContain('Unit menurut tahap draf SOP: Belum mengirim draf 57, Terkirim, menunggu diterima 0, Diterima 3');
    expect(tableRowsAfter(first.body, '<table')).toBe(25);
    expect(text).toContain('Halaman 1 dari 3');
    const second = await desk.get(`${url}?halaman=2`);
    expect(textOf(second.body)).toContain('Menampilkan 26–50 dari 60');
    expect(textOf(second.body)).toContain('60 unit kerja');
    expect(tableRowsAfter((await desk.get(`${url}?halaman=3`)).body, '<table')).toBe(10);

    // The API answers every unit as before, or a page of them with the totals of all.
    const whole = (await t.organiser.get(`/programmes/${programme.id}/progress`)).body;
    expect(whole.units).toHaveLength(60);
    const paged = (await t.organiser.get(`/programmes/${programme.id}/progress?limit=25&offset=50`)).body;
    expect(paged.units).toHaveLength(10);
    expect(paged.units[0].unitId).toBe(whole.units[50].unitId);
    expect(paged.totals).toEqual(whole.totals);
    expect((await t.organiser.get(`/programmes/${programme.id}/progress?limit=0`)).status).toBe(400);
  });
});

describe('the distribution preview', () => {
  it('summarises per batch and per reason, pages who goes where, names the first unplaced, and saves the whole plan', async () => {
    const programme = await t.make.programme();
    const first = await t.make.batch(programme.id, { name: 'Angkatan I', capacity: 30, eligibleUnitKinds: ['dinas'] });
    const second = await t.make.batch(programme.id, { name: 'Angkatan II', capacity: 20, eligibleUnitKinds: ['dinas'] });
    for (const unit of await units(60)) await t.make.participant(unit.id);
    for (const unit of await units(30, (i) => ({ code: `KEC${i}`, name: `Kecamatan ${i}`, kind: 'kecamatan' }))) await t.make.participant(unit.id);

    const url = `/organisasi/program/${programme.id}/distribusi`;
    const preview = await desk.get(url);
    const text = textOf(preview.body);
    expect(text).toContain('50 pejabat akan ditempatkan');
    expect(text).toMatch(/Angkatan I 30 Angkatan II 20/);
    expect(text).toContain('40 pejabat tidak dapat ditempatkan');
    expect(text).toContain('Tidak ada angkatan untuk jenis unitnya. 30');
    expect(text).toContain('Angkatan yang boleh diikuti sudah penuh atau kuota unitnya habis. 10');
    expect(tableRowsAfter(preview.body, 'Siapa ke angkatan mana')).toBe(25);
    expect(text).toContain('Menampilkan 1–25 dari 50');
    expect(text).toContain('Menyimpan menempatkan seluruh 50 pejabat, termasuk yang ada di halaman lain.');
    expect(tableRowsAfter(preview.body, 'Pejabat</th><th scope="col">Unit kerja</th><th scope="col">Alasan')).toBe(25);
    expect(text).toContain('15 pejabat lainnya tidak ditampilkan; jumlah per alasan ada di atas.');
    expect(Buffer.byteLength(preview.body)).toBeLessThan(60_000);

    // The save applies the plan as a whole, from whichever page it was sent.
    const page2 = await desk.get(`${url}?halaman=2`);
    expect(tableRowsAfter(page2.body, 'Siapa ke angkatan mana')).toBe(25);
    const plan = /name="plan" value="([0-9a-f]+)"/.exec(page2.body)![1]!;
    expect(plan).toBe(/name="plan" value="([0-9a-f]+)"/.exec(preview.body)![1]);
    expect(await desk.post(url, { plan })).toMatchObject({ status: 303 });
    expect(await count("select count(*) n from enrolments where status = 'confirmed' and batch_id = ?", first.id)).toBe(30);
    expect(await count("select count(*) n from enrolments where status = 'confirmed' and batch_id = ?", second.id)).toBe(20);
  });
});

describe('the auto-schedule preview', () => {
  it('counts sessions per day, pages them, names the first units left out, and saves every session', async () => {
    const { period } = await seedPeriod(t, { workingDays: 15 });
    expect(await count('select count(*) n from slots where period_id = ?', period.id)).toBe(30);
    for (const unit of await units(60)) expect((await t.organiser.post(`/asistensi-periods/${period.id}/requests`, { unitId: unit.id })).status).toBe(201);

    const url = `/organisasi/asistensi/${period.id}/jadwal-otomatis`;
    const preview = await desk.get(url);
    const text = textOf(preview.body);
    expect(text).toContain('30 unit akan mendapat jadwal');
    expect(text).toMatch(/Senin, 21 Oktober 2013 2 Selasa, 22 Oktober 2013 2/);
    expect(listItemsAfter(preview.body, '30 unit akan mendapat jadwal')).toBe(25);
    expect(text).toContain('Menampilkan 1–25 dari 30');
    expect(text).toContain('30 unit belum mendapat sesi kosong');
    expect(listItemsAfter(preview.body, '30 unit belum mendapat sesi kosong')).toBe(25);
    expect(text).toContain('5 unit lainnya tidak ditampilkan.');

    const page2 = await desk.get(`${url}?halaman=2`);
    expect(listItemsAfter(page2.body, '30 unit akan mendapat jadwal')).toBe(5);
    const plan = /name="plan" value="([0-9a-f]+)"/.exec(page2.body)![1]!;
    expect(await desk.post(url, { plan })).toMatchObject({ status: 303 });
    expect(await count("select count(*) n from bookings where status = 'active'")).toBe(30);
  });
});

describe('the unit filter of the officials search', () => {
  const importUnits = async (n: number) => {
    const lines = Array.from({ length: n }, (_, i) => `U${String(i + 1).padStart(4, '0')},Kelurahan Nomor ${i + 1},kelurahan`);
    const imported = await t.organiser.post('/units/import', `code,name,kind\n${lines.join('\n')}\n`, { 'content-type': 'text/csv' });
    expect(imported.status).toBe(200);
  };

  it('lists the units while there are few, and asks for a unit code past 300 (people and enrol pages): never every unit in the page', async () => {
    const programme = await t.make.programme();
    const batch = await t.make.batch(programme.id);
    await importUnits(300);
    const few = await desk.get(`/organisasi/program/${programme.id}/pejabat`);
    expect((few.body.match(/<option /g) ?? []).length).toBe(301); // every unit and "all units"
    expect(few.body).not.toContain('name="kodeUnit"');

    await importUnits(320);
    const target = (await t.organiser.get('/units?code=U0007')).body[0];
    await t.make.participant(target.id, { name: 'Siti Aminah' });
    await t.make.participant((await t.organiser.get('/units?code=U0008')).body[0].id, { name: 'Siti Rahmah' });
    for (const url of [`/organisasi/program/${programme.id}/pejabat`, `/organisasi/angkatan/${batch.id}/daftarkan`]) {
      const many = await desk.get(url);
      expect(many.status).toBe(200);
      expect(many.body).not.toContain('<option');
      expect(many.body).toContain('name="kodeUnit"');
      expect(many.body.length).toBeLessThan(40_000);

      const byCode = await desk.get(`${url}?cari=siti&kodeUnit=u0007`);
      expect(textOf(byCode.body)).toContain('Siti Aminah');
      expect(textOf(byCode.body)).not.toContain('Siti Rahmah');
      expect(byCode.body).toContain('value="U0007"');
      // A link that names the unit by id (a page's own links) shows its code in the field.
      expect((await desk.get(`${url}?unit=${target.id}`)).body).toContain('value="U0007"');

      const unknown = await desk.get(`${url}?kodeUnit=TIDAK-ADA`);
      expect(unknown.status).toBe(200);
      expect(textOf(unknown.body)).toContain('Tidak ada unit kerja dengan kode TIDAK-ADA.');
      expect(textOf(unknown.body)).not.toContain('Siti');
    }
  });
});
