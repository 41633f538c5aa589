import type { ValidateFunction } from 'ajv';
import { parse } from 'csv-parse/sync';
import { AppError, type FieldError } from './errors';
import { toFieldErrors } from './validation';

export const MAX_IMPORT_ROWS = 5000;
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;

/** One field of an import and the headings that name it in a file (see headingKey). */
export interface ImportColumn {
  field: string;
  headings: readonly string[];
}

/** The headings of a numbering column: ignored without a word, whatever the import. */
export const NUMBERING_HEADINGS: readonly string[] = ['No', 'No.', 'Nomor', 'No Urut', 'Nomor Urut', '#'];

/**
 * A heading as it is compared: any case, without spaces, underscores, hyphens, dots, colons or
 * asterisks, and without a closing remark in brackets, so "Kode Unit", "KODE_UNIT", "kode-unit",
 * "Kode Unit *" and "Kode Unit (wajib)" are the same heading.
 */
export const headingKey = (heading: string) =>
  heading
    .normalize('NFKC')
    .replace(/[\uFEFF\u200B]/g, '')
    .replace(/\([^()]*\)\s*$/, '')
    .toLowerCase()
    .replace(/[\s_\-.:*]+/g, '');

/** A bad line: the field, what is wrong in English (programs read it), the value as the file has it. */
export interface ImportLineError extends FieldError {
  line: number;
  /** The cell as the file wrote it, to echo back ("Dinsa"). */
  value?: string;
  /** A repeated row: the line it first appeared on. */
  firstLine?: number;
}

/** The rows that are valid, every bad line, and what the heading line said. */
export interface CsvImport<T> {
  rows: { line: number; value: T }[];
  errors: ImportLineError[];
  /** The file cannot be taken at all (its heading line, its size, its quoting): no row of it can be saved. */
  fatal: boolean;
  /** Columns no field is read from (numbering columns left out), as the file wrote their headings. */
  ignoredColumns: string[];
  /** Each field's heading as the file wrote it ("Nama Unit Kerja" for name). */
  headings: Record<string, string>;
}

export interface CsvShape<T> {
  /** Every field the import reads, with its headings (the field's own name is one too). */
  columns: readonly ImportColumn[];
  /** The fields a file must have a column for; the others may be left out. */
  required: readonly string[];
  /** The JSON rules a row must pass: a row is valid exactly when the same JSON body would be. */
  check: ValidateFunction<T>;
  /** Tidies a row before it is checked (e.g. a kind as people write it, "Satpol PP"). */
  tidy?: (row: Record<string, string | null>) => void;
  /** Rows that must not repeat: the field, and the key it is compared by. */
  unique?: { field: keyof T & string; key: (row: T) => string };
}

/**
 * The file's separator, from its first line that is not empty (outside quotes): a semicolon
 * when it has more of them than commas (Excel in an Indonesian locale), else a comma. Only one
 * of the two splits fields, so a name with a title ("Ahmad Fauzi, S.T.") stays whole in a
 * semicolon file.
 */
export function separatorOf(text: string): ',' | ';' {
  const start = text.slice(0, 64 * 1024).replace(/^\uFEFF/, '');
  const header = (start.split(/\r?\n/).find((l) => l.trim() !== '') ?? '').replace(/"[^"]*"/g, '');
  const count = (c: string) => header.split(c).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

/** How many of the first lines may stand above the heading line (a title, a date, an empty line in between). */
const HEADING_SEARCH = 10;

const fatal = <T>(errors: ImportLineError[]): CsvImport<T> => ({ rows: [], errors, fatal: true, ignoredColumns: [], headings: {} });

/**
 * Reads an import file: a heading line, then one row per record, separated by commas or
 * semicolons (see separatorOf). Headings are matched by the shape's lists (any order, case,
 * spacing); numbering columns and columns no list names are left out (the latter reported).
 * The heading line is the first that names two of the fields, among the first ten (a title
 * above it is skipped), else the first. Rows whose every known cell is empty are skipped.
 * Answers the valid rows and every bad line with its reason and its value.
 */
export function readCsvImport<T>(text: string, shape: CsvShape<T>): CsvImport<T> {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, trim: true, skip_empty_lines: true, relax_column_count: true, info: true, delimiter: separatorOf(text) }) as unknown as typeof records;
  } catch (err) {
    const e = err as { message: string; lines?: number };
    return fatal([{ line: e.lines ?? 1, path: '', message: e.message }]);
  }
  if (records.length === 0) return fatal([{ line: 1, path: '', message: 'the file is empty' }]);

  const fieldOfKey = new Map<string, string>();
  for (const { field, headings } of shape.columns) for (const heading of [field, ...headings]) fieldOfKey.set(headingKey(heading), field);
  const numbering = new Set(NUMBERING_HEADINGS.map(headingKey));
  const fieldsOf = (record: string[]) => record.map((cell) => fieldOfKey.get(headingKey(cell)));
  const known = (record: string[]) => new Set(fieldsOf(record).filter((f) => f !== undefined)).size;
  const at = Math.max(0, records.slice(0, HEADING_SEARCH).findIndex((r) => known(r.record) >= 2));
  const header = records[at]!;
  const body = records.slice(at + 1);

  const fields = fieldsOf(header.record);
  const headings: Record<string, string> = {};
  const ignoredColumns: string[] = [];
  const headerErrors: ImportLineError[] = [];
  const headerLine = header.info.lines;
  header.record.forEach((heading, i) => {
    const field = fields[i];
    if (field === undefined) {
      if (headingKey(heading) !== '' && !numbering.has(headingKey(heading))) ignoredColumns.push(heading);
    } else if (headings[field] !== undefined) {
      headerErrors.push({ line: headerLine, path: field, message: `columns "${headings[field]}" and "${heading}" both give ${field}`, value: `${headings[field]}, ${heading}` });
    } else headings[field] = heading;
  });
  for (const required of shape.required) if (headings[required] === undefined) headerErrors.push({ line: headerLine, path: required, message: `missing column "${required}"` });
  if (headerErrors.length) return fatal(headerErrors);
  if (body.length === 0) return fatal([{ line: headerLine + 1, path: '', message: 'no data rows' }]);
  if (body.length > MAX_IMPORT_ROWS) return fatal([{ line: body[MAX_IMPORT_ROWS]!.info.lines, path: '', message: `at most ${MAX_IMPORT_ROWS} rows per import` }]);

  const optional = (field: string) => !shape.required.includes(field);
  const errors: ImportLineError[] = [];
  const rows: { line: number; value: T }[] = [];
  const firstLine = new Map<string, number>();
  // The heading line's width, without the empty cells a spreadsheet may leave at its end.
  const width = header.record.reduce((w, heading, i) => (heading === '' ? w : i + 1), 0);
  for (const { record, info } of body) {
    const line = info.lines;
    const cells: Record<string, string> = {};
    fields.forEach((field, i) => {
      if (field !== undefined) cells[field] = record[i] ?? '';
    });
    // A row with nothing in the columns read (a numbered empty line of a template): no row at all.
    if (Object.values(cells).every((v) => v === '')) continue;
    // Cells beyond the heading line may be empty (spreadsheets pad rows); a short row is a broken one.
    if (record.length < width || record.slice(width).some((v) => v !== '')) {
      errors.push({ line, path: '', message: `expected ${width} fields, found ${record.length}` });
      continue;
    }
    const candidate: Record<string, string | null> = {};
    for (const [field, value] of Object.entries(cells)) {
      // An empty optional cell means "none"; an empty required cell is reported as missing.
      if (value !== '') candidate[field] = value;
      else if (optional(field)) candidate[field] = null;
    }
    shape.tidy?.(candidate);
    if (!shape.check(candidate)) {
      for (const e of toFieldErrors(shape.check.errors ?? [], '')) {
        const path = e.path.replace(/^\//, '');
        errors.push({ line, path, message: e.message, ...(cells[path] ? { value: cells[path] } : {}) });
      }
      continue;
    }
    const value = candidate as T;
    if (shape.unique) {
      const key = shape.unique.key(value);
      const earlier = firstLine.get(key);
      const field = shape.unique.field;
      if (earlier !== undefined) {
        errors.push({ line, path: field, message: `${field} ${String(value[field])} already appears on line ${earlier}`, value: cells[field] ?? String(value[field]), firstLine: earlier });
        continue;
      }
      firstLine.set(key, line);
    }
    rows.push({ line, value });
  }
  if (rows.length === 0 && errors.length === 0) return fatal([{ line: headerLine + 1, path: '', message: 'no data rows' }]);
  return { rows, errors, fatal: false, ignoredColumns, headings };
}

/**
 * What an import did, or would do: how many rows it creates, changes and leaves as they were,
 * each row it saves with what happens to it, the bad lines it skipped (or that stopped it),
 * the columns it did not read, and each field's heading as the file wrote it.
 */
export interface ImportOutcome<T> {
  created: number;
  updated: number;
  unchanged: number;
  rows: { line: number; status: 'new' | 'changed' | 'unchanged'; value: T }[];
  skipped: ImportLineError[];
  ignoredColumns: string[];
  headings: Record<string, string>;
}

/**
 * The refusal of a file with bad lines (422 IMPORT_INVALID): every line, in line order, as
 * `{line, path, message}`.
 */
export const importInvalid = (errors: readonly ImportLineError[]) =>
  new AppError(
    422,
    'IMPORT_INVALID',
    `${errors.length} line(s) of the file are invalid; nothing was imported`,
    [...errors].sort((a, b) => a.line - b.line).map(({ line, path, message }) => ({ line, path, message })),
  );
