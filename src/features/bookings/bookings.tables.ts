import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { inList } from '../../platform/sql';
import { asistensiPeriods, slots } from '../periods/periods.tables';
import { units } from '../units/units.tables';
import { BOOKING_STATUSES, type BookingStatus } from './bookings.rules';
import { trigger } from '../../platform/triggers';

export const bookings = sqliteTable(
  'bookings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    periodId: integer('period_id')
      .notNull()
      .references(() => asistensiPeriods.id, { onDelete: 'cascade' }),
    slotId: integer('slot_id')
      .notNull()
      .references(() => slots.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    topic: text('topic'),
    status: text('status').$type<BookingStatus>().notNull(),
    attended: integer('attended', { mode: 'boolean' }),
    /** What the session found and agreed, written by the organiser or the asistensi partner; the unit reads it too. */
    notes: text('notes'),
    /** iCalendar SEQUENCE (raised by the triggers of src/features/calendars/event-sequences.ts). */
    sequence: integer('sequence').notNull().default(0),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    cancelledAt: text('cancelled_at'),
  },
  (t) => [
    // One active booking per slot, and per unit per period.
    uniqueIndex('bookings_one_per_slot').on(t.slotId).where(sql`${t.status} = 'active'`),
    uniqueIndex('bookings_one_per_unit').on(t.periodId, t.unitId).where(sql`${t.status} = 'active'`),
    index('bookings_period_status_idx').on(t.periodId, t.status),
    index('bookings_unit_idx').on(t.unitId),
    check('bookings_status_check', sql`${t.status} IN (${inList(BOOKING_STATUSES)})`),
  ],
);

/** A booking is on an open slot of its own period, when it is made and whenever it moves or becomes active again. */
const onOpenSlotOfItsPeriod = `BEGIN
  SELECT RAISE(ABORT, 'SLOT_PERIOD_MISMATCH')
    WHERE NEW.period_id IS NOT (SELECT period_id FROM slots WHERE id = NEW.slot_id);
  SELECT RAISE(ABORT, 'SLOT_CLOSED')
    WHERE NEW.status = 'active' AND (SELECT status FROM slots WHERE id = NEW.slot_id) <> 'open';
END`;
/** The same on PostgreSQL, with the slot locked so that it cannot close (slots_guard_close) while the booking is written. */
const pgOnOpenSlotOfItsPeriod = `  PERFORM 1 FROM slots WHERE id = NEW.slot_id FOR SHARE;
  IF NEW.period_id IS DISTINCT FROM (SELECT period_id FROM slots WHERE id = NEW.slot_id) THEN
    RAISE EXCEPTION 'SLOT_PERIOD_MISMATCH';
  END IF;
  IF NEW.status = 'active' AND (SELECT status FROM slots WHERE id = NEW.slot_id) <> 'open' THEN
    RAISE EXCEPTION 'SLOT_CLOSED';
  END IF;`;

/** The invariants of the bookings the database itself refuses to break (re-created after every migration: see src/features/triggers.ts). */
export const bookingTriggers = [
  trigger('bookings_guard_insert', `BEFORE INSERT ON bookings\n${onOpenSlotOfItsPeriod}`, pgOnOpenSlotOfItsPeriod),
  trigger('bookings_guard_update', `BEFORE UPDATE OF slot_id, status, period_id ON bookings\n${onOpenSlotOfItsPeriod}`, pgOnOpenSlotOfItsPeriod),
];
