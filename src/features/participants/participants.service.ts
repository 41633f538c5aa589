import { canActForUnit, isOrganiser, requireUnitAccess, type Actor } from '../../platform/actor';
import { AppError, forbidden, invalidField, notFound } from '../../platform/errors';
import { toStoredInstant, type Clock } from '../../platform/time';
import type { UnitOfWork } from '../../platform/unit-of-work';
import type { AuditService } from '../audit/audit.service';
import type { UnitsService } from '../units/units.service';
import type { EnrolmentsService } from '../workshops/enrolments.service';
import type { ParticipantRow, ParticipantsRepository } from './participants.repository';
import { checkNip } from './participants.rules';
import type { ParticipantCreateInput, ParticipantPatchInput } from './participants.schemas';

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

export type ParticipantsService = ReturnType<typeof createParticipantsService>;

export function createParticipantsService(deps: {
  repository: ParticipantsRepository;
  uow: UnitOfWork;
  clock: Clock;
  audit: AuditService;
  units: Pick<UnitsService, 'requireExisting'>;
  enrolments: Pick<EnrolmentsService, 'activeOfParticipant' | 'moveToUnit'>;
}) {
  const { repository, uow, clock, audit, units, enrolments } = deps;
  const now = () => toStoredInstant(clock.now());

  /** A participant the actor may see; another unit's participant is "not found" to a unit key. */
  function visible(actor: Actor, id: number): ParticipantRow {
    const row = repository.byId(id);
    if (!row || !canActForUnit(actor, row.unitId)) throw notFound('participant', id);
    return row;
  }

  return {
    create(actor: Actor, input: ParticipantCreateInput) {
      requireUnitAccess(actor, input.unitId);
      requireValidNip(input.nip);
      return uow.write(() => {
        units.requireExisting(input.unitId);
        const row = repository.insert(
          { nip: input.nip, name: input.name, position: input.position ?? null, unitId: input.unitId, email: input.email ?? null, phone: input.phone ?? null },
          now(),
        );
        audit.record(actor, { action: 'participant.create', entity: 'participant', entityId: row.id, after: participantView(row) });
        return participantView(row);
      });
    },

    list(actor: Actor, filter: { unitId?: number; limit: number; offset: number }) {
      // A unit key lists its own unit's participants; asking for another unit is refused.
      let unitId = filter.unitId;
      if (!isOrganiser(actor)) {
        if (unitId !== undefined && unitId !== actor.unitId) throw forbidden('A unit key may only list its own participants');
        unitId = actor.unitId!;
      }
      return repository.list({ ...filter, unitId }).map(participantView);
    },

    get: (actor: Actor, id: number) => participantView(visible(actor, id)),

    /**
     * Changes an official. Moving them to another unit while they hold an active enrolment is
     * refused (HAS_ACTIVE_ENROLMENT) unless `moveEnrolments`, which moves those enrolments to
     * the new unit within its quota, or refuses the whole change.
     */
    update(actor: Actor, id: number, input: ParticipantPatchInput) {
      const { moveEnrolments, ...patch } = input;
      if (patch.nip !== undefined) requireValidNip(patch.nip);
      if (patch.unitId !== undefined) requireUnitAccess(actor, patch.unitId);
      return uow.write(() => {
        const before = visible(actor, id);
        if (patch.unitId !== undefined && patch.unitId !== before.unitId) {
          units.requireExisting(patch.unitId);
          const active = enrolments.activeOfParticipant(id);
          if (active.length > 0 && !moveEnrolments)
            throw new AppError(
              409,
              'HAS_ACTIVE_ENROLMENT',
              `${before.name} is enrolled (${active.map((e) => `enrolment ${e.id}, batch ${e.batchId}`).join('; ')}); send moveEnrolments: true to move the enrolment to the new unit, or cancel it first`,
            );
          if (active.length > 0) enrolments.moveToUnit(actor, id, patch.unitId);
        }
        const after = repository.update(id, patch, now());
        audit.record(actor, { action: 'participant.update', entity: 'participant', entityId: id, before: participantView(before), after: participantView(after) });
        return participantView(after);
      });
    },

    /** Deletes an official with no active enrolment (the database refuses otherwise); cancelled ones go too. */
    remove(actor: Actor, id: number) {
      uow.write(() => {
        const before = visible(actor, id);
        repository.delete(id);
        audit.record(actor, { action: 'participant.delete', entity: 'participant', entityId: id, before: participantView(before) });
      });
    },

  };
}
