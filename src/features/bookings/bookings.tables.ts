import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { inList } from '../../platform/sql';
import { asistensiPeriods, slots } from '../periods/periods.tables';
import { units } from '../units/units.tables';
import { BOOKING_STATUSES, type BookingStatus } from './bookings.rules';

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
