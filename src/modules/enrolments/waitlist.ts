import { and, asc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { statusIs } from '../../db/conditions';
import { batches, enrolments } from '../../db/schema';

export type EnrolmentRow = typeof enrolments.$inferSelect;

/**
 * Gives free seats of a batch to waitlisted enrolments in arrival order, skipping anyone
 * whose unit is already at its quota. Runs inside the caller's transaction.
 */
export function fillFromWaitlist(
  tx: Tx,
  batch: Pick<typeof batches.$inferSelect, 'id' | 'capacity' | 'unitQuota'>,
  now: string,
  onPromoted: (row: EnrolmentRow) => void,
): void {
  const confirmedByUnit = new Map(
    tx
      .select({ unitId: enrolments.unitId, n: sql<number>`count(*)` })
      .from(enrolments)
      .where(and(eq(enrolments.batchId, batch.id), statusIs(enrolments.status, 'confirmed')))
      .groupBy(enrolments.unitId)
      .all()
      .map((r) => [r.unitId, r.n]),
  );
  let free = batch.capacity - [...confirmedByUnit.values()].reduce((a, b) => a + b, 0);
  if (free <= 0) return;
  const waiting = tx
    .select()
    .from(enrolments)
    .where(and(eq(enrolments.batchId, batch.id), statusIs(enrolments.status, 'waitlisted')))
    .orderBy(asc(enrolments.id))
    .all();
  for (const candidate of waiting) {
    if (free === 0) break;
    const held = confirmedByUnit.get(candidate.unitId) ?? 0;
    if (held >= batch.unitQuota) continue;
    const promoted = tx
      .update(enrolments)
      .set({ status: 'confirmed', updatedAt: now })
      .where(eq(enrolments.id, candidate.id))
      .returning()
      .get();
    confirmedByUnit.set(candidate.unitId, held + 1);
    free--;
    onPromoted(promoted);
  }
}
