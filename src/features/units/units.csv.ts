import { readCsvImport } from '../../platform/csv-import';
import { bodyAjv } from '../../platform/validation';
import { UnitCreateBody, type UnitCreateInput } from './units.schemas';

const shape = {
  required: ['code', 'name', 'kind'],
  optional: ['email'],
  check: bodyAjv.compile<UnitCreateInput>(UnitCreateBody),
  unique: { field: 'code' as const, key: (unit: UnitCreateInput) => unit.code.toLowerCase() },
};

/** A units CSV (header `code,name,kind,email`, any column order, email optional): every row valid, or every bad line. */
export const parseUnitsCsv = (text: string) => readCsvImport(text, shape);
