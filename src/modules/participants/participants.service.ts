import { and, asc, eq, type SQL } from 'drizzle-orm';
import { writeTransaction, type Db } from '../../db/client';
import { statusIsNot } from '../../db/conditions';
import { enrolments, participants } from '../../db/schema';
import { conflict, forbidden, invalidField, isUniqueViolation, notFound } from '../../lib/errors';
import { toStoredInstant, type Clock } from '../../lib/time';
import type { AuditLog } from '../audit/audit.service';
import { canActForUnit, isOrganiser, requireUnitAccess, type Actor } from '../auth/actor';
import { checkNip } from './nip';
import type { ParticipantCreateInput, ParticipantPatchInput } from './participants.schemas';
import { requireUnit } from '../units/units.repository';

export type ParticipantRow = typeof participants.$inferSelect;

export const participantView = (row: ParticipantRow) => ({
  id: row.id,
  nip: row.nip,
  name: row.name,
  position: row.position,
  unitId: row.unitId,
  email: row.email,
  phone: row.phone,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

function requireValidNip(nip: string): void {
  const check = checkNip(nip);
  if (!check.valid) throw invalidField('/body/nip', `NIP ${check.reason}`);
}

const nipTaken = (nip: string) => conflict('NIP_TAKEN', `A participant with NIP ${nip} already exists`);

export function createParticipantsService({ db, clock, audit }: { db: Db; clock: Clock; audit: AuditLog }) {
  /** A participant the actor may see; another unit's participant is "not found" to a unit key. */
  function visible(actor: Actor, id: number): ParticipantRow {
    const row = db.select().from(participants).where(eq(participants.id, id)).get();
    if (!row || !canActForUnit(actor, row.unitId)) throw notFound('participant', id);
    return row;
  }

  const translateUnique = (err: unknown, nip: string | undefined) => {
    if (nip && isUniqueViolation(err, 'participants.nip')) return nipTaken(nip);
    return err;
  };

  return {
    create(actor: Actor, input: ParticipantCreateInput) {
      requireUnitAccess(actor, input.unitId);
      requireValidNip(input.nip);
      const now = toStoredInstant(clock.now());
      try {
        return writeTransaction(db, (tx) => {
          requireUnit(db, input.unitId);
          const row = tx
            .insert(participants)
            .values({
              nip: input.nip,
              name: input.name,
              position: input.position ?? null,
              unitId: input.unitId,
              email: input.email ?? null,
              phone: input.phone ?? null,
              createdAt: now,
              updatedAt: now,
            })
            .returning()
            .get();
          audit.record(tx, actor, { action: 'participant.create', entity: 'participant', entityId: row.id, after: participantView(row) });
          return participantView(row);
        });
      } catch (err) {
        throw translateUnique(err, input.nip);
      }
    },

    list(actor: Actor, filter: { unitId?: number; limit: number; offset: number }) {
      // A unit key lists its own unit's participants; asking for another unit is refused.
      let unitId = filter.unitId;
      if (!isOrganiser(actor)) {
        if (unitId !== undefined && unitId !== actor.unitId) throw forbidden('A unit key may only list its own participants');
        unitId = actor.unitId!;
      }
      const conditions: SQL[] = [];
      if (unitId !== undefined) conditions.push(eq(participants.unitId, unitId));
      return db
        .select()
        .from(participants)
        .where(and(...conditions))
        .orderBy(asc(participants.id))
        .limit(filter.limit)
        .offset(filter.offset)
        .all()
        .map(participantView);
    },

    get(actor: Actor, id: number) {
      return participantView(visible(actor, id));
    },

    update(actor: Actor, id: number, patch: ParticipantPatchInput) {
      if (patch.nip !== undefined) requireValidNip(patch.nip);
      if (patch.unitId !== undefined) requireUnitAccess(actor, patch.unitId);
      try {
        return writeTransaction(db, (tx) => {
          const before = visible(actor, id);
          if (patch.unitId !== undefined && patch.unitId !== before.unitId) requireUnit(db, patch.unitId);
          const after = tx
            .update(participants)
            .set({ ...patch, updatedAt: toStoredInstant(clock.now()) })
            .where(eq(participants.id, id))
            .returning()
            .get();
          audit.record(tx, actor, {
            action: 'participant.update',
            entity: 'participant',
            entityId: id,
            before: participantView(before),
            after: participantView(after),
          });
          return participantView(after);
        });
      } catch (err) {
        throw translateUnique(err, patch.nip);
      }
    },

    /** Deletes a participant with no active enrolment (cancel those first); cancelled ones go too. */
    remove(actor: Actor, id: number) {
      writeTransaction(db, (tx) => {
        const before = visible(actor, id);
        const active = tx
          .select({ id: enrolments.id })
          .from(enrolments)
          .where(and(eq(enrolments.participantId, id), statusIsNot(enrolments.status, 'cancelled')))
          .get();
        if (active)
          throw conflict('PARTICIPANT_ENROLLED', `Participant ${id} has an active enrolment (${active.id}); cancel it first`);
        tx.delete(participants).where(eq(participants.id, id)).run();
        audit.record(tx, actor, { action: 'participant.delete', entity: 'participant', entityId: id, before: participantView(before) });
      });
    },
  };
}
