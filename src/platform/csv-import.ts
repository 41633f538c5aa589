import type { ValidateFunction } from 'ajv';
import { parse } from 'csv-parse/sync';
import type { FieldError } from './errors';
import { toFieldErrors } from './validation';

export const MAX_IMPORT_ROWS = 5000;
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;

/** The rows that are valid, and every bad line (an import writes only when there are none). */
export interface CsvImport<T> {
  rows: { line: number; value: T }[];
  errors: FieldError[];
}

export interface CsvShape<T> {
  required: readonly string[];
  optional: readonly string[];
  /** The JSON rules a row must pass: a row is valid exactly when the same JSON body would be. */
  check: ValidateFunction<T>;
  /** Tidies a row before it is checked (e.g. spaces in a printed NIP). */
  tidy?: (row: Record<string, string | null>) => void;
  /** Other names a column may have in the header (e.g. Indonesian ones: nama -> name). */
  aliases?: Record<string, string>;
  /** Rows that must not repeat: the field, and the key it is compared by. */
  unique?: { field: keyof T & string; key: (row: T) => string };
}

/**
 * The file's separator, from its header line: a semicolon when the header has more of them than
 * commas (Excel in an Indonesian locale), else a comma. Only one of the two splits fields, so a
 * name with a title ("Ahmad Fauzi, S.T.") stays whole in a semicolon file.
 */
export function separatorOf(text: string): ',' | ';' {
  const header = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const count = (c: string) => header.split(c).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

/**
 * Reads an import file: a header row (any column order, any case), then one row per record,
 * separated by commas or semicolons (see separatorOf). Answers the valid rows and every bad line
 * with its reason.
 */
export function readCsvImport<T>(text: string, shape: CsvShape<T>): CsvImport<T> {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, trim: true, skip_empty_lines: true, relax_column_count: true, info: true, delimiter: separatorOf(text) }) as unknown as typeof records;
  } catch (err) {
    const e = err as { message: string; lines?: number };
    return { rows: [], errors: [{ line: e.lines ?? 1, path: '', message: e.message }] };
  }
  const [header, ...body] = records;
  if (!header) return { rows: [], errors: [{ line: 1, path: '', message: 'the file is empty' }] };

  const known = new Map([...shape.required, ...shape.optional].map((c) => [c.toLowerCase(), c]));
  for (const [alias, column] of Object.entries(shape.aliases ?? {})) known.set(alias.toLowerCase(), column);
  const columns = header.record.map((c) => known.get(c.toLowerCase()) ?? c);
  const headerErrors: FieldError[] = [];
  for (const required of shape.required) if (!columns.includes(required)) headerErrors.push({ line: 1, path: required, message: `missing column "${required}"` });
  for (const column of columns) if (!known.has(column.toLowerCase())) headerErrors.push({ line: 1, path: column, message: `unknown column "${column}"` });
  if (new Set(columns).size !== columns.length) headerErrors.push({ line: 1, path: '', message: 'a column appears twice' });
  if (headerErrors.length) return { rows: [], errors: headerErrors };
  if (body.length === 0) return { rows: [], errors: [{ line: 2, path: '', message: 'no data rows' }] };
  if (body.length > MAX_IMPORT_ROWS) return { rows: [], errors: [{ line: MAX_IMPORT_ROWS + 2, path: '', message: `at most ${MAX_IMPORT_ROWS} rows per import` }] };

  const errors: FieldError[] = [];
  const rows: { line: number; value: T }[] = [];
  const firstLine = new Map<string, number>();
  for (const { record, info } of body) {
    const line = info.lines;
    if (record.length !== columns.length) {
      errors.push({ line, path: '', message: `expected ${columns.length} fields, found ${record.length}` });
      continue;
    }
    const candidate: Record<string, string | null> = {};
    columns.forEach((column, i) => {
      const value = record[i] ?? '';
      // An empty optional cell means "none"; an empty required cell is reported as missing.
      if (value !== '') candidate[column] = value;
      else if (shape.optional.includes(column)) candidate[column] = null;
    });
    shape.tidy?.(candidate);
    if (!shape.check(candidate)) {
      for (const e of toFieldErrors(shape.check.errors ?? [], '')) errors.push({ line, path: e.path.replace(/^\//, ''), message: e.message });
      continue;
    }
    const value = candidate as T;
    if (shape.unique) {
      const key = shape.unique.key(value);
      const earlier = firstLine.get(key);
      if (earlier !== undefined) {
        errors.push({ line, path: shape.unique.field, message: `${shape.unique.field} ${String(value[shape.unique.field])} already appears on line ${earlier}` });
        continue;
      }
      firstLine.set(key, line);
    }
    rows.push({ line, value });
  }
  return { rows, errors };
}
