import { canActForUnit, isOrganiser, requireOrganiser, requireUnitAccess, unitIdOf, type Actor } from '../../platform/actor';
import { conflict, invalidField, notFound } from '../../platform/errors';
import { toStoredInstant, type Clock } from '../../platform/time';
import type { UnitOfWork } from '../../platform/unit-of-work';
import type { AuditService } from '../audit/audit.service';
import type { BookingsService } from '../bookings/bookings.service';
import type { Period, PeriodsService } from '../periods/periods.service';
import type { UnitsService } from '../units/units.service';
import { autoSchedulePlanOf, type AutoSchedulePlan, type AutoScheduleReader } from './auto-schedule.plan';
import type { RequestRow, RequestsRepository } from './requests.repository';
import { mapInOrder } from '../../platform/in-order';
import type { DatabaseSource } from '../../platform/read-only-database';

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
  units: Pick<UnitsService, 'requireExisting' | 'requireActive' | 'namesAndStates'>;
  bookings: Pick<BookingsService, 'alreadyBooked' | 'allOfPeriod' | 'firstReceivedByUnit' | 'place'>;
  /** The auto-schedule preview's worker job (src/heavy-work/jobs.ts), and the database it reads (null: in memory, read here). */
  plans: { autoSchedulePlanOfDatabase(actor: Actor, source: DatabaseSource, period: Period, nowIso: string): Promise<AutoSchedulePlan> };
  databaseSource: DatabaseSource | null;
}) {
  const { repository, uow, clock, audit, periods, units, bookings } = deps;
  const reader: AutoScheduleReader = {
    bookingsOf: bookings.allOfPeriod,
    openRequestsOf: repository.openOf,
    namesAndStates: units.namesAndStates,
    firstReceivedByUnit: bookings.firstReceivedByUnit,
    openSlotsOf: periods.openSlotsOf,
  };

  async function checkPreferredDates(periodId: number, dates: readonly string[]) {
    const working = new Set(await periods.workingDatesOf(await periods.load(periodId)));
    dates.forEach((date, i) => {
      if (!working.has(date)) throw invalidField(`/body/preferredDates/${i}`, `${date} is not a working day of this period`);
    });
  }

  /** An open request the actor may change; another unit's is "not found" to a unit key. */
  async function openRequest(actor: Actor, id: number): Promise<RequestRow> {
    const row = await repository.byId(id);
    if (!row || !canActForUnit(actor, row.unitId)) throw notFound('request', id);
    if (row.status !== 'open') throw conflict('REQUEST_NOT_OPEN', `Request ${id} is ${row.status}`);
    return row;
  }

  return {
    /** A unit asks to be scheduled; preferred dates must be working days of the period. */
    async request(actor: Actor, periodId: number, body: { unitId?: number; preferredDates?: string[]; notes?: string | null }) {
      const input = { ...body, unitId: unitIdOf(actor, body.unitId) };
      requireUnitAccess(actor, input.unitId);
      const now = toStoredInstant(clock.now());
      return await uow.write(async () => {
        await checkPreferredDates(periodId, input.preferredDates ?? []);
        await units.requireActive(input.unitId);
        const booked = await bookings.alreadyBooked(periodId, input.unitId, (await periods.load(periodId)).zone);
        if (booked) throw booked;
        const row = await repository.insert({ periodId, unitId: input.unitId, preferredDates: [...(input.preferredDates ?? [])].sort(), notes: input.notes ?? null }, now);
        await audit.record(actor, { action: 'request.create', entity: 'asistensiRequest', entityId: row.id, after: row });
        return requestView(row);
      });
    },

    /** Changes an open request's preferred dates or notes. */
    async update(actor: Actor, id: number, patch: { preferredDates?: string[]; notes?: string | null }) {
      return await uow.write(async () => {
        const before = await openRequest(actor, id);
        if (patch.preferredDates) await checkPreferredDates(before.periodId, patch.preferredDates);
        const after = await repository.update(id, { ...patch, ...(patch.preferredDates ? { preferredDates: [...patch.preferredDates].sort() } : {}) }, toStoredInstant(clock.now()));
        await audit.record(actor, { action: 'request.update', entity: 'asistensiRequest', entityId: id, before, after });
        return requestView(after);
      });
    },

    /** Withdraws an open request: auto-schedule will not place the unit. */
    async withdraw(actor: Actor, id: number) {
      return await uow.write(async () => {
        const before = await openRequest(actor, id);
        const after = await repository.update(id, { status: 'withdrawn' }, toStoredInstant(clock.now()));
        await audit.record(actor, { action: 'request.withdraw', entity: 'asistensiRequest', entityId: id, before, after });
        return requestView(after);
      });
    },

    /** A unit's requests in every period (every status), oldest first: organisers, or the unit itself. */
    async ofUnit(actor: Actor, unitId: number) {
      requireUnitAccess(actor, unitId);
      return (await repository.ofUnit(unitId)).map(requestView);
    },

    async list(actor: Actor, periodId: number) {
      await periods.load(periodId);
      return (await repository.list(periodId, isOrganiser(actor) ? undefined : actor.unitId!)).map(requestView);
    },

    /**
     * Gives open future slots to units waiting for one (see autoSchedulePlanOf): units
     * displaced by a closed day, and units with an open request, in one unit of work.
     */
    async autoSchedule(actor: Actor, periodId: number) {
      requireOrganiser(actor);
      const now = clock.now();
      const stamp = toStoredInstant(now);
      return await uow.write(async () => {
        const period = await periods.load(periodId);
        const plan = await autoSchedulePlanOf(reader, period, now);
        const assignments = await mapInOrder(plan.assignments, async (assignment) => ({ ...assignment, bookingId: await bookings.place(actor, period, assignment.unitId, assignment.slotId, stamp) as number | null }));
        return { dryRun: false, assignments, unplaced: plan.unplaced };
      });
    },

    /**
     * What autoSchedule would do now, without doing it: read in a worker thread over its own
     * connection (on the server's thread for an in-memory database).
     */
    async previewAutoSchedule(actor: Actor, periodId: number) {
      requireOrganiser(actor);
      const now = clock.now();
      const period = await periods.load(periodId);
      const plan = deps.databaseSource ? await deps.plans.autoSchedulePlanOfDatabase(actor, deps.databaseSource, period, toStoredInstant(now)) : await autoSchedulePlanOf(reader, period, now);
      return { dryRun: true, assignments: plan.assignments.map((a) => ({ ...a, bookingId: null as number | null })), unplaced: plan.unplaced };
    },
  };
}
