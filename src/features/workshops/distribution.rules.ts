import type { UnitKind } from '../units/units.rules';
import { mayAttend, seatFor } from './workshops.rules';

/** A batch as the planner sees it: its limits and the confirmed seats already taken. */
export interface BatchSeats {
  id: number;
  capacity: number;
  unitQuota: number;
  /** null: every kind may attend. */
  eligibleUnitKinds: readonly UnitKind[] | null;
  confirmed: number;
  confirmedByUnit: ReadonlyMap<number, number>;
  /** Earlier batches win ties; the first day's date is a good key. */
  sortKey: string;
}

export interface Candidate {
  participantId: number;
  unitId: number;
  unitKind: UnitKind;
}

export type UnplacedReason = 'NO_ELIGIBLE_BATCH' | 'NO_SEAT';

export interface DistributionPlan {
  assignments: { participantId: number; batchId: number }[];
  unplaced: { participantId: number; reason: UnplacedReason }[];
}

/**
 * Places candidates into batches without breaking capacity, unit quota or eligibility.
 *
 * Candidates are taken one unit at a time in rotation (unit 1's first official, unit 2's
 * first, ..., then every unit's second), and each goes to the batch that can take them
 * chosen by, in order:
 *   1. the most restricted batch (fewest eligible kinds): a batch reserved for dinas is
 *      filled by dinas first, leaving open batches to units that have nowhere else to go;
 *   2. the least filled batch, so batches fill evenly;
 *   3. the batch where their unit has fewest people, so a unit's officials spread out;
 *   4. the earlier batch.
 * Rotation makes each batch a mix of units. A greedy plan, not an optimal assignment, but
 * pure and deterministic: the same input gives the same plan.
 */
export function planDistribution(batches: readonly BatchSeats[], candidates: readonly Candidate[]): DistributionPlan {
  const state = [...batches]
    .sort((a, b) => a.sortKey.localeCompare(b.sortKey) || a.id - b.id)
    .map((b) => ({ ...b, confirmedByUnit: new Map(b.confirmedByUnit) }));

  const plan: DistributionPlan = { assignments: [], unplaced: [] };
  for (const candidate of inUnitRotation(candidates)) {
    const eligible = state.filter((b) => mayAttend(b.eligibleUnitKinds, candidate.unitKind));
    if (eligible.length === 0) {
      plan.unplaced.push({ participantId: candidate.participantId, reason: 'NO_ELIGIBLE_BATCH' });
      continue;
    }
    let best: (typeof state)[number] | undefined;
    for (const batch of eligible) {
      if (seatFor(batch, { confirmed: batch.confirmed, ofUnit: batch.confirmedByUnit.get(candidate.unitId) ?? 0 }) !== 'free') continue;
      if (!best || isBetter(batch, best, candidate.unitId)) best = batch;
    }
    if (!best) {
      plan.unplaced.push({ participantId: candidate.participantId, reason: 'NO_SEAT' });
      continue;
    }
    best.confirmed++;
    best.confirmedByUnit.set(candidate.unitId, (best.confirmedByUnit.get(candidate.unitId) ?? 0) + 1);
    plan.assignments.push({ participantId: candidate.participantId, batchId: best.id });
  }
  return plan;
}

const ALL_KINDS = Number.MAX_SAFE_INTEGER;
const openness = (b: BatchSeats) => b.eligibleUnitKinds?.length ?? ALL_KINDS;

function isBetter(a: BatchSeats, b: BatchSeats, unitId: number): boolean {
  if (openness(a) !== openness(b)) return openness(a) < openness(b);
  // Compare fill ratios without floating point: a.confirmed/a.capacity vs b.confirmed/b.capacity.
  const fill = a.confirmed * b.capacity - b.confirmed * a.capacity;
  if (fill !== 0) return fill < 0;
  const unitDiff = (a.confirmedByUnit.get(unitId) ?? 0) - (b.confirmedByUnit.get(unitId) ?? 0);
  if (unitDiff !== 0) return unitDiff < 0;
  return false; // state is sorted: the earlier batch stays
}

/** Orders candidates round-robin across units (units by id, people by id within a unit). */
export function inUnitRotation(candidates: readonly Candidate[]): Candidate[] {
  const byUnit = new Map<number, Candidate[]>();
  for (const c of [...candidates].sort((a, b) => a.unitId - b.unitId || a.participantId - b.participantId)) {
    const list = byUnit.get(c.unitId) ?? [];
    list.push(c);
    byUnit.set(c.unitId, list);
  }
  const queues = [...byUnit.values()];
  const ordered: Candidate[] = [];
  for (let round = 0; ordered.length < candidates.length; round++)
    for (const queue of queues) {
      const next = queue[round];
      if (next) ordered.push(next);
    }
  return ordered;
}
