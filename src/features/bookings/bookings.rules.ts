import type { DateTime } from 'luxon';
import type { BookingWindow } from '../periods/periods.rules';

/** active: holds its slot; displaced: its day was closed; cancelled: given up. */
export const BOOKING_STATUSES = ['active', 'cancelled', 'displaced'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

export type WindowRefusal = 'BOOKING_CLOSED' | 'PRIORITY_WINDOW';

/**
 * Whether a unit may book now: the window must be open, and until priorityUntil only units
 * with a draft in (priority) may book.
 */
export function windowRefusal(window: BookingWindow, now: DateTime, hasPriority: boolean): WindowRefusal | undefined {
  if (window.bookingOpensAt && now < window.bookingOpensAt) return 'BOOKING_CLOSED';
  if (window.bookingClosesAt && now > window.bookingClosesAt) return 'BOOKING_CLOSED';
  if (window.priorityUntil && now < window.priorityUntil && !hasPriority) return 'PRIORITY_WINDOW';
  return undefined;
}

/** A unit may still cancel (or move) a booking until `noticeHours` before its slot starts. */
export function withinCancelNotice(slotStartsAt: DateTime, now: DateTime, noticeHours: number): boolean {
  return now <= slotStartsAt.minus({ hours: noticeHours });
}
