import { DateTime } from 'luxon';
import { systemActor } from '../../src/platform/actor';
import { formatDate } from '../../src/platform/format';
import { makeNip } from '../helpers/app';
import { checkPage, mainText, newTab, setPasswordAndSignIn, startSite } from '../helpers/browser';

/**
 * The organiser's desk for units and drafts in a real Chromium against the real server: a
 * submitted draft accepted in one click, a draft that came on paper recorded with the day it
 * came, a unit's page, and a unit deactivated (what it means shown first) then refused a new
 * booking made for it from a desk page opened before.
 */
jest.setTimeout(90_000);

const ZONE = 'Asia/Makassar';
const PASSWORD = 'kopi-pagi-di-martapura';
const now = DateTime.now().setZone(ZONE);
/** The paper draft came three days ago. */
const paperDay = now.minus({ days: 3 }).toISODate()!;

let site: Awaited<ReturnType<typeof startSite<Awaited<ReturnType<typeof prepare>>>>>;

async function prepare(services: Parameters<Parameters<typeof startSite>[0]>[0]) {
  const programme = await services.programmes.create(systemActor, { name: 'Penyusunan SOP Kota Banjarmasin', timezone: ZONE });
  const period = await services.periods.create(systemActor, programme.id, { name: 'Asistensi draf SOP', startDate: now.plus({ weeks: 4 }).startOf('week').toISODate()!, workingDays: 3 });
  const dishub = await services.units.create(systemActor, { code: 'DISHUB', name: 'Dinas Perhubungan', kind: 'dinas' });
  const damkar = await services.units.create(systemActor, { code: 'DAMKAR', name: 'Dinas Pemadam Kebakaran', kind: 'dinas', email: 'damkar@example.go.id' });
  await services.units.create(systemActor, { code: 'DINKES', name: 'Dinas Kesehatan', kind: 'dinas' });
  const fauzi = await services.participants.create(systemActor, { nip: makeNip(1), name: 'Ahmad Fauzi', position: 'Kepala Bidang Operasi', unitId: damkar.id });
  await services.participants.create(systemActor, { nip: makeNip(2), name: 'Siti Rahmah', position: 'Kepala Seksi Pencegahan', unitId: damkar.id });
  await services.users.invite(systemActor, { role: 'unit', unitId: damkar.id, email: 'operator@damkar.example.go.id', name: 'Operator Damkar' });
  await services.drafts.create({ ...systemActor, role: 'unit', unitId: dishub.id }, programme.id, { title: 'Draf SOP Lalu Lintas', sopCount: 12 });
  // The fire service has an official in a batch and asks for an asistensi session: its page shows both.
  const [first, second] = period.workingDates;
  const batch = await services.batches.create(systemActor, programme.id, {
    name: 'Angkatan I',
    capacity: 50,
    unitQuota: 3,
    days: [
      { date: first!, start: '08:00', end: '16:00' },
      { date: second!, start: '08:00', end: '16:00' },
    ],
  });
  await services.enrolments.enrol(systemActor, batch.id, fauzi.id);
  await services.requests.request(systemActor, period.id, { unitId: damkar.id, preferredDates: [second!] });
  const organiser = await services.users.invite(systemActor, { role: 'organiser', email: 'rina@example.go.id', name: 'Rina Kartika' });
  return { programme, period, damkar, organiserLink: organiser.setPasswordUrl };
}

beforeAll(async () => {
  site = await startSite(prepare);
}, 60_000);
afterAll(() => site?.stop());

it('accepts a submitted draft in one click, records a paper draft with its date, and deactivates a unit that is then refused a booking', async () => {
  const desk = await newTab(site.browser, site.baseUrl);
  const { page } = desk;
  const { programme, period, damkar } = site.world;
  await setPasswordAndSignIn(desk, site.world.organiserLink, 'rina@example.go.id', PASSWORD);

  // The drafts inbox: the submitted draft, accepted with one click.
  await page.goto(`/organisasi/program/${programme.id}/draf`);
  await page.getByRole('button', { name: 'Terima Draf SOP Lalu Lintas dari Dinas Perhubungan' }).click();
  await page.waitForURL(/ok=draftAccepted/);
  expect(await mainText(page)).toContain('Draf sudah diterima.');
  expect(await page.getByRole('button', { name: /^Terima / }).count()).toBe(0);

  // A draft that came on paper three days ago, recorded with that day.
  await page.getByRole('link', { name: 'Catat draf yang diterima' }).click();
  await checkPage(desk, 'drafts-record');
  await page.getByLabel('Unit kerja').selectOption({ label: 'Dinas Kesehatan (DINKES)' });
  await page.getByLabel('Judul draf').fill('Draf SOP Pelayanan Kesehatan');
  await page.getByLabel('Jumlah SOP').fill('9');
  await page.getByLabel('Tanggal diterima').fill(paperDay);
  await page.getByRole('button', { name: 'Catat draf' }).click();
  await page.waitForURL(/ok=draftRecorded/);
  const inbox = await mainText(page);
  expect(inbox).toContain('Draf SOP Pelayanan Kesehatan');
  expect(inbox).toContain(formatDate(paperDay, 'id'));

  // The booking desk for the fire service, opened before it is deactivated (a colleague, another tab).
  const other = await desk.context.newPage();
  await other.goto(`/organisasi/asistensi/${period.id}/pesan?unitId=${damkar.id}`);

  // The unit's page, then deactivating it: what it means and what stays, first.
  await page.goto('/organisasi/unit');
  await page.getByRole('link', { name: 'Dinas Pemadam Kebakaran', exact: true }).click();
  const unitPage = await mainText(page);
  expect(unitPage).toContain('Pejabat (2)');
  expect(unitPage).toContain('Ahmad Fauzi');
  expect(unitPage).toContain('Akun operator (1)');
  expect(unitPage).toContain('Angkatan I');
  expect(unitPage).toContain('Permintaan jadwal');
  await checkPage(desk, 'unit-page');
  await page.getByRole('link', { name: 'Nonaktifkan unit ini' }).click();
  const confirm = await mainText(page);
  expect(confirm).toContain('Operatornya tetap dapat masuk dan membaca halaman unit.');
  expect(confirm).toContain('1 pendaftaran angkatan yang masih berlaku');
  expect(confirm).toContain('1 permintaan jadwal yang masih menunggu');
  await checkPage(desk, 'unit-deactivate');
  await page.getByRole('button', { name: 'Ya, nonaktifkan Dinas Pemadam Kebakaran' }).click();
  await page.waitForURL(/ok=unitDeactivated/);
  expect(await mainText(page)).toContain('Unit ini dinonaktifkan sejak');
  await page.goto('/organisasi/unit');
  expect(await mainText(page)).not.toContain('Dinas Pemadam Kebakaran');

  // The desk opened before: booking for the unit is refused, saying why and how to undo it.
  await other.getByRole('button', { name: /^Pesan .* untuk Dinas Pemadam Kebakaran$/ }).first().click();
  await other.waitForLoadState();
  const refused = ((await other.locator('main').innerText()) ?? '').replace(/\s+/g, ' ');
  expect(refused).toContain('Dinas Pemadam Kebakaran sudah dinonaktifkan');
  expect(refused).toContain('dapat mengaktifkannya lagi di halaman unit');
  expect(desk.errors).toEqual([]);
});
