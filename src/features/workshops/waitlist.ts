import type { BatchRow, EnrolmentRow, WorkshopsRepository } from './workshops.repository';
import { seatFor } from './workshops.rules';

/**
 * Gives free seats of a batch to waitlisted enrolments in arrival order, skipping anyone
 * whose unit is already at its quota. Runs inside the caller's unit of work.
 */
export function fillFromWaitlist(repository: WorkshopsRepository, batch: Pick<BatchRow, 'id' | 'capacity' | 'unitQuota'>, now: string): EnrolmentRow[] {
  const byUnit = repository.confirmedByUnit(batch.id);
  let confirmed = [...byUnit.values()].reduce((a, b) => a + b, 0);
  const promoted: EnrolmentRow[] = [];
  if (confirmed >= batch.capacity) return promoted;
  for (const candidate of repository.waitlisted(batch.id)) {
    const seat = seatFor(batch, { confirmed, ofUnit: byUnit.get(candidate.unitId) ?? 0 });
    if (seat === 'batch_full') break;
    if (seat === 'unit_at_quota') continue;
    promoted.push(repository.setStatus(candidate.id, 'confirmed', now));
    byUnit.set(candidate.unitId, (byUnit.get(candidate.unitId) ?? 0) + 1);
    confirmed++;
  }
  return promoted;
}
