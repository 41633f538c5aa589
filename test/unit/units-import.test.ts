import { parseUnitsCsv } from '../../src/features/units/units.csv';
import { MAX_IMPORT_ROWS, separatorOf } from '../../src/platform/csv-import';

describe('parseUnitsCsv', () => {
  it('accepts a valid file with quoted fields, a BOM, CRLF and columns in any order', () => {
    const csv = '\uFEFFname,code,kind,email\r\n"Dinas Pendidikan, Pemuda dan Olahraga",DISDIKPORA,dinas,disdik@banjarmasinkota.go.id\r\nKecamatan Banjarmasin Utara,KEC-BU,kecamatan,\r\n';
    const result = parseUnitsCsv(csv);
    expect(result).toEqual({
      errors: [],
      rows: [
        { line: 2, value: { code: 'DISDIKPORA', name: 'Dinas Pendidikan, Pemuda dan Olahraga', kind: 'dinas', email: 'disdik@banjarmasinkota.go.id' } },
        { line: 3, value: { code: 'KEC-BU', name: 'Kecamatan Banjarmasin Utara', kind: 'kecamatan', email: null } },
      ],
    });
  });

  it('reads a semicolon file (Excel in an Indonesian locale) without splitting names at their commas', () => {
    const csv = 'kode;nama;jenis\r\nDISDIKPORA;Dinas Pendidikan, Pemuda dan Olahraga;dinas\r\n';
    expect(separatorOf(csv)).toBe(';');
    expect(separatorOf('\uFEFFcode,name,kind\n"A;B",x,dinas')).toBe(',');
    expect(parseUnitsCsv(csv.replace('kode;nama;jenis', 'code;name;kind'))).toEqual({
      errors: [],
      rows: [{ line: 2, value: { code: 'DISDIKPORA', name: 'Dinas Pendidikan, Pemuda dan Olahraga', kind: 'dinas' } }],
    });
  });

  it('lists every bad line with its reason', () => {
    const csv = ['code,name,kind,email', 'A,Dinas A,dinas,', 'B,,badan,', 'C,Kantor C,ministry,', 'D,Dinas D,dinas,not-an-email', 'a,Dinas A again,dinas,', 'E,Extra,dinas,,x'].join('\n');
    const result = parseUnitsCsv(csv);
    expect(result.rows.map((r) => r.line)).toEqual([2]);
    expect(result.errors.map((e) => [e.line, e.path])).toEqual([
      [3, 'name'],
      [4, 'kind'],
      [5, 'email'],
      [6, 'code'],
      [7, ''],
    ]);
    expect(result.errors[3]!.message).toContain('line 2');
  });

  it('checks the header', () => {
    const result = parseUnitsCsv('code,title,kind\nA,B,dinas\n');
    expect(result.errors.map((e) => e.message)).toEqual(['missing column "name"', 'unknown column "title"']);
  });

  it('refuses empty files, files without rows, broken quoting and too many rows', () => {
    expect(parseUnitsCsv('').errors).toHaveLength(1);
    expect(parseUnitsCsv('code,name,kind\n')).toMatchObject({ rows: [], errors: [{ message: 'no data rows' }] });
    expect(parseUnitsCsv('code,name,kind\nA,"Dinas,dinas\n').errors).toHaveLength(1);
    const many = ['code,name,kind', ...Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => `U${i},Unit ${i},dinas`)].join('\n');
    expect(parseUnitsCsv(many)).toMatchObject({ rows: [], errors: [{ message: `at most ${MAX_IMPORT_ROWS} rows per import` }] });
  });
});
