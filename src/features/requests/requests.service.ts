import { canActForUnit, isOrganiser, requireOrganiser, requireUnitAccess, unitIdOf, type Actor } from '../../platform/actor';
import { conflict, invalidField, notFound } from '../../platform/errors';
import { localToOffsetIso, toStoredInstant, type Clock } from '../../platform/time';
import type { UnitOfWork } from '../../platform/unit-of-work';
import type { AuditService } from '../audit/audit.service';
import type { BookingsService } from '../bookings/bookings.service';
import { slotStart } from '../periods/periods.rules';
import type { PeriodsService } from '../periods/periods.service';
import type { UnitsService } from '../units/units.service';
import { planAutoSchedule, type Claim } from './auto-schedule.rules';
import type { RequestRow, RequestsRepository } from './requests.repository';

const requestView = (r: RequestRow) => ({
  id: r.id,
  periodId: r.periodId,
  unitId: r.unitId,
  preferredDates: r.preferredDates,
  notes: r.notes,
  status: r.status,
  bookingId: r.bookingId,
  createdAt: r.createdAt,
});

export type RequestsService = ReturnType<typeof createRequestsService>;

/**
 * Units asking to be scheduled, and the auto-schedule that gives them (and units whose day
 * was closed) slots. A unit's open request is fulfilled by the database the moment it books.
 */
export function createRequestsService(deps: {
  repository: RequestsRepository;
  uow: UnitOfWork;
  clock: Clock;
  audit: AuditService;
  periods: Pick<PeriodsService, 'load' | 'workingDatesOf' | 'openSlotsOf'>;
  units: Pick<UnitsService, 'requireExisting' | 'requireActive' | 'isActive'>;
  bookings: Pick<BookingsService, 'alreadyBooked' | 'allOfPeriod' | 'priorityDraftAt' | 'place'>;
}) {
  const { repository, uow, clock, audit, periods, units, bookings } = deps;

  function checkPreferredDates(periodId: number, dates: readonly string[]) {
    const working = new Set(periods.workingDatesOf(periods.load(periodId)));
    dates.forEach((date, i) => {
      if (!working.has(date)) throw invalidField(`/body/preferredDates/${i}`, `${date} is not a working day of this period`);
    });
  }

  /** An open request the actor may change; another unit's is "not found" to a unit key. */
  function openRequest(actor: Actor, id: number): RequestRow {
    const row = repository.byId(id);
    if (!row || !canActForUnit(actor, row.unitId)) throw notFound('request', id);
    if (row.status !== 'open') throw conflict('REQUEST_NOT_OPEN', `Request ${id} is ${row.status}`);
    return row;
  }

  return {
    /** A unit asks to be scheduled; preferred dates must be working days of the period. */
    request(actor: Actor, periodId: number, body: { unitId?: number; preferredDates?: string[]; notes?: string | null }) {
      const input = { ...body, unitId: unitIdOf(actor, body.unitId) };
      requireUnitAccess(actor, input.unitId);
      const now = toStoredInstant(clock.now());
      return uow.write(() => {
        checkPreferredDates(periodId, input.preferredDates ?? []);
        units.requireActive(input.unitId);
        const booked = bookings.alreadyBooked(periodId, input.unitId, periods.load(periodId).zone);
        if (booked) throw booked;
        const row = repository.insert({ periodId, unitId: input.unitId, preferredDates: [...(input.preferredDates ?? [])].sort(), notes: input.notes ?? null }, now);
        audit.record(actor, { action: 'request.create', entity: 'asistensiRequest', entityId: row.id, after: row });
        return requestView(row);
      });
    },

    /** Changes an open request's preferred dates or notes. */
    update(actor: Actor, id: number, patch: { preferredDates?: string[]; notes?: string | null }) {
      return uow.write(() => {
        const before = openRequest(actor, id);
        if (patch.preferredDates) checkPreferredDates(before.periodId, patch.preferredDates);
        const after = repository.update(id, { ...patch, ...(patch.preferredDates ? { preferredDates: [...patch.preferredDates].sort() } : {}) }, toStoredInstant(clock.now()));
        audit.record(actor, { action: 'request.update', entity: 'asistensiRequest', entityId: id, before, after });
        return requestView(after);
      });
    },

    /** Withdraws an open request: auto-schedule will not place the unit. */
    withdraw(actor: Actor, id: number) {
      return uow.write(() => {
        const before = openRequest(actor, id);
        const after = repository.update(id, { status: 'withdrawn' }, toStoredInstant(clock.now()));
        audit.record(actor, { action: 'request.withdraw', entity: 'asistensiRequest', entityId: id, before, after });
        return requestView(after);
      });
    },

    /** A unit's requests in every period (every status), oldest first: organisers, or the unit itself. */
    ofUnit(actor: Actor, unitId: number) {
      requireUnitAccess(actor, unitId);
      return repository.ofUnit(unitId).map(requestView);
    },

    list(actor: Actor, periodId: number) {
      periods.load(periodId);
      return repository.list(periodId, isOrganiser(actor) ? undefined : actor.unitId!).map(requestView);
    },

    /**
     * Gives open future slots to units waiting for one (see planAutoSchedule for the order):
     * units displaced by a closed day, and units with an open request. A dry run does the
     * same and rolls it back.
     */
    autoSchedule(actor: Actor, periodId: number, input: { dryRun?: boolean }) {
      requireOrganiser(actor);
      const dryRun = input.dryRun ?? false;
      const now = clock.now();
      const stamp = toStoredInstant(now);
      const run = () => {
        const period = periods.load(periodId);
        const all = bookings.allOfPeriod(periodId);
        const booked = new Set(all.filter((b) => b.status === 'active').map((b) => b.slotId));
        const hasActive = new Set(all.filter((b) => b.status === 'active').map((b) => b.unitId));
        const latestByUnit = new Map<number, (typeof all)[number]>();
        for (const b of all) if (!latestByUnit.has(b.unitId)) latestByUnit.set(b.unitId, b);

        const claims = new Map<number, Claim>();
        for (const [unitId, b] of latestByUnit)
          if (b.status === 'displaced' && !hasActive.has(unitId))
            claims.set(unitId, { unitId, displacedAt: b.updatedAt, priorityDraftAt: null, requestedAt: b.createdAt, preferredDates: [] });
        for (const r of repository.openOf(periodId)) {
          if (hasActive.has(r.unitId)) continue;
          const displaced = claims.get(r.unitId);
          claims.set(r.unitId, { unitId: r.unitId, displacedAt: displaced?.displacedAt ?? null, priorityDraftAt: null, requestedAt: r.createdAt, preferredDates: r.preferredDates });
        }
        // A deactivated unit takes part in nothing new: it is neither placed nor listed as waiting.
        for (const unitId of claims.keys()) if (!units.isActive(unitId)) claims.delete(unitId);
        for (const claim of claims.values()) claim.priorityDraftAt = bookings.priorityDraftAt(period, claim.unitId);

        const open = periods.openSlotsOf(periodId).filter((s) => !booked.has(s.id) && slotStart(s, period.zone) > now);
        const plan = planAutoSchedule([...claims.values()], open);
        const slotOf = new Map(open.map((s) => [s.id, s]));
        const unitName = (unitId: number) => units.requireExisting(unitId).name;
        const assignments = plan.assignments.map(({ unitId, slotId }) => {
          const bookingId = bookings.place(actor, period, unitId, slotId, stamp);
          const slot = slotOf.get(slotId)!;
          const when = { date: slot.date, start: slot.start, end: slot.end, startsAt: localToOffsetIso(slot.date, slot.start, period.zone) };
          return { unitId, unitName: unitName(unitId), slotId, ...when, bookingId: dryRun ? null : bookingId };
        });
        return { dryRun, assignments, unplaced: plan.unplaced.map((u) => ({ ...u, unitName: unitName(u.unitId) })) };
      };
      return dryRun ? uow.dryRun(run) : uow.write(run);
    },
  };
}
