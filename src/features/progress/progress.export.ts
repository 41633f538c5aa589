import { exceljs } from '../../platform/heavy-modules';
import type { AsistensiState } from './progress.rules';
import type { UnitProgress } from './progress.service';

export const EXPORT_LANGUAGES = ['id', 'en'] as const;
export type ExportLanguage = (typeof EXPORT_LANGUAGES)[number];

type Cell = string | number | null;

const WORDS = {
  id: {
    sheet: 'Unit kerja',
    summary: 'Ringkasan',
    headers: ['Program', 'Kode unit', 'Nama unit', 'Jenis', 'Pejabat terdaftar', 'Pejabat hadir', 'Jumlah draft', 'Status draft', 'Draft diterima', 'Asistensi', 'Jadwal asistensi'],
    draft: { submitted: 'diajukan', received: 'diterima', reviewed: 'ditinjau', final: 'final', enacted: 'ditetapkan' },
    asistensi: { attended: 'hadir', walk_in: 'datang langsung', booked: 'terjadwal', none: 'belum' } as Record<AsistensiState, string>,
    totals: ['Unit kerja', 'Pejabat terdaftar', 'Pejabat hadir', 'Unit dengan draft'],
  },
  en: {
    sheet: 'Units',
    summary: 'Summary',
    headers: ['Programme', 'Unit code', 'Unit name', 'Kind', 'Officials confirmed', 'Officials attended', 'Drafts', 'Draft status', 'Draft received', 'Asistensi', 'Asistensi at'],
    draft: { submitted: 'submitted', received: 'received', reviewed: 'reviewed', final: 'final', enacted: 'enacted' },
    asistensi: { attended: 'attended', walk_in: 'walk-in', booked: 'booked', none: 'none' } as Record<AsistensiState, string>,
    totals: ['Units', 'Officials confirmed', 'Officials attended', 'Units with a draft'],
  },
};

/** "2013-10-21 09:00" from an instant written with its zone's offset ("2013-10-21T09:00:00+08:00"). */
const localMinute = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, tab or carriage return first) is
 * written as text, with an apostrophe in front (OWASP's advice for CSV injection).
 */
export const neutralised = (value: Cell): Cell => (typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

/** The progress report as rows of cells, in Indonesian or English, times local to the programme. */
export function progressTable(programmeName: string, units: readonly UnitProgress[], lang: ExportLanguage): { headers: string[]; rows: Cell[][] } {
  const words = WORDS[lang];
  return {
    headers: words.headers,
    rows: units.map((u) => [
      programmeName,
      u.code,
      u.name,
      u.kind,
      u.participantsConfirmed,
      u.participantsAttended,
      u.draftCount,
      u.draftStatus === null ? null : words.draft[u.draftStatus],
      u.draftReceivedAt === null ? null : localMinute(u.draftReceivedAt),
      words.asistensi[u.asistensi],
      u.asistensiDate === null ? null : u.asistensiStart === null ? u.asistensiDate : `${u.asistensiDate} ${u.asistensiStart}`,
    ]),
  };
}

/** RFC 4180 CSV with a BOM, so spreadsheet programs read the UTF-8 names correctly. */
export function toCsv(table: { headers: string[]; rows: Cell[][] }): string {
  const cell = (value: Cell) => {
    const text = value === null ? '' : String(neutralised(value));
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return `\uFEFF${[table.headers, ...table.rows].map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}

/** A local "YYYY-MM-DD HH:mm" or "YYYY-MM-DD" as the date-time a spreadsheet shows, whatever the server's zone. */
const sheetDate = (local: string) => new Date(Date.UTC(+local.slice(0, 4), +local.slice(5, 7) - 1, +local.slice(8, 10), +(local.slice(11, 13) || 0), +(local.slice(14, 16) || 0)));

/** An XLSX workbook: the units (with real date cells) and a summary sheet. */
export async function toXlsx(
  table: { headers: string[]; rows: Cell[][] },
  totals: { units: number; participantsConfirmed: number; participantsAttended: number; unitsWithDraft: number },
  lang: ExportLanguage,
): Promise<Buffer> {
  const words = WORDS[lang];
  const workbook = new (exceljs().Workbook)();
  const sheet = workbook.addWorksheet(words.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  const dateColumns = new Set([8, 10]);
  sheet.columns = table.headers.map((header, i) => ({ header, width: [28, 14, 40, 12, 10, 10, 10, 12, 17, 16, 17][i] ?? 14 }));
  for (const row of table.rows) sheet.addRow(row.map((value, i) => (dateColumns.has(i) && typeof value === 'string' ? sheetDate(value) : neutralised(value))));
  sheet.getRow(1).font = { bold: true };
  sheet.getColumn(9).numFmt = 'yyyy-mm-dd hh:mm';
  sheet.getColumn(11).numFmt = 'yyyy-mm-dd hh:mm';
  const summary = workbook.addWorksheet(words.summary);
  summary.columns = [{ width: 24 }, { width: 10 }];
  [totals.units, totals.participantsConfirmed, totals.participantsAttended, totals.unitsWithDraft].forEach((n, i) => summary.addRow([words.totals[i], n]));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The report as a file to download: its name, content type and bytes. */
export async function progressFile(report: { programmeId: number; programmeName: string; units: readonly UnitProgress[]; totals: Parameters<typeof toXlsx>[1] }, format: 'csv' | 'xlsx', lang: ExportLanguage) {
  const table = progressTable(report.programmeName, report.units, lang);
  const filename = `${lang === 'id' ? 'progres' : 'progress'}-program-${report.programmeId}.${format}`;
  if (format === 'csv') return { filename, type: 'text/csv; charset=utf-8', body: toCsv(table) };
  return { filename, type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', body: await toXlsx(table, report.totals, lang) };
}
