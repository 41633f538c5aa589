import ExcelJS from 'exceljs';

type CellValue = ExcelJS.CellValue;

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
  return String(value);
}

const quoted = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

/**
 * The first sheet of an XLSX workbook as CSV text, so a spreadsheet goes through exactly the
 * same import checks as a CSV file. Empty rows are left out.
 */
export async function xlsxToCsv(bytes: Buffer): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) return '';
  const lines: string[] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells = Array.from({ length: sheet.columnCount }, (_, i) => textOf(row.getCell(i + 1).value).trim());
    if (cells.some((c) => c !== '')) lines.push(cells.map(quoted).join(','));
  });
  return lines.join('\r\n');
}
