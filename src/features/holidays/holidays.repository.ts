import { asc, eq } from 'drizzle-orm';
import type { ConstraintErrors } from '../../platform/constraints';
import type { Db } from '../../platform/database';
import { first, rows, run } from '../../platform/statements';
import { invalidField } from '../../platform/errors';
import type { HolidayDay } from './holidays.rules';
import { holidayCalendars, holidayDays } from './holidays.tables';

export const holidayConstraints: ConstraintErrors = {
  holiday_days_pkey: () => invalidField('/body/days', 'a date appears twice'),
  holiday_days_kind_check: () => invalidField('/body/days', 'kind must be holiday or cuti_bersama'),
  holiday_days_year_check: () => invalidField('/body/days', 'every date must be in the calendar’s year'),
};

export function createHolidaysRepository(db: Db) {
  return {
    /** The organiser's calendar for a year, if one was stored. */
    async byYear(year: number): Promise<{ decree: string; updatedAt: string; days: HolidayDay[] } | undefined> {
      const [calendar, days] = await Promise.all([
        first(db.select().from(holidayCalendars).where(eq(holidayCalendars.year, year))),
        rows(db.select({ date: holidayDays.date, name: holidayDays.name, kind: holidayDays.kind }).from(holidayDays).where(eq(holidayDays.year, year)).orderBy(asc(holidayDays.date))),
      ]);
      if (!calendar) return undefined;
      return { decree: calendar.decree, updatedAt: calendar.updatedAt, days };
    },

    async replace(year: number, decree: string, days: readonly HolidayDay[], now: string): Promise<void> {
      await run(db.insert(holidayCalendars).values({ year, decree, updatedAt: now }).onConflictDoUpdate({ target: holidayCalendars.year, set: { decree, updatedAt: now } }));
      await run(db.delete(holidayDays).where(eq(holidayDays.year, year)));
      if (days.length > 0) await run(db.insert(holidayDays).values(days.map((d) => ({ year, ...d }))));
    },
  };
}

export type HolidaysRepository = ReturnType<typeof createHolidaysRepository>;
