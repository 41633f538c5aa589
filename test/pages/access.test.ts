import { buildTestApp, type TestApp } from '../helpers/app';
import { signedInPerson, textOf, type PageClient } from '../helpers/pages';

let t: TestApp;
let desk: PageClient;
beforeEach(async () => {
  t = await buildTestApp();
  desk = (await signedInPerson(t.app, t.organiser, { email: 'organisasi@banjarmasinkota.go.id', name: 'Rina Kartika', role: 'organiser' })).client;
});
afterEach(() => t.app.close());

describe('API keys and the change log on the console', () => {
  it('creates a key shown once, which works, and revokes it', async () => {
    const unit = await t.make.unit({ name: 'Dinas Perhubungan' });
    await desk.get('/organisasi/kunci');
    const refused = await desk.post('/organisasi/kunci', { label: 'Sinkronisasi', role: 'unit', unitId: '' });
    expect(refused.status).toBe(400);
    const created = await desk.post('/organisasi/kunci', { label: 'Sinkronisasi SIMPEG', role: 'unit', unitId: String(unit.id) });
    expect(created.status).toBe(201);
    const key = /id="key" type="text" readonly value="([^"]+)"/.exec(created.body)![1]!;
    expect((await t.as(key).get('/me')).status).toBe(200);
    const list = await desk.get('/organisasi/kunci');
    expect(list.body).not.toContain(key);
    expect(textOf(list.body)).toContain('Sinkronisasi SIMPEG Operator unit kerja · Dinas Perhubungan');
    const id = await t.sqlValue<number>('select id from api_keys where label = ?', 'Sinkronisasi SIMPEG');
    expect(await desk.post(`/organisasi/kunci/${id}/cabut`)).toMatchObject({ status: 303, location: '/organisasi/kunci?ok=keyRevoked' });
    expect((await t.as(key).get('/me')).status).toBe(401);
  });

  it('shows the log with who, what, when and a readable before and after, filtered', async () => {
    const unit = await t.make.unit({ code: 'DISKOMINFO', name: 'Dinas Kominfo' });
    await desk.get('/organisasi/unit');
    await t.organiser.patch(`/units/${unit.id}`, { name: 'Dinas Komunikasi dan Informatika' });
    const all = await desk.get('/organisasi/catatan');
    expect(all.status).toBe(200);
    const text = textOf(all.body);
    expect(text).toMatch(/Senin, 2 September 2013, 09\.00 WITA kunci Bagian Organisasi Unit kerja diubah Unit kerja #\d+ Rincian Nama Dinas Kominfo Dinas Komunikasi dan Informatika/);
    expect(text).toContain('Rina Kartika');

    const filtered = textOf((await desk.get('/organisasi/catatan?tindakan=unit.create&dari=2013-09-02&sampai=2013-09-02')).body);
    // (The action list offers every action; the table shows only the matching rows.)
    expect(filtered).toMatch(/Unit kerja ditambahkan Unit kerja #/);
    expect(filtered).not.toMatch(/Unit kerja diubah Unit kerja #/);
    expect(textOf((await desk.get('/organisasi/catatan?dari=2013-09-03')).body)).toContain('Tidak ada catatan yang cocok.');
    const userId = await t.sqlValue<number>("select id from users where email = 'organisasi@banjarmasinkota.go.id'");
    const mine = textOf((await desk.get(`/organisasi/catatan?siapa=u${userId}`)).body);
    expect(mine).toMatch(/Kata sandi dibuat Pengguna #/);
    expect(mine).not.toMatch(/Unit kerja diubah Unit kerja #/);
    expect((await desk.get('/organisasi/catatan?siapa=robot')).status).toBe(404);
    // The filter form as a browser sends it with every field left at "all".
    const blank = await desk.get('/organisasi/catatan?siapa=&tindakan=&data=&nomor=&dari=&sampai=');
    expect(blank.status).toBe(200);
    expect(textOf(blank.body)).toMatch(/Unit kerja diubah Unit kerja #/);
  });
});
