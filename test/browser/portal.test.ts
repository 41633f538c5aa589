import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { DateTime } from 'luxon';
import { systemActor } from '../../src/platform/actor';
import { formatInstant } from '../../src/platform/format';
import { makeNip } from '../helpers/app';
import { checkPage, mainText, newTab, PHONE, setPasswordAndSignIn, startSite, type Tab } from '../helpers/browser';
import { mapInOrder } from '../../src/platform/in-order';

/**
 * The pages in a real headless Chromium against the real server process: the flows of an
 * organiser and unit operators, from the first sign-in to a booked asistensi and a calendar.
 * Every page visited is checked with axe-core at 360 px and 1280 px and photographed
 * (test-results/screenshots).
 */
jest.setTimeout(120_000);

const ZONE = 'Asia/Makassar';
const PASSWORD = 'kopi-pagi-di-martapura';
/** Dates ahead of today (the server runs on the real clock): the period starts in about five weeks. */
const now = DateTime.now().setZone(ZONE);
const periodStart = now.plus({ weeks: 5 }).startOf('week').toISODate()!;
const priorityUntil = now.plus({ days: 10 }).startOf('hour');

let site: Awaited<ReturnType<typeof startSite<Awaited<ReturnType<typeof prepare>>>>>;

async function prepare(services: Parameters<Parameters<typeof startSite>[0]>[0]) {
  const programme = await services.programmes.create(systemActor, { name: 'Penyusunan SOP Kota Banjarmasin', timezone: ZONE, draftDeadline: now.plus({ weeks: 3 }).toISODate()! });
  const period = await services.periods.create(systemActor, programme.id, {
    name: 'Asistensi draf SOP',
    startDate: periodStart,
    location: 'Ruang Rapat Bagian Organisasi',
    bookingOpensAt: now.minus({ days: 1 }).toISO()!,
    priorityUntil: priorityUntil.toISO()!,
    cancelNoticeHours: 24,
  });
  const [first, second] = period.workingDates;
  await services.batches.create(systemActor, programme.id, {
    name: 'Angkatan I',
    capacity: 50,
    unitQuota: 3,
    venue: 'Aula Kayuh Baimbai',
    days: [
      { date: first!, start: '08:00', end: '16:00' },
      { date: second!, start: '08:00', end: '16:00' },
    ],
  });
  // A second programme without a priority window, for two operators booking at once.
  const open = await services.programmes.create(systemActor, { name: 'Program uji bersamaan', timezone: ZONE });
  await services.periods.create(systemActor, open.id, { name: 'Asistensi terbuka', startDate: periodStart, workingDays: 2 });
  const operators = await mapInOrder(['DINKES', 'DISDIK'], async (code, i) => {
    const unit = await services.units.create(systemActor, { code, name: i === 0 ? 'Dinas Kesehatan' : 'Dinas Pendidikan', kind: 'dinas' });
    const email = `operator@${code.toLowerCase()}.example.go.id`;
    const invited = await services.users.invite(systemActor, { role: 'unit', unitId: unit.id, email, name: `Operator ${code}` });
    return { unit, email, link: invited.setPasswordUrl };
  });
  return { programme, open, operators };
}

beforeAll(async () => {
  site = await startSite(prepare);
}, 60_000);
afterAll(() => site?.stop());

/** The first organiser, as the README says: npm run create-user prints the link alone on stdout. */
function createOrganiser(email: string) {
  return execFileSync(process.execPath, [path.join(__dirname, '..', '..', 'dist', 'scripts', 'create-user.js'), '--role', 'organiser', '--email', email, '--name', 'Rina Kartika'], {
    env: { ...process.env, ...site.databaseEnv, PUBLIC_BASE_URL: site.baseUrl },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  }).trim();
}

const CSV_WITH_A_BAD_LINE = [
  'nip;nama;jabatan',
  `${makeNip(11)};Ahmad Fauzi, S.T.;Sekretaris`,
  `${makeNip(12)};Budi Santoso, S.E.;Kepala Bidang Lalu Lintas`,
  `1980 0412;Citra Lestari, S.Sos.;Kepala Bidang Angkutan`,
  `${makeNip(14)};Dewi Anggraini;Kepala Subbagian Umum`,
].join('\r\n');

it('takes an organiser and a unit operator from their first sign-in to a booked asistensi and a calendar', async () => {
  // The organiser signs in for the first time.
  const desk = await newTab(site.browser, site.baseUrl);
  await desk.page.goto('/');
  await checkPage(desk, 'welcome');
  const organiserLink = createOrganiser('rina@banjarmasinkota.go.id');
  expect(organiserLink).toMatch(new RegExp(`^${site.baseUrl}/sandi/[A-Za-z0-9_-]{43}$`));
  await desk.page.goto(organiserLink);
  await checkPage(desk, 'set-password');
  await setPasswordAndSignIn(desk, organiserLink, 'rina@banjarmasinkota.go.id', PASSWORD);
  expect(new URL(desk.page.url()).pathname).toBe('/organisasi');
  await checkPage(desk, 'console');

  // ...adds the unit and invites its operator.
  await desk.page.getByRole('link', { name: 'Unit kerja' }).first().click();
  await desk.page.getByLabel('Kode', { exact: true }).fill('DISHUB');
  await desk.page.getByLabel('Nama unit kerja').fill('Dinas Perhubungan');
  await desk.page.getByRole('button', { name: 'Tambah unit kerja' }).click();
  await expect(mainText(desk.page)).resolves.toContain('Unit kerja sudah ditambahkan.');
  await checkPage(desk, 'console-units');
  await desk.page.getByRole('link', { name: 'Undang operator Dinas Perhubungan' }).click();
  await desk.page.getByLabel('Nama', { exact: true }).fill('Siti Rahmah');
  await desk.page.getByLabel('Email', { exact: true }).fill('siti@dishub.example.go.id');
  await desk.page.getByRole('button', { name: 'Undang pengguna' }).click();
  await checkPage(desk, 'console-invite-link');
  const operatorLink = await desk.page.getByLabel('Tautan membuat kata sandi').inputValue();

  // The operator, on a phone, sets a password and signs in.
  const phone = await newTab(site.browser, site.baseUrl, { viewport: PHONE });
  await setPasswordAndSignIn(phone, operatorLink, 'siti@dishub.example.go.id', PASSWORD);
  const { page } = phone;
  expect(new URL(page.url()).pathname).toBe('/unit');
  await expect(mainText(page)).resolves.toContain('Belum ada pejabat terdaftar.');
  await checkPage(phone, 'unit-home-empty');

  // Officials from a CSV: the bad line is shown, nothing saved; the fixed file is saved.
  await page.getByRole('link', { name: 'Pejabat', exact: true }).click();
  await page.getByRole('link', { name: 'Unggah dari CSV' }).click();
  await page.getByLabel('Berkas CSV').setInputFiles({ name: 'pejabat-dishub.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV_WITH_A_BAD_LINE) });
  await page.getByRole('button', { name: 'Periksa berkas' }).click();
  const problems = await mainText(page);
  expect(problems).toContain('1 baris perlu diperbaiki. Belum ada yang disimpan.');
  expect(problems).toMatch(/4\s+nip\s+NIP '1980 0412' tidak valid/);
  await checkPage(phone, 'officials-upload-bad-line');
  await page.getByLabel('Berkas CSV').setInputFiles({ name: 'pejabat-dishub.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV_WITH_A_BAD_LINE.replace('1980 0412', makeNip(13))) });
  await page.getByRole('button', { name: 'Periksa berkas' }).click();
  await expect(mainText(page)).resolves.toContain('4 pejabat baru, 0 diperbarui, 0 tidak berubah.');
  await checkPage(phone, 'officials-upload-preview');
  await page.getByRole('button', { name: 'Simpan daftar pejabat' }).click();
  const officials = await mainText(page);
  expect(officials).toContain('Daftar pejabat sudah disimpan.');
  expect(officials).toContain('Citra Lestari, S.Sos.');
  await checkPage(phone, 'officials');

  // Three of them into the batch.
  await page.goto('/unit');
  await page.getByRole('link', { name: 'Pilih angkatan' }).first().click();
  for (const name of ['Ahmad Fauzi, S.T.', 'Budi Santoso, S.E.', 'Citra Lestari, S.Sos.']) {
    await page.getByLabel('Pejabat', { exact: true }).selectOption({ label: `${name} (${makeNip(['Ahmad', 'Budi', 'Citra'].findIndex((n) => name.startsWith(n)) + 11)})` });
    await page.getByRole('button', { name: 'Daftarkan' }).click();
    await expect(mainText(page)).resolves.toContain('Pejabat sudah didaftarkan ke angkatan.');
  }
  expect(await mainText(page)).toContain('Kursi unit Anda: 3 dari 3');
  await checkPage(phone, 'enrolment');

  // The draft, with its document.
  await page.getByRole('link', { name: 'Draf SOP' }).click();
  await page.getByLabel('Judul draf').fill('Draf SOP Dinas Perhubungan');
  await page.getByLabel('Jumlah SOP').fill('12');
  await page.getByLabel('Berkas draf').setInputFiles({ name: 'Draf SOP Dishub.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
  await page.getByRole('button', { name: 'Kirim draf' }).click();
  await expect(mainText(page)).resolves.toContain('Terkirim, menunggu diterima');
  await checkPage(phone, 'drafts');

  // In the priority window the page says the draft awaits acceptance and until when, and offers no Pesan button.
  await page.getByRole('link', { name: 'Jadwal asistensi' }).click();
  const waiting = await mainText(page);
  expect(waiting).toContain(`Sampai ${formatInstant(priorityUntil.toISO()!, ZONE, 'id')}, hanya unit yang draf SOP-nya sudah diterima Bagian Organisasi yang dapat memesan.`);
  expect(waiting).toContain('menunggu diterima Bagian Organisasi');
  expect(await page.getByRole('button', { name: /^Pesan / }).count()).toBe(0);
  await checkPage(phone, 'asistensi-priority');

  // The organiser accepts the draft.
  await desk.page.goto('/organisasi');
  await desk.page.getByRole('link', { name: 'Draf SOP' }).first().click();
  await desk.page.getByLabel('Ubah status menjadi').selectOption({ label: 'Diterima' });
  await desk.page.getByRole('button', { name: 'Perbarui status Draf SOP Dinas Perhubungan' }).click();
  await expect(mainText(desk.page)).resolves.toContain('Status draf sudah diperbarui.');
  await checkPage(desk, 'console-drafts');

  // Now the operator books, moves and cancels.
  await page.getByRole('link', { name: 'Jadwal asistensi' }).click();
  await expect(mainText(page)).resolves.toContain('Draf SOP unit Anda sudah diterima');
  await page.getByRole('button', { name: /^Pesan / }).first().click();
  await expect(mainText(page)).resolves.toContain('Jadwal asistensi sudah dipesan.');
  await checkPage(phone, 'asistensi-booked');
  const booked = await page.locator('.card--own .lead').innerText();
  await page.getByRole('button', { name: /^Pindah ke / }).last().click();
  await expect(mainText(page)).resolves.toContain('Jadwal asistensi sudah dipindah.');
  expect(await page.locator('.card--own .lead').innerText()).not.toBe(booked);
  await page.getByRole('button', { name: 'Batalkan jadwal' }).click();
  await expect(mainText(page)).resolves.toContain('Jadwal asistensi sudah dibatalkan.');
  await page.getByRole('button', { name: /^Pesan / }).first().click();
  await expect(mainText(page)).resolves.toContain('Jadwal asistensi sudah dipesan.');

  // The home page now says what is coming.
  await page.goto('/unit');
  const home = await mainText(page);
  expect(home).toContain('3 terdaftar.');
  expect(home).toContain('Jadwal Anda:');
  await checkPage(phone, 'unit-home');

  // The calendar: the address from the page serves the unit's calendar with its booking.
  await page.getByRole('link', { name: 'Kalender' }).click();
  await checkPage(phone, 'calendar-before');
  await page.getByRole('button', { name: 'Buat alamat kalender' }).click();
  const feedUrl = await page.getByLabel('Alamat (untuk disalin)').inputValue();
  expect(await page.getByRole('link', { name: 'Langganan di perangkat ini' }).getAttribute('href')).toBe(feedUrl.replace(/^http:/, 'webcal:'));
  expect(await page.getByRole('img', { name: /kode QR/ }).isVisible()).toBe(true);
  await checkPage(phone, 'calendar-address');
  const feed = await fetch(feedUrl);
  expect(feed.status).toBe(200);
  expect(feed.headers.get('content-type')).toContain('text/calendar');
  const ics = await feed.text();
  expect(ics).toContain('BEGIN:VCALENDAR');
  expect(ics).toContain('Asistensi');

  // The public page names no official.
  await page.goto(`/p/${site.world.programme.id}`);
  const publicPage = await mainText(page);
  expect(publicPage).toContain('Angkatan I');
  expect(publicPage).not.toContain('Ahmad Fauzi');
  await checkPage(phone, 'public-programme');
  await desk.context.close();
  await phone.context.close();
});

it('lets one of two operators booking the same slot at once have it, and tells the other it was just taken', async () => {
  const tabs: Tab[] = [];
  for (const operator of site.world.operators) {
    const tab = await newTab(site.browser, site.baseUrl);
    await setPasswordAndSignIn(tab, operator.link, operator.email, PASSWORD);
    await tab.page.goto(`/unit/program/${site.world.open.id}/asistensi`);
    tabs.push(tab);
  }
  const slot = (tab: Tab) => tab.page.getByRole('button', { name: /^Pesan / }).first();
  await Promise.all(tabs.map((tab) => slot(tab).click()));
  await Promise.all(tabs.map((tab) => tab.page.waitForLoadState()));
  const outcomes = await Promise.all(tabs.map((tab) => mainText(tab.page)));
  const won = outcomes.filter((text) => text.includes('Jadwal asistensi sudah dipesan.'));
  const lost = outcomes.filter((text) => text.includes('Jadwal ini baru saja dipesan unit lain. Pilih jadwal lain.'));
  expect({ won: won.length, lost: lost.length }).toEqual({ won: 1, lost: 1 });
  const loser = tabs[outcomes.findIndex((text) => text.includes('baru saja dipesan'))]!;
  await checkPage(loser, 'asistensi-slot-taken');
  for (const tab of tabs) await tab.context.close();
});
