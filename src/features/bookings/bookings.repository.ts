import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { ConstraintErrors } from '../../platform/constraints';
import type { Db } from '../../platform/database';
import { prepared, rows, run } from '../../platform/statements';
import { madeOnFirstUse } from '../../platform/memo';
import { conflict } from '../../platform/errors';
import { statusIn, statusIs } from '../../platform/sql';
import { asistensiPeriods, slots } from '../periods/periods.tables';
import { programmes } from '../programmes/programmes.tables';
import { units } from '../units/units.tables';
import { bookings } from './bookings.tables';

export type BookingRow = typeof bookings.$inferSelect;
export type SlotRow = typeof slots.$inferSelect;

export const bookingConstraints: ConstraintErrors = {
  bookings_one_per_slot: () => conflict('SLOT_TAKEN', 'The slot is already booked'),
  bookings_one_per_unit: () => conflict('UNIT_ALREADY_BOOKED', 'The unit already has an active booking in this period'),
  bookings_status_check: () => conflict('INVALID_STATUS', 'Not a booking status'),
  SLOT_PERIOD_MISMATCH: () => conflict('SLOT_PERIOD_MISMATCH', 'The slot belongs to another period'),
  SLOT_CLOSED: () => conflict('SLOT_CLOSED', 'The slot is closed'),
};

export function createBookingsRepository(db: Db) {
  // Every statement on the booking paths is prepared once: drizzle takes about 100 µs to
  // build a query, far more than SQLite takes to run these.
  const ph = (name: string) => sql.placeholder(name);
  const withSlot = () =>
    db.select({ booking: bookings, slot: slots, unitName: units.name }).from(bookings).innerJoin(slots, eq(slots.id, bookings.slotId)).innerJoin(units, eq(units.id, bookings.unitId));
  const q = madeOnFirstUse({
    viewById: () => prepared(withSlot().where(eq(bookings.id, ph('id')))),
    viewsByPeriod: () => prepared(withSlot().where(eq(bookings.periodId, ph('periodId'))).orderBy(asc(slots.date), asc(slots.start), asc(bookings.id))),
    byId: () => prepared(db.select().from(bookings).where(eq(bookings.id, ph('id')))),
    slotHolder: () => prepared(db.select({ id: bookings.id }).from(bookings).where(and(eq(bookings.slotId, ph('slotId')), statusIs(bookings.status, 'active')))),
    activeOfUnit: () =>
      prepared(
        db
          .select({ id: bookings.id })
          .from(bookings)
          .where(and(eq(bookings.periodId, ph('periodId')), eq(bookings.unitId, ph('unitId')), statusIs(bookings.status, 'active'))),
      ),
    insert: () =>
      prepared(
        db
          .insert(bookings)
          .values({ periodId: ph('periodId'), slotId: ph('slotId'), unitId: ph('unitId'), topic: ph('topic'), status: 'active', createdAt: ph('now'), updatedAt: ph('now') })
          .returning(),
      ),
    slotsWithBookings: () =>
      prepared(
        db
          .select({ slot: slots, bookingId: bookings.id, unitId: units.id, unitCode: units.code, unitName: units.name })
          .from(slots)
          .leftJoin(bookings, and(eq(bookings.slotId, slots.id), statusIs(bookings.status, 'active')))
          .leftJoin(units, eq(units.id, bookings.unitId))
          .where(and(eq(slots.periodId, ph('periodId')), statusIn(slots.status, ['open', 'closed'])))
          .orderBy(asc(slots.date), asc(slots.start)),
      ),
  });

  /** Bookings with their slot, unit name and the zone of their programme, across every period. */
  const withSlotAndZone = () =>
    db
      .select({ booking: bookings, slot: slots, unitName: units.name, zone: programmes.timezone })
      .from(bookings)
      .innerJoin(slots, eq(slots.id, bookings.slotId))
      .innerJoin(units, eq(units.id, bookings.unitId))
      .innerJoin(asistensiPeriods, eq(asistensiPeriods.id, bookings.periodId))
      .innerJoin(programmes, eq(programmes.id, asistensiPeriods.programmeId));

  return {
    view: async (id: number) => q.viewById.get({ id }),
    viewsOfPeriod: async (periodId: number) => q.viewsByPeriod.all({ periodId }),
    byId: async (id: number): Promise<BookingRow | undefined> => q.byId.get({ id }),
    /** A unit's active bookings in every period, with each period's zone. */
    activeOfUnitEverywhere: async (unitId: number) =>
      rows(
        withSlotAndZone()
          .where(and(eq(bookings.unitId, unitId), statusIs(bookings.status, 'active')))
          .orderBy(asc(slots.date), asc(slots.start)),
      ),
    /** A unit's bookings of every status in every period, with each period's zone. */
    allOfUnitEverywhere: async (unitId: number) =>
      rows(
        withSlotAndZone()
          .where(eq(bookings.unitId, unitId))
          .orderBy(asc(slots.date), asc(slots.start), asc(bookings.id)),
      ),
    slotHolder: async (slotId: number): Promise<number | undefined> => (await q.slotHolder.get({ slotId }))?.id,
    activeOfUnit: async (periodId: number, unitId: number): Promise<number | undefined> => (await q.activeOfUnit.get({ periodId, unitId }))?.id,
    slotsWithBookings: async (periodId: number) => q.slotsWithBookings.all({ periodId }),
    /** Every booking of the period, newest first. */
    allOfPeriod: async (periodId: number): Promise<BookingRow[]> => rows(db.select().from(bookings).where(eq(bookings.periodId, periodId)).orderBy(desc(bookings.id))),
    activeOnSlots: async (slotIds: readonly number[]): Promise<BookingRow[]> =>
      slotIds.length === 0 ? [] : rows(db.select().from(bookings).where(and(inArray(bookings.slotId, [...slotIds]), statusIs(bookings.status, 'active')))),

    /** The new active booking; the partial unique indexes refuse a held slot or a second booking of the unit in the period. */
    insert: async (values: { periodId: number; slotId: number; unitId: number; topic: string | null }, now: string): Promise<BookingRow> => (await q.insert.get({ ...values, now }))!,

    /** A moved booking has not been attended yet at its new time. */
    move: async (id: number, slotId: number, now: string) => run(db.update(bookings).set({ slotId, attended: null, updatedAt: now }).where(eq(bookings.id, id))),
    end: async (id: number, status: 'cancelled' | 'displaced', now: string) =>
      run(db.update(bookings).set({ status, cancelledAt: now, updatedAt: now }).where(eq(bookings.id, id))),
    setNotes: async (id: number, notes: string | null, now: string) => run(db.update(bookings).set({ notes, updatedAt: now }).where(eq(bookings.id, id))),
    setAttended: async (id: number, attended: boolean | null, now: string) => run(db.update(bookings).set({ attended, updatedAt: now }).where(eq(bookings.id, id))),
  };
}

export type BookingsRepository = ReturnType<typeof createBookingsRepository>;
