import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { parseUnitsCsv } from '../../src/features/units/units.csv';
import { parseParticipantsCsv } from '../../src/features/participants/participants.csv';
import { MAX_SPREADSHEET_XML_BYTES, SpreadsheetError, templateCsv, templateXlsx, xlsxToCsv } from '../../src/platform/spreadsheet';
import { xlsxBomb } from '../helpers/zip-bomb';

describe('xlsxToCsv', () => {
  it('reads the first sheet as CSV: quoted commas, rich text, formulas by their result, empty rows as empty lines', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Unit kerja');
    sheet.addRow(['Kode', 'Nama', 'Jenis', 'Email']);
    sheet.addRow(['DISDIKPORA', 'Dinas Pendidikan, Pemuda dan Olahraga', 'Dinas', 'disdik@banjarmasinkota.go.id']);
    sheet.addRow([]);
    sheet.addRow([{ richText: [{ text: 'SATPOL' }, { text: 'PP' }] }, 'Satuan Polisi Pamong Praja', { formula: '"Satpol"&" PP"', result: 'Satpol PP' }, null]);
    const csv = await xlsxToCsv(Buffer.from(await workbook.xlsx.writeBuffer()), 100);
    expect(csv).toBe('Kode,Nama,Jenis,Email\r\nDISDIKPORA,"Dinas Pendidikan, Pemuda dan Olahraga",Dinas,disdik@banjarmasinkota.go.id\r\n\r\nSATPOLPP,Satuan Polisi Pamong Praja,Satpol PP,');
    // The lines an import names are the sheet's row numbers.
    expect(parseUnitsCsv(csv)).toMatchObject({ errors: [], rows: [{ line: 2, value: { code: 'DISDIKPORA', kind: 'dinas' } }, { line: 4, value: { code: 'SATPOLPP', kind: 'satpol_pp' } }] });
  });

  it('reads the first sheet of the workbook whatever the order of the parts inside the ZIP', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Pertama').addRow(['KODE-1', 'Unit pertama', 'dinas']);
    workbook.addWorksheet('Kedua').addRow(['KODE-2', 'Unit kedua', 'dinas']);
    const parts = await JSZip.loadAsync(await workbook.xlsx.writeBuffer());
    // Other writers order the parts differently: the second sheet first and the workbook last
    // (this order made the streaming reader fail).
    const order = ['xl/worksheets/sheet2.xml', 'xl/sharedStrings.xml', 'xl/_rels/workbook.xml.rels', 'xl/worksheets/sheet1.xml'];
    const names = Object.keys(parts.files).filter((name) => !parts.files[name]!.dir);
    const reordered = new JSZip();
    for (const name of [...order, ...names.filter((n) => !order.includes(n) && n !== 'xl/workbook.xml'), 'xl/workbook.xml']) {
      reordered.file(name, await parts.file(name)!.async('nodebuffer'));
    }
    const bytes = await reordered.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    expect(await xlsxToCsv(bytes, 10)).toBe('KODE-1,Unit pertama,dinas');
  });

  it('stops after the rows an import can take, and refuses what is not an XLSX or unpacks to too much', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Banyak');
    for (let i = 0; i < 50; i++) sheet.addRow([`U${i}`, `Unit ${i}`, 'dinas']);
    expect((await xlsxToCsv(Buffer.from(await workbook.xlsx.writeBuffer()), 10)).split('\r\n')).toHaveLength(11);
    await expect(xlsxToCsv(Buffer.from('PK\u0003\u0004 not really a zip'), 10)).rejects.toBeInstanceOf(SpreadsheetError);
  });

  it('counts the bytes it inflates, not the sizes the ZIP declares: a sheet that inflates past the cap is refused', async () => {
    // 300 KB whose headers declare 15 KB for a sheet of 300 MB: stopped just past the cap.
    const bomb = await xlsxBomb(300);
    expect(bomb.length).toBeLessThan(400 * 1024);
    await expect(xlsxToCsv(bomb, 10)).rejects.toThrow(new SpreadsheetError(`the workbook unpacks to more than ${MAX_SPREADSHEET_XML_BYTES} bytes`));
    // Just under the cap is read (the sheet is then not XML, so exceljs refuses it, as it would any broken sheet).
    await expect(xlsxToCsv(await xlsxBomb(3), 10)).rejects.toBeInstanceOf(SpreadsheetError);
  });

  it('ignores what a directory declares when the content is honest', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Unit').addRow(['DINKES', 'Dinas Kesehatan', 'dinas']);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    // Every entry declares 9 MB: the sizes are not believed either way.
    const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    for (let i = 0, at = bytes.readUInt32LE(end + 16); i < bytes.readUInt16LE(end + 10); i++) {
      bytes.writeUInt32LE(9 * 1024 * 1024, at + 24);
      at += 46 + bytes.readUInt16LE(at + 28) + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    }
    expect(await xlsxToCsv(bytes, 10)).toBe('DINKES,Dinas Kesehatan,dinas');
  });
});

describe('a sheet as offices fill it', () => {
  it('keeps row numbers past empty rows and a title, and refuses a NIP Excel stored as a number', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Pejabat');
    sheet.getCell('A1').value = 'DAFTAR PEJABAT; 2027';
    sheet.getRow(3).values = ['No', 'Kode Unit', 'NIP', 'Nama'];
    sheet.getRow(4).values = [1, 'DINKES', '19800412 200501 1 003', 'Contoh Nama'];
    sheet.getRow(7).values = [2, 'DINKES', 198004122005011003, 'Angka Panjang'];
    const csv = await xlsxToCsv(Buffer.from(await workbook.xlsx.writeBuffer()), 100);
    const parsed = parseParticipantsCsv(csv);
    expect(parsed.rows).toMatchObject([{ line: 4, value: { nip: '19800412 200501 1 003' } }]);
    expect(parsed.errors).toMatchObject([{ line: 7, path: 'nip', value: '1.98004122005011E+17' }]);
  });
});

describe('import templates', () => {
  const template = { name: 'templat-pejabat', sheet: 'Pejabat', headings: ['Kode Unit', 'NIP', 'Nama', 'Telepon'], example: ['DINKES', '19800412 200501 1 003', 'Contoh Nama, S.Sos.', '0812 3456 7890'] };

  it('as CSV: semicolons and a BOM, read back by the import', () => {
    const csv = templateCsv(template);
    expect(csv).toBe('\uFEFFKode Unit;NIP;Nama;Telepon\r\nDINKES;19800412 200501 1 003;Contoh Nama, S.Sos.;0812 3456 7890\r\n');
    expect(parseParticipantsCsv(csv)).toMatchObject({ errors: [], rows: [{ value: { unitCode: 'DINKES', name: 'Contoh Nama, S.Sos.', phone: '0812 3456 7890' } }] });
  });

  it('as XLSX: the headings in bold, the example row, every column as text; read back by the import', async () => {
    const bytes = await templateXlsx(template);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('Pejabat');
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.getColumn(2).numFmt).toBe('@');
    expect(parseParticipantsCsv(await xlsxToCsv(bytes, 10))).toMatchObject({ errors: [], rows: [{ line: 2, value: { nip: '19800412 200501 1 003' } }] });
  });
});
