import type { Actor } from '../../platform/actor';
import type { AuditService } from '../audit/audit.service';
import type { OutboxService } from '../outbox/outbox.service';
import type { BatchRow, EnrolmentRow, WorkshopsRepository } from './workshops.repository';
import { seatFor } from './workshops.rules';

/**
 * Gives free seats of a batch to waitlisted enrolments in arrival order, skipping anyone
 * whose unit is already at its quota; each promotion is audited and each unit told. Runs
 * inside the caller's unit of work.
 */
export async function fillFromWaitlist(
  deps: { repository: WorkshopsRepository; audit: AuditService; outbox: Pick<OutboxService, 'record'> },
  actor: Actor,
  batch: Pick<BatchRow, 'id' | 'programmeId' | 'capacity' | 'unitQuota'>,
  now: string,
): Promise<EnrolmentRow[]> {
  const { repository } = deps;
  const byUnit = await repository.confirmedByUnit(batch.id);
  let confirmed = [...byUnit.values()].reduce((a, b) => a + b, 0);
  const promoted: EnrolmentRow[] = [];
  if (confirmed >= batch.capacity) return promoted;
  const waiting = await repository.waitlisted(batch.id);
  // A deactivated unit takes part in nothing new: its officials keep their place but are not promoted.
  const inactive = await repository.inactiveUnitsAmong(waiting.map((w) => w.unitId));
  for (const candidate of waiting) {
    if (inactive.has(candidate.unitId)) continue;
    const seat = seatFor(batch, { confirmed, ofUnit: byUnit.get(candidate.unitId) ?? 0 });
    if (seat === 'batch_full') break;
    if (seat === 'unit_at_quota') continue;
    promoted.push(await repository.setStatus(candidate.id, 'confirmed', now));
    byUnit.set(candidate.unitId, (byUnit.get(candidate.unitId) ?? 0) + 1);
    confirmed++;
  }
  for (const row of promoted) await deps.audit.record(actor, { action: 'enrolment.promote', entity: 'enrolment', entityId: row.id, after: row });
  await tellUnits(deps, 'enrolment_promoted', batch, promoted);
  return promoted;
}

/** One notice per unit naming its officials in the batch (a distribution places many at once). */
export async function tellUnits(
  { repository, outbox }: { repository: WorkshopsRepository; outbox: Pick<OutboxService, 'record'> },
  kind: 'enrolment_confirmed' | 'enrolment_waitlisted' | 'enrolment_promoted',
  batch: Pick<BatchRow, 'id' | 'programmeId'>,
  rows: readonly EnrolmentRow[],
) {
  if (rows.length === 0) return;
  // A distribution places hundreds at once: their names in one read.
  const detailsOf = await repository.detailsOfMany(rows);
  const names = new Map<number, string[]>();
  for (const row of rows) names.set(row.unitId, [...(names.get(row.unitId) ?? []), detailsOf(row).participantName]);
  for (const [unitId, officials] of names) await outbox.record({ facts: { kind, batchId: batch.id, officials }, to: { unitId }, programmeId: batch.programmeId });
}
