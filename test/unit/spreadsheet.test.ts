import ExcelJS from 'exceljs';
import { parseUnitsCsv } from '../../src/features/units/units.csv';
import { xlsxToCsv } from '../../src/platform/spreadsheet';

describe('xlsxToCsv', () => {
  it('reads the first sheet as CSV: quoted commas, rich text, formulas by their result, empty rows left out', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Unit kerja');
    sheet.addRow(['Kode', 'Nama', 'Jenis', 'Email']);
    sheet.addRow(['DISDIKPORA', 'Dinas Pendidikan, Pemuda dan Olahraga', 'Dinas', 'disdik@banjarmasinkota.go.id']);
    sheet.addRow([]);
    sheet.addRow([{ richText: [{ text: 'SATPOL' }, { text: 'PP' }] }, 'Satuan Polisi Pamong Praja', { formula: '"Satpol"&" PP"', result: 'Satpol PP' }, null]);
    const csv = await xlsxToCsv(Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(csv).toBe('Kode,Nama,Jenis,Email\r\nDISDIKPORA,"Dinas Pendidikan, Pemuda dan Olahraga",Dinas,disdik@banjarmasinkota.go.id\r\nSATPOLPP,Satuan Polisi Pamong Praja,Satpol PP,');
    expect(parseUnitsCsv(csv)).toMatchObject({ errors: [], rows: [{ value: { code: 'DISDIKPORA', kind: 'dinas' } }, { value: { code: 'SATPOLPP', kind: 'satpol_pp' } }] });
  });
});
