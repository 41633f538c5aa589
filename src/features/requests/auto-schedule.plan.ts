import type { DateTime } from 'luxon';
import { localToOffsetIso } from '../../platform/time';
import { slotStart } from '../periods/periods.rules';
import type { Period } from '../periods/periods.service';
import { planAutoSchedule, type Claim } from './auto-schedule.rules';

/** What an auto-schedule reads, over the server's connection or a worker's read-only one. */
export interface AutoScheduleReader {
  bookingsOf(periodId: number): Promise<{ unitId: number; slotId: number; status: string; createdAt: string; updatedAt: string }[]>;
  openRequestsOf(periodId: number): Promise<{ unitId: number; createdAt: string; preferredDates: string[] }[]>;
  namesAndStates(unitIds: readonly number[]): Promise<Map<number, { name: string; active: boolean }>>;
  /** Each unit's first draft received in the programme by `cutoff` (any, without one). */
  firstReceivedByUnit(programmeId: number, cutoff: string | null): Promise<Map<number, string>>;
  openSlotsOf(periodId: number): Promise<{ id: number; date: string; start: string; end: string }[]>;
}

/**
 * Which waiting unit would get which open future slot now (see planAutoSchedule for the order):
 * units displaced by a closed day, and units with an open request; with names and times.
 */
export async function autoSchedulePlanOf(read: AutoScheduleReader, period: Period, now: DateTime) {
  const all = await read.bookingsOf(period.id);
  const booked = new Set(all.filter((b) => b.status === 'active').map((b) => b.slotId));
  const hasActive = new Set(all.filter((b) => b.status === 'active').map((b) => b.unitId));
  const latestByUnit = new Map<number, (typeof all)[number]>();
  for (const b of all) if (!latestByUnit.has(b.unitId)) latestByUnit.set(b.unitId, b);

  const claims = new Map<number, Claim>();
  for (const [unitId, b] of latestByUnit)
    if (b.status === 'displaced' && !hasActive.has(unitId))
      claims.set(unitId, { unitId, displacedAt: b.updatedAt, priorityDraftAt: null, requestedAt: b.createdAt, preferredDates: [] });
  for (const r of await read.openRequestsOf(period.id)) {
    if (hasActive.has(r.unitId)) continue;
    const displaced = claims.get(r.unitId);
    claims.set(r.unitId, { unitId: r.unitId, displacedAt: displaced?.displacedAt ?? null, priorityDraftAt: null, requestedAt: r.createdAt, preferredDates: r.preferredDates });
  }
  // Read for every waiting unit at once: a deployment's thousands are a few queries, not thousands.
  const unitFacts = await read.namesAndStates([...claims.keys()]);
  // Priority: a draft received by the period's cutoff (the same rule as a unit's own booking).
  const priorityDrafts = await read.firstReceivedByUnit(period.programmeId, period.priorityCutoff);
  // A deactivated unit takes part in nothing new: it is neither placed nor listed as waiting.
  for (const unitId of claims.keys()) if (!unitFacts.get(unitId)?.active) claims.delete(unitId);
  for (const claim of claims.values()) claim.priorityDraftAt = priorityDrafts.get(claim.unitId) ?? null;

  const open = (await read.openSlotsOf(period.id)).filter((s) => !booked.has(s.id) && slotStart(s, period.zone) > now);
  const plan = planAutoSchedule([...claims.values()], open);
  const slotOf = new Map(open.map((s) => [s.id, s]));
  const unitName = (unitId: number) => unitFacts.get(unitId)!.name;
  return {
    assignments: plan.assignments.map(({ unitId, slotId }) => {
      const slot = slotOf.get(slotId)!;
      return { unitId, unitName: unitName(unitId), slotId, date: slot.date, start: slot.start, end: slot.end, startsAt: localToOffsetIso(slot.date, slot.start, period.zone) };
    }),
    unplaced: plan.unplaced.map((u) => ({ ...u, unitName: unitName(u.unitId) })),
  };
}

export type AutoSchedulePlan = Awaited<ReturnType<typeof autoSchedulePlanOf>>;
export type PlanPeriod = Period;
