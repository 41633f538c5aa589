import { PassThrough } from 'node:stream';
import { exceljs } from '../../platform/heavy-modules';
import { draftStatusText } from '../drafts/drafts.text';
import { UNIT_KINDS } from '../units/units.rules';
import { unitKindText } from '../units/units.text';
import { DRAFT_STATUSES } from '../drafts/drafts.rules';
import type { TenantKind } from '../tenants/tenants.rules';
import { tenantKindText } from '../tenants/tenants.text';
import type { GovernmentProgress } from './progress.report';
import { ASISTENSI_STATES, type UnitProgress } from './progress.rules';
import { asistensiStateText, governmentsExportText, progressExportText } from './progress.text';

export const EXPORT_LANGUAGES = ['id', 'en'] as const;
export type ExportLanguage = (typeof EXPORT_LANGUAGES)[number];

type Cell = string | number | null;

/** A unit's kind in the shared words; a kind they do not know, as stored. */
function kindText(kind: string, lang: ExportLanguage): string {
  const known = UNIT_KINDS.find((k) => k === kind);
  return known ? unitKindText[lang][known] : kind;
}

/** "2013-10-21 09:00" from an instant written with its zone's offset ("2013-10-21T09:00:00+08:00"). */
const localMinute = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, tab or carriage return first) is
 * written as text, with an apostrophe in front (OWASP's advice for CSV injection).
 */
export const neutralised = (value: Cell): Cell => (typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

/** The progress report as rows of cells, in Indonesian or English, times local to the programme. */
export function progressTable(programmeName: string, units: readonly UnitProgress[], lang: ExportLanguage): { headers: string[]; rows: Cell[][] } {
  const h = progressExportText[lang].headers;
  return {
    headers: [h.programme, h.unitCode, h.unitName, h.kind, h.participantsConfirmed, h.participantsAttended, h.draftCount, h.draftStatus, h.draftReceivedAt, h.asistensi, h.asistensiAt],
    rows: units.map((u) => [
      programmeName,
      u.code,
      u.name,
      kindText(u.kind, lang),
      u.participantsConfirmed,
      u.participantsAttended,
      u.draftCount,
      u.draftStatus === null ? null : draftStatusText[lang][u.draftStatus],
      u.draftReceivedAt === null ? null : localMinute(u.draftReceivedAt),
      asistensiStateText[lang][u.asistensi],
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

type Totals = { units: number; participantsConfirmed: number; participantsAttended: number; unitsWithDraft: number };

/**
 * An XLSX workbook: the units (with real date cells) and a summary sheet. Written as a stream,
 * row by row: a report of every unit of a large deployment is never a whole workbook in memory
 * (a worker thread runs this; see src/heavy-work/jobs.ts).
 */
export function toXlsx(table: { headers: string[]; rows: Cell[][] }, totals: Totals, lang: ExportLanguage): Promise<Buffer> {
  const words = progressExportText[lang];
  return streamedWorkbook((workbook) => {
  const sheet = workbook.addWorksheet(words.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  const dateColumns = new Set([8, 10]);
  const widths = [28, 14, 40, 12, 10, 10, 10, 12, 17, 16, 17];
  sheet.columns = table.headers.map((header, i) => ({ header, width: widths[i] ?? 14, ...(dateColumns.has(i) ? { style: { numFmt: 'yyyy-mm-dd hh:mm' } } : {}) }));
  sheet.getRow(1).font = { bold: true };
  for (const row of table.rows) sheet.addRow(row.map((value, i) => (dateColumns.has(i) && typeof value === 'string' ? sheetDate(value) : neutralised(value)))).commit();
  sheet.commit();
  const summary = workbook.addWorksheet(words.summary);
  summary.columns = [{ width: 24 }, { width: 10 }];
  for (const key of ['units', 'participantsConfirmed', 'participantsAttended', 'unitsWithDraft'] as const) summary.addRow([words.totals[key], totals[key]]).commit();
  summary.commit();
  });
}

type WorkbookWriter = InstanceType<ReturnType<typeof exceljs>['stream']['xlsx']['WorkbookWriter']>;

/** A workbook written as a stream, row by row, into one file's bytes. */
async function streamedWorkbook(write: (workbook: WorkbookWriter) => void): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const output = new PassThrough();
  output.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise((resolve, reject) => output.on('end', resolve).on('error', reject));
  const workbook = new (exceljs().stream.xlsx.WorkbookWriter)({ stream: output, useStyles: true, useSharedStrings: false });
  write(workbook);
  await workbook.commit();
  await ended;
  return Buffer.concat(chunks);
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The name a report's file is offered under. */
export const progressFilename = (programmeId: number, format: 'csv' | 'xlsx', lang: ExportLanguage) => `${progressExportText[lang].filename}-program-${programmeId}.${format}`;

type Report = { programmeId: number; programmeName: string; units: readonly UnitProgress[]; totals: Totals };

/** The report as CSV text (quick enough to write on the thread that serves requests). */
export const progressCsv = (report: Report, lang: ExportLanguage) => toCsv(progressTable(report.programmeName, report.units, lang));

/** The report as an XLSX file (a worker thread writes it). */
export const progressXlsx = (report: Report, lang: ExportLanguage) => toXlsx(progressTable(report.programmeName, report.units, lang), report.totals, lang);

/** The overview of the governments below one: a row per government and programme, its totals in columns. */
export function governmentsTable(governments: readonly GovernmentProgress[], lang: ExportLanguage): { headers: string[]; rows: Cell[][] } {
  const h = governmentsExportText[lang].headers;
  return {
    headers: [h.government, h.kind, h.parent, h.programme, h.units, h.unitsTrained, h.unitsWithDraft, ...DRAFT_STATUSES.map((s) => draftStatusText[lang][s]), ...ASISTENSI_STATES.map((s) => asistensiStateText[lang][s])],
    rows: governments.flatMap((g) =>
      g.programmes.map((p) => [g.name, tenantKindText[lang][g.kind as TenantKind] ?? g.kind, g.parent, p.programmeName, p.totals.units, p.unitsTrained, p.totals.unitsWithDraft, ...DRAFT_STATUSES.map((s) => p.totals.draftStatus[s] ?? 0), ...ASISTENSI_STATES.map((s) => p.totals.asistensi[s] ?? 0)]),
    ),
  };
}

/** The overview as an XLSX file (a worker thread writes it). */
export function governmentsXlsx(governments: readonly GovernmentProgress[], lang: ExportLanguage): Promise<Buffer> {
  const table = governmentsTable(governments, lang);
  return streamedWorkbook((workbook) => {
    const sheet = workbook.addWorksheet(governmentsExportText[lang].sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = table.headers.map((header, i) => ({ header, width: i < 4 ? 28 : 12 }));
    sheet.getRow(1).font = { bold: true };
    for (const row of table.rows) sheet.addRow(row.map(neutralised)).commit();
    sheet.commit();
  });
}
