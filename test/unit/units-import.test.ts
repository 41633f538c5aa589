import { parseUnitsCsv } from '../../src/features/units/units.csv';
import { MAX_IMPORT_ROWS, separatorOf } from '../../src/platform/csv-import';

describe('parseUnitsCsv', () => {
  it('accepts a valid file with quoted fields, a BOM, CRLF and columns in any order', () => {
    const csv = '\uFEFFname,code,kind,email\r\n"Dinas Pendidikan, Pemuda dan Olahraga",DISDIKPORA,dinas,disdik@banjarmasinkota.go.id\r\nKecamatan Banjarmasin Utara,KEC-BU,kecamatan,\r\n';
    const result = parseUnitsCsv(csv);
    expect(result).toEqual({
      errors: [],
      fatal: false,
      ignoredColumns: [],
      headings: { name: 'name', code: 'code', kind: 'kind', email: 'email' },
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
    expect(parseUnitsCsv(csv.replace('kode;nama;jenis', 'code;name;kind'))).toMatchObject({
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
    expect(result.errors.map((e) => e.value)).toEqual([undefined, 'ministry', 'not-an-email', 'a', undefined]);
    expect(result.errors[3]!.firstLine).toBe(2);
    expect(result.fatal).toBe(false);
  });

  it('checks the heading line: a missing column stops the file, an unknown one is left out and named', () => {
    const result = parseUnitsCsv('code,title,kind\nA,B,dinas\n');
    expect(result).toMatchObject({ fatal: true, rows: [] });
    expect(result.errors.map((e) => e.message)).toEqual(['missing column "name"']);
    expect(parseUnitsCsv('code,name,title,kind\nA,B,x,dinas\n')).toMatchObject({ fatal: false, ignoredColumns: ['title'], rows: [{ value: { code: 'A', name: 'B', kind: 'dinas' } }] });
    expect(parseUnitsCsv('Kode,Nama,Nama Unit Kerja,Jenis\nA,B,C,dinas\n')).toMatchObject({ fatal: true, errors: [{ line: 1, path: 'name', message: 'columns "Nama" and "Nama Unit Kerja" both give name' }] });
  });

  it('refuses empty files, files without rows, broken quoting and too many rows', () => {
    expect(parseUnitsCsv('')).toMatchObject({ fatal: true, errors: [{ message: 'the file is empty' }] });
    expect(parseUnitsCsv('code,name,kind\n')).toMatchObject({ fatal: true, rows: [], errors: [{ message: 'no data rows' }] });
    expect(parseUnitsCsv('No,code,name,kind\n1,,,\n2,,,\n')).toMatchObject({ fatal: true, errors: [{ message: 'no data rows' }] });
    expect(parseUnitsCsv('code,name,kind\nA,"Dinas,dinas\n')).toMatchObject({ fatal: true, errors: [{ path: '' }] });
    const many = ['code,name,kind', ...Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => `U${i},Unit ${i},dinas`)].join('\n');
    expect(parseUnitsCsv(many)).toMatchObject({ fatal: true, rows: [], errors: [{ message: `at most ${MAX_IMPORT_ROWS} rows per import` }] });
  });
});

describe('a units spreadsheet as offices keep it', () => {
  it('reads "No, Kode Unit, Nama Unit Kerja, Jenis" under a title, kinds as people write them, other columns named', () => {
    const csv = [
      'DAFTAR PERANGKAT DAERAH;;;;',
      ';;;;',
      'No.;KODE UNIT;Nama Unit Kerja *;Jenis (Dinas/Badan/...);Keterangan',
      '1;DINKES;Dinas Kesehatan;dinas;',
      '2;SATPOLPP;Satuan Polisi Pamong Praja;SATPOL-PP;lama',
      '3;KEC-A;Kecamatan Contoh;Kec.;',
      '4;BAD;Badan Contoh;Dinsa;',
      '5;;;;',
    ].join('\r\n');
    const result = parseUnitsCsv(csv);
    expect(result.headings).toEqual({ code: 'KODE UNIT', name: 'Nama Unit Kerja *', kind: 'Jenis (Dinas/Badan/...)' });
    expect(result.ignoredColumns).toEqual(['Keterangan']);
    expect(result.rows).toEqual([
      { line: 4, value: { code: 'DINKES', name: 'Dinas Kesehatan', kind: 'dinas' } },
      { line: 5, value: { code: 'SATPOLPP', name: 'Satuan Polisi Pamong Praja', kind: 'satpol_pp' } },
      { line: 6, value: { code: 'KEC-A', name: 'Kecamatan Contoh', kind: 'kecamatan' } },
    ]);
    expect(result.errors).toEqual([{ line: 7, path: 'kind', message: expect.stringContaining('must be one of'), value: 'Dinsa' }]);
  });

  it('takes empty cells a spreadsheet leaves beyond the heading line, and refuses a line with more', () => {
    const result = parseUnitsCsv('Kode,Nama,Jenis,,\nA,Dinas A,Dinas,,\nB,Dinas B,Dinas,,catatan\n');
    expect(result.rows.map((r) => r.value.code)).toEqual(['A']);
    expect(result.errors).toEqual([{ line: 3, path: '', message: 'expected 3 fields, found 5' }]);
  });
});
