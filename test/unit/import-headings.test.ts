import { PARTICIPANT_IMPORT_COLUMNS } from '../../src/features/participants/participant-import.rules';
import { parseParticipantsCsv } from '../../src/features/participants/participants.csv';
import { UNIT_IMPORT_COLUMNS, UNIT_KIND_WORDS, unitKindOf } from '../../src/features/units/unit-import.rules';
import { UNIT_KINDS } from '../../src/features/units/units.rules';
import { unitKindText } from '../../src/features/units/units.text';
import { parseUnitsCsv } from '../../src/features/units/units.csv';
import { headingKey, NUMBERING_HEADINGS, type ImportColumn } from '../../src/platform/csv-import';

describe('headingKey', () => {
  it('ignores case, spaces, underscores, hyphens, dots, a required mark and a remark in brackets', () => {
    for (const heading of ['Kode Unit', 'KODE_UNIT', 'kode-unit', ' Kode  Unit ', 'Kode Unit *', 'Kode Unit (wajib)', 'kodeUnit', '\uFEFFKode Unit']) expect([heading, headingKey(heading)]).toEqual([heading, 'kodeunit']);
    expect(headingKey('No.')).toBe('no');
    expect(headingKey('No HP')).toBe('nohp');
    expect(headingKey('#')).toBe('#');
  });
});

describe.each([
  ['units', UNIT_IMPORT_COLUMNS as readonly ImportColumn[]],
  ['officials', PARTICIPANT_IMPORT_COLUMNS as readonly ImportColumn[]],
])('the %s import headings', (_name, columns) => {
  it('name one field each, never a numbering column', () => {
    const fieldOf = new Map<string, string>();
    const numbering = new Set(NUMBERING_HEADINGS.map(headingKey));
    for (const { field, headings } of columns) {
      for (const heading of [field, ...headings]) {
        const key = headingKey(heading);
        expect({ heading, numbering: numbering.has(key) }).toEqual({ heading, numbering: false });
        expect({ heading, field: fieldOf.get(key) ?? field }).toEqual({ heading, field });
        fieldOf.set(key, field);
      }
    }
  });
});

describe('units headings', () => {
  const parse = (header: string) => parseUnitsCsv(`${header}\nDINKES,Dinas Kesehatan,Dinas,dinkes@contoh.go.id\n`);

  it.each([
    'code,name,kind,email',
    'Kode,Nama,Jenis,Email',
    'Kode Unit,Nama Unit,Jenis Unit,Surel',
    'KODE,NAMA UNIT KERJA,JENIS,E-MAIL',
    'kode_unit,nama_perangkat_daerah,jenis,email',
    'Code,Name,Type,Email',
    'Unit Code,Unit Name,Kind,Email',
  ])('reads %s', (header) => {
    expect(parse(header)).toMatchObject({ fatal: false, errors: [], rows: [{ line: 2, value: { code: 'DINKES', name: 'Dinas Kesehatan', kind: 'dinas', email: 'dinkes@contoh.go.id' } }] });
  });

  it('leaves numbering columns out without a word and names other columns', () => {
    for (const numbering of ['No', 'No.', 'Nomor', '#', 'NO']) {
      const result = parseUnitsCsv(`${numbering},Kode Unit,Nama Unit Kerja,Jenis,Alamat\n1,DINKES,Dinas Kesehatan,Dinas,Jalan Contoh 1\n`);
      expect({ numbering, ignored: result.ignoredColumns, rows: result.rows.length }).toEqual({ numbering, ignored: ['Alamat'], rows: 1 });
    }
  });
});

describe('officials headings', () => {
  it('reads Indonesian and English headings, the unit column optional for a unit’s own file', () => {
    const nip = '19800412 200501 1 003';
    const organiser = parseParticipantsCsv(`No;Kode Unit;NIP;Nama Lengkap;Jabatan;Email;No HP\n1;DINKES;${nip};Contoh Nama;Kepala Bidang;nama@contoh.go.id;'0812 3456 7890\n`);
    expect(organiser).toMatchObject({
      fatal: false,
      ignoredColumns: [],
      rows: [{ line: 2, value: { unitCode: 'DINKES', nip, name: 'Contoh Nama', position: 'Kepala Bidang', email: 'nama@contoh.go.id', phone: '0812 3456 7890' } }],
    });
    expect(parseParticipantsCsv(`Unit,NIP,Name,Position,Phone\nDINKES,${nip},Contoh Nama,Head,+62 812 3456 7890\n`)).toMatchObject({ fatal: false, rows: [{ value: { unitCode: 'DINKES', position: 'Head' } }] });
    expect(parseParticipantsCsv(`NIP,Nama\n${nip},Contoh Nama\n`)).toMatchObject({ fatal: true, errors: [{ path: 'unitCode', message: 'missing column "unitCode"' }] });
    expect(parseParticipantsCsv(`NIP,Nama\n${nip},Contoh Nama\n`, 'DINKES')).toMatchObject({ fatal: false, rows: [{ value: { unitCode: 'DINKES', nip } }] });
  });
});

describe('unitKindOf', () => {
  it('reads a kind as people write it, in either language, whatever the case, spaces or hyphens', () => {
    const cases: [string, string][] = [
      ['Satpol PP', 'satpol_pp'],
      ['SATPOL-PP', 'satpol_pp'],
      ['satpol_pp', 'satpol_pp'],
      ['Satuan Polisi Pamong Praja', 'satpol_pp'],
      ['Kecamatan', 'kecamatan'],
      ['KECAMATAN', 'kecamatan'],
      ['District (kecamatan)', 'kecamatan'],
      ['dinas', 'dinas'],
      ['Agency', 'dinas'],
      ['Badan', 'badan'],
      ['R.S.U.D.', 'rsud'],
      ['Rumah Sakit Umum Daerah', 'rsud'],
      ['Lain-lain', 'other'],
      ['Sub-district', 'kelurahan'],
    ];
    for (const [written, kind] of cases) expect([written, unitKindOf(written)]).toEqual([written, kind]);
    for (const unknown of ['Dinsa', 'Kabupaten', '', 'Dinas Kesehatan']) expect([unknown, unitKindOf(unknown)]).toEqual([unknown, undefined]);
  });

  it('reads every kind by its code and its words on the pages, each spelling naming one kind', () => {
    for (const kind of UNIT_KINDS) {
      for (const written of [kind, unitKindText.id[kind], unitKindText.en[kind], ...UNIT_KIND_WORDS[kind]]) expect([written, unitKindOf(written)]).toEqual([written, kind]);
    }
  });
});
