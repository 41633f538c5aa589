import { sql } from 'drizzle-orm';
import { check, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { inList } from '../../platform/sql';
import { HOLIDAY_KINDS, type HolidayKind } from './holidays.rules';

/** A year's calendar as an organiser replaced it for the deployment (else the shipped decree applies). */
export const holidayCalendars = sqliteTable('holiday_calendars', {
  year: integer('year').primaryKey(),
  decree: text('decree').notNull(),
  updatedAt: text('updated_at').notNull(),
});

export const holidayDays = sqliteTable(
  'holiday_days',
  {
    year: integer('year')
      .notNull()
      .references(() => holidayCalendars.year, { onDelete: 'cascade' }),
    date: text('date').notNull(),
    name: text('name').notNull(),
    kind: text('kind').$type<HolidayKind>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.year, t.date] }),
    check('holiday_days_kind_check', sql`${t.kind} IN (${inList(HOLIDAY_KINDS)})`),
    check('holiday_days_year_check', sql`substr(${t.date}, 1, 4) = CAST(${t.year} AS TEXT)`),
  ],
);
