import { instantInZone } from '../../platform/time';
import { DRAFT_STATUSES, furthest, type DraftStatus } from '../drafts/drafts.rules';
import type { ProgrammesService } from '../programmes/programmes.service';
import type { ProgressRepository } from './progress.repository';
import type { Actor } from '../../platform/actor';
import type { Offloaded } from '../../platform/worker-pool';
import { yieldToOtherRequests } from '../../platform/yield';
import { progressCsv, progressFilename, XLSX_TYPE, type ExportLanguage, type progressXlsx } from './progress.export';
import { ASISTENSI_STATES, isFurther, type AsistensiState, type UnitProgress } from './progress.rules';


export type ProgressService = ReturnType<typeof createProgressService>;

/** Where every unit stands in a programme: officials confirmed and attended, its draft SOPs, and its asistensi. */
export function createProgressService({
  repository,
  programmes,
  heavy,
}: {
  repository: ProgressRepository;
  programmes: Pick<ProgrammesService, 'require'>;
  /** The XLSX writer, run in a worker thread. */
  heavy: Offloaded<{ progressXlsx: typeof progressXlsx }>;
}) {
  function report(programmeId: number) {
    const programme = programmes.require(programmeId);
    const confirmed = repository.confirmedByUnit(programmeId);
    const attended = repository.attendedByUnit(programmeId);

    // Per unit: how many drafts, the furthest status, and when the first was accepted.
    const draftsByUnit = new Map<number, { count: number; status: DraftStatus; receivedAt: string | null }>();
    for (const d of repository.drafts(programmeId)) {
      const seen = draftsByUnit.get(d.unitId);
      if (!seen) draftsByUnit.set(d.unitId, { count: 1, status: d.status, receivedAt: d.receivedAt });
      else {
        seen.count++;
        seen.status = furthest(seen.status, d.status);
        if (d.receivedAt !== null && (seen.receivedAt === null || d.receivedAt < seen.receivedAt)) seen.receivedAt = d.receivedAt;
      }
    }

    const periodIds = repository.periodIds(programmeId);
    const asistensi = new Map<number, { state: AsistensiState; date: string | null; start: string | null }>();
    const offer = (unitId: number, state: AsistensiState, date: string, start: string | null) => {
      const current = asistensi.get(unitId);
      if (!current || isFurther(state, current.state)) asistensi.set(unitId, { state, date, start });
    };
    if (periodIds.length > 0) {
      for (const b of repository.activeBookings(periodIds)) offer(b.unitId, b.attended ? 'attended' : 'booked', b.date, b.start);
      for (const w of repository.walkIns(periodIds)) offer(w.unitId, 'walk_in', w.date, null);
    }

    const rows: UnitProgress[] = repository.units().map((u) => {
      const draft = draftsByUnit.get(u.id);
      const a = asistensi.get(u.id);
      return {
        unitId: u.id,
        code: u.code,
        name: u.name,
        kind: u.kind,
        participantsConfirmed: confirmed.get(u.id) ?? 0,
        participantsAttended: attended.get(u.id) ?? 0,
        draftCount: draft?.count ?? 0,
        draftStatus: draft?.status ?? null,
        draftReceivedAt: draft?.receivedAt ? instantInZone(draft.receivedAt, programme.timezone) : null,
        asistensi: a?.state ?? 'none',
        asistensiDate: a?.date ?? null,
        asistensiStart: a?.start ?? null,
      };
    });

    const tally = <K extends string>(keys: readonly K[], pick: (r: UnitProgress) => K | null) =>
      Object.fromEntries(keys.map((k) => [k, rows.filter((r) => pick(r) === k).length])) as Record<K, number>;
    return {
      programmeId,
      programmeName: programme.name,
      units: rows,
      totals: {
        units: rows.length,
        participantsConfirmed: rows.reduce((s, r) => s + r.participantsConfirmed, 0),
        participantsAttended: rows.reduce((s, r) => s + r.participantsAttended, 0),
        unitsWithDraft: rows.filter((r) => r.draftCount > 0).length,
        draftStatus: tally(DRAFT_STATUSES, (r) => r.draftStatus),
        asistensi: tally(ASISTENSI_STATES, (r) => r.asistensi),
      },
    };
  }

  return {
    report,
    /**
     * The report with only the units from `offset` (at most `limit` of them): the totals still
     * count every unit. What a page or an API client with limit/offset is given.
     */
    page(programmeId: number, { limit, offset }: { limit: number; offset: number }) {
      const whole = report(programmeId);
      return { ...whole, units: whole.units.slice(offset, offset + limit) };
    },
    /** The report as a spreadsheet file (CSV, or XLSX written in a worker thread), in Indonesian or English. */
    async spreadsheet(actor: Actor, programmeId: number, format: 'csv' | 'xlsx', lang: ExportLanguage) {
      const data = report(programmeId);
      const filename = progressFilename(programmeId, format, lang);
      if (format === 'csv') return { filename, type: 'text/csv; charset=utf-8', body: progressCsv(data, lang) };
      // Reading every unit and copying them to the worker are two turns of the event loop (each tens of ms at 10,000 units).
      await yieldToOtherRequests();
      return { filename, type: XLSX_TYPE, body: await heavy.progressXlsx(actor, data, lang) };
    },
  };
}
