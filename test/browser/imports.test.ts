import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { systemActor } from '../../src/platform/actor';
import { checkPage, mainText, newTab, setPasswordAndSignIn, startSite, type Tab } from '../helpers/browser';

/**
 * The organiser imports units from a spreadsheet as offices keep it (a numbering column,
 * "Kode Unit", "Nama Unit Kerja", one bad kind): the preview shows the rows to be saved and the
 * bad line with its value, and the organiser saves the good lines, skipping the bad one.
 */
jest.setTimeout(90_000);

const PASSWORD = 'kopi-pagi-di-martapura';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let site: Awaited<ReturnType<typeof startSite<Awaited<ReturnType<typeof prepare>>>>>;

async function prepare(services: Parameters<Parameters<typeof startSite>[0]>[0]) {
  const organiser = await services.users.invite(systemActor, { role: 'organiser', email: 'penyelenggara@contoh.go.id', name: 'Penyelenggara' });
  await services.units.create(systemActor, { code: 'KEC-A', name: 'Kecamatan Lama', kind: 'kecamatan' });
  return { organiserLink: organiser.setPasswordUrl };
}

beforeAll(async () => {
  site = await startSite(prepare);
}, 60_000);
afterAll(() => site?.stop());

async function unitsWorkbook() {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('Unit kerja').addRows([
    ['No', 'Kode Unit', 'Nama Unit Kerja', 'Jenis'],
    [1, 'DINKES', 'Dinas Kesehatan', 'Dinas'],
    [2, 'SATPOLPP', 'Satuan Polisi Pamong Praja', 'Satpol PP'],
    [3, 'BAPPEDA', 'Badan Perencanaan Pembangunan Daerah', 'Dinsa'],
    [4, 'KEC-A', 'Kecamatan Contoh', 'KECAMATAN'],
  ]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Clicks a link that downloads a file and answers the file's bytes. */
async function download(tab: Tab, name: string) {
  const [file] = await Promise.all([tab.page.waitForEvent('download'), tab.page.getByRole('link', { name }).first().click()]);
  return fs.readFileSync((await file.path())!);
}

it('imports a units workbook with a numbering column and one bad line, saving the good lines', async () => {
  const desk = await newTab(site.browser, site.baseUrl);
  const { page } = desk;
  await setPasswordAndSignIn(desk, site.world.organiserLink, 'penyelenggara@contoh.go.id', PASSWORD);

  await page.goto('/organisasi/unit');
  await page.getByRole('link', { name: 'Unggah dari CSV atau Excel' }).click();
  // The template, linked from the page.
  const template = new ExcelJS.Workbook();
  await template.xlsx.load((await download(desk, 'Unduh templat Excel (XLSX)')) as unknown as ArrayBuffer);
  expect(template.worksheets[0]!.getRow(1).values).toEqual([undefined, 'Kode', 'Nama', 'Jenis', 'Email']);

  await page.getByLabel('Berkas CSV atau Excel').setInputFiles({ name: 'unit-kerja.xlsx', mimeType: XLSX, buffer: await unitsWorkbook() });
  await page.getByRole('button', { name: 'Periksa berkas' }).click();
  const preview = await mainText(page);
  expect(preview).toContain('1 baris perlu diperbaiki. Belum ada yang disimpan.');
  expect(preview).toContain("Jenis 'Dinsa' tidak dikenal: Dinas, Badan,");
  expect(preview).toContain('2 unit baru, 1 diperbarui, 0 tidak berubah.');
  expect(preview).toMatch(/SATPOLPP\s+Satuan Polisi Pamong Praja\s+Satpol PP/);
  expect(preview).toMatch(/Berubah\s+KEC-A\s+Kecamatan Contoh/);
  await checkPage(desk, 'imports-units-preview');

  await page.getByRole('button', { name: 'Simpan 3 baris yang benar, lewati 1 baris yang salah' }).click();
  const list = await mainText(page);
  expect(list).toContain('Baris yang benar dari daftar unit kerja sudah disimpan; baris yang salah dilewati.');
  expect(list).toContain('Satuan Polisi Pamong Praja');
  expect(list).toContain('Kecamatan Contoh');
  expect(list).not.toContain('Badan Perencanaan Pembangunan Daerah');
});
