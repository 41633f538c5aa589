import { parse } from 'csv-parse/sync';
import type { FieldError } from '../../platform/errors';
import { bodyAjv, toFieldErrors } from '../../platform/validation';
import { UnitCreateBody, type UnitCreateInput } from './units.schemas';

export const MAX_IMPORT_ROWS = 5000;
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;
const REQUIRED_COLUMNS = ['code', 'name', 'kind'] as const;
const KNOWN_COLUMNS = new Set(['code', 'name', 'kind', 'email']);

// The same rules as POST /units, so a row is valid exactly when the same JSON body would be.
const checkRow = bodyAjv.compile(UnitCreateBody);

export type ImportParse =
  | { ok: true; rows: { line: number; unit: UnitCreateInput }[] }
  | { ok: false; errors: FieldError[] };

/**
 * Parses and validates a units CSV (header `code,name,kind,email`, any column order, email
 * optional). Either every row is valid, or the answer lists every bad line with its reason.
 */
export function parseUnitsCsv(text: string): ImportParse {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, trim: true, skip_empty_lines: true, relax_column_count: true, info: true }) as unknown as typeof records;
  } catch (err) {
    const e = err as { message: string; lines?: number };
    return { ok: false, errors: [{ line: e.lines ?? 1, path: '', message: e.message }] };
  }
  const [header, ...body] = records;
  if (!header) return { ok: false, errors: [{ line: 1, path: '', message: 'the file is empty' }] };

  const columns = header.record.map((c) => c.toLowerCase());
  const headerErrors: FieldError[] = [];
  for (const required of REQUIRED_COLUMNS)
    if (!columns.includes(required)) headerErrors.push({ line: 1, path: required, message: `missing column "${required}"` });
  for (const column of columns)
    if (!KNOWN_COLUMNS.has(column)) headerErrors.push({ line: 1, path: column, message: `unknown column "${column}"` });
  if (new Set(columns).size !== columns.length) headerErrors.push({ line: 1, path: '', message: 'a column appears twice' });
  if (headerErrors.length) return { ok: false, errors: headerErrors };
  if (body.length === 0) return { ok: false, errors: [{ line: 2, path: '', message: 'no data rows' }] };
  if (body.length > MAX_IMPORT_ROWS)
    return { ok: false, errors: [{ line: MAX_IMPORT_ROWS + 2, path: '', message: `at most ${MAX_IMPORT_ROWS} rows per import` }] };

  const errors: FieldError[] = [];
  const rows: { line: number; unit: UnitCreateInput }[] = [];
  const firstLineOfCode = new Map<string, number>();
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
      else if (column === 'email') candidate[column] = null;
    });
    if (!checkRow(candidate)) {
      for (const e of toFieldErrors(checkRow.errors ?? [], '')) errors.push({ line, path: e.path.replace(/^\//, ''), message: e.message });
      continue;
    }
    const unit = candidate as unknown as UnitCreateInput;
    const key = unit.code.toLowerCase();
    const earlier = firstLineOfCode.get(key);
    if (earlier !== undefined) {
      errors.push({ line, path: 'code', message: `code ${unit.code} already appears on line ${earlier}` });
      continue;
    }
    firstLineOfCode.set(key, line);
    rows.push({ line, unit });
  }
  return errors.length ? { ok: false, errors } : { ok: true, rows };
}
