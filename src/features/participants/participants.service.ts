import { canActForUnit, isOrganiser, requireUnitAccess, type Actor } from '../../platform/actor';
import { forbidden, invalidField, notFound } from '../../platform/errors';
import { toStoredInstant, type Clock } from '../../platform/time';
import type { UnitOfWork } from '../../platform/unit-of-work';
import type { AuditService } from '../audit/audit.service';
import type { UnitsService } from '../units/units.service';
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
}) {
  const { repository, uow, clock, audit, units } = deps;
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

    update(actor: Actor, id: number, patch: ParticipantPatchInput) {
      if (patch.nip !== undefined) requireValidNip(patch.nip);
      if (patch.unitId !== undefined) requireUnitAccess(actor, patch.unitId);
      return uow.write(() => {
        const before = visible(actor, id);
        if (patch.unitId !== undefined && patch.unitId !== before.unitId) units.requireExisting(patch.unitId);
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

    withUnitKind: repository.withUnitKind,
    withUnitKinds: repository.withUnitKinds,
  };
}
