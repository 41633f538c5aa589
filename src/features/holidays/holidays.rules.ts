import { DateTime } from 'luxon';

export const HOLIDAY_KINDS = ['holiday', 'cuti_bersama'] as const;
export type HolidayKind = (typeof HOLIDAY_KINDS)[number];

/**
 * Where a year's calendar comes from: the organiser's own (PUT), the decree shipped with the
 * service, or, for a year without a decree, a provisional one computed by date-holidays
 * (Islamic dates by astronomy, no cuti bersama).
 */
export type HolidaySource = 'organiser' | 'decree' | 'provisional';

export interface HolidayDay {
  date: string;
  name: string;
  kind: HolidayKind;
}

/** Why a date is not a working day of the government: a weekend, a national holiday or cuti bersama. */
export type NonWorking = { date: string; reason: 'weekend' | HolidayKind; name: string };

/** Dates are plain calendar dates: computed in UTC so the server's zone never shifts them. */
const day = (date: string) => DateTime.fromISO(date, { zone: 'utc' });

export const isWeekend = (date: string) => day(date).weekday >= 6;

export const yearOf = (date: string) => Number(date.slice(0, 4));

/** The weekday's Indonesian name: "Senin" ... "Minggu". */
export const weekdayName = (date: string) => day(date).setLocale('id').toFormat('cccc');

/** Whether `date` is a working day given the holidays of its year; why not, if it is not. */
export function nonWorking(date: string, holidays: ReadonlyMap<string, HolidayDay>): NonWorking | undefined {
  const holiday = holidays.get(date);
  if (holiday) return { date, reason: holiday.kind, name: holiday.name };
  if (isWeekend(date)) return { date, reason: 'weekend', name: weekdayName(date) };
  return undefined;
}

/** How far to look for working days before giving up (a year is far more than anything needs). */
const MAX_SCAN_DAYS = 400;

/**
 * The first `count` working days from `start` on (`start` included): every date `closed` does
 * not name. The one way the service steps through working days (periods, reminders).
 */
export function workingDaysFrom(start: string, count: number, closed: (date: string) => boolean): string[] {
  const dates: string[] = [];
  let cursor = day(start);
  for (let i = 0; i < MAX_SCAN_DAYS && dates.length < count; i++, cursor = cursor.plus({ days: 1 })) {
    const date = cursor.toISODate()!;
    if (!closed(date)) dates.push(date);
  }
  return dates;
}

/** The first working day after `date`. */
export function nextWorkingDay(date: string, closed: (date: string) => boolean): string {
  const next = day(date).plus({ days: 1 }).toISODate()!;
  return workingDaysFrom(next, 1, closed)[0] ?? next;
}

/** What is wrong with a calendar's days: a date outside its year, or a date twice. */
export function calendarDaysProblem(year: number, days: readonly HolidayDay[]): { index: number; message: string } | undefined {
  const seen = new Set<string>();
  for (const [index, d] of days.entries()) {
    if (yearOf(d.date) !== year) return { index, message: `${d.date} is not in ${year}` };
    if (seen.has(d.date)) return { index, message: `${d.date} appears twice` };
    seen.add(d.date);
  }
  return undefined;
}
