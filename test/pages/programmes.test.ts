import { buildTestApp, type TestApp } from '../helpers/app';
import { signedInPerson, textOf, type PageClient } from '../helpers/pages';

let t: TestApp;
let desk: PageClient;
beforeEach(async () => {
  t = await buildTestApp();
  desk = (await signedInPerson(t.app, t.organiser, { email: 'organisasi@banjarmasinkota.go.id', name: 'Rina', role: 'organiser' })).client;
});
afterEach(() => t.app.close());

const programmeRows = () => t.sql('select name, timezone, draft_deadline, public_calendar, public_unit_names from programmes');

describe('programme pages', () => {
  it('creates a programme in WITA with deadlines, refusing a bad date in words and keeping what was typed', async () => {
    await desk.get('/organisasi/program/baru');
    const bad = await desk.post('/organisasi/program/baru', { name: 'Penyusunan SOP 2013', timezone: 'Asia/Makassar', draftDeadline: '2013-02-30', publicCalendar: 'true' });
    expect(bad.status).toBe(400);
    expect(textOf(bad.body)).toContain('Batas pengiriman draf SOP: Tanggal 2013-02-30 tidak ada di kalender. Tulis tanggal seperti 31/12/2027 (tanggal/bulan/tahun).');
    expect(bad.body).toContain('value="Penyusunan SOP 2013"');
    expect(await programmeRows()).toEqual([]);

    const created = await desk.post('/organisasi/program/baru', { name: 'Penyusunan SOP 2013', timezone: 'Asia/Makassar', draftDeadline: '2013-10-31', finalDeadline: '', publicCalendar: 'true' });
    expect(created).toMatchObject({ status: 303, location: expect.stringMatching(/^\/organisasi\/program\/\d+\?ok=programmeCreated$/) });
    expect(await programmeRows()).toEqual([{ name: 'Penyusunan SOP 2013', timezone: 'Asia/Makassar', draft_deadline: '2013-10-31', public_calendar: 1, public_unit_names: 0 }]);
    const page = textOf((await desk.follow(created)).body);
    expect(page).toContain('Program sudah dibuat.');
    expect(page).toContain('WITA (Asia/Makassar)');
    expect(page).toContain('Kamis, 31 Oktober 2013');
  });

  it('edits a programme: unticking a box turns it off, the zone list names WIB, WITA and WIT', async () => {
    const programme = await t.make.programme({ name: 'Penyusunan SOP 2013', timezone: 'WITA', publicUnitNames: true });
    const form = await desk.get(`/organisasi/program/${programme.id}/ubah`);
    expect(textOf(form.body)).toMatch(/WIB \(Asia\/Jakarta\).*WITA \(Asia\/Makassar\).*WIT \(Asia\/Jayapura\)/);
    expect(form.body).toMatch(/<option value="Asia\/Makassar" selected/);
    const saved = await desk.post(`/organisasi/program/${programme.id}/ubah`, { name: 'Penyusunan SOP 2014', timezone: 'Asia/Jakarta', publicCalendar: 'true' });
    expect(saved).toMatchObject({ status: 303, location: `/organisasi/program/${programme.id}?ok=programmeSaved` });
    expect(await programmeRows()).toEqual([expect.objectContaining({ name: 'Penyusunan SOP 2014', timezone: 'Asia/Jakarta', public_unit_names: 0 })]);
    expect((await desk.get('/organisasi/program/999/ubah')).status).toBe(404);
  });

  it('shows a programme at a glance, linked from the console', async () => {
    const programme = await t.make.programme({ name: 'Penyusunan SOP 2013' });
    await t.make.batch(programme.id, { name: 'Angkatan I' });
    await t.organiser.post(`/programmes/${programme.id}/asistensi-periods`, { name: 'Asistensi SOP 2013', startDate: '2013-10-21' });
    expect((await desk.get('/organisasi')).body).toContain(`href="/organisasi/program/${programme.id}"`);
    const page = await desk.get(`/organisasi/program/${programme.id}`);
    expect(textOf(page.body)).toContain('1 angkatan, 0 pejabat terdaftar.');
    expect(textOf(page.body)).toContain('1 periode, 0 jadwal terpesan.');
    expect(page.body).toMatch(/href="\/organisasi\/asistensi\/\d+\/jadwal\.pdf"/);
  });
});
