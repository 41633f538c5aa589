import type { DateTime } from 'luxon';
import type { BookingWindow } from '../periods/periods.rules';

/** active: holds its slot; displaced: its day was closed; cancelled: given up. */
export const BOOKING_STATUSES = ['active', 'cancelled', 'displaced'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

export type WindowRefusal = 'BOOKING_CLOSED' | 'PRIORITY_WINDOW';

/** Where a booking window stands: not open yet, open only to units with priority, open to every unit, or closed. */
export const WINDOW_PHASES = ['notOpenYet', 'priority', 'open', 'closed'] as const;
export type WindowPhase = (typeof WINDOW_PHASES)[number];

/**
 * Where the window stands at `at`: before bookingOpensAt it is not open yet; after
 * bookingClosesAt (that instant itself still open) it is closed; before priorityUntil only
 * units with priority may book. A window without limits is always open.
 */
export function windowPhase(window: BookingWindow, at: DateTime): WindowPhase {
  if (window.bookingOpensAt && at < window.bookingOpensAt) return 'notOpenYet';
  if (window.bookingClosesAt && at > window.bookingClosesAt) return 'closed';
  if (window.priorityUntil && at < window.priorityUntil) return 'priority';
  return 'open';
}

/** Whether a unit may book now: the window must be open, and in its priority phase the unit must have priority. */
export function windowRefusal(window: BookingWindow, now: DateTime, hasPriority: boolean): WindowRefusal | undefined {
  const phase = windowPhase(window, now);
  if (phase === 'notOpenYet' || phase === 'closed') return 'BOOKING_CLOSED';
  if (phase === 'priority' && !hasPriority) return 'PRIORITY_WINDOW';
  return undefined;
}

/** A unit may still cancel (or move) a booking until `noticeHours` before its slot starts. */
export function withinCancelNotice(slotStartsAt: DateTime, now: DateTime, noticeHours: number): boolean {
  return now <= slotStartsAt.minus({ hours: noticeHours });
}
