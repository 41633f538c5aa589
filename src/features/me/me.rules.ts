import { DateTime } from 'luxon';

/** What a unit does in a programme, in order: register officials, enrol them, send a draft, book asistensi. */
export const STANDING_STEPS = ['officials', 'enrolment', 'draft', 'booking'] as const;
export type StandingStep = (typeof STANDING_STEPS)[number];

/** The steps in order with whether each is done, and the next: the first not done (null once all are). */
export function standingSteps(done: Readonly<Record<StandingStep, boolean>>) {
  const steps = STANDING_STEPS.map((step) => ({ step, done: done[step] }));
  return { steps, next: steps.find((s) => !s.done)?.step ?? null };
}

/** Something on a unit's calendar: a batch day one of its officials sits, or its asistensi session. */
export interface DatedItem {
  kind: 'batchDay' | 'asistensi';
  /** Local date and times in the programme's zone. */
  date: string;
  start: string;
  end: string;
  /** The same, as instants with the zone's offset. */
  startsAt: string;
  endsAt: string;
  batch: { id: number; name: string; day: number } | null;
  participant: { id: number; name: string } | null;
  bookingId: number | null;
}

/** An event is past once it has ended: its end (an instant with its zone's offset) is not after `now`. */
export const hasEnded = (item: { endsAt: string }, now: DateTime): boolean => DateTime.fromISO(item.endsAt, { setZone: true }).toMillis() <= now.toMillis();

const byTime = (a: { date: string; start: string }, b: { date: string; start: string }) => a.date.localeCompare(b.date) || a.start.localeCompare(b.start);

/** The items that have not ended by `now`, earliest first (dates and times of one zone). */
export const comingUp = <T extends { date: string; start: string; endsAt: string }>(items: readonly T[], now: DateTime): T[] =>
  items.filter((item) => !hasEnded(item, now)).sort(byTime);

/** One event on the unit's calendar: a batch day with every official of the unit in it, or an asistensi session. */
export interface UpcomingEvent {
  kind: DatedItem['kind'];
  date: string;
  start: string;
  end: string;
  startsAt: string;
  endsAt: string;
  batch: DatedItem['batch'];
  /** The unit's officials sitting this batch day, in the order given (none for asistensi). */
  officials: { id: number; name: string }[];
  bookingId: number | null;
}

/**
 * What is coming, grouped for a room: one event per batch day (with every official of the unit
 * in it) and one per asistensi session; events that have ended by `now` dropped; earliest first.
 */
export function upcomingEvents(items: readonly DatedItem[], now: DateTime): UpcomingEvent[] {
  const events = new Map<string, UpcomingEvent>();
  for (const item of comingUp(items, now)) {
    const key = item.kind === 'batchDay' && item.batch ? `batch:${item.batch.id}:${item.batch.day}` : `asistensi:${item.bookingId ?? `${item.date}T${item.start}`}`;
    const event = events.get(key) ?? { kind: item.kind, date: item.date, start: item.start, end: item.end, startsAt: item.startsAt, endsAt: item.endsAt, batch: item.batch, officials: [], bookingId: item.bookingId };
    if (item.participant) event.officials.push(item.participant);
    events.set(key, event);
  }
  return [...events.values()];
}
