import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { DateTime } from 'luxon';
import { createContainer } from '../../src/container';
import { systemActor } from '../../src/platform/actor';
import { systemClock } from '../../src/platform/time';
import { formatDate } from '../../src/platform/format';
import { makeNip } from '../helpers/app';
import { checkPage, mainText, newTab, PHONE, setPasswordAndSignIn, startSite, type Tab } from '../helpers/browser';
import { pdfPages } from '../helpers/pdf';

/**
 * The organiser builds a programme from nothing in a real Chromium against the real server:
 * units from a spreadsheet (one bad line fixed), officials, two batches (one refused on a
 * holiday, then placed), distribution, attendance, an asistensi period (its skipped days
 * previewed), a closed day and auto-schedule, a draft accepted, and the files the room needs.
 */
jest.setTimeout(180_000);

const ZONE = 'Asia/Makassar';
const PASSWORD = 'kopi-pagi-di-martapura';
const today = DateTime.now().setZone(ZONE).toISODate()!;

let site: Awaited<ReturnType<typeof startSite<Awaited<ReturnType<typeof prepare>>>>>;

/** Dates that fit the real clock: a holiday ahead, the last two working days, a Monday some weeks ahead. */
async function prepare(services: Parameters<Parameters<typeof startSite>[0]>[0]) {
  const year = Number(today.slice(0, 4));
  const holiday = [...(await services.holidays.calendarOf(year)).days, ...(await services.holidays.calendarOf(year + 1)).days].find((d) => d.date > today && d.kind === 'holiday')!;
  const recent = Array.from({ length: 20 }, (_, i) => DateTime.fromISO(today, { zone: 'utc' }).minus({ days: i + 2 }).toISODate()!);
  const closed = new Set((await services.holidays.nonWorkingDays(recent)).map((d) => d.date));
  const [second, first] = recent.filter((d) => !closed.has(d));
  const periodStart = DateTime.fromISO(today, { zone: 'utc' }).plus({ weeks: 3 }).startOf('week').toISODate()!;
  const organiser = await services.users.invite(systemActor, { role: 'organiser', email: 'rina@banjarmasinkota.go.id', name: 'Rina Kartika' });
  return { holiday, batchDays: [first!, second!], periodStart, organiserLink: organiser.setPasswordUrl };
}

beforeAll(async () => {
  site = await startSite(prepare);
}, 60_000);
afterAll(() => site?.stop());

/** Writes beside the running server (another process on the same file), as a unit's own actions would. */
async function asTheUnits<T>(work: (services: ReturnType<typeof createContainer>) => Promise<T>): Promise<T> {
  const database = await site.openDatabase();
  try {
    return await work(createContainer({ database, clock: systemClock }));
  } finally {
    await database.close();
  }
}

async function unitsWorkbook(kindOfLastUnit: string) {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('Unit kerja').addRows([
    ['Kode', 'Nama', 'Jenis', 'Email'],
    ['DISHUB', 'Dinas Perhubungan', 'Dinas', 'dishub@banjarmasinkota.go.id'],
    ['DINKES', 'Dinas Kesehatan', 'Dinas', ''],
    ['SATPOLPP', 'Satuan Polisi Pamong Praja', 'Satpol PP', ''],
    ['KEC-BU', 'Kecamatan Banjarmasin Utara', kindOfLastUnit, ''],
  ]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Clicks a link that downloads a file and answers the file's bytes. */
async function download(tab: Tab, name: string | RegExp) {
  const [file] = await Promise.all([tab.page.waitForEvent('download'), tab.page.getByRole('link', { name }).first().click()]);
  return fs.readFileSync((await file.path())!);
}

it('lets the organiser run a programme from the browser alone and print what the room needs', async () => {
  const desk = await newTab(site.browser, site.baseUrl);
  const { page } = desk;
  await setPasswordAndSignIn(desk, site.world.organiserLink, 'rina@banjarmasinkota.go.id', PASSWORD);
  await checkPage(desk, 'console-home');

  // The programme.
  await page.getByRole('link', { name: 'Program baru' }).click();
  await page.getByLabel('Nama program').fill('Penyusunan SOP Kota Banjarmasin');
  await page.getByLabel('Zona waktu').selectOption('Asia/Makassar');
  await checkPage(desk, 'console-programme-new');
  await page.getByRole('button', { name: 'Buat program' }).click();
  await expect(mainText(page)).resolves.toContain('Program sudah dibuat.');
  const programmeUrl = page.url().split('?')[0]!;

  // Units from a spreadsheet: the bad line first, then the fixed file.
  await page.getByRole('link', { name: 'Unit kerja' }).first().click();
  await page.getByRole('link', { name: 'Unggah dari CSV atau Excel' }).click();
  const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  await page.getByLabel('Berkas CSV atau Excel').setInputFiles({ name: 'unit-kerja.xlsx', mimeType: xlsx, buffer: await unitsWorkbook('Kabupaten') });
  await page.getByRole('button', { name: 'Periksa berkas' }).click();
  expect(await mainText(page)).toContain('1 baris perlu diperbaiki. Belum ada yang disimpan.');
  await checkPage(desk, 'console-units-bad-line');
  await page.getByLabel('Berkas CSV atau Excel').setInputFiles({ name: 'unit-kerja.xlsx', mimeType: xlsx, buffer: await unitsWorkbook('Kecamatan') });
  await page.getByRole('button', { name: 'Periksa berkas' }).click();
  expect(await mainText(page)).toContain('4 unit baru, 0 diperbarui, 0 tidak berubah.');
  await page.getByRole('button', { name: 'Simpan daftar unit' }).click();
  expect(await mainText(page)).toContain('Daftar unit kerja sudah disimpan.');
  await checkPage(desk, 'console-units');

  // Officials of every unit in one CSV.
  await page.getByRole('link', { name: 'Unggah pejabat semua unit (CSV atau Excel)' }).click();
  await checkPage(desk, 'console-officials-import');
  const officials = ['kode_unit;nip;nama;jabatan', ...['DISHUB', 'DISHUB', 'DINKES', 'SATPOLPP', 'KEC-BU'].map((code, i) => `${code};${makeNip(i + 1)};Pejabat ${code} ${i + 1};Kepala Bidang`)].join('\r\n');
  await page.getByLabel('Berkas CSV').setInputFiles({ name: 'pejabat.csv', mimeType: 'text/csv', buffer: Buffer.from(officials) });
  await page.getByRole('button', { name: 'Periksa berkas' }).click();
  await page.getByRole('button', { name: 'Simpan daftar pejabat' }).click();

  // Two batches: the first refused on a holiday, naming it, then placed on working days.
  await page.goto(`${programmeUrl}/angkatan`);
  const { holiday, batchDays, periodStart } = site.world;
  await page.getByLabel('Nama angkatan').fill('Angkatan I');
  await page.getByLabel('Tanggal hari ke-1').fill(holiday.date);
  await page.getByRole('button', { name: 'Tambah angkatan' }).click();
  expect(await mainText(page)).toContain(`${formatDate(holiday.date, 'id')}: libur nasional (${holiday.name})`);
  await checkPage(desk, 'console-batch-refused');
  // Days that have passed (the room's paper needs them) are confirmed first.
  await page.getByLabel('Tanggal hari ke-1').fill(batchDays[0]!);
  await page.getByLabel('Tanggal hari ke-2').fill(batchDays[1]!);
  await page.getByRole('button', { name: 'Tambah angkatan' }).click();
  expect(await mainText(page)).toContain(`${formatDate(batchDays[0]!, 'id')}, ${formatDate(batchDays[1]!, 'id')} sudah lewat`);
  await page.getByLabel('Ya, tanggal yang sudah lewat ini benar').check();
  await page.getByRole('button', { name: 'Tambah angkatan' }).click();
  expect(await mainText(page)).toContain('Angkatan sudah ditambahkan.');
  await page.getByLabel('Nama angkatan').fill('Angkatan II');
  await page.getByLabel('Kapasitas (kursi)').fill('2');
  await page.getByLabel('Kursi per unit kerja').fill('1');
  await page.getByLabel('Tanggal hari ke-1').fill(periodStart);
  await page.getByLabel('Kecamatan').check();
  await page.getByRole('button', { name: 'Tambah angkatan' }).click();
  await checkPage(desk, 'console-batches');

  // Distribution: the preview, then saved.
  await page.getByRole('link', { name: 'Bagi pejabat ke angkatan' }).click();
  expect(await mainText(page)).toContain('5 pejabat akan ditempatkan');
  await checkPage(desk, 'console-distribution');
  await page.getByRole('button', { name: 'Simpan pembagian ini' }).click();
  expect(await mainText(page)).toContain('Pembagian sudah disimpan.');

  // Attendance on a phone in the room, and the sheet for the day.
  const phone = await newTab(site.browser, site.baseUrl, { viewport: PHONE });
  await phone.context.addCookies(await desk.context.cookies());
  await phone.page.goto(page.url());
  await phone.page.getByRole('link', { name: 'Rincian Angkatan I', exact: true }).click();
  const day1 = phone.page.locator('section', { has: phone.page.getByRole('heading', { name: /^Hari ke-1/ }) });
  for (const box of await day1.getByRole('checkbox').all()) await box.check();
  await day1.getByRole('button', { name: 'Simpan kehadiran' }).click();
  expect(await mainText(phone.page)).toContain('Kehadiran sudah disimpan.');
  await checkPage(phone, 'console-attendance');
  const sheet = await download(phone, 'Daftar hadir hari ke-1 (PDF)');
  expect((await pdfPages(sheet)).join(' ')).toContain('Pejabat DISHUB 1');
  await phone.context.close();

  // An asistensi period: the skipped days shown before anything is created.
  await page.goto(`${programmeUrl}/asistensi/baru`);
  await page.getByLabel('Nama periode').fill('Asistensi draf SOP');
  await page.getByLabel('Hari pertama').fill(periodStart);
  await page.getByRole('button', { name: 'Periksa hari kerja' }).click();
  const preview = await mainText(page);
  expect(preview).toContain('10 hari kerja');
  expect(preview).toMatch(/Hari yang dilewati .*akhir pekan/);
  await checkPage(desk, 'console-period-preview');
  await page.getByRole('button', { name: 'Buat periode' }).click();
  expect(await mainText(page)).toContain('Periode asistensi sudah dibuat.');
  const periodUrl = page.url().split('?')[0]!;
  const periodId = Number(periodUrl.split('/').pop());

  // A unit books the first day and sends its draft (beside the server, as the unit would).
  await asTheUnits(async (services) => {
    const dishub = (await services.units.getByCode('DISHUB'))!;
    const slot = (await services.bookings.listSlots(systemActor, periodId, {}))[0]!;
    await services.bookings.book(systemActor, periodId, { unitId: dishub.id, slotId: slot.id });
    await services.drafts.create({ ...systemActor, role: 'unit', unitId: dishub.id }, (await services.programmes.list())[0]!.id, { title: 'Draf SOP Dinas Perhubungan', sopCount: 12 });
  });

  // The organiser closes that day: the booking it displaces is shown, then auto-scheduled elsewhere.
  await page.goto(periodUrl);
  await checkPage(desk, 'console-period');
  await page.getByRole('link', { name: `Tutup tanggal ini: ${formatDate(periodStart, 'id')}` }).click();
  expect(await mainText(page)).toContain('1 pesanan akan dibatalkan: Dinas Perhubungan');
  await page.getByLabel('Alasan penutupan').fill('Rapat paripurna DPRD');
  await checkPage(desk, 'console-close-day');
  await page.getByRole('button', { name: 'Tutup tanggal ini' }).click();
  expect(await mainText(page)).toMatch(/1 unit akan mendapat jadwal Dinas Perhubungan/);
  await checkPage(desk, 'console-auto-schedule');
  await page.getByRole('button', { name: 'Simpan jadwal ini' }).click();
  expect(await mainText(page)).toContain('Jadwal otomatis sudah disimpan.');

  // The draft accepted.
  await page.goto(`${programmeUrl}/draf`);
  await page.getByLabel('Ubah status menjadi').selectOption({ label: 'Diterima' });
  await page.getByRole('button', { name: 'Perbarui status Draf SOP Dinas Perhubungan' }).click();
  expect(await mainText(page)).toContain('Status draf sudah diperbarui.');

  await page.goto(programmeUrl);
  await checkPage(desk, 'console-programme');

  // Progress, and its spreadsheet.
  await page.goto(`${programmeUrl}/progres`);
  await checkPage(desk, 'console-progress');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await download(desk, 'Excel (XLSX)')) as unknown as ArrayBuffer);
  const rows = workbook.worksheets[0]!.getSheetValues().filter(Boolean) as unknown[][];
  expect(rows.find((row) => row.includes('Dinas Perhubungan'))).toEqual(expect.arrayContaining(['Diterima']));

  // A key for another program, shown once; the change log.
  await page.goto('/organisasi/kunci');
  await page.getByLabel('Nama kunci').fill('Sinkronisasi SIMPEG');
  await page.getByRole('button', { name: 'Buat kunci' }).click();
  expect(await page.getByLabel('Kunci', { exact: true }).inputValue()).toMatch(/^sop_/);
  await page.goto('/organisasi/kunci');
  await checkPage(desk, 'console-keys');
  await page.goto('/organisasi/catatan');
  await page.getByRole('button', { name: 'Saring' }).click();
  await checkPage(desk, 'console-log');
  await desk.context.close();
});
