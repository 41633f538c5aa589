import type { DateTime } from 'luxon';
import { localInstant, parseInstant } from '../../platform/time';
import { isWeekend, workingDaysFrom } from '../holidays/holidays.rules';

export interface SlotTime {
  start: string;
  end: string;
}

export const DEFAULT_SLOT_TIMES: SlotTime[] = [
  { start: '09:00', end: '12:00' },
  { start: '13:00', end: '16:00' },
];

/**
 * open: bookable; closed: on a day closed after the schedule was made; withdrawn: no longer
 * part of the schedule (kept only because bookings history points at it).
 */
export const SLOT_STATUSES = ['open', 'closed', 'withdrawn'] as const;
export type SlotStatus = (typeof SLOT_STATUSES)[number];

export const CLOSED_DATE_SOURCES = ['holiday', 'organiser'] as const;
export type ClosedDateSource = (typeof CLOSED_DATE_SOURCES)[number];

/** When units may book: opens, then (until priorityUntil) only draft senders, until it closes. */
export interface BookingWindow {
  bookingOpensAt: DateTime | null;
  priorityUntil: DateTime | null;
  bookingClosesAt: DateTime | null;
}

/** A period's stored windows (UTC ISO instants or null) as instants, for the rules. */
export function bookingWindow(p: { bookingOpensAt: string | null; priorityUntil: string | null; bookingClosesAt: string | null }): BookingWindow {
  const instant = (value: string | null) => (value === null ? null : parseInstant(value));
  return { bookingOpensAt: instant(p.bookingOpensAt), priorityUntil: instant(p.priorityUntil), bookingClosesAt: instant(p.bookingClosesAt) };
}

/** When a slot starts, as an instant in its period's zone. */
export const slotStart = (slot: { date: string; start: string }, zone: string): DateTime => localInstant(slot.date, slot.start, zone);

/** The windows must come in order: opens <= priority ends <= closes. */
export function windowOrderProblem(w: BookingWindow): { field: keyof BookingWindow; message: string } | undefined {
  const { bookingOpensAt: opens, priorityUntil: priority, bookingClosesAt: closes } = w;
  if (opens && priority && priority < opens) return { field: 'priorityUntil', message: 'priorityUntil cannot be before bookingOpensAt' };
  if (opens && closes && closes < opens) return { field: 'bookingClosesAt', message: 'bookingClosesAt cannot be before bookingOpensAt' };
  if (priority && closes && closes < priority) return { field: 'bookingClosesAt', message: 'bookingClosesAt cannot be before priorityUntil' };
  return undefined;
}

/**
 * The first `workingDays` dates from `startDate` on that are working days: not a weekend
 * (when `skipWeekends`) and not in `closed`.
 */
export const workingDates = (options: { startDate: string; workingDays: number; skipWeekends: boolean; closed: ReadonlySet<string> }): string[] =>
  workingDaysFrom(options.startDate, options.workingDays, (date) => (options.skipWeekends && isWeekend(date)) || options.closed.has(date));

/** Slot times must each run forwards and must not overlap one another. */
export function slotTimesProblem(times: readonly { start: string; end: string }[]): { index: number; message: string } | undefined {
  const sorted = times.map((t, index) => ({ ...t, index })).sort((a, b) => a.start.localeCompare(b.start));
  for (const t of times.map((t, index) => ({ ...t, index })))
    if (t.end <= t.start) return { index: t.index, message: 'end must be after start' };
  for (let i = 1; i < sorted.length; i++)
    if (sorted[i]!.start < sorted[i - 1]!.end) return { index: sorted[i]!.index, message: `overlaps ${sorted[i - 1]!.start}-${sorted[i - 1]!.end}` };
  return undefined;
}
