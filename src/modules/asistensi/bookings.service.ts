import { and, asc, desc, eq, lte, sql, type SQL } from 'drizzle-orm';
import { writeTransaction, type Db, type Tx } from '../../db/client';
import { statusIs } from '../../db/conditions';
import { asistensiRequests, bookings, drafts, slots, units, walkIns } from '../../db/schema';
import { AppError, conflict, invalidField, isUniqueViolation, notFound, triggerCode, unknownReference } from '../../lib/errors';
import { localToOffsetIso, toStoredInstant, type Clock } from '../../lib/time';
import type { AuditLog } from '../audit/audit.service';
import { canActForUnit, isOrganiser, requireOrganiser, requireUnitAccess, type Actor } from '../auth/actor';
import { planAutoSchedule, type Claim } from './auto-schedule';
import { bookingWindow, slotStart, type Period, type PeriodsService, type SlotRow } from './periods.service';
import { withinCancelNotice, windowRefusal } from './rules';
import { requireUnit } from '../units/units.repository';

type BookingRow = typeof bookings.$inferSelect;
type RequestRow = typeof asistensiRequests.$inferSelect;

const slotTaken = () => conflict('SLOT_TAKEN', 'The slot is already booked');
const unitAlreadyBooked = () => conflict('UNIT_ALREADY_BOOKED', 'The unit already has an active booking in this period');

/** The database's refusals as answers; the service checks first, so these only fire on a race. */
function translate(err: unknown): unknown {
  // SQLite names the columns of the violated index, not the index.
  if (isUniqueViolation(err, 'bookings.slot_id')) return slotTaken();
  if (isUniqueViolation(err, 'bookings.period_id, bookings.unit_id')) return unitAlreadyBooked();
  if (isUniqueViolation(err, 'asistensi_requests.period_id, asistensi_requests.unit_id')) return conflict('REQUEST_EXISTS', 'The unit already has an open request in this period');
  if (triggerCode(err) === 'SLOT_CLOSED') return conflict('SLOT_CLOSED', 'The slot is closed');
  return err;
}

export function createBookingsService({ db, clock, audit, periods }: { db: Db; clock: Clock; audit: AuditLog; periods: PeriodsService }) {
  // Every statement on the booking paths is prepared once: drizzle takes about 100 µs to
  // build a query, far more than SQLite takes to run these.
  const withSlot = () =>
    db.select({ booking: bookings, slot: slots, unitName: units.name }).from(bookings).innerJoin(slots, eq(slots.id, bookings.slotId)).innerJoin(units, eq(units.id, bookings.unitId));
  const q = {
    viewById: withSlot().where(eq(bookings.id, sql.placeholder('id'))).prepare(),
    viewsByPeriod: withSlot()
      .where(eq(bookings.periodId, sql.placeholder('periodId')))
      .orderBy(asc(slots.date), asc(slots.start), asc(bookings.id))
      .prepare(),
    bookingById: db.select().from(bookings).where(eq(bookings.id, sql.placeholder('id'))).prepare(),
    slotInPeriod: db
      .select()
      .from(slots)
      .where(and(eq(slots.id, sql.placeholder('slotId')), eq(slots.periodId, sql.placeholder('periodId'))))
      .prepare(),
    slotById: db.select().from(slots).where(eq(slots.id, sql.placeholder('id'))).prepare(),
    // Without a cutoff, coalesce makes the bound always true.
    firstDraftAt: db
      .select({ at: sql<string | null>`min(${drafts.receivedAt})` })
      .from(drafts)
      .where(
        and(
          eq(drafts.programmeId, sql.placeholder('programmeId')),
          eq(drafts.unitId, sql.placeholder('unitId')),
          lte(drafts.receivedAt, sql`coalesce(${sql.placeholder('cutoff')}, ${drafts.receivedAt})`),
        ),
      )
      .prepare(),
    slotHolder: db
      .select({ id: bookings.id })
      .from(bookings)
      .where(and(eq(bookings.slotId, sql.placeholder('slotId')), statusIs(bookings.status, 'active')))
      .prepare(),
    activeOfUnit: db
      .select({ id: bookings.id })
      .from(bookings)
      .where(and(eq(bookings.periodId, sql.placeholder('periodId')), eq(bookings.unitId, sql.placeholder('unitId')), statusIs(bookings.status, 'active')))
      .prepare(),
    insert: db
      .insert(bookings)
      .values({
        periodId: sql.placeholder('periodId'),
        slotId: sql.placeholder('slotId'),
        unitId: sql.placeholder('unitId'),
        topic: sql.placeholder('topic'),
        status: 'active',
        createdAt: sql.placeholder('now'),
        updatedAt: sql.placeholder('now'),
      })
      .returning({ id: bookings.id })
      .prepare(),
    fulfilRequest: db
      .update(asistensiRequests)
      .set({ status: 'scheduled', bookingId: sql`${sql.placeholder('bookingId')}`, updatedAt: sql`${sql.placeholder('now')}` })
      .where(and(eq(asistensiRequests.periodId, sql.placeholder('periodId')), eq(asistensiRequests.unitId, sql.placeholder('unitId')), statusIs(asistensiRequests.status, 'open')))
      .prepare(),
  };

  type ViewRow = { booking: BookingRow; slot: SlotRow; unitName: string };
  const toView = ({ booking: row, slot, unitName }: ViewRow, zone: string) => ({
    id: row.id,
    periodId: row.periodId,
    slotId: row.slotId,
    unitId: row.unitId,
    unitName,
    topic: row.topic,
    status: row.status,
    attended: row.attended,
    date: slot.date,
    start: slot.start,
    end: slot.end,
    startsAt: localToOffsetIso(slot.date, slot.start, zone),
    endsAt: localToOffsetIso(slot.date, slot.end, zone),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    cancelledAt: row.cancelledAt,
  });
  const viewOf = (id: number, zone: string) => toView(q.viewById.get({ id })!, zone);

  /** A booking with its period; another unit's booking is "not found" to a unit key. */
  function visible(actor: Actor, id: number): { booking: BookingRow; period: Period } {
    const booking = q.bookingById.get({ id });
    if (!booking || !canActForUnit(actor, booking.unitId)) throw notFound('booking', id);
    return { booking, period: periods.load(booking.periodId) };
  }

  function slotOf(period: Period, slotId: number): SlotRow {
    const slot = q.slotInPeriod.get({ slotId, periodId: period.id });
    if (!slot || slot.status === 'withdrawn') throw unknownReference('/body/slotId', 'slot', slotId);
    return slot;
  }

  /** The unit has a draft in the programme received by the period's priority cutoff (or at all, without one). */
  function priorityDraftAt(period: Period, unitId: number): string | null {
    return q.firstDraftAt.get({ programmeId: period.programmeId, unitId, cutoff: period.priorityCutoff })?.at ?? null;
  }

  /**
   * The rules a unit key must pass to take `slot` (organisers are exempt and the exemption is
   * audited): the booking window, the priority window, and a slot that has not started.
   * Returns the rules an organiser overrode.
   */
  function checkUnitMayTake(actor: Actor, period: Period, unitId: number, slot: SlotRow): string[] {
    const now = clock.now();
    const refusals: string[] = [];
    const refusal = windowRefusal(bookingWindow(period), now, priorityDraftAt(period, unitId) !== null);
    if (refusal) refusals.push(refusal);
    if (slotStart(slot, period.zone) <= now) refusals.push('SLOT_STARTED');
    if (isOrganiser(actor) || refusals.length === 0) return refusals;
    const first = refusals[0]!;
    if (first === 'PRIORITY_WINDOW')
      throw new AppError(403, first, 'Until the priority window ends only units that sent in a draft SOP may book');
    if (first === 'BOOKING_CLOSED') throw conflict(first, 'Booking is not open now for this period');
    throw conflict(first, 'The slot has already started');
  }

  function requireFree(slot: SlotRow, exceptBookingId?: number) {
    if (slot.status !== 'open') throw conflict('SLOT_CLOSED', `The slot on ${slot.date} ${slot.start} is closed`);
    const holder = q.slotHolder.get({ slotId: slot.id });
    if (holder && holder.id !== exceptBookingId) throw slotTaken();
  }

  /** Booking a unit fulfils its open request, if it had one. */
  function insertBooking(input: { periodId: number; slotId: number; unitId: number; topic: string | null }, now: string): number {
    const { id } = q.insert.get({ ...input, now })!;
    q.fulfilRequest.run({ bookingId: id, now, periodId: input.periodId, unitId: input.unitId });
    return id;
  }

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

  return {
    book(actor: Actor, periodId: number, input: { unitId: number; slotId: number; topic?: string | null }) {
      requireUnitAccess(actor, input.unitId);
      const now = toStoredInstant(clock.now());
      try {
        return writeTransaction(db, (tx) => {
          const period = periods.load(periodId);
          requireUnit(db, input.unitId);
          const slot = slotOf(period, input.slotId);
          const overrides = checkUnitMayTake(actor, period, input.unitId, slot);
          requireFree(slot);
          if (q.activeOfUnit.get({ periodId, unitId: input.unitId })) throw unitAlreadyBooked();
          const id = insertBooking({ periodId, slotId: slot.id, unitId: input.unitId, topic: input.topic ?? null }, now);
          const created = viewOf(id, period.zone);
          audit.record(tx, actor, { action: 'booking.create', entity: 'booking', entityId: id, after: { ...created, ...(overrides.length ? { overrides } : {}) } });
          return created;
        });
      } catch (err) {
        throw translate(err);
      }
    },

    /** Moves a booking to another slot in one step: the old slot frees only if the new one is taken. */
    reschedule(actor: Actor, id: number, input: { slotId: number }) {
      const now = toStoredInstant(clock.now());
      try {
        return writeTransaction(db, (tx) => {
          const { booking, period } = visible(actor, id);
          if (booking.status !== 'active') throw conflict('BOOKING_NOT_ACTIVE', `Booking ${id} is ${booking.status}`);
          const current = q.slotById.get({ id: booking.slotId })!;
          const target = slotOf(period, input.slotId);
          const before = viewOf(id, period.zone);
          if (target.id === current.id) return before;
          if (!isOrganiser(actor) && !withinCancelNotice(slotStart(current, period.zone), clock.now(), period.cancelNoticeHours))
            throw conflict('TOO_LATE', `A booking can be moved up to ${period.cancelNoticeHours} hours before it starts`);
          const overrides = checkUnitMayTake(actor, period, booking.unitId, target);
          requireFree(target, booking.id);
          tx.update(bookings).set({ slotId: target.id, sequence: sql`${bookings.sequence} + 1`, updatedAt: now }).where(eq(bookings.id, id)).run();
          const after = viewOf(id, period.zone);
          audit.record(tx, actor, { action: 'booking.reschedule', entity: 'booking', entityId: id, before, after: { ...after, ...(overrides.length ? { overrides } : {}) } });
          return after;
        });
      } catch (err) {
        throw translate(err);
      }
    },

    /** Cancels; a unit may do so until cancelNoticeHours before the slot starts, organisers any time. */
    cancel(actor: Actor, id: number) {
      const now = toStoredInstant(clock.now());
      return writeTransaction(db, (tx) => {
        const { booking, period } = visible(actor, id);
        if (booking.status !== 'active') throw conflict('BOOKING_NOT_ACTIVE', `Booking ${id} is ${booking.status}`);
        const slot = q.slotById.get({ id: booking.slotId })!;
        const before = viewOf(id, period.zone);
        if (!isOrganiser(actor) && !withinCancelNotice(slotStart(slot, period.zone), clock.now(), period.cancelNoticeHours))
          throw conflict('TOO_LATE', `A booking can be cancelled up to ${period.cancelNoticeHours} hours before it starts; ask the organiser`);
        tx.update(bookings).set({ status: 'cancelled', sequence: sql`${bookings.sequence} + 1`, cancelledAt: now, updatedAt: now }).where(eq(bookings.id, id)).run();
        const after = viewOf(id, period.zone);
        audit.record(tx, actor, { action: 'booking.cancel', entity: 'booking', entityId: id, before, after });
        return after;
      });
    },

    get(actor: Actor, id: number) {
      const { booking, period } = visible(actor, id);
      return viewOf(booking.id, period.zone);
    },

    /** A period's bookings in slot order (every status); a unit key sees its own. */
    list(actor: Actor, periodId: number) {
      const period = periods.load(periodId);
      return q.viewsByPeriod
        .all({ periodId })
        .filter((r) => isOrganiser(actor) || r.booking.unitId === actor.unitId)
        .map((r) => toView(r, period.zone));
    },

    setAttendance(actor: Actor, id: number, attended: boolean) {
      requireOrganiser(actor);
      return writeTransaction(db, (tx) => {
        const { booking, period } = visible(actor, id);
        if (booking.status !== 'active') throw conflict('BOOKING_NOT_ACTIVE', `Booking ${id} is ${booking.status}`);
        const before = viewOf(id, period.zone);
        tx.update(bookings).set({ attended, updatedAt: toStoredInstant(clock.now()) }).where(eq(bookings.id, id)).run();
        const after = viewOf(id, period.zone);
        audit.record(tx, actor, { action: 'booking.attendance', entity: 'booking', entityId: id, before, after });
        return after;
      });
    },

    /** A unit asks to be scheduled; preferred dates must be working days of the period. */
    request(actor: Actor, periodId: number, input: { unitId: number; preferredDates?: string[]; notes?: string | null }) {
      requireUnitAccess(actor, input.unitId);
      const now = toStoredInstant(clock.now());
      try {
        return writeTransaction(db, (tx) => {
          const period = periods.load(periodId);
          requireUnit(db, input.unitId);
          const working = new Set(periods.view(period).workingDates);
          (input.preferredDates ?? []).forEach((date, i) => {
            if (!working.has(date)) throw invalidField(`/body/preferredDates/${i}`, `${date} is not a working day of this period`);
          });
          if (q.activeOfUnit.get({ periodId, unitId: input.unitId })) throw unitAlreadyBooked();
          const row = tx
            .insert(asistensiRequests)
            .values({ periodId, unitId: input.unitId, preferredDates: [...(input.preferredDates ?? [])].sort(), notes: input.notes ?? null, status: 'open', createdAt: now, updatedAt: now })
            .returning()
            .get();
          audit.record(tx, actor, { action: 'request.create', entity: 'asistensiRequest', entityId: row.id, after: row });
          return requestView(row);
        });
      } catch (err) {
        throw translate(err);
      }
    },

    listRequests(actor: Actor, periodId: number) {
      periods.load(periodId);
      const conditions: SQL[] = [eq(asistensiRequests.periodId, periodId)];
      if (!isOrganiser(actor)) conditions.push(eq(asistensiRequests.unitId, actor.unitId!));
      return db.select().from(asistensiRequests).where(and(...conditions)).orderBy(asc(asistensiRequests.id)).all().map(requestView);
    },

    /**
     * Gives open future slots to units waiting for one (see planAutoSchedule for the order):
     * units displaced by a closed day, and units with an open request.
     */
    autoSchedule(actor: Actor, periodId: number, input: { dryRun?: boolean }) {
      requireOrganiser(actor);
      const dryRun = input.dryRun ?? false;
      const now = clock.now();
      const stamp = toStoredInstant(now);
      const run = (tx: Tx) => {
        const period = periods.load(periodId);
        const all = tx.select().from(bookings).where(eq(bookings.periodId, periodId)).orderBy(desc(bookings.id)).all();
        const booked = new Set(all.filter((b) => b.status === 'active').map((b) => b.slotId));
        const hasActive = new Set(all.filter((b) => b.status === 'active').map((b) => b.unitId));
        const latestByUnit = new Map<number, BookingRow>();
        for (const b of all) if (!latestByUnit.has(b.unitId)) latestByUnit.set(b.unitId, b);

        const claims = new Map<number, Claim>();
        for (const [unitId, b] of latestByUnit)
          if (b.status === 'displaced' && !hasActive.has(unitId))
            claims.set(unitId, { unitId, displacedAt: b.updatedAt, priorityDraftAt: null, requestedAt: b.createdAt, preferredDates: [] });
        const requests = tx.select().from(asistensiRequests).where(and(eq(asistensiRequests.periodId, periodId), statusIs(asistensiRequests.status, 'open'))).all();
        for (const r of requests) {
          if (hasActive.has(r.unitId)) continue;
          const displaced = claims.get(r.unitId);
          claims.set(r.unitId, { unitId: r.unitId, displacedAt: displaced?.displacedAt ?? null, priorityDraftAt: null, requestedAt: r.createdAt, preferredDates: r.preferredDates });
        }
        for (const claim of claims.values()) claim.priorityDraftAt = priorityDraftAt(period, claim.unitId);

        const open = tx
          .select()
          .from(slots)
          .where(and(eq(slots.periodId, periodId), statusIs(slots.status, 'open')))
          .all()
          .filter((s) => !booked.has(s.id) && slotStart(s, period.zone) > now);
        const plan = planAutoSchedule([...claims.values()], open);
        const assignments = plan.assignments.map(({ unitId, slotId }) => {
          if (dryRun) return { unitId, slotId, bookingId: null };
          const bookingId = insertBooking({ periodId, slotId, unitId, topic: null }, stamp);
          audit.record(tx, actor, { action: 'booking.autoSchedule', entity: 'booking', entityId: bookingId, after: viewOf(bookingId, period.zone) });
          return { unitId, slotId, bookingId };
        });
        return { dryRun, assignments, unplaced: plan.unplaced };
      };
      return dryRun ? db.transaction(run) : writeTransaction(db, run);
    },

    /** Records a unit assisted at the organiser's office without a slot. */
    walkIn(actor: Actor, periodId: number, input: { unitId: number; date: string; notes?: string | null }) {
      requireOrganiser(actor);
      try {
        return writeTransaction(db, (tx) => {
          const period = periods.load(periodId);
          const unit = requireUnit(db, input.unitId);
          if (input.date < period.startDate) throw invalidField('/body/date', `the period starts on ${period.startDate}`);
          const row = tx.insert(walkIns).values({ periodId, unitId: input.unitId, date: input.date, notes: input.notes ?? null, createdAt: toStoredInstant(clock.now()) }).returning().get();
          audit.record(tx, actor, { action: 'walkIn.create', entity: 'walkIn', entityId: row.id, after: row });
          return { ...row, unitName: unit.name };
        });
      } catch (err) {
        if (isUniqueViolation(err, 'walk_ins.period_id')) throw conflict('WALK_IN_EXISTS', 'This walk-in is already recorded');
        throw err;
      }
    },

    listWalkIns(actor: Actor, periodId: number) {
      requireOrganiser(actor);
      periods.load(periodId);
      return db
        .select({ walkIn: walkIns, unitName: units.name })
        .from(walkIns)
        .innerJoin(units, eq(units.id, walkIns.unitId))
        .where(eq(walkIns.periodId, periodId))
        .orderBy(asc(walkIns.date), asc(walkIns.id))
        .all()
        .map((r) => ({ ...r.walkIn, unitName: r.unitName }));
    },

    /** Views of bookings by id, for answers that list bookings another service changed. */
    viewsOf: (ids: number[]) => ids.map((id) => viewOf(id, periods.load(q.bookingById.get({ id })!.periodId).zone)),
  };
}

