import { systemActor } from '../../src/platform/actor';
import { checkPage, mainText, newTab, PHONE, setPasswordAndSignIn, signIn, startSite } from '../helpers/browser';

/** Sign-in and its protections in a real Chromium against the real server process. */
jest.setTimeout(120_000);

const PASSWORD = 'kopi-pagi-di-martapura';
let site: Awaited<ReturnType<typeof startSite<Awaited<ReturnType<typeof prepare>>>>>;

async function prepare(services: Parameters<Parameters<typeof startSite>[0]>[0]) {
  const operator = async (code: string, name: string) => {
    const unit = await services.units.create(systemActor, { code, name, kind: 'dinas' });
    const email = `operator@${code.toLowerCase()}.example.go.id`;
    return { unit, email, link: (await services.users.invite(systemActor, { role: 'unit', unitId: unit.id, email, name: `Operator ${code}` })).setPasswordUrl };
  };
  const health = await operator('DINKES', 'Dinas Kesehatan');
  const education = await operator('DISDIK', 'Dinas Pendidikan');
  const throttled = await operator('DISPAR', 'Dinas Pariwisata');
  const linguist = await operator('DISHUB', 'Dinas Perhubungan');
  const officialOfHealth = await services.participants.create(systemActor, { nip: '198004122005011003', name: 'Dewi Anggraini', unitId: health.unit.id });
  return { health, education, throttled, linguist, officialOfHealth };
}

beforeAll(async () => {
  site = await startSite(prepare);
}, 60_000);
afterAll(() => site?.stop());

it('limits sign-in attempts per account, answering an unknown email exactly like a wrong password, but not for the browser that signed in before', async () => {
  const { throttled } = site.world;
  const known = await newTab(site.browser, site.baseUrl);
  await setPasswordAndSignIn(known, throttled.link, throttled.email, PASSWORD);
  await known.page.getByRole('button', { name: 'Keluar' }).click();
  await known.page.waitForURL('**/masuk?ok=keluar');

  // Someone else, in another browser.
  const tab = await newTab(site.browser, site.baseUrl, { viewport: PHONE });
  await signIn(tab, 'nobody@example.go.id', PASSWORD);
  const unknown = await mainText(tab.page);
  expect(unknown).toContain('Email atau kata sandi salah.');
  await checkPage(tab, 'sign-in-failed');
  for (let attempt = 1; attempt <= 5; attempt++) {
    await signIn(tab, throttled.email, `salah-lagi-nomor-${attempt}`);
    const text = await mainText(tab.page);
    // The same page for a known account with a wrong password, keeping the email typed.
    if (attempt < 5) expect(text).toBe(unknown);
    expect(await tab.page.getByLabel('Email', { exact: true }).inputValue()).toBe(throttled.email);
    expect(await tab.page.getByLabel('Kata sandi', { exact: true }).inputValue()).toBe('');
  }
  // Locked now, even with the right password; the message says until when.
  await signIn(tab, throttled.email, PASSWORD);
  expect(await mainText(tab.page)).toMatch(/Terlalu banyak percobaan masuk yang gagal\. Coba lagi setelah \S+, \d+ \S+ \d{4}, \d\d\.\d\d WITA\./);
  expect(new URL(tab.page.url()).pathname).toBe('/masuk');
  await checkPage(tab, 'sign-in-locked');
  // The operator's own browser (its device cookie) is not locked out by those failures.
  await signIn(known, throttled.email, PASSWORD);
  expect(new URL(known.page.url()).pathname).toBe('/unit');
  for (const each of [tab, known]) await each.context.close();
});

it('switches a signed-in person to English by the frame’s button, kept on the account', async () => {
  const { linguist } = site.world;
  const desk = await newTab(site.browser, site.baseUrl);
  await setPasswordAndSignIn(desk, linguist.link, linguist.email, PASSWORD);
  await desk.page.getByRole('button', { name: 'English' }).click();
  await desk.page.locator('html[lang="en"]').waitFor();
  expect(new URL(desk.page.url()).pathname).toBe('/unit');
  await checkPage(desk, 'language-switched');
  // Another browser (no language cookie, an Indonesian locale) gets the account's language.
  const phone = await newTab(site.browser, site.baseUrl, { viewport: PHONE });
  await signIn(phone, linguist.email, PASSWORD);
  expect(new URL(phone.page.url()).pathname).toBe('/unit');
  expect(await phone.page.locator('html').getAttribute('lang')).toBe('en');
  await phone.page.getByRole('button', { name: 'Bahasa Indonesia' }).click();
  await phone.page.locator('html[lang="id"]').waitFor();
  for (const each of [desk, phone]) await each.context.close();
});

it('refuses a form whose token was tampered with, saving nothing', async () => {
  const { education } = site.world;
  const tab = await newTab(site.browser, site.baseUrl);
  await setPasswordAndSignIn(tab, education.link, education.email, PASSWORD);
  await tab.page.goto('/unit/pejabat/baru');
  await tab.page.getByLabel('NIP').fill('19800412 200501 1 004');
  await tab.page.getByLabel('Nama lengkap').fill('Rahmat Hidayat');
  await tab.page.locator('main input[name="_csrf"]').evaluate((input: HTMLInputElement) => (input.value = 'bukan-token-yang-benar'));
  await tab.page.getByRole('button', { name: 'Simpan' }).click();
  expect(await mainText(tab.page)).toContain('Formulir ini sudah kedaluwarsa. Muat ulang halaman lalu coba lagi.');
  await checkPage(tab, 'csrf-refused');
  await tab.page.goto('/unit/pejabat');
  expect(await mainText(tab.page)).toContain('Belum ada pejabat terdaftar.');
  await tab.context.close();
});

it('ends the other sessions when the password changes, and hides another unit’s official (404)', async () => {
  const { health, officialOfHealth, education } = site.world;
  const laptop = await newTab(site.browser, site.baseUrl);
  await setPasswordAndSignIn(laptop, health.link, health.email, PASSWORD);
  const phone = await newTab(site.browser, site.baseUrl, { viewport: PHONE });
  await signIn(phone, health.email, PASSWORD);
  expect(new URL(phone.page.url()).pathname).toBe('/unit');

  await laptop.page.getByRole('link', { name: 'Akun' }).click();
  await checkPage(laptop, 'account');
  await laptop.page.getByLabel('Kata sandi sekarang').fill(PASSWORD);
  await laptop.page.getByLabel('Kata sandi baru', { exact: true }).fill('teh-hangat-di-siring-menara');
  await laptop.page.getByLabel('Ulangi kata sandi baru').fill('teh-hangat-di-siring-menara');
  await laptop.page.getByRole('button', { name: 'Ganti kata sandi' }).click();
  expect(await mainText(laptop.page)).toContain('Kata sandi sudah diganti. Perangkat lain sudah dikeluarkan.');

  // The phone's session is over: its next page asks to sign in again, and comes back after.
  await phone.page.goto('/unit/pejabat');
  expect(new URL(phone.page.url()).pathname).toBe('/masuk');
  await signIn(phone, health.email, 'teh-hangat-di-siring-menara');
  expect(new URL(phone.page.url()).pathname).toBe('/unit/pejabat');

  // Another unit's operator opening this unit's official: a page that does not exist.
  const other = await newTab(site.browser, site.baseUrl);
  await signIn(other, education.email, PASSWORD);
  const response = await other.page.goto(`/unit/pejabat/${officialOfHealth.id}`);
  expect(response?.status()).toBe(404);
  const text = await mainText(other.page);
  expect(text).toContain('Halaman tidak ditemukan');
  expect(text).not.toContain('Dewi Anggraini');
  await checkPage(other, 'not-found');
  for (const tab of [laptop, phone, other]) await tab.context.close();
});
