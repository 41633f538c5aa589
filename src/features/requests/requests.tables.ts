import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { inList } from '../../platform/sql';
import { bookings } from '../bookings/bookings.tables';
import { asistensiPeriods } from '../periods/periods.tables';
import { units } from '../units/units.tables';
import { REQUEST_STATUSES, type RequestStatus } from './requests.rules';
import { trigger } from '../../platform/triggers';

/** A unit asking to be scheduled by the next auto-schedule. */
export const asistensiRequests = sqliteTable(
  'asistensi_requests',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    periodId: integer('period_id')
      .notNull()
      .references(() => asistensiPeriods.id, { onDelete: 'cascade' }),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    preferredDates: text('preferred_dates', { mode: 'json' }).$type<string[]>().notNull(),
    notes: text('notes'),
    status: text('status').$type<RequestStatus>().notNull(),
    /** The booking that fulfilled it (set by requests_fulfil_on_booking below when the unit books). */
    bookingId: integer('booking_id').references(() => bookings.id),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('requests_one_open_per_unit').on(t.periodId, t.unitId).where(sql`${t.status} = 'open'`),
    index('requests_unit_idx').on(t.unitId),
    check('requests_status_check', sql`${t.status} IN (${inList(REQUEST_STATUSES)})`),
  ],
);

/** The invariants of the requests the database itself refuses to break (re-created after every migration: see src/features/triggers.ts). */
export const requestTriggers = [
  /** A unit's open request is fulfilled the moment it books (bookings never write requests). */
  trigger('requests_fulfil_on_booking', `AFTER INSERT ON bookings
WHEN NEW.status = 'active'
BEGIN
  UPDATE asistensi_requests SET status = 'scheduled', booking_id = NEW.id, updated_at = NEW.created_at
    WHERE period_id = NEW.period_id AND unit_id = NEW.unit_id AND status = 'open';
END`, `  UPDATE asistensi_requests SET status = 'scheduled', booking_id = NEW.id, updated_at = NEW.created_at
    WHERE period_id = NEW.period_id AND unit_id = NEW.unit_id AND status = 'open';`),
];
