import type { ImportColumn } from '../../platform/csv-import';
import { UNIT_KINDS, type UnitKind } from './units.rules';
import { unitKindText } from './units.text';

/**
 * The headings a units file may give each field, in Indonesian and English, compared in any
 * case and spacing (src/platform/csv-import.ts, headingKey). Numbering columns ("No", "Nomor",
 * "#") and any other column are left out; the import page shows this list as its help.
 */
export const UNIT_IMPORT_COLUMNS = [
  { field: 'code', headings: ['Kode', 'Kode Unit', 'Kode Unit Kerja', 'Kode SKPD', 'Kode OPD', 'Code', 'Unit Code'] },
  { field: 'name', headings: ['Nama', 'Nama Unit', 'Nama Unit Kerja', 'Nama Perangkat Daerah', 'Nama SKPD', 'Nama OPD', 'Unit Kerja', 'Perangkat Daerah', 'Name', 'Unit Name'] },
  { field: 'kind', headings: ['Jenis', 'Jenis Unit', 'Jenis Unit Kerja', 'Jenis Perangkat Daerah', 'Tipe', 'Kind', 'Type', 'Unit Kind', 'Unit Type'] },
  { field: 'email', headings: ['Email', 'E-mail', 'Surel', 'Email Unit', 'Alamat Email', 'Alamat Surel'] },
] as const satisfies readonly ImportColumn[];

export type UnitImportField = (typeof UNIT_IMPORT_COLUMNS)[number]['field'];

/** The fields a units file must have a column for. */
export const UNIT_IMPORT_REQUIRED: readonly UnitImportField[] = ['code', 'name', 'kind'];

/**
 * How people write each kind in a file, besides its words on the pages in both languages
 * (unitKindText) and its code: short forms, official long names, English words.
 */
export const UNIT_KIND_WORDS: Record<UnitKind, readonly string[]> = {
  dinas: ['Dinas', 'Agency', 'Department'],
  badan: ['Badan', 'Board'],
  kantor: ['Kantor', 'Office'],
  inspektorat: ['Inspektorat', 'Inspektorat Daerah', 'Inspectorate'],
  sekretariat: ['Sekretariat', 'Sekretariat Daerah', 'Setda', 'Sekretariat DPRD', 'Setwan', 'Secretariat'],
  bagian: ['Bagian', 'Bag.', 'Section', 'Division'],
  kecamatan: ['Kecamatan', 'Kec.', 'District'],
  kelurahan: ['Kelurahan', 'Kel.', 'Sub-district', 'Subdistrict'],
  satpol_pp: ['Satpol PP', 'SATPOL-PP', 'Satpol', 'Satuan Polisi Pamong Praja', 'Municipal Police', 'Civil Service Police'],
  rsud: ['RSUD', 'Rumah Sakit', 'Rumah Sakit Umum Daerah', 'Hospital', 'Regional Hospital'],
  other: ['Lainnya', 'Lain-lain', 'Lain', 'Other', 'Others'],
};

/** A kind as it is compared: letters and digits only, any case ("SATPOL-PP" is "satpolpp"). */
const kindKey = (text: string) => text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/** Every way of writing a kind, by its key. */
export const UNIT_KIND_SPELLINGS: ReadonlyMap<string, UnitKind> = new Map(
  UNIT_KINDS.flatMap((kind) => [kind, unitKindText.id[kind], unitKindText.en[kind], ...UNIT_KIND_WORDS[kind]].map((spelling) => [kindKey(spelling), kind] as const)),
);

/** The kind a file's cell names ("Satpol PP", "SATPOL-PP", "kecamatan", "District"), if any. */
export const unitKindOf = (text: string): UnitKind | undefined => UNIT_KIND_SPELLINGS.get(kindKey(text));
