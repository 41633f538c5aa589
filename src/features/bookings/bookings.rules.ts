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

/**
 * Where a unit's draft stands for a period's priority window: received (by the period's
 * priority cutoff, or at all without one: the unit has priority), receivedLate (received,
 * but after the cutoff), awaiting (sent by the unit, not yet accepted by the organiser),
 * none (nothing sent).
 */
export const DRAFT_STANDINGS = ['received', 'receivedLate', 'awaiting', 'none'] as const;
export type DraftStanding = (typeof DRAFT_STANDINGS)[number];

/** Why a unit may not book, move or cancel now: the refusal the bookings service would answer. */
export type BookRefusal = 'UNIT_INACTIVE' | WindowRefusal | 'UNIT_ALREADY_BOOKED';
export type MoveRefusal = 'NO_BOOKING' | 'TOO_LATE' | WindowRefusal;
export type CancelRefusal = 'NO_BOOKING' | 'TOO_LATE';

export interface UnitBookingFacts {
  window: BookingWindow;
  now: DateTime;
  draft: DraftStanding;
  /** Whether the unit takes part in new things (it was not deactivated). */
  active: boolean;
  /** When the unit's active booking in the period starts; null without one. */
  bookingStartsAt: DateTime | null;
  cancelNoticeHours: number;
}

/**
 * What a unit may do in a period now, and the first reason it may not, in the order the
 * bookings service checks them. Book: the unit is active, the window is open to it (in the
 * priority phase only with a draft received by the cutoff), it has no booking yet. Move: it
 * has a booking, still `cancelNoticeHours` before the session, and the window is open to it.
 * Cancel: it has a booking, still `cancelNoticeHours` before the session. `changeUntil` is the
 * last moment it may move or cancel.
 */
export function unitBookingOptions(f: UnitBookingFacts): {
  phase: WindowPhase;
  hasPriority: boolean;
  book: BookRefusal | null;
  move: MoveRefusal | null;
  cancel: CancelRefusal | null;
  changeUntil: DateTime | null;
} {
  const hasPriority = f.draft === 'received';
  const window = windowRefusal(f.window, f.now, hasPriority) ?? null;
  const book = !f.active ? 'UNIT_INACTIVE' : (window ?? (f.bookingStartsAt ? 'UNIT_ALREADY_BOOKED' : null));
  const cancel = f.bookingStartsAt === null ? 'NO_BOOKING' : withinCancelNotice(f.bookingStartsAt, f.now, f.cancelNoticeHours) ? null : 'TOO_LATE';
  return {
    phase: windowPhase(f.window, f.now),
    hasPriority,
    book,
    move: cancel ?? window,
    cancel,
    changeUntil: f.bookingStartsAt && f.bookingStartsAt.minus({ hours: f.cancelNoticeHours }),
  };
}
