import type { ProgrammesService } from '../programmes/programmes.service';
import type { ProgressRepository } from './progress.repository';
import type { Actor } from '../../platform/actor';
import type { Offloaded } from '../../platform/worker-pool';
import type { DatabaseSource } from '../../platform/read-only-database';
import { yieldToOtherRequests } from '../../platform/yield';
import { progressCsv, progressFilename, XLSX_TYPE, type ExportLanguage, type progressXlsx } from './progress.export';
import type { Government, GovernmentProgress, ReportProgramme } from './progress.report';
import { governmentsExportText } from './progress.text';
import { buildProgressReport } from './progress.report';


export type ProgressService = ReturnType<typeof createProgressService>;
export type { GovernmentProgress };

/** Where every unit stands in a programme: officials confirmed and attended, its draft SOPs, and its asistensi. */
export function createProgressService({
  repository,
  programmes,
  heavy,
  databaseSource,
  governmentsBelow,
}: {
  repository: ProgressRepository;
  programmes: Pick<ProgrammesService, 'require'>;
  /** The XLSX writers, run in a worker thread. */
  heavy: Offloaded<{
    progressXlsx: typeof progressXlsx;
    progressXlsxOfDatabase: (source: DatabaseSource, programme: ReportProgramme, lang: ExportLanguage) => Promise<Buffer>;
    governmentsProgressOfDatabases: (governments: readonly Government[]) => Promise<GovernmentProgress[]>;
    governmentsXlsxOfDatabases: (governments: readonly Government[], lang: ExportLanguage) => Promise<Buffer>;
  }>;
  /** The database a worker can read on its own (a file, PostgreSQL); null for an in-memory one (tests, scripts). */
  databaseSource: DatabaseSource | null;
  /** The governments this one's organisers oversee (a province's kabupaten and kota; a ministry's provinces and theirs), with their databases. */
  governmentsBelow: () => Promise<Government[]>;
}) {
  const report = async (programmeId: number) => await buildProgressReport(repository, await programmes.require(programmeId));

  return {
    report,
    /**
     * The report with only the units from `offset` (at most `limit` of them): the totals still
     * count every unit. What a page or an API client with limit/offset is given.
     */
    async page(programmeId: number, { limit, offset }: { limit: number; offset: number }) {
      const whole = await report(programmeId);
      return { ...whole, units: whole.units.slice(offset, offset + limit) };
    },
    /** How many governments this one oversees (the console links to their overview when any). */
    countGovernmentsBelow: async () => (await governmentsBelow()).length,
    /**
     * Each government below this one, with each of its programmes' totals from its own progress
     * report (read in a worker thread, one database after another).
     */
    async governments(actor: Actor): Promise<GovernmentProgress[]> {
      const below = await governmentsBelow();
      return below.length === 0 ? [] : await heavy.governmentsProgressOfDatabases(actor, below);
    },
    async governmentsSpreadsheet(actor: Actor, lang: ExportLanguage) {
      return { filename: `${governmentsExportText[lang].filename}.xlsx`, type: XLSX_TYPE, body: await heavy.governmentsXlsxOfDatabases(actor, await governmentsBelow(), lang) };
    },
    /** The report as a spreadsheet file (CSV, or XLSX written in a worker thread), in Indonesian or English. */
    async spreadsheet(actor: Actor, programmeId: number, format: 'csv' | 'xlsx', lang: ExportLanguage) {
      const filename = progressFilename(programmeId, format, lang);
      if (format === 'csv') return { filename, type: 'text/csv; charset=utf-8', body: progressCsv(await report(programmeId), lang) };
      // A worker reads every unit over its own connection (about 70 ms at 10,000 units that this thread would spend).
      const programme = await programmes.require(programmeId);
      if (databaseSource) return { filename, type: XLSX_TYPE, body: await heavy.progressXlsxOfDatabase(actor, databaseSource, { id: programme.id, name: programme.name, timezone: programme.timezone }, lang) };
      // In memory the worker cannot read the database: the report is read here, then copied (two turns of the event loop).
      const data = await report(programmeId);
      await yieldToOtherRequests();
      return { filename, type: XLSX_TYPE, body: await heavy.progressXlsx(actor, data, lang) };
    },
  };
}
