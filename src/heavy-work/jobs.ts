import { asistensiSchedule, attendanceSheet, certificate, invitation } from '../features/printouts/printouts.layouts';
import { governmentsXlsx, progressXlsx, type ExportLanguage } from '../features/progress/progress.export';
import { governmentsProgressOfDatabases, progressReportOfDatabase, type Government, type ReportProgramme } from '../features/progress/progress.report';
import { distributionPlanOfDatabase } from '../features/workshops/distribution.plan';
import { autoSchedulePlanOf, type AutoScheduleReader, type PlanPeriod } from '../features/requests/auto-schedule.plan';
import { createRequestsRepository } from '../features/requests/requests.repository';
import { createBookingsRepository } from '../features/bookings/bookings.repository';
import { createDraftsRepository } from '../features/drafts/drafts.repository';
import { createPeriodsRepository } from '../features/periods/periods.repository';
import { createUnitsRepository } from '../features/units/units.repository';
import { readOnlyReaders, type DatabaseSource } from '../platform/read-only-database';
import { parseInstant } from '../platform/time';
import { parseParticipantsCsv } from '../features/participants/participants.csv';
import { parseUnitsCsv } from '../features/units/units.csv';
import { templateXlsx, xlsxToCsv } from '../platform/spreadsheet';

/** Bytes arrive in a worker as a plain Uint8Array (structured clone): the same memory as a Buffer again. */
const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** What the auto-schedule reads, from each feature's repository over the worker's read-only connection. */
const autoScheduleReaders = readOnlyReaders((db): AutoScheduleReader => {
  const [bookings, requests, units, drafts, periods] = [createBookingsRepository(db), createRequestsRepository(db), createUnitsRepository(db), createDraftsRepository(db), createPeriodsRepository(db)];
  return {
    bookingsOf: bookings.allOfPeriod,
    openRequestsOf: requests.openOf,
    namesAndStates: units.namesAndStates,
    firstReceivedByUnit: drafts.firstReceivedByUnit,
    openSlotsOf: periods.openSlotsOf,
  };
});

/**
 * Every job the worker threads run (src/platform/worker-pool.ts), by name: plain data in, plain
 * data or a file's bytes out. The main thread reads the data and calls these through the pool
 * (the container hands each service its jobs).
 */
export const heavyJobs = {
  attendanceSheet,
  invitation,
  asistensiSchedule,
  certificate,
  progressXlsx,
  /** The progress XLSX read and written in the worker: the server's thread sends only the programme. */
  progressXlsxOfDatabase: async (source: DatabaseSource, programme: ReportProgramme, lang: ExportLanguage) => progressXlsx(await progressReportOfDatabase(source, programme), lang),
  /** The overview of the governments below one: each one's database read in the worker. */
  governmentsProgressOfDatabases,
  governmentsXlsxOfDatabases: async (governments: readonly Government[], lang: ExportLanguage) => governmentsXlsx(await governmentsProgressOfDatabases(governments), lang),
  /** The distribution preview, read in the worker over its own connection (a third of a second at 10,000 units). */
  distributionPlanOfDatabase,
  /** The auto-schedule preview, the same way. */
  autoSchedulePlanOfDatabase: (source: DatabaseSource, period: PlanPeriod, nowIso: string) => autoScheduleReaders(source, async (read) => await autoSchedulePlanOf(read, period, parseInstant(nowIso))),
  templateXlsx,
  xlsxToCsv: (bytes: Uint8Array, maxRows: number) => xlsxToCsv(asBuffer(bytes), maxRows),
  parseUnitsCsv,
  parseParticipantsCsv,

  // For the tests of the pool: a job that waits until the test says so (it holds a worker
  // busy for as long as a test needs), and one that needs more memory than any worker has.
  holdUntilSignalled(signal: SharedArrayBuffer) {
    Atomics.wait(new Int32Array(signal), 0, 0);
    return 'released';
  },
  exhaustMemory() {
    const kept: number[][] = [];
    for (;;) kept.push(Array.from({ length: 1_000_000 }, (_, i) => i));
  },
};

export type HeavyJobs = typeof heavyJobs;
