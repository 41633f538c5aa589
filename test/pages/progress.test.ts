import { buildTestApp, type TestApp } from '../helpers/app';
import { signedInPerson, textOf } from '../helpers/pages';

let t: TestApp;
beforeEach(async () => (t = await buildTestApp()));
afterEach(() => t.app.close());

describe('the progress page', () => {
  it('shows totals, a chart of units by draft stage with its numbers in words, every unit, and the downloads', async () => {
    const { client: desk } = await signedInPerson(t.app, t.organiser, { email: 'organisasi@banjarmasinkota.go.id', name: 'Rina', role: 'organiser' });
    const programme = await t.make.programme();
    const [dishub, dinkes] = [await t.make.unit({ code: 'DISHUB', name: 'Dinas Perhubungan' }), await t.make.unit({ code: 'DINKES', name: 'Dinas Kesehatan' })];
    await t.make.unit({ code: 'KEC-BU', name: 'Kecamatan Banjarmasin Utara', kind: 'kecamatan' });
    await t.organiser.post(`/programmes/${programme.id}/drafts`, { unitId: dishub.id, title: 'Draf', sopCount: 3 });
    await t.as(await t.unitKey(dinkes.id)).post(`/programmes/${programme.id}/drafts`, { unitId: dinkes.id, title: 'Draf', sopCount: 2 });
    const page = await desk.get(`/organisasi/program/${programme.id}/progres`);
    expect(page.status).toBe(200);
    const text = textOf(page.body);
    expect(text).toContain('3 unit kerja');
    expect(text).toContain('2 unit sudah mengirim draf');
    expect(page.body).toMatch(/<svg class="chart"[^>]*role="img"/);
    expect(text).toContain('Unit menurut tahap draf SOP: Belum mengirim draf 1, Terkirim, menunggu diterima 1, Diterima 1');
    expect(text).toMatch(/DISHUB Dinas Perhubungan 0\/0 Diterima Belum/);
    expect(page.body).toContain(`href="/organisasi/program/${programme.id}/progres.xlsx"`);
    expect((await desk.get('/organisasi/program/999/progres')).status).toBe(404);
  });
});
