import { readCsvImport } from '../../platform/csv-import';
import { bodyAjv } from '../../platform/validation';
import { UnitCreateBody, type UnitCreateInput } from './units.schemas';

const shape = {
  required: ['code', 'name', 'kind'],
  optional: ['email'],
  // A spreadsheet from the organiser's office: Indonesian headings, kinds as written ("Satpol PP").
  aliases: { kode: 'code', kode_unit: 'code', nama: 'name', nama_unit: 'name', jenis: 'kind' },
  tidy: (row: Record<string, string | null>) => {
    if (row.kind) row.kind = row.kind.trim().toLowerCase().replace(/[\s-]+/g, '_');
  },
  check: bodyAjv.compile<UnitCreateInput>(UnitCreateBody),
  unique: { field: 'code' as const, key: (unit: UnitCreateInput) => unit.code.toLowerCase() },
};

/** A units CSV (header `code,name,kind,email` or `kode,nama,jenis,email`, any column order, email optional): every row valid, or every bad line. */
export const parseUnitsCsv = (text: string) => readCsvImport(text, shape);
