import type ExcelJS from 'exceljs';
import { crc32, inflateRawSync } from 'node:zlib';
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

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_DIRECTORY = 0x06054b50;
/** An XLSX holds a dozen parts; more than this is not a workbook a person filled in. */
const MAX_ZIP_ENTRIES = 1000;

interface ZipEntry {
  name: Buffer;
  /** The general-purpose flags' UTF-8 bit, kept with the name. */
  utf8: boolean;
  data: Buffer;
}

/**
 * The files of a ZIP as its central directory lists them, inflated here with the bytes counted
 * as they come out: whatever sizes the ZIP declares (a 300 KB file can declare 15 KB and
 * inflate to 300 MB), reading stops as soon as the files together pass `maxBytes`.
 */
function unzipWithin(zip: Buffer, maxBytes: number): ZipEntry[] {
  const unreadable = () => new SpreadsheetError('not a readable XLSX file');
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0 || end + 22 > zip.length) throw unreadable();
  const count = zip.readUInt16LE(end + 10);
  if (count > MAX_ZIP_ENTRIES) throw unreadable();
  let at = zip.readUInt32LE(end + 16);
  let total = 0;
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL_HEADER) throw unreadable();
    const flags = zip.readUInt16LE(at + 8);
    const method = zip.readUInt16LE(at + 10);
    const packedSize = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength);
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    // Encrypted entries cannot be read; ZIP64 sizes (0xFFFFFFFF) fall outside the file below.
    if (flags & 1 || local + 30 > zip.length || zip.readUInt32LE(local) !== LOCAL_HEADER) throw unreadable();
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    if (start + packedSize > zip.length) throw unreadable();
    const packed = zip.subarray(start, start + packedSize);
    let data: Buffer;
    if (method === 0) data = packed;
    else if (method === 8) {
      try {
        // zlib counts what it inflates and stops at maxOutputLength, whatever the headers said.
        data = inflateRawSync(packed, { maxOutputLength: Math.max(1, maxBytes - total) });
      } catch (error) {
        if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw new SpreadsheetError(`the workbook unpacks to more than ${maxBytes} bytes`);
        throw unreadable();
      }
    } else throw unreadable();
    total += data.length;
    if (total > maxBytes) throw new SpreadsheetError(`the workbook unpacks to more than ${maxBytes} bytes`);
    if (!name.toString('latin1').endsWith('/')) entries.push({ name, utf8: (flags & 0x0800) !== 0, data });
  }
  return entries;
}

/** The files as a new ZIP, stored uncompressed with their true sizes: what exceljs reads is exactly what was counted. */
function storedZip(entries: readonly ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const { name, utf8, data } of entries) {
    const crc = crc32(data);
    const flags = utf8 ? 0x0800 : 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL_HEADER, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(0x21, 12); // 1 January 1980, the earliest date a ZIP can say
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(CENTRAL_HEADER, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    directory.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directorySize = directory.reduce((sum, part) => sum + part.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_OF_DIRECTORY, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directorySize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...directory, end]);
}

/**
 * The first sheet of an XLSX workbook as CSV text, so a spreadsheet goes through exactly the
 * same import checks as a CSV file: at most `maxRows` non-empty rows (the import refuses more
 * anyway). Empty rows stay as empty lines (up to a bound), so the line an import names is the
 * sheet's row number. The workbook is unpacked here first, counting the bytes actually inflated
 * (never the sizes the ZIP declares), and exceljs loads only what was counted, whole: exceljs's
 * streaming reader fails on some valid files, depending on the order of the parts inside the ZIP.
 * Throws SpreadsheetError for a file that cannot be read or that unpacks to too much.
 */
export async function xlsxToCsv(bytes: Buffer, maxRows: number): Promise<string> {
  const counted = storedZip(unzipWithin(bytes, MAX_SPREADSHEET_XML_BYTES));
  const workbook = new (exceljs().Workbook)();
  try {
    await workbook.xlsx.load(counted as unknown as ArrayBuffer);
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
