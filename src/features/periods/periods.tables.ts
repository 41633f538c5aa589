import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { inList } from '../../platform/sql';
import { programmes } from '../programmes/programmes.tables';
import type { HolidaySource } from '../holidays/holidays.rules';
import { CLOSED_DATE_SOURCES, SLOT_STATUSES, type ClosedDateSource, type SlotStatus, type SlotTime } from './periods.rules';
import { trigger } from '../../platform/triggers';

export const asistensiPeriods = sqliteTable('asistensi_periods', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  programmeId: integer('programme_id')
    .notNull()
    .references(() => programmes.id),
  name: text('name').notNull(),
  startDate: text('start_date').notNull(),
  workingDays: integer('working_days').notNull(),
  slotTimes: text('slot_times', { mode: 'json' }).$type<SlotTime[]>().notNull(),
  skipWeekends: integer('skip_weekends', { mode: 'boolean' }).notNull(),
  useNationalHolidays: integer('use_national_holidays', { mode: 'boolean' }).notNull(),
  /** Where each year's holidays came from when the period was made: decree, organiser or provisional. */
  holidaySources: text('holiday_sources', { mode: 'json' }).$type<Record<string, HolidaySource>>(),
  location: text('location'),
  bookingOpensAt: text('booking_opens_at'),
  priorityUntil: text('priority_until'),
  bookingClosesAt: text('booking_closes_at'),
  priorityCutoff: text('priority_cutoff'),
  cancelNoticeHours: integer('cancel_notice_hours').notNull(),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
});

/** Dates the period does not work: national holidays (a default) and the organiser's own. */
export const closedDates = sqliteTable(
  'closed_dates',
  {
    periodId: integer('period_id')
      .notNull()
      .references(() => asistensiPeriods.id, { onDelete: 'cascade' }),
    date: text('date').notNull(),
    reason: text('reason').notNull(),
    source: text('source').$type<ClosedDateSource>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.periodId, t.date] }),
    check('closed_dates_source_check', sql`${t.source} IN (${inList(CLOSED_DATE_SOURCES)})`),
  ],
);

export const slots = sqliteTable(
  'slots',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    periodId: integer('period_id')
      .notNull()
      .references(() => asistensiPeriods.id, { onDelete: 'cascade' }),
    date: text('date').notNull(),
    start: text('start_time').notNull(),
    end: text('end_time').notNull(),
    status: text('status').$type<SlotStatus>().notNull(),
  },
  (t) => [
    uniqueIndex('slots_period_date_start_unique').on(t.periodId, t.date, t.start),
    // Reminders look up tomorrow's sessions across every period.
    index('slots_date_idx').on(t.date),
    check('slots_status_check', sql`${t.status} IN (${inList(SLOT_STATUSES)})`),
    check('slots_time_check', sql`${t.start} < ${t.end}`),
  ],
);

/** The invariants of the slots the database itself refuses to break (re-created after every migration: see src/features/triggers.ts). */
export const periodTriggers = [
  /** A slot with an active booking cannot be closed. */
  trigger('slots_guard_close', `BEFORE UPDATE OF status ON slots
WHEN NEW.status <> 'open'
BEGIN
  SELECT RAISE(ABORT, 'SLOT_HAS_BOOKING')
    WHERE EXISTS (SELECT 1 FROM bookings WHERE slot_id = NEW.id AND status = 'active');
END`, `  -- The UPDATE holds this row, which the booking guards lock FOR SHARE: bookings being written are committed first.
  IF EXISTS (SELECT 1 FROM bookings WHERE slot_id = NEW.id AND status = 'active') THEN
    RAISE EXCEPTION 'SLOT_HAS_BOOKING';
  END IF;`),
];
