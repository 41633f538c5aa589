import { readCsvImport } from '../../platform/csv-import';
import { bodyAjv } from '../../platform/validation';
import { UNIT_IMPORT_COLUMNS, UNIT_IMPORT_REQUIRED, unitKindOf } from './unit-import.rules';
import { UnitCreateBody, type UnitCreateInput } from './units.schemas';

const shape = {
  columns: UNIT_IMPORT_COLUMNS,
  required: UNIT_IMPORT_REQUIRED,
  // Kinds as people write them ("Satpol PP", "Kecamatan"); an unknown one stays as written, to be echoed.
  tidy: (row: Record<string, string | null>) => {
    if (row.kind) row.kind = unitKindOf(row.kind) ?? row.kind;
  },
  check: bodyAjv.compile<UnitCreateInput>(UnitCreateBody),
  unique: { field: 'code' as const, key: (unit: UnitCreateInput) => unit.code.toLowerCase() },
};

/**
 * A units file (headings from UNIT_IMPORT_COLUMNS in any order, e.g. `code,name,kind,email` or
 * `No;Kode Unit;Nama Unit Kerja;Jenis`; email optional): the valid rows and every bad line.
 */
export const parseUnitsCsv = (text: string) => readCsvImport(text, shape);
