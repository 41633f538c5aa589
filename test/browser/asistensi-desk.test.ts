import { DateTime } from 'luxon';
import { systemActor } from '../../src/platform/actor';
import { formatDate } from '../../src/platform/format';
import { checkPage, mainText, newTab, PHONE, setPasswordAndSignIn, startSite } from '../helpers/browser';

/**
 * The organiser's asistensi desk in a real Chromium: a unit phones in and is booked, then
 * moved; a closed day is reopened; the booking window and the session times are changed after
 * seeing what that does to the units' sessions. And a unit whose draft was sent but not yet
 * received is told why it cannot book in the priority window, with no Pesan button.
 */
jest.setTimeout(90_000);

const ZONE = 'Asia/Makassar';
const PASSWORD = 'kopi-pagi-di-martapura';
/** The server runs on the real clock: the period starts in about three weeks, the priority window ends in a week. */
const now = DateTime.now().setZone(ZONE);
const periodStart = now.plus({ weeks: 3 }).startOf('week').toISODate()!;
const closesAt = DateTime.fromISO(periodStart, { zone: ZONE }).minus({ days: 3 }).set({ hour: 16 });

let site: Awaited<ReturnType<typeof startSite<Awaited<ReturnType<typeof prepare>>>>>;

async function prepare(services: Parameters<Parameters<typeof startSite>[0]>[0]) {
  const programme = await services.programmes.create(systemActor, { name: 'Penyusunan SOP 2027', timezone: ZONE });
  const period = await services.periods.create(systemActor, programme.id, {
    name: 'Asistensi draf SOP',
    startDate: periodStart,
    workingDays: 5,
    bookingOpensAt: now.minus({ days: 1 }).toISO()!,
    priorityUntil: now.plus({ days: 7 }).startOf('hour').toISO()!,
    cancelNoticeHours: 24,
  });
  const closed = period.workingDates[2]!;
  await services.bookings.closeDay(systemActor, period.id, { date: closed, reason: 'Rapat kerja daerah' });
  await services.units.create(systemActor, { code: 'DISHUB', name: 'Dinas Perhubungan', kind: 'dinas' });
  const dinkes = await services.units.create(systemActor, { code: 'DINKES', name: 'Dinas Kesehatan', kind: 'dinas' });
  // Dinas Kesehatan sent its draft; nobody has received it yet.
  await services.drafts.create({ keyId: null, role: 'unit', unitId: dinkes.id }, programme.id, { title: 'Draf SOP Dinas Kesehatan', sopCount: 6 });
  const organiser = await services.users.invite(systemActor, { role: 'organiser', email: 'meja@pemda.example.go.id', name: 'Meja Asistensi' });
  const operator = await services.users.invite(systemActor, { role: 'unit', unitId: dinkes.id, email: 'operator@dinkes.example.go.id', name: 'Operator Dinkes' });
  return { programme, period, closed, organiserLink: organiser.setPasswordUrl, operatorLink: operator.setPasswordUrl };
}

beforeAll(async () => {
  site = await startSite(prepare);
}, 60_000);
afterAll(() => site?.stop());

it('books, moves, reopens a day and changes the window for units that phone in; a unit waiting for its draft sees why it cannot book', async () => {
  const desk = await newTab(site.browser, site.baseUrl);
  const { page } = desk;
  await setPasswordAndSignIn(desk, site.world.organiserLink, 'meja@pemda.example.go.id', PASSWORD);
  await page.goto(`/organisasi/asistensi/${site.world.period.id}`);

  // Dinas Perhubungan phones in: booked in the priority window on its behalf, then moved.
  await page.getByRole('link', { name: 'Pesan untuk unit' }).click();
  await page.getByLabel('Unit kerja', { exact: true }).selectOption({ label: 'Dinas Perhubungan' });
  await page.getByRole('button', { name: 'Tampilkan' }).click();
  expect(await mainText(page)).toContain('Unit ini tidak dapat memesan sendiri sekarang: masa prioritas');
  await checkPage(desk, 'asistensi-desk');
  await page.getByRole('button', { name: /^Pesan .* untuk Dinas Perhubungan$/ }).first().click();
  await expect(mainText(page)).resolves.toContain('Jadwal asistensi sudah dipesan.');
  await page.getByRole('button', { name: /^Pindahkan Dinas Perhubungan ke / }).first().click();
  await expect(mainText(page)).resolves.toContain('Jadwal asistensi sudah dipindah.');
  const moved = await mainText(page);
  expect(moved).toMatch(/Dinas Perhubungan sudah punya jadwal: .*13\.00–16\.00 WITA\./);

  // The closed day is reopened after seeing what it adds and releases.
  await page.getByRole('link', { name: 'Asistensi draf SOP' }).click();
  const reopen = `Buka kembali ${formatDate(site.world.closed, 'id')}`;
  expect(await mainText(page)).toContain(`${formatDate(site.world.closed, 'id')}: Rapat kerja daerah`);
  await page.getByRole('link', { name: reopen, exact: true }).click();
  await expect(mainText(page)).resolves.toContain('Tanggal ini menjadi hari kerja periode lagi');
  await checkPage(desk, 'asistensi-reopen');
  await page.getByRole('button', { name: 'Buka kembali tanggal ini' }).click();
  await expect(mainText(page)).resolves.toContain('Tanggal itu sudah dibuka kembali.');
  expect(await page.getByRole('link', { name: reopen, exact: true }).count()).toBe(0);

  // The booking window closes earlier and the sessions end half an hour sooner: the preview names the unit whose session changes.
  await page.getByRole('link', { name: 'Ubah periode' }).click();
  await page.getByLabel('Pemesanan ditutup', { exact: true }).fill(closesAt.toFormat("yyyy-MM-dd'T'HH:mm"));
  await page.getByLabel('Selesai sesi 1').fill('11.30');
  await page.getByLabel('Selesai sesi 2').fill('15.30');
  await page.getByRole('button', { name: 'Periksa perubahan' }).click();
  const preview = await mainText(page);
  expect(preview).toContain('1 jadwal berganti jam (unit diberi tahu lewat email):');
  expect(preview).toMatch(/Dinas Perhubungan: .*13\.00–16\.00 WITA menjadi 13\.00–15\.30 WITA/);
  await checkPage(desk, 'asistensi-edit-preview');
  await page.getByRole('button', { name: 'Simpan perubahan' }).click();
  await expect(mainText(page)).resolves.toContain('Perubahan periode asistensi sudah disimpan.');
  expect(await mainText(page)).toMatch(/13\.00–15\.30 WITA Dinas Perhubungan/);
  // The period page leads to the desk from each booked session, and lists the closed days to reopen.
  await checkPage(desk, 'asistensi-period-desk');

  // Dinas Kesehatan's draft is sent, not received: the page says so and offers no Pesan button.
  const phone = await newTab(site.browser, site.baseUrl, { viewport: PHONE });
  await setPasswordAndSignIn(phone, site.world.operatorLink, 'operator@dinkes.example.go.id', PASSWORD);
  await phone.page.goto(`/unit/program/${site.world.programme.id}/asistensi`);
  const unitPage = await mainText(phone.page);
  expect(unitPage).toContain('Draf SOP unit Anda sudah dikirim');
  expect(unitPage).toContain('menunggu diterima Bagian Organisasi. Begitu draf diterima, Anda dapat langsung memesan.');
  expect(unitPage).not.toContain('Kirim draf');
  expect(await phone.page.getByRole('button', { name: /^Pesan / }).count()).toBe(0);
  await checkPage(phone, 'asistensi-unit-draft-waiting');
});
