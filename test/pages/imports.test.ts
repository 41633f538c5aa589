import ExcelJS from 'exceljs';
import { buildTestApp, makeNip, type TestApp } from '../helpers/app';
import { signedInPerson, textOf, type PageClient } from '../helpers/pages';

/**
 * The import pages with real spreadsheets: headings by their aliases, the rows to be saved
 * previewed with what is new or changed, every bad line with its value echoed, the columns
 * left out named, the choice to save the good lines, templates, officials from Excel.
 */
let t: TestApp;
let desk: PageClient;
beforeEach(async () => {
  t = await buildTestApp();
  desk = (await signedInPerson(t.app, t.organiser, { email: 'organisasi@contoh.go.id', name: 'Penyelenggara', role: 'organiser' })).client;
});
afterEach(() => t.app.close());

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const count = (table: string) => t.count(table);

async function workbook(rows: unknown[][]) {
  const book = new ExcelJS.Workbook();
  book.addWorksheet('Lembar 1').addRows(rows);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The file a preview carries to its save button, as the browser would send it back. */
const hiddenCsv = (html: string) =>
  /name="csv" value="([^"]*)"/.exec(html)![1]!.replace(/&#x?[0-9a-f]+;|&quot;|&amp;|&lt;|&gt;/gi, (e) =>
    e === '&quot;' ? '"' : e === '&amp;' ? '&' : e === '&lt;' ? '<' : e === '&gt;' ? '>' : String.fromCharCode(e.startsWith('&#x') ? parseInt(e.slice(3), 16) : parseInt(e.slice(2), 10)),
  );

const unitRows = [
  ['No', 'Kode Unit', 'Nama Unit Kerja', 'Jenis', 'Keterangan'],
  [1, 'DINKES', 'Dinas Kesehatan', 'Dinas', ''],
  [2, 'SATPOLPP', 'Satuan Polisi Pamong Praja', 'SATPOL-PP', 'baru'],
  [3, 'BAPPEDA', 'Badan Perencanaan', 'Dinsa', ''],
  [4, 'KEC-A', 'Kecamatan Contoh', 'Kecamatan', ''],
];

describe('the units import', () => {
  it('previews the rows to be saved, names the columns left out, echoes the bad value, then saves the good lines', async () => {
    await t.make.unit({ code: 'KEC-A', name: 'Kecamatan Lama', kind: 'kecamatan' });
    await t.make.unit({ code: 'DINKES', name: 'Dinas Kesehatan', kind: 'dinas' });
    const form = textOf((await desk.get('/organisasi/unit/unggah')).body);
    expect(form).toContain('Judul kolom yang dikenali');
    expect(form).toContain('Nama, Nama Unit, Nama Unit Kerja, Nama Perangkat Daerah');
    expect(form).toContain('Unduh templat Excel (XLSX)');

    const preview = await desk.upload('/organisasi/unit/unggah', {}, { field: 'file', name: 'unit.xlsx', type: XLSX, bytes: await workbook(unitRows) });
    expect(preview.status).toBe(422);
    const text = textOf(preview.body);
    expect(text).toContain('1 baris perlu diperbaiki. Belum ada yang disimpan.');
    expect(text).toContain("4 Jenis Jenis 'Dinsa' tidak dikenal: Dinas, Badan, Kantor,");
    expect(text).toContain('Kolom yang diabaikan: Keterangan.');
    expect(text).toContain('1 unit baru, 1 diperbarui, 1 tidak berubah. 3 baris dapat disimpan.');
    expect(text).toContain('2 Tetap DINKES Dinas Kesehatan Dinas');
    expect(text).toContain('3 Baru SATPOLPP Satuan Polisi Pamong Praja Satpol PP');
    expect(text).toContain('5 Berubah KEC-A Kecamatan Contoh Kecamatan');
    expect(text).not.toContain('BAPPEDA');
    expect(text).toContain('Simpan 3 baris yang benar, lewati 1 baris yang salah');
    expect(text).toContain('Atau perbaiki berkas lalu unggah lagi');
    expect(preview.body).toContain('name="skipInvalid" value="true"');
    expect(await count('units')).toBe(2);

    const saved = await desk.post('/organisasi/unit/unggah/simpan', { csv: hiddenCsv(preview.body), skipInvalid: 'true' });
    expect(saved).toMatchObject({ status: 303, location: '/organisasi/unit?ok=unitsImportedSkipping' });
    expect(textOf((await desk.follow(saved)).body)).toContain('Baris yang benar dari daftar unit kerja sudah disimpan; baris yang salah dilewati.');
    expect(await t.sql('select code, name, kind from units order by code')).toEqual([
      { code: 'DINKES', name: 'Dinas Kesehatan', kind: 'dinas' },
      { code: 'KEC-A', name: 'Kecamatan Contoh', kind: 'kecamatan' },
      { code: 'SATPOLPP', name: 'Satuan Polisi Pamong Praja', kind: 'satpol_pp' },
    ]);
  });

  it('says the same in English', async () => {
    await desk.get('/bahasa/en');
    const form = textOf((await desk.get('/organisasi/unit/unggah')).body);
    expect(form).toContain('Column headings we recognise');
    const preview = await desk.upload('/organisasi/unit/unggah', {}, { field: 'file', name: 'unit.xlsx', type: XLSX, bytes: await workbook(unitRows) });
    const text = textOf(preview.body);
    expect(text).toContain('1 line(s) need fixing. Nothing was saved.');
    expect(text).toContain("4 Jenis Kind 'Dinsa' is not known: Agency (dinas), Board (badan),");
    expect(text).toContain('Columns ignored: Keterangan.');
    expect(text).toContain('3 new unit(s), 0 updated, 0 unchanged. 3 line(s) can be saved.');
    expect(text).toContain('3 New SATPOLPP Satuan Polisi Pamong Praja Satpol PP');
    expect(text).toContain('Save the 3 good line(s), skip the 1 bad one(s)');
    expect(text).toContain('Or fix the file and upload it again');
  });

  it('saves a file without bad lines with one button, and checks it again when it no longer holds', async () => {
    const good = unitRows.filter((row) => row[3] !== 'Dinsa');
    await desk.get('/organisasi/unit/unggah');
    const preview = await desk.upload('/organisasi/unit/unggah', {}, { field: 'file', name: 'unit.xlsx', type: XLSX, bytes: await workbook(good) });
    expect(preview.status).toBe(200);
    expect(preview.body).not.toContain('name="skipInvalid"');
    expect(textOf(preview.body)).toContain('Unggah berkas lain');
    const file = hiddenCsv(preview.body);
    expect(await desk.post('/organisasi/unit/unggah/simpan', { csv: file })).toMatchObject({ status: 303, location: '/organisasi/unit?ok=unitsImported' });
    expect(await count('units')).toBe(3);
    // The same save with a line gone bad in between: nothing saved, the preview again.
    const changed = await desk.post('/organisasi/unit/unggah/simpan', { csv: file.replace('Kecamatan Contoh', '') });
    expect(changed.status).toBe(422);
    expect(textOf(changed.body)).toContain('Nama wajib diisi.');
  });

  it('lists the first 50 rows, then how many more', async () => {
    await desk.get('/organisasi/unit/unggah');
    const rows = [['Kode', 'Nama', 'Jenis'], ...Array.from({ length: 60 }, (_, i) => [`U${String(i + 1).padStart(2, '0')}`, `Unit ${i + 1}`, 'Dinas'])];
    const preview = await desk.upload('/organisasi/unit/unggah', {}, { field: 'file', name: 'unit.csv', type: 'text/csv', bytes: rows.map((r) => r.join(';')).join('\r\n') });
    const text = textOf(preview.body);
    expect(text).toContain('60 unit baru');
    expect(text).toContain('U50 Unit 50');
    expect(text).not.toContain('U51 Unit 51');
    expect(text).toContain('… dan 10 baris lainnya.');
  });

  it('names a missing column with the headings it may have, in both languages', async () => {
    const bytes = 'Kode;Nama\r\nDINKES;Dinas Kesehatan\r\n';
    await desk.get('/organisasi/unit/unggah');
    const refused = await desk.upload('/organisasi/unit/unggah', {}, { field: 'file', name: 'unit.csv', type: 'text/csv', bytes });
    expect(refused.status).toBe(422);
    expect(textOf(refused.body)).toContain('Kolom Jenis tidak ditemukan. Judul yang dikenali: Jenis, Jenis Unit, Jenis Unit Kerja');
    await desk.get('/bahasa/en');
    expect(textOf((await desk.upload('/organisasi/unit/unggah', {}, { field: 'file', name: 'unit.csv', type: 'text/csv', bytes })).body)).toContain(
      'There is no Kind column. Headings recognised: Jenis, Jenis Unit',
    );
  });

  it('offers its template as CSV and XLSX, each taken back as it is', async () => {
    const csv = await desk.get('/organisasi/unit/unggah/contoh.csv');
    expect(csv.headers['content-disposition']).toContain('templat-unit-kerja.csv');
    expect(csv.body).toBe('\uFEFFKode;Nama;Jenis;Email\r\nDINKES;Dinas Kesehatan;Dinas;dinkes@contoh.go.id\r\n');
    const xlsx = await t.app.inject({ method: 'GET', url: '/organisasi/unit/unggah/contoh.xlsx', headers: { cookie: [...desk.jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
    expect(xlsx.headers['content-type']).toBe(XLSX);
    await desk.get('/organisasi/unit/unggah');
    const preview = await desk.upload('/organisasi/unit/unggah', {}, { field: 'file', name: 'templat.xlsx', type: XLSX, bytes: xlsx.rawPayload });
    expect(textOf(preview.body)).toContain('1 unit baru, 0 diperbarui, 0 tidak berubah.');
  });
});

describe('the officials imports', () => {
  it('takes every unit’s officials from Excel on the console, echoing an unknown unit and a NIP Excel turned into a number', async () => {
    await t.make.unit({ code: 'DINKES' });
    const template = await t.app.inject({ method: 'GET', url: '/organisasi/pejabat/unggah/contoh.xlsx', headers: { cookie: [...desk.jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets[0]!.getRow(1).values).toEqual([undefined, 'Kode Unit', 'NIP', 'Nama', 'Jabatan', 'Email', 'Telepon']);

    const bytes = await workbook([
      ['No', 'Kode Unit', 'NIP', 'Nama Lengkap', 'Jabatan', 'No HP'],
      [1, 'DINKES', makeNip(1), 'Contoh Satu', 'Kepala Bidang', '0812 3456 7890'],
      [2, 'DINAS-X', makeNip(2), 'Unit Salah', '', ''],
      [3, 'DINKES', 198004122005011003, 'Angka Panjang', '', ''],
    ]);
    await desk.get('/organisasi/pejabat/unggah');
    const preview = await desk.upload('/organisasi/pejabat/unggah', {}, { field: 'file', name: 'pejabat.xlsx', type: XLSX, bytes });
    expect(preview.status).toBe(422);
    const text = textOf(preview.body);
    expect(text).toContain("3 Kode Unit Kode unit 'DINAS-X' tidak dikenal.");
    expect(text).toContain("4 NIP NIP '1.98004122005011E+17' tersimpan sebagai angka di Excel");
    expect(text).toContain(`2 Baru DINKES ${makeNip(1).slice(0, 8)} ${makeNip(1).slice(8, 14)} ${makeNip(1).slice(14, 15)} ${makeNip(1).slice(15)} Contoh Satu Kepala Bidang`);
    const saved = await desk.post('/organisasi/pejabat/unggah/simpan', { csv: hiddenCsv(preview.body), skipInvalid: 'true' });
    expect(saved).toMatchObject({ status: 303, location: '/organisasi/unit?ok=importedSkipping' });
    expect(await t.sql('select name, phone from participants')).toEqual([{ name: 'Contoh Satu', phone: '0812 3456 7890' }]);
  });

  it('takes an operator’s own officials from Excel, with a template without the unit column, in both languages', async () => {
    const unit = await t.make.unit({ code: 'DINKES' });
    const { client } = await signedInPerson(t.app, t.organiser, { email: 'operator@contoh.go.id', name: 'Operator', role: 'unit', unitId: unit.id });
    const csv = await client.get('/unit/pejabat/unggah/contoh.csv');
    expect(csv.body).toBe('\uFEFFNIP;Nama;Jabatan;Email;Telepon\r\n19800412 200501 1 003;Contoh Nama, S.Sos.;Kepala Bidang;nama@contoh.go.id;0812 3456 7890\r\n');
    expect(await client.get('/unit/pejabat/contoh.csv')).toMatchObject({ status: 301, location: '/unit/pejabat/unggah/contoh.csv' });
    expect(textOf((await client.get('/unit/pejabat/unggah')).body)).not.toContain('Kode Unit');

    const bytes = await workbook([
      ['NIP', 'Nama', 'Jabatan', 'Kode Unit', 'Catatan'],
      [makeNip(1), 'Contoh Satu', 'Sekretaris', '', ''],
      [makeNip(2), 'Contoh Dua', '', 'DLH', 'pindahan'],
      ['12345', 'Contoh Tiga', '', '', ''],
    ]);
    const preview = await client.upload('/unit/pejabat/unggah', {}, { field: 'file', name: 'pejabat.xlsx', type: XLSX, bytes });
    const text = textOf(preview.body);
    expect(text).toContain("3 Kode Unit Kode unit 'DLH' bukan unit Anda.");
    expect(text).toContain("4 NIP NIP '12345' tidak valid");
    expect(text).toContain('Kolom yang diabaikan: Catatan.');
    expect(text).toContain('Simpan 1 baris yang benar, lewati 2 baris yang salah');

    await client.get('/bahasa/en');
    const english = textOf((await client.upload('/unit/pejabat/unggah', {}, { field: 'file', name: 'pejabat.xlsx', type: XLSX, bytes })).body);
    expect(english).toContain("3 Kode Unit Unit code 'DLH' is not your unit.");
    expect(english).toContain("4 NIP NIP '12345' is not valid");
    expect(english).toContain('Columns ignored: Catatan.');
    const saved = await client.post('/unit/pejabat/unggah/simpan', { csv: hiddenCsv(preview.body), skipInvalid: 'true' });
    expect(saved).toMatchObject({ status: 303, location: '/unit/pejabat?ok=importedSkipping' });
    expect(await t.sql('select name from participants')).toEqual([{ name: 'Contoh Satu' }]);
  });
});

describe('a file that cannot be taken at all', () => {
  it('names two columns that hold the same thing', async () => {
    await desk.get('/organisasi/unit/unggah');
    const bytes = 'Kode;Nama;Nama Unit Kerja;Jenis\r\nDINKES;Dinkes;Dinas Kesehatan;Dinas\r\n';
    const refused = await desk.upload('/organisasi/unit/unggah', {}, { field: 'file', name: 'unit.csv', type: 'text/csv', bytes });
    expect(refused.status).toBe(422);
    expect(textOf(refused.body)).toContain('Dua kolom berisi hal yang sama: Nama, Nama Unit Kerja. Hapus salah satunya.');
    expect(await count('units')).toBe(0);
  });
});

describe('a NIP that is not a NIP', () => {
  it('says which part of it is wrong, echoing it as the file wrote it', async () => {
    await t.make.unit({ code: 'DINKES' });
    await desk.get('/organisasi/pejabat/unggah');
    const bytes = `Kode Unit;NIP;Nama\r\nDINKES;19801312 200501 1 003;Bulan Tiga Belas\r\nDINKES;${makeNip(1)};Contoh Satu\r\n`;
    const preview = await desk.upload('/organisasi/pejabat/unggah', {}, { field: 'file', name: 'pejabat.csv', type: 'text/csv', bytes });
    expect(textOf(preview.body)).toContain("2 NIP NIP '19801312 200501 1 003' tidak valid. Angka ke-1 sampai ke-8 NIP adalah tanggal lahir");
    expect(textOf(preview.body)).toContain('19801312 bukan tanggal yang ada.');
  });
});
