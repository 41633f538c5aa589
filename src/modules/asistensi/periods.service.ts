import { and, asc, eq, sql } from 'drizzle-orm';
import type { DateTime } from 'luxon';
import { writeTransaction, type Db, type Tx } from '../../db/client';
import { statusIs, statusIn } from '../../db/conditions';
import { asistensiPeriods, bookings, closedDates, programmes, slots, units, type SlotTime } from '../../db/schema';
import { createVersions, VersionedCache } from '../../db/versions';
import { conflict, invalidField, notFound } from '../../lib/errors';
import { instantInZone, localDateTime, localInstant, localToOffsetIso, parseInstant, toStoredInstant, type Clock } from '../../lib/time';
import type { AuditLog } from '../audit/audit.service';
import { isOrganiser, type Actor } from '../auth/actor';
import { windowOrderProblem, type BookingWindow } from './rules';
import { nationalHolidays, slotTimesProblem, workingDates } from './schedule';

export type PeriodRow = typeof asistensiPeriods.$inferSelect;
export type SlotRow = typeof slots.$inferSelect;
type BookingRow = typeof bookings.$inferSelect;
/** A period with its programme's zone, which every time in it is local to. */
export type Period = PeriodRow & { zone: string };

export const DEFAULT_SLOT_TIMES: SlotTime[] = [
  { start: '09:00', end: '12:00' },
  { start: '13:00', end: '16:00' },
];

const WINDOW_FIELDS = ['bookingOpensAt', 'priorityUntil', 'bookingClosesAt', 'priorityCutoff'] as const;
type WindowInput = Partial<Record<(typeof WINDOW_FIELDS)[number], string | null>>;

export interface PeriodCreateInput extends WindowInput {
  name: string;
  startDate: string;
  workingDays?: number;
  slotTimes?: SlotTime[];
  skipWeekends?: boolean;
  useNationalHolidays?: boolean;
  closedDates?: { date: string; reason: string }[];
  location?: string | null;
  cancelNoticeHours?: number;
}

export type PeriodPatchInput = WindowInput & { location?: string | null; cancelNoticeHours?: number };

const instantOrNull = (value: string | null) => (value === null ? null : parseInstant(value));

/** Stored booking windows as instants, for the rules. */
export function bookingWindow(p: PeriodRow): BookingWindow {
  return {
    bookingOpensAt: instantOrNull(p.bookingOpensAt),
    priorityUntil: instantOrNull(p.priorityUntil),
    bookingClosesAt: instantOrNull(p.bookingClosesAt),
  };
}

/** When a slot starts, as an instant in the period's zone. */
export const slotStart = (slot: Pick<SlotRow, 'date' | 'start'>, zone: string): DateTime => localInstant(slot.date, slot.start, zone);

export type PeriodsService = ReturnType<typeof createPeriodsService>;

export function createPeriodsService({ db, clock, audit }: { db: Db; clock: Clock; audit: AuditLog }) {
  // Statements on every booking and listing path are prepared once (drizzle spends about
  // 100 µs building a query, more than SQLite spends running these).
  const periodById = db
    .select({ period: asistensiPeriods, zone: programmes.timezone })
    .from(asistensiPeriods)
    .innerJoin(programmes, eq(programmes.id, asistensiPeriods.programmeId))
    .where(eq(asistensiPeriods.id, sql.placeholder('id')))
    .prepare();
  const closedByPeriod = db.select().from(closedDates).where(eq(closedDates.periodId, sql.placeholder('periodId'))).orderBy(asc(closedDates.date)).prepare();
  const slotsWithBookings = db
    .select({ slot: slots, bookingId: bookings.id, unitId: units.id, unitCode: units.code, unitName: units.name })
    .from(slots)
    .leftJoin(bookings, and(eq(bookings.slotId, slots.id), statusIs(bookings.status, 'active')))
    .leftJoin(units, eq(units.id, bookings.unitId))
    .where(and(eq(slots.periodId, sql.placeholder('periodId')), statusIn(slots.status, ['open', 'closed'])))
    .orderBy(asc(slots.date), asc(slots.start))
    .prepare();

  const versions = createVersions(db);
  // The full listing (with who booked) per period, rebuilt only when the programme's data
  // changed; organisers get it as it is, unit keys a copy without other units' bookings.
  const slotListings = new VersionedCache<ReturnType<typeof fullSlots>>();
  /** A period never changes programme: remembered so a cached listing needs no period read. */
  const programmeOfPeriod = new Map<number, number>();

  function fullSlots(period: Period) {
    return slotsWithBookings.all({ periodId: period.id }).map(({ slot, bookingId, unitId, unitCode, unitName }) => ({
      id: slot.id,
      date: slot.date,
      start: slot.start,
      end: slot.end,
      startsAt: localToOffsetIso(slot.date, slot.start, period.zone),
      endsAt: localToOffsetIso(slot.date, slot.end, period.zone),
      status: slot.status === 'closed' ? ('closed' as const) : bookingId ? ('booked' as const) : ('open' as const),
      ...(bookingId === null ? {} : { bookingId, unit: { id: unitId!, code: unitCode!, name: unitName! } }),
    }));
  }

  function load(id: number): Period {
    const row = periodById.get({ id });
    if (!row) throw notFound('asistensi period', id);
    return { ...row.period, zone: row.zone };
  }

  function scheduleOf(period: PeriodRow) {
    const closed = closedByPeriod.all({ periodId: period.id });
    const dates = workingDates({
      startDate: period.startDate,
      workingDays: period.workingDays,
      skipWeekends: period.skipWeekends,
      closed: new Set(closed.map((c) => c.date)),
    });
    return { closed, dates };
  }

  function view(period: Period) {
    const { closed, dates } = scheduleOf(period);
    const endDate = dates[dates.length - 1] ?? period.startDate;
    const instant = (value: string | null) => (value === null ? null : instantInZone(value, period.zone));
    return {
      id: period.id,
      programmeId: period.programmeId,
      name: period.name,
      startDate: period.startDate,
      endDate,
      workingDays: period.workingDays,
      workingDates: dates,
      slotTimes: period.slotTimes,
      skipWeekends: period.skipWeekends,
      useNationalHolidays: period.useNationalHolidays,
      closedDates: closed.filter((c) => c.date <= endDate).map(({ date, reason, source }) => ({ date, reason, source })),
      location: period.location,
      bookingOpensAt: instant(period.bookingOpensAt),
      priorityUntil: instant(period.priorityUntil),
      bookingClosesAt: instant(period.bookingClosesAt),
      priorityCutoff: instant(period.priorityCutoff),
      cancelNoticeHours: period.cancelNoticeHours,
      createdAt: period.createdAt,
      updatedAt: period.updatedAt,
    };
  }

  /**
   * Brings the slots in line with the schedule: working days get open slots, a closed day
   * inside the period keeps its slots as "closed" (displacing their bookings), and days no
   * longer in the schedule are withdrawn, which is refused while one is booked.
   */
  function syncSlots(tx: Tx, period: PeriodRow, now: string): { displaced: BookingRow[]; addedDates: string[] } {
    const { closed, dates } = scheduleOf(period);
    const working = new Set(dates);
    const closedSet = new Set(closed.map((c) => c.date));
    const endDate = dates[dates.length - 1]!;
    const times = new Set(period.slotTimes.map((t) => t.start));
    const existing = tx.select().from(slots).where(eq(slots.periodId, period.id)).all();
    const activeBySlot = new Map(
      tx
        .select()
        .from(bookings)
        .where(and(eq(bookings.periodId, period.id), statusIs(bookings.status, 'active')))
        .all()
        .map((b) => [b.slotId, b]),
    );

    const displaced: BookingRow[] = [];
    const present = new Set<string>();
    const datesWithSlots = new Set(existing.filter((s) => s.status !== 'withdrawn').map((s) => s.date));
    for (const slot of existing) {
      present.add(`${slot.date} ${slot.start}`);
      const wanted = working.has(slot.date) && times.has(slot.start) ? 'open' : closedSet.has(slot.date) && slot.date <= endDate ? 'closed' : 'withdrawn';
      if (wanted === slot.status) continue;
      const booking = activeBySlot.get(slot.id);
      if (booking && wanted === 'closed') {
        displaced.push(
          tx.update(bookings).set({ status: 'displaced', sequence: sql`${bookings.sequence} + 1`, cancelledAt: now, updatedAt: now }).where(eq(bookings.id, booking.id)).returning().get(),
        );
      } else if (booking) {
        throw conflict('CLOSURE_IN_USE', `${slot.date} is booked (booking ${booking.id}); move or cancel that booking first`);
      }
      tx.update(slots).set({ status: wanted }).where(eq(slots.id, slot.id)).run();
    }
    const missing = dates.flatMap((date) => period.slotTimes.filter((t) => !present.has(`${date} ${t.start}`)).map((t) => ({ periodId: period.id, date, start: t.start, end: t.end, status: 'open' as const })));
    if (missing.length > 0) tx.insert(slots).values(missing).run();
    return { displaced, addedDates: dates.filter((d) => !datesWithSlots.has(d)) };
  }

  function checkWindows(values: WindowInput, current?: PeriodRow) {
    const merged = { ...(current ?? {}), ...values } as WindowInput;
    const problem = windowOrderProblem({
      bookingOpensAt: instantOrNull(merged.bookingOpensAt ?? null),
      priorityUntil: instantOrNull(merged.priorityUntil ?? null),
      bookingClosesAt: instantOrNull(merged.bookingClosesAt ?? null),
    });
    if (problem) throw invalidField(`/body/${problem.field}`, problem.message);
  }

  /** Windows are stored as UTC instants; undefined fields are left out (unchanged). */
  function storedWindows(input: WindowInput) {
    const out: WindowInput = {};
    for (const field of WINDOW_FIELDS) {
      const value = input[field];
      if (value !== undefined) out[field] = value === null ? null : toStoredInstant(parseInstant(value));
    }
    return out;
  }

  return {
    load,
    view,
    syncSlots,

    create(actor: Actor, programmeId: number, input: PeriodCreateInput) {
      const slotTimes = [...(input.slotTimes ?? DEFAULT_SLOT_TIMES)].sort((a, b) => a.start.localeCompare(b.start));
      const timesProblem = slotTimesProblem(input.slotTimes ?? DEFAULT_SLOT_TIMES);
      if (timesProblem) throw invalidField(`/body/slotTimes/${timesProblem.index}`, timesProblem.message);
      checkWindows(input);
      const seen = new Set<string>();
      (input.closedDates ?? []).forEach((c, i) => {
        if (seen.has(c.date)) throw invalidField(`/body/closedDates/${i}/date`, `${c.date} appears twice`);
        seen.add(c.date);
      });
      const now = toStoredInstant(clock.now());
      return writeTransaction(db, (tx) => {
        const programme = tx.select({ timezone: programmes.timezone }).from(programmes).where(eq(programmes.id, programmeId)).get();
        if (!programme) throw notFound('programme', programmeId);
        const row = tx
          .insert(asistensiPeriods)
          .values({
            programmeId,
            name: input.name,
            startDate: input.startDate,
            workingDays: input.workingDays ?? 10,
            slotTimes,
            skipWeekends: input.skipWeekends ?? true,
            useNationalHolidays: input.useNationalHolidays ?? true,
            location: input.location ?? null,
            cancelNoticeHours: input.cancelNoticeHours ?? 24,
            bookingOpensAt: null,
            priorityUntil: null,
            bookingClosesAt: null,
            priorityCutoff: null,
            ...storedWindows(input),
            createdAt: now,
            updatedAt: now,
          })
          .returning()
          .get();
        const closed = new Map<string, { reason: string; source: 'holiday' | 'organiser' }>();
        if (row.useNationalHolidays) for (const h of nationalHolidays(row.startDate)) closed.set(h.date, { reason: h.reason, source: 'holiday' });
        for (const c of input.closedDates ?? []) closed.set(c.date, { reason: c.reason, source: 'organiser' });
        if (closed.size > 0) tx.insert(closedDates).values([...closed].map(([date, c]) => ({ periodId: row.id, date, ...c }))).run();
        const period = { ...row, zone: programme.timezone };
        for (const date of workingDates({ startDate: row.startDate, workingDays: row.workingDays, skipWeekends: row.skipWeekends, closed: new Set(closed.keys()) }))
          for (const t of slotTimes)
            if (!localDateTime(date, t.start, period.zone) || !localDateTime(date, t.end, period.zone))
              throw invalidField('/body/slotTimes', `${date} ${t.start}-${t.end} does not exist in ${period.zone}`);
        syncSlots(tx, row, now);
        const created = view(period);
        audit.record(tx, actor, { action: 'period.create', entity: 'asistensiPeriod', entityId: row.id, after: created });
        return created;
      });
    },

    update(actor: Actor, id: number, patch: PeriodPatchInput) {
      return writeTransaction(db, (tx) => {
        const before = load(id);
        checkWindows(patch, before);
        const { location, cancelNoticeHours } = patch;
        const row = tx
          .update(asistensiPeriods)
          .set({ ...storedWindows(patch), ...(location !== undefined ? { location } : {}), ...(cancelNoticeHours !== undefined ? { cancelNoticeHours } : {}), updatedAt: toStoredInstant(clock.now()) })
          .where(eq(asistensiPeriods.id, id))
          .returning()
          .get();
        // A new place changes every booked event of the period.
        if (location !== undefined && location !== before.location)
          tx.update(bookings)
            .set({ sequence: sql`${bookings.sequence} + 1`, updatedAt: row.updatedAt })
            .where(and(eq(bookings.periodId, id), statusIs(bookings.status, 'active')))
            .run();
        const after = view({ ...row, zone: before.zone });
        audit.record(tx, actor, { action: 'period.update', entity: 'asistensiPeriod', entityId: id, before: view(before), after });
        return after;
      });
    },

    /** The period's slots in time order; organisers (and the booking unit) see who booked. */
    listSlots(actor: Actor, id: number, filter: { date?: string; status?: 'open' | 'booked' | 'closed' }) {
      let programmeId = programmeOfPeriod.get(id);
      if (programmeId === undefined) programmeOfPeriod.set(id, (programmeId = load(id).programmeId));
      const all = slotListings.get(String(id), versions.signatureOf(['all', `programme:${programmeId}`]), () => fullSlots(load(id)));
      const wanted = filter.date || filter.status ? all.filter((s) => (!filter.date || s.date === filter.date) && (!filter.status || s.status === filter.status)) : all;
      if (isOrganiser(actor)) return wanted;
      return wanted.map(({ unit, bookingId, ...slot }) => (unit && unit.id === actor.unitId ? { ...slot, unit, bookingId } : slot));
    },

    /** Closes one working day: its slots close, its bookings are displaced, a day is added at the end. */
    addClosure(actor: Actor, id: number, input: { date: string; reason: string }) {
      const now = toStoredInstant(clock.now());
      return writeTransaction(db, (tx) => {
        const period = load(id);
        const { dates } = scheduleOf(period);
        if (!dates.includes(input.date))
          throw conflict('NOT_A_WORKING_DAY', `${input.date} is not a working day of this period (${dates[0]} to ${dates[dates.length - 1]})`);
        tx.insert(closedDates).values({ periodId: id, date: input.date, reason: input.reason, source: 'organiser' }).run();
        const { displaced, addedDates } = syncSlots(tx, period, now);
        tx.update(asistensiPeriods).set({ updatedAt: now }).where(eq(asistensiPeriods.id, id)).run();
        audit.record(tx, actor, { action: 'period.close', entity: 'asistensiPeriod', entityId: id, after: { ...input, displaced: displaced.map((b) => b.id), addedDates } });
        return { date: input.date, reason: input.reason, displacedIds: displaced.map((b) => b.id), addedDates, period: view(period) };
      });
    },

    /** Reopens a closed date (a holiday or a closure), dropping the day added in its place if nobody booked it. */
    removeClosure(actor: Actor, id: number, date: string) {
      const now = toStoredInstant(clock.now());
      return writeTransaction(db, (tx) => {
        const period = load(id);
        const closure = tx.select().from(closedDates).where(and(eq(closedDates.periodId, id), eq(closedDates.date, date))).get();
        if (!closure) throw notFound('closed date', date);
        tx.delete(closedDates).where(and(eq(closedDates.periodId, id), eq(closedDates.date, date))).run();
        syncSlots(tx, period, now);
        tx.update(asistensiPeriods).set({ updatedAt: now }).where(eq(asistensiPeriods.id, id)).run();
        audit.record(tx, actor, { action: 'period.reopen', entity: 'asistensiPeriod', entityId: id, before: closure });
        return view(period);
      });
    },
  };
}
