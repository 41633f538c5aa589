import { requireOrganiser, type Actor } from '../../platform/actor';
import { invalidField } from '../../platform/errors';
import { toStoredInstant, type Clock } from '../../platform/time';
import type { UnitOfWork } from '../../platform/unit-of-work';
import type { AuditService } from '../audit/audit.service';
import type { PeriodsService } from '../periods/periods.service';
import type { UnitsService } from '../units/units.service';
import type { WalkInsRepository } from './walk-ins.repository';

export type WalkInsService = ReturnType<typeof createWalkInsService>;

/** Units assisted at the organiser's office without a booked slot. */
export function createWalkInsService(deps: {
  repository: WalkInsRepository;
  uow: UnitOfWork;
  clock: Clock;
  audit: AuditService;
  periods: Pick<PeriodsService, 'load'>;
  units: Pick<UnitsService, 'requireExisting'>;
}) {
  const { repository, uow, clock, audit, periods, units } = deps;
  return {
    record(actor: Actor, periodId: number, input: { unitId: number; date: string; notes?: string | null }) {
      requireOrganiser(actor);
      return uow.write(() => {
        const period = periods.load(periodId);
        const unit = units.requireExisting(input.unitId);
        if (input.date < period.startDate) throw invalidField('/body/date', `the period starts on ${period.startDate}`);
        const row = repository.insert({ periodId, unitId: input.unitId, date: input.date, notes: input.notes ?? null, createdAt: toStoredInstant(clock.now()) });
        audit.record(actor, { action: 'walkIn.create', entity: 'walkIn', entityId: row.id, after: row });
        return { ...row, unitName: unit.name };
      });
    },

    list(actor: Actor, periodId: number) {
      requireOrganiser(actor);
      periods.load(periodId);
      return repository.listWithUnitNames(periodId);
    },
  };
}
