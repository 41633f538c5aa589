import type { DateTime } from 'luxon';

/** Attendance can be recorded from the session's start until this many days after it. */
export const ATTENDANCE_DAYS = 30;

/** Whether attendance of a session starting at `startsAt` may be recorded `now`, and if not, why. */
export function attendanceRefusal(startsAt: DateTime, now: DateTime): { code: 'TOO_EARLY' | 'TOO_LATE'; message: string } | undefined {
  if (now < startsAt) return { code: 'TOO_EARLY', message: `attendance can be recorded from ${startsAt.toISO({ suppressMilliseconds: true })}, when the session starts` };
  const until = startsAt.plus({ days: ATTENDANCE_DAYS });
  if (now > until) return { code: 'TOO_LATE', message: `attendance could be recorded until ${until.toISO({ suppressMilliseconds: true })}, ${ATTENDANCE_DAYS} days after the session` };
  return undefined;
}

/** The days of a batch an official was not recorded present on (none: a certificate is due). */
export function daysMissed(days: readonly { date: string }[], attendance: readonly { date: string; present: boolean }[]): string[] {
  const present = new Set(attendance.filter((a) => a.present).map((a) => a.date));
  return days.filter((d) => !present.has(d.date)).map((d) => d.date);
}
