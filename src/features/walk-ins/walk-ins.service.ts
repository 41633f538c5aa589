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
  async function checkDate(period: Period, date: string) {
    const today = clock.now().setZone(period.zone).toISODate()!;
    if (date > today) throw invalidField('/body/date', `${date} is in the future; a walk-in is recorded once it happened (today is ${today})`, { reason: 'WALK_IN_IN_FUTURE', date, today });
    const working = await periods.workingDatesOf(period);
    if (!working.includes(date))
      throw invalidField('/body/date', `${date} is not an open working day of the period (${working[0]} to ${working[working.length - 1]})`, { reason: 'NOT_A_PERIOD_DAY', date, first: working[0] ?? '', last: working[working.length - 1] ?? '' });
  }

  async function require(id: number) {
    const row = await repository.byId(id);
    if (!row) throw notFound('walk-in', id);
    return row;
  }

  return {
    async record(actor: Actor, periodId: number, input: { unitId: number; date: string; notes?: string | null }) {
      requireOrganiser(actor);
      return await uow.write(async () => {
        const period = await periods.load(periodId);
        const unit = await units.requireExisting(input.unitId);
        await checkDate(period, input.date);
        const row = await repository.insert({ periodId, unitId: input.unitId, date: input.date, notes: input.notes ?? null, createdAt: toStoredInstant(clock.now()) });
        await audit.record(actor, { action: 'walkIn.create', entity: 'walkIn', entityId: row.id, after: row });
        return { ...row, unitName: unit.name };
      });
    },

    /** Corrects a walk-in's date or notes. */
    async update(actor: Actor, id: number, patch: { date?: string; notes?: string | null }) {
      requireOrganiser(actor);
      return await uow.write(async () => {
        const before = await require(id);
        if (patch.date !== undefined) await checkDate(await periods.load(before.periodId), patch.date);
        const after = await repository.update(id, patch);
        await audit.record(actor, { action: 'walkIn.update', entity: 'walkIn', entityId: id, before, after });
        return { ...after, unitName: (await units.requireExisting(after.unitId)).name };
      });
    },

    /** Removes a walk-in recorded by mistake. */
    async remove(actor: Actor, id: number) {
      requireOrganiser(actor);
      await uow.write(async () => {
        const before = await require(id);
        await repository.delete(id);
        await audit.record(actor, { action: 'walkIn.delete', entity: 'walkIn', entityId: id, before });
      });
    },

    async list(actor: Actor, periodId: number) {
      requireOrganiser(actor);
      await periods.load(periodId);
      return await repository.listWithUnitNames(periodId);
    },
  };
}
