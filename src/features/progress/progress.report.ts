import { readOnlyReaders, type DatabaseSource } from '../../platform/read-only-database';
import { instantInZone } from '../../platform/time';
import { DRAFT_STATUSES, furthest, type DraftStatus } from '../drafts/drafts.rules';
import { createProgressRepository, type ProgressRepository } from './progress.repository';
import { ASISTENSI_STATES, isFurther, type AsistensiState, type UnitProgress } from './progress.rules';

/** What the report needs of its programme. */
export interface ReportProgramme {
  id: number;
  name: string;
  timezone: string;
}

/**
 * Where every unit stands in a programme, read through the progress repository: the service
 * builds it over the server's connection, and a worker thread over its own read-only one (the
 * XLSX of a whole deployment), so both give the same report.
 */
export async function buildProgressReport(repository: ProgressRepository, programme: ReportProgramme) {
  const programmeId = programme.id;
  const confirmed = await repository.confirmedByUnit(programmeId);
  const attended = await repository.attendedByUnit(programmeId);

  // Per unit: how many drafts, the furthest status, and when the first was accepted.
  const draftsByUnit = new Map<number, { count: number; status: DraftStatus; receivedAt: string | null }>();
  for (const d of await repository.drafts(programmeId)) {
    const seen = draftsByUnit.get(d.unitId);
    if (!seen) draftsByUnit.set(d.unitId, { count: 1, status: d.status, receivedAt: d.receivedAt });
    else {
      seen.count++;
      seen.status = furthest(seen.status, d.status);
      if (d.receivedAt !== null && (seen.receivedAt === null || d.receivedAt < seen.receivedAt)) seen.receivedAt = d.receivedAt;
    }
  }

  const periodIds = await repository.periodIds(programmeId);
  const asistensi = new Map<number, { state: AsistensiState; date: string | null; start: string | null }>();
  const offer = (unitId: number, state: AsistensiState, date: string, start: string | null) => {
    const current = asistensi.get(unitId);
    if (!current || isFurther(state, current.state)) asistensi.set(unitId, { state, date, start });
  };
  if (periodIds.length > 0) {
    for (const b of await repository.activeBookings(periodIds)) offer(b.unitId, b.attended ? 'attended' : 'booked', b.date, b.start);
    for (const w of await repository.walkIns(periodIds)) offer(w.unitId, 'walk_in', w.date, null);
  }

  const rows: UnitProgress[] = (await repository.units()).map((u) => {
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

const readers = readOnlyReaders(createProgressRepository);

/** The report read in a worker thread over its own read-only connection. */
export const progressReportOfDatabase = (source: DatabaseSource, programme: ReportProgramme) => readers(source, async (repository) => await buildProgressReport(repository, programme));

/** A government hosted by the deployment, as the overview of the governments below another reads it. */
export interface Government {
  slug: string;
  name: string;
  kind: string;
  /** The slug of the government it answers to. */
  parent: string | null;
  source: DatabaseSource;
}

/** A programme's totals as the overview shows them: its own progress report's, and the units with an official trained. */
export type ProgrammeSummary = Pick<Awaited<ReturnType<typeof buildProgressReport>>, 'programmeId' | 'programmeName' | 'totals'> & { unitsTrained: number };

export interface GovernmentProgress extends Omit<Government, 'source'> {
  programmes: ProgrammeSummary[];
}

/** Each government's programmes, each summarised from its own progress report, read in a worker thread. */
export async function governmentsProgressOfDatabases(governments: readonly Government[]): Promise<GovernmentProgress[]> {
  const answer: GovernmentProgress[] = [];
  for (const { source, ...government } of governments) {
    const programmes = await readers(source, async (repository) => {
      const summaries: ProgrammeSummary[] = [];
      for (const programme of await repository.programmes()) {
        const { programmeId, programmeName, totals, units } = await buildProgressReport(repository, programme);
        summaries.push({ programmeId, programmeName, totals, unitsTrained: units.filter((u) => u.participantsAttended > 0).length });
      }
      return summaries;
    });
    answer.push({ ...government, programmes });
  }
  return answer;
}
