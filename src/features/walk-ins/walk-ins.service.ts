import { requireOrganiser, type Actor } from '../../platform/actor';
import { invalidField, notFound } from '../../platform/errors';
import { toStoredInstant, type Clock } from '../../platform/time';
import type { UnitOfWork } from '../../platform/unit-of-work';
import type { AuditService } from '../audit/audit.service';
import type { Period, PeriodsService } from '../periods/periods.service';
import type { UnitsService } from '../units/units.service';
import type { WalkInsRepository } from './walk-ins.repository';

export type WalkInsService = ReturnType<typeof createWalkInsService>;

/** Units assisted at the organiser's office without a booked slot. */
export function createWalkInsService(deps: {
  repository: WalkInsRepository;
  uow: UnitOfWork;
  clock: Clock;
  audit: AuditService;
  periods: Pick<PeriodsService, 'load' | 'workingDatesOf'>;
  units: Pick<UnitsService, 'requireExisting'>;
}) {
  const { repository, uow, clock, audit, periods, units } = deps;

  /** A walk-in happens on one of the period's open working days, today at the latest. */
  function checkDate(period: Period, date: string) {
    const today = clock.now().setZone(period.zone).toISODate()!;
    if (date > today) throw invalidField('/body/date', `${date} is in the future; a walk-in is recorded once it happened (today is ${today})`, { reason: 'WALK_IN_IN_FUTURE', date, today });
    const working = periods.workingDatesOf(period);
    if (!working.includes(date))
      throw invalidField('/body/date', `${date} is not an open working day of the period (${working[0]} to ${working[working.length - 1]})`, { reason: 'NOT_A_PERIOD_DAY', date, first: working[0] ?? '', last: working[working.length - 1] ?? '' });
  }

  function require(id: number) {
    const row = repository.byId(id);
    if (!row) throw notFound('walk-in', id);
    return row;
  }

  return {
    record(actor: Actor, periodId: number, input: { unitId: number; date: string; notes?: string | null }) {
      requireOrganiser(actor);
      return uow.write(() => {
        const period = periods.load(periodId);
        const unit = units.requireExisting(input.unitId);
        checkDate(period, input.date);
        const row = repository.insert({ periodId, unitId: input.unitId, date: input.date, notes: input.notes ?? null, createdAt: toStoredInstant(clock.now()) });
        audit.record(actor, { action: 'walkIn.create', entity: 'walkIn', entityId: row.id, after: row });
        return { ...row, unitName: unit.name };
      });
    },

    /** Corrects a walk-in's date or notes. */
    update(actor: Actor, id: number, patch: { date?: string; notes?: string | null }) {
      requireOrganiser(actor);
      return uow.write(() => {
        const before = require(id);
        if (patch.date !== undefined) checkDate(periods.load(before.periodId), patch.date);
        const after = repository.update(id, patch);
        audit.record(actor, { action: 'walkIn.update', entity: 'walkIn', entityId: id, before, after });
        return { ...after, unitName: units.requireExisting(after.unitId).name };
      });
    },

    /** Removes a walk-in recorded by mistake. */
    remove(actor: Actor, id: number) {
      requireOrganiser(actor);
      uow.write(() => {
        const before = require(id);
        repository.delete(id);
        audit.record(actor, { action: 'walkIn.delete', entity: 'walkIn', entityId: id, before });
      });
    },

    list(actor: Actor, periodId: number) {
      requireOrganiser(actor);
      periods.load(periodId);
      return repository.listWithUnitNames(periodId);
    },
  };
}
