import { DateTime } from 'luxon';
import { systemActor } from '../../src/platform/actor';
import { createContainer } from '../../src/container';
import { systemClock } from '../../src/platform/time';
import { openTenantDatabase, tenantConfig, tenantDatabaseMaker, tenantRegistry } from '../../src/tenancy';
import { checkPage, mainText, newTab, PHONE, setPasswordAndSignIn, startSite } from '../helpers/browser';

/**
 * A province hosting a city (TENANT_ROUTING=path): the city's organiser works under
 * /g/banjarbaru/ in a real Chromium, and the province's organiser follows the city on the
 * overview of the governments below it.
 */
jest.setTimeout(120_000);
const PASSWORD = 'kopi-pagi-di-martapura';

let site: Awaited<ReturnType<typeof startSite<{ province: string; city: string }>>>;

beforeAll(async () => {
  site = await startSite(
    async (services, _baseUrl, { config, database }) => {
      // As `npm run create-tenant` registers them.
      const registry = tenantRegistry(database, services, config);
      await registry.registerHome({ slug: 'kalsel', name: 'Provinsi Kalimantan Selatan', kind: 'provinsi', organisationName: 'Biro Organisasi Setda Provinsi Kalimantan Selatan' });
      const row = await registry.register({ slug: 'banjarbaru', name: 'Kota Banjarbaru', kind: 'kota', parent: 'kalsel' }, tenantDatabaseMaker(config, database));
      const cityDatabase = await openTenantDatabase(config, { ...row, database: row.database! });
      try {
        const city = createContainer({ database: cityDatabase, clock: systemClock, config: tenantConfig(config, row) });
        const unit = await city.units.create(systemActor, { code: 'DISHUB', name: 'Dinas Perhubungan Kota Banjarbaru', kind: 'dinas' });
        const programme = await city.programmes.create(systemActor, { name: 'Penyusunan SOP Kota Banjarbaru 2013' });
        // A session some weeks ahead, booked for the unit.
        const monday = DateTime.now().setZone('Asia/Makassar').plus({ weeks: 4 }).startOf('week').toISODate()!;
        const period = await city.periods.create(systemActor, programme.id, { name: 'Asistensi SOP', startDate: monday });
        const [slot] = await city.bookings.listSlots(systemActor, period.id, {});
        await city.bookings.book(systemActor, period.id, { unitId: unit.id, slotId: slot!.id, topic: 'Perizinan trayek' });
        const cityOrganiser = await city.users.invite(systemActor, { role: 'organiser', email: 'ani@banjarbarukota.go.id', name: 'Ani Wijaya' });
        const provinceOrganiser = await services.users.invite(systemActor, { role: 'organiser', email: 'rina@kalselprov.go.id', name: 'Rina Kartika' });
        return { province: provinceOrganiser.setPasswordUrl, city: cityOrganiser.setPasswordUrl };
      } finally {
        await cityDatabase.close();
      }
    },
    { env: { TENANT_ROUTING: 'path' } },
  );
}, 60_000);
afterAll(() => site?.stop());

it('lets a city’s organiser work under its own prefix, signed in there only', async () => {
  const tab = await newTab(site.browser, site.baseUrl, { viewport: PHONE });
  expect(site.world.city).toContain('/g/banjarbaru/');
  await setPasswordAndSignIn(tab, site.world.city, 'ani@banjarbarukota.go.id', PASSWORD);
  expect(new URL(tab.page.url()).pathname).toBe('/g/banjarbaru/organisasi');
  expect(await mainText(tab.page)).toContain('Penyusunan SOP Kota Banjarbaru 2013');
  await tab.page.getByRole('link', { name: 'Unit kerja' }).first().click();
  expect(new URL(tab.page.url()).pathname).toBe('/g/banjarbaru/organisasi/unit');
  expect(await mainText(tab.page)).toContain('Dinas Perhubungan Kota Banjarbaru');
  await checkPage(tab, 'tenant-city-units');
  // The city makes the province the asistensi partner of its programme.
  await tab.page.getByRole('link', { name: 'Konsol' }).first().click();
  await tab.page.getByRole('link', { name: 'Penyusunan SOP Kota Banjarbaru 2013' }).click();
  await tab.page.getByRole('link', { name: 'Mitra asistensi: Provinsi Kalimantan Selatan' }).click();
  await checkPage(tab, 'tenant-city-partner');
  await tab.page.getByRole('button', { name: 'Jadikan Provinsi Kalimantan Selatan mitra' }).click();
  expect(await mainText(tab.page)).toContain('Provinsi Kalimantan Selatan menjadi mitra asistensi sejak');
  // The city's own notes of its session, on the period's page.
  await tab.page.goto('/g/banjarbaru/organisasi/asistensi/1');
  await tab.page.getByRole('link', { name: /^Tulis catatan sesi Dinas Perhubungan Kota Banjarbaru/ }).click();
  await tab.page.getByLabel('Catatan sesi').fill('Unit membawa draf SOP perizinan trayek.');
  await checkPage(tab, 'tenant-city-session-notes');
  await tab.page.getByRole('button', { name: 'Simpan catatan' }).click();
  expect(await mainText(tab.page)).toContain('Catatan sesi sudah disimpan.');
  expect(await mainText(tab.page)).toContain('Unit membawa draf SOP perizinan trayek.');
  // The province's pages do not know this sign-in.
  await tab.page.goto('/organisasi');
  expect(new URL(tab.page.url()).pathname).toBe('/masuk');
  await tab.context.close();
});

it('shows the province’s organiser each city below it, with its programmes’ progress', async () => {
  const tab = await newTab(site.browser, site.baseUrl);
  await setPasswordAndSignIn(tab, site.world.province, 'rina@kalselprov.go.id', PASSWORD);
  await tab.page.getByRole('link', { name: 'Pemerintah daerah' }).click();
  expect(new URL(tab.page.url()).pathname).toBe('/organisasi/pemerintah');
  const text = await mainText(tab.page);
  expect(text).toContain('Kota Banjarbaru (Kota)');
  expect(text).toContain('Penyusunan SOP Kota Banjarbaru 2013');
  await checkPage(tab, 'tenant-province-governments');
  const download = tab.page.waitForEvent('download');
  await tab.page.getByRole('link', { name: 'Unduh Excel (XLSX)' }).click();
  expect((await download).suggestedFilename()).toBe('progres-pemerintah-daerah.xlsx');

  // As the city's asistensi partner: its session, with notes the city then reads.
  await tab.page.getByRole('link', { name: 'Konsol' }).first().click();
  await tab.page.getByRole('link', { name: 'Program mitra asistensi' }).click();
  await tab.page.getByRole('link', { name: 'Penyusunan SOP Kota Banjarbaru 2013' }).click();
  expect(await mainText(tab.page)).toContain('Dinas Perhubungan Kota Banjarbaru (DISHUB)');
  await tab.page.getByLabel('Catatan sesi').fill('Bawa draf alur perizinan yang sudah dipecah.');
  await tab.page.getByRole('button', { name: 'Simpan kehadiran dan catatan Dinas Perhubungan Kota Banjarbaru' }).click();
  expect(await mainText(tab.page)).toContain('Tersimpan.');
  expect(await tab.page.getByLabel('Catatan sesi').inputValue()).toBe('Bawa draf alur perizinan yang sudah dipecah.');
  await checkPage(tab, 'tenant-province-partner-sessions');

  // The partner's calendar: its address, shown once, serves the city's session.
  await tab.page.getByRole('link', { name: 'Program mitra asistensi' }).click();
  await tab.page.getByRole('button', { name: 'Buat alamat kalender' }).click();
  const address = await tab.page.getByLabel('Alamat (untuk disalin)').inputValue();
  expect(address).toMatch(/\/calendars\/partner\/[A-Za-z0-9_-]{43}\.ics$/);
  await checkPage(tab, 'tenant-province-partner-calendar');
  const feed = await tab.page.request.get(address);
  expect(feed.status()).toBe(200);
  expect((await feed.text()).replace(/\r\n[ \t]/g, '')).toContain('Asistensi SOP - Dinas Perhubungan Kota Banjarbaru (Kota Banjarbaru)');

  // As the deployment's administrator: a kabupaten registered with its first organiser.
  await tab.page.getByRole('link', { name: 'Konsol' }).first().click();
  await tab.page.getByRole('link', { name: 'Pemerintah terdaftar' }).click();
  await tab.page.getByRole('link', { name: 'Daftarkan pemerintah' }).click();
  await tab.page.getByLabel('Nama', { exact: true }).fill('Kabupaten Tanah Laut');
  await tab.page.getByLabel('Kode alamat').fill('Tanah Laut');
  await tab.page.getByLabel('Jenis').selectOption('kabupaten');
  await tab.page.getByLabel('Di bawah').selectOption('kalsel');
  await tab.page.getByLabel('Nama organiser').fill('Dedi Kurniawan');
  await tab.page.getByLabel('Email organiser').fill('dedi@tanahlautkab.go.id');
  await tab.page.getByRole('button', { name: 'Daftarkan', exact: true }).click();
  // The code is refused, said at the field, the rest kept.
  expect(await mainText(tab.page)).toContain('Kode alamat harus 2–40 huruf kecil');
  await checkPage(tab, 'tenant-register-refused');
  await tab.page.getByLabel('Kode alamat').fill('tanahlaut');
  await tab.page.getByRole('button', { name: 'Daftarkan', exact: true }).click();
  expect(await mainText(tab.page)).toContain('Kabupaten Tanah Laut terdaftar');
  expect(await tab.page.getByLabel('Tautan membuat kata sandi').inputValue()).toContain('/g/tanahlaut/');
  await checkPage(tab, 'tenant-registered');
  await tab.context.close();
});
