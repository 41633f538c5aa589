/** A unit waiting for a slot, with what decides its place in the queue. */
export interface Claim {
  unitId: number;
  /** Its booking was displaced by a closed day: first claim on the next schedule. */
  displacedAt: string | null;
  /** When its earliest draft reached the organiser, if it counts for priority. */
  priorityDraftAt: string | null;
  /** When it asked to be scheduled. */
  requestedAt: string;
  preferredDates: readonly string[];
}

export interface OpenSlot {
  id: number;
  date: string;
  start: string;
}

export interface AutoSchedulePlan {
  assignments: { unitId: number; slotId: number }[];
  unplaced: { unitId: number; reason: 'NO_OPEN_SLOT' }[];
}

/** The queue order: displaced units, then units with a draft (earliest draft first), then the rest by request time. */
export function claimOrder(a: Claim, b: Claim): number {
  const rank = (c: Claim) => (c.displacedAt !== null ? 0 : c.priorityDraftAt !== null ? 1 : 2);
  const byRank = rank(a) - rank(b);
  if (byRank !== 0) return byRank;
  const key = (c: Claim) => (rank(c) === 0 ? c.displacedAt! : rank(c) === 1 ? c.priorityDraftAt! : c.requestedAt);
  return key(a).localeCompare(key(b)) || a.requestedAt.localeCompare(b.requestedAt) || a.unitId - b.unitId;
}

/**
 * Gives each claim, in queue order, the earliest open slot on its earliest preferred date
 * that still has one, else the earliest open slot of all. Pure and deterministic.
 */
export function planAutoSchedule(claims: readonly Claim[], openSlots: readonly OpenSlot[]): AutoSchedulePlan {
  const free = [...openSlots].sort((a, b) => a.date.localeCompare(b.date) || a.start.localeCompare(b.start) || a.id - b.id);
  const plan: AutoSchedulePlan = { assignments: [], unplaced: [] };
  for (const claim of [...claims].sort(claimOrder)) {
    const preferred = [...claim.preferredDates].sort();
    let index = -1;
    for (const date of preferred) {
      index = free.findIndex((s) => s.date === date);
      if (index >= 0) break;
    }
    if (index < 0) index = free.length > 0 ? 0 : -1;
    if (index < 0) {
      plan.unplaced.push({ unitId: claim.unitId, reason: 'NO_OPEN_SLOT' });
      continue;
    }
    const [slot] = free.splice(index, 1);
    plan.assignments.push({ unitId: claim.unitId, slotId: slot!.id });
  }
  return plan;
}
