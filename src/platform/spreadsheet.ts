import type ExcelJS from 'exceljs';
import { exceljs } from './heavy-modules';

type CellValue = ExcelJS.CellValue;

/**
 * What the files of an XLSX may hold uncompressed: a 5,000-line list is well under 1 MB, and
 * 4 MB of sheet XML loads into about 50 MB of heap (measured), which bounds one import's memory.
 */
export const MAX_SPREADSHEET_XML_BYTES = 4 * 1024 * 1024;

/** A cell as the text a person sees in it (dates as YYYY-MM-DD, formulas as their result). */
function textOf(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('text' in value) return textOf(value.text as CellValue);
    if ('result' in value) return textOf(value.result as CellValue);
    if ('error' in value) return '';
  }
  // A long number (a NIP typed as a number) has lost its last digits: shown as Excel shows it,
  // so the import refuses it instead of saving other digits.
  if (typeof value === 'number' && !Number.isSafeInteger(value) && Math.abs(value) >= 1e15) return value.toExponential().toUpperCase();
  return String(value);
}

const quoted = (text: string) => (/[",;\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

/**
 * The total uncompressed size a ZIP's central directory declares (a small file can unpack to
 * gigabytes), or undefined when it is not a readable ZIP.
 */
export function unpackedSize(zip: Buffer): number | undefined {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0 || end + 22 > zip.length) return undefined;
  const entries = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  let total = 0;
  for (let i = 0; i < entries; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== 0x02014b50) return undefined;
    total += zip.readUInt32LE(at + 24);
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return total;
}

/**
 * The first sheet of an XLSX workbook as CSV text, so a spreadsheet goes through exactly the
 * same import checks as a CSV file: at most `maxRows` non-empty rows (the import refuses more
 * anyway). Empty rows stay as empty lines (up to a bound), so the line an import names is the
 * sheet's row number. The workbook is loaded whole, within the unpacked-size cap: exceljs's
 * streaming reader fails on some valid files, depending on the order of the parts inside the ZIP.
 * Throws SpreadsheetError for a file that cannot be read or that unpacks to too much.
 */
export async function xlsxToCsv(bytes: Buffer, maxRows: number): Promise<string> {
  const size = unpackedSize(bytes);
  if (size === undefined) throw new SpreadsheetError('not a readable XLSX file');
  if (size > MAX_SPREADSHEET_XML_BYTES) throw new SpreadsheetError(`the workbook unpacks to ${size} bytes`);
  const workbook = new (exceljs().Workbook)();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    throw new SpreadsheetError((error as Error).message);
  }
  const rows: { at: number; cells: string[] }[] = [];
  // Only the rows the sheet stores (a row numbered a million costs nothing).
  workbook.worksheets[0]?.eachRow({ includeEmpty: false }, (row, at) => {
    if (rows.length > maxRows) return;
    const cells = (row.values as CellValue[]).slice(1).map((v) => textOf(v).trim());
    if (cells.some((c) => c !== '')) rows.push({ at, cells });
  });
  // Rows may be ragged (trailing empty cells are not stored): all as wide as the widest.
  const width = Math.max(0, ...rows.map((r) => r.cells.length));
  const lines: string[] = [];
  for (const { at, cells } of rows) {
    // Empty rows in between as empty lines, keeping row numbers, within a bound of blank lines.
    while (lines.length < at - 1 && lines.length < MAX_BLANK_LINES + rows.length) lines.push('');
    lines.push([...cells, ...Array<string>(width - cells.length).fill('')].map(quoted).join(','));
  }
  return lines.join('\r\n');
}

/** How many blank lines a sheet's empty rows may add to its CSV text (40 KB). */
const MAX_BLANK_LINES = 20_000;

export class SpreadsheetError extends Error {}

/** What an import's template file holds: its headings and one example row. */
export interface ImportTemplate {
  /** The file's name without extension, e.g. "contoh-unit-kerja". */
  name: string;
  sheet: string;
  headings: readonly string[];
  example: readonly string[];
}

const semicolonQuoted = (text: string) => (/[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

/** The template as CSV: semicolons and a BOM, so Excel in an Indonesian locale opens it in columns. */
export const templateCsv = (template: ImportTemplate) => `\uFEFF${[template.headings, template.example].map((row) => row.map(semicolonQuoted).join(';')).join('\r\n')}\r\n`;

/**
 * The template as XLSX: the headings in bold and frozen, the example row, and every column
 * formatted as text, so a NIP, a code or a phone number typed in it keeps its digits and its
 * leading zero.
 */
export async function templateXlsx(template: ImportTemplate): Promise<Buffer> {
  const workbook = new (exceljs().Workbook)();
  const sheet = workbook.addWorksheet(template.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = template.headings.map((header, i) => ({ header, width: Math.min(60, Math.max(12, header.length + 4, (template.example[i] ?? '').length + 4)), style: { numFmt: '@' } }));
  sheet.addRow([...template.example]);
  sheet.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
