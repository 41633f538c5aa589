import { systemActor } from '../../src/platform/actor';
import { pageClient, textOf } from '../helpers/pages';
import { hostedDeployment, type Deployment } from '../helpers/tenants';

/*
 * The platform administrator's pages: the province at home registers a kabupaten with its first
 * organiser, who then works at the kabupaten's own address; no other government has the pages.
 */

const PASSWORD = 'kopi-pagi-di-martapura';

/** An organiser of the government at `prefix` ('' for the home), signed in on the pages. */
async function signedInOrganiser(d: Deployment, slug: string | null, email: string) {
  const services = slug ? (await d.tenant(slug)).services : d.app.tenancy.home.services;
  const prefix = slug ? `/g/${slug}` : '';
  const invited = await services.users.invite(systemActor, { role: 'organiser', email, name: 'Rina Kartika' });
  const pages = pageClient(d.app);
  await setPassword(pages, invited.setPasswordUrl);
  await pages.get(`${prefix}/masuk`);
  expect((await pages.post(`${prefix}/masuk`, { email, password: PASSWORD })).status).toBe(303);
  return pages;
}

async function setPassword(pages: ReturnType<typeof pageClient>, url: string) {
  const link = new URL(url).pathname;
  await pages.get(link);
  expect((await pages.post(link, { password: PASSWORD, confirm: PASSWORD })).status).toBeLessThan(400);
}

const tanahLaut = { name: 'Kabupaten Tanah Laut', slug: 'tanahlaut', kind: 'kabupaten', parent: 'kalsel', host: '', organisationName: 'Bagian Organisasi Setda Kabupaten Tanah Laut', timezone: 'Asia/Makassar', mailFrom: '', organiserName: 'Dedi Kurniawan', organiserEmail: 'dedi@tanahlautkab.go.id' };

describe('the registered governments page', () => {
  it('lets the home government’s organiser register a kabupaten and its first organiser, who then signs in at its address', async () => {
    const d = await hostedDeployment('path');
    const pages = await signedInOrganiser(d, null, 'rina@kalselprov.go.id');
    expect(textOf((await pages.get('/organisasi')).body)).toContain('Pemerintah terdaftar');
    const list = textOf((await pages.get('/organisasi/pemerintah/terdaftar')).body);
    expect(list).toContain('Provinsi Kalimantan Selatan');
    expect(list).toContain('https://sop.kalselprov.go.id/g/banjarbaru');

    // Refusals name the field and say how to put it right, and register nothing.
    await pages.get('/organisasi/pemerintah/baru');
    const badSlug = await pages.post('/organisasi/pemerintah/baru', { ...tanahLaut, slug: 'Tanah Laut' });
    expect(badSlug.status).toBe(400);
    expect(textOf(badSlug.body)).toContain('Kode alamat harus 2–40 huruf kecil, angka dan tanda hubung');
    const taken = await pages.post('/organisasi/pemerintah/baru', { ...tanahLaut, slug: 'banjarbaru' });
    expect(taken.status).toBe(400);
    expect(textOf(taken.body)).toContain('Kode alamat ini sudah dipakai pemerintah lain: pilih yang lain.');
    const wrongParent = await pages.post('/organisasi/pemerintah/baru', { ...tanahLaut, kind: 'provinsi' });
    expect(wrongParent.status).toBe(400);
    expect(textOf(wrongParent.body)).toContain('Kabupaten dan kota berada di bawah provinsi');
    const badSender = await pages.post('/organisasi/pemerintah/baru', { ...tanahLaut, mailFrom: 'organisasi di tanahlaut' });
    expect(textOf(badSender.body)).toContain('Tulis alamat email saja');
    const noOrganiser = await pages.post('/organisasi/pemerintah/baru', { ...tanahLaut, organiserEmail: 'dedi' });
    expect(noOrganiser.status).toBe(400);
    expect((await d.app.tenancy.registry.list()).map((t) => t.slug)).toEqual(['kalsel', 'banjarmasin', 'banjarbaru']);

    // Sent twice at once (a double click): one registers it, the other is told the code is taken.
    const both = await Promise.all([pages.post('/organisasi/pemerintah/baru', tanahLaut), pages.post('/organisasi/pemerintah/baru', tanahLaut)]);
    expect(both.map((reply) => reply.status).sort()).toEqual([201, 400]);
    const registered = both.find((reply) => reply.status === 201)!;
    const again = both.find((reply) => reply.status === 400)!;
    expect(textOf(again.body)).toContain('Kode alamat ini sudah dipakai pemerintah lain: pilih yang lain.');
    const text = textOf(registered.body);
    expect(text).toContain('Kabupaten Tanah Laut terdaftar');
    expect(text).toContain('https://sop.kalselprov.go.id/g/tanahlaut');
    const link = /value="(https:\/\/sop\.kalselprov\.go\.id\/g\/tanahlaut\/[^"]+)"/.exec(registered.body)![1]!;
    expect(textOf((await pages.get('/organisasi/pemerintah/terdaftar')).body)).toContain('Kabupaten Tanah Laut');
    const log = textOf((await pages.get('/organisasi/catatan')).body);
    expect(log).toContain('Pemerintah didaftarkan di layanan ini');

    // Its organiser makes a password with the link and works at the kabupaten's address, in its name.
    const organiser = pageClient(d.app);
    await setPassword(organiser, link);
    await organiser.get('/g/tanahlaut/masuk');
    expect((await organiser.post('/g/tanahlaut/masuk', { email: 'dedi@tanahlautkab.go.id', password: PASSWORD })).status).toBe(303);
    const console = textOf((await organiser.get('/g/tanahlaut/organisasi')).body);
    expect(console).toContain('Bagian Organisasi Setda Kabupaten Tanah Laut');
    expect(console).not.toContain('Pemerintah terdaftar');
    // The province now sees it below itself.
    expect(textOf((await pages.get('/organisasi/pemerintah')).body)).toContain('Kabupaten Tanah Laut');
  });

  it('is the home government’s only: another government’s organiser, and a deployment of one government, do not have it', async () => {
    const d = await hostedDeployment('path');
    const city = await signedInOrganiser(d, 'banjarbaru', 'ani@banjarbarukota.go.id');
    expect((await city.get('/g/banjarbaru/organisasi/pemerintah/terdaftar')).status).toBe(404);
    await city.get('/g/banjarbaru/organisasi');
    expect((await city.post('/g/banjarbaru/organisasi/pemerintah/baru', tanahLaut)).status).toBe(404);
    expect((await d.app.tenancy.registry.list()).map((t) => t.slug)).not.toContain('tanahlaut');

    const single = await hostedDeployment('single');
    const home = await signedInOrganiser(single, null, 'rina@kalselprov.go.id');
    expect(textOf((await home.get('/organisasi')).body)).not.toContain('Pemerintah terdaftar');
    expect((await home.get('/organisasi/pemerintah/terdaftar')).status).toBe(404);
  });
});
