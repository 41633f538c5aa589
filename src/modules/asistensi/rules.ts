import type { DateTime } from 'luxon';

export interface BookingWindow {
  bookingOpensAt: DateTime | null;
  priorityUntil: DateTime | null;
  bookingClosesAt: DateTime | null;
}

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

/** The windows must come in order: opens <= priority ends <= closes. */
export function windowOrderProblem(w: BookingWindow): { field: keyof BookingWindow; message: string } | undefined {
  const { bookingOpensAt: opens, priorityUntil: priority, bookingClosesAt: closes } = w;
  if (opens && priority && priority < opens) return { field: 'priorityUntil', message: 'priorityUntil cannot be before bookingOpensAt' };
  if (opens && closes && closes < opens) return { field: 'bookingClosesAt', message: 'bookingClosesAt cannot be before bookingOpensAt' };
  if (priority && closes && closes < priority) return { field: 'bookingClosesAt', message: 'bookingClosesAt cannot be before priorityUntil' };
  return undefined;
}
