import { and, asc, eq, type SQL } from 'drizzle-orm';
import { writeTransaction, type Db } from '../../db/client';
import { DRAFT_STATUSES, drafts, programmes, type DraftStatus } from '../../db/schema';
import { conflict, forbidden, invalidField, notFound } from '../../lib/errors';
import { instantInZone, parseInstant, toStoredInstant, type Clock } from '../../lib/time';
import type { AuditLog } from '../audit/audit.service';
import { canActForUnit, isOrganiser, requireOrganiser, requireUnitAccess, type Actor } from '../auth/actor';
import { requireUnit } from '../units/units.repository';

type DraftRow = typeof drafts.$inferSelect;

export function createDraftsService({ db, clock, audit }: { db: Db; clock: Clock; audit: AuditLog }) {
  function zoneOf(programmeId: number): string {
    const row = db.select({ timezone: programmes.timezone }).from(programmes).where(eq(programmes.id, programmeId)).get();
    if (!row) throw notFound('programme', programmeId);
    return row.timezone;
  }

  const view = (row: DraftRow, zone: string) => ({
    ...row,
    receivedAt: instantInZone(row.receivedAt, zone),
  });

  return {
    /** Records a received draft. Unit keys submit their own, received now; organisers may backdate. */
    create(actor: Actor, programmeId: number, input: { unitId: number; title: string; sopCount: number; receivedAt?: string }) {
      const zone = zoneOf(programmeId);
      requireUnitAccess(actor, input.unitId);
      if (input.receivedAt !== undefined && !isOrganiser(actor)) throw forbidden('Only organisers may set receivedAt');
      const now = clock.now();
      const receivedAt = input.receivedAt === undefined ? now : parseInstant(input.receivedAt);
      if (receivedAt > now) throw invalidField('/body/receivedAt', 'receivedAt cannot be in the future');
      return writeTransaction(db, (tx) => {
        requireUnit(db, input.unitId);
        const stamp = toStoredInstant(now);
        const row = tx
          .insert(drafts)
          .values({ programmeId, unitId: input.unitId, title: input.title, sopCount: input.sopCount, receivedAt: toStoredInstant(receivedAt), status: 'received', createdAt: stamp, updatedAt: stamp })
          .returning()
          .get();
        audit.record(tx, actor, { action: 'draft.create', entity: 'draft', entityId: row.id, after: row });
        return view(row, zone);
      });
    },

    /** A programme's drafts, oldest first; a unit key sees its own. */
    list(actor: Actor, programmeId: number) {
      const zone = zoneOf(programmeId);
      const conditions: SQL[] = [eq(drafts.programmeId, programmeId)];
      if (!isOrganiser(actor)) conditions.push(eq(drafts.unitId, actor.unitId!));
      return db.select().from(drafts).where(and(...conditions)).orderBy(asc(drafts.receivedAt), asc(drafts.id)).all().map((r) => view(r, zone));
    },

    /** Moves a draft forward through received -> reviewed -> final -> enacted, never back. */
    update(actor: Actor, id: number, input: { status: DraftStatus; notes?: string | null }) {
      requireOrganiser(actor);
      return writeTransaction(db, (tx) => {
        const before = tx.select().from(drafts).where(eq(drafts.id, id)).get();
        if (!before || !canActForUnit(actor, before.unitId)) throw notFound('draft', id);
        if (DRAFT_STATUSES.indexOf(input.status) < DRAFT_STATUSES.indexOf(before.status))
          throw conflict('STATUS_BACKWARDS', `A draft cannot go back from ${before.status} to ${input.status}`);
        const after = tx
          .update(drafts)
          .set({ status: input.status, ...(input.notes !== undefined ? { notes: input.notes } : {}), updatedAt: toStoredInstant(clock.now()) })
          .where(eq(drafts.id, id))
          .returning()
          .get();
        audit.record(tx, actor, { action: 'draft.update', entity: 'draft', entityId: id, before, after });
        return view(after, zoneOf(after.programmeId));
      });
    },
  };
}
