import { localTimeProblem } from '../../platform/time';

export const ENROLMENT_STATUSES = ['confirmed', 'waitlisted', 'cancelled'] as const;
export type EnrolmentStatus = (typeof ENROLMENT_STATUSES)[number];

export interface SeatLimits {
  capacity: number;
  unitQuota: number;
}

/**
 * The seat rule, in one place: one more confirmed seat for a unit fits when the unit holds
 * fewer than `unitQuota` seats and the batch fewer than `capacity`. The quota is checked
 * first: a unit at its quota may not queue either. (Triggers check the same in the database.)
 */
export function seatFor(limits: SeatLimits, taken: { confirmed: number; ofUnit: number }): 'free' | 'batch_full' | 'unit_at_quota' {
  if (taken.ofUnit >= limits.unitQuota) return 'unit_at_quota';
  if (taken.confirmed >= limits.capacity) return 'batch_full';
  return 'free';
}

export interface DayInput {
  date: string;
  start: string;
  end: string;
}

/** What is wrong with a batch's days, as the field that is wrong; undefined when they are fine. */
export function daysProblem(days: readonly DayInput[], zone: string): { path: string; message: string } | undefined {
  const seen = new Set<string>();
  for (const [i, day] of days.entries()) {
    if (seen.has(day.date)) return { path: `/body/days/${i}/date`, message: `${day.date} appears twice` };
    seen.add(day.date);
    if (day.end <= day.start) return { path: `/body/days/${i}/end`, message: 'end must be after start' };
    for (const field of ['start', 'end'] as const) {
      const problem = localTimeProblem(day.date, day[field], zone);
      if (problem) return { path: `/body/days/${i}/${field}`, message: `${day.date} ${day[field]} ${problem === 'nonexistent' ? 'does not exist' : 'happens twice'} in ${zone}` };
    }
  }
  return undefined;
}

export const sortedDays = <D extends DayInput>(days: readonly D[]): D[] => [...days].sort((a, b) => a.date.localeCompare(b.date));

/** Whether a unit of `kind` may join a batch open to `eligibleUnitKinds` (null: every kind). */
export const mayAttend = (eligibleUnitKinds: readonly string[] | null, kind: string) => eligibleUnitKinds === null || eligibleUnitKinds.includes(kind);
