import { DateTime, IANAZone } from 'luxon';
import { memoize } from './memo';

/**
 * The one entry point to "now". Services take a Clock so tests can set time;
 * nothing else calls Date.now() or DateTime.now() for a rule.
 */
export interface Clock {
  now(): DateTime;
}

export const systemClock: Clock = { now: () => DateTime.utc() };

/** A clock that stands still until told to move; for tests and scripts. */
export class ManualClock implements Clock {
  private current: DateTime;
  constructor(iso: string) {
    this.current = parseInstant(iso);
  }
  now(): DateTime {
    return this.current;
  }
  set(iso: string): void {
    this.current = parseInstant(iso);
  }
  advance(duration: { hours?: number; days?: number; minutes?: number }): void {
    this.current = this.current.plus(duration);
  }
}

export function isValidZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/** Parses an ISO instant that carries an offset or Z; throws on anything else. */
export function parseInstant(iso: string): DateTime {
  const dt = DateTime.fromISO(iso, { setZone: true });
  if (!dt.isValid) throw new Error(`not an ISO instant: ${iso}`);
  return dt.toUTC();
}

/** How instants are stored: UTC ISO with milliseconds, so text order is time order. */
export function toStoredInstant(dt: DateTime): string {
  return dt.toUTC().toISO()!;
}

/** A local wall-clock time in a zone, or undefined when the date or time does not exist there. */
export function localDateTime(date: string, time: string, zone: string): DateTime | undefined {
  const dt = DateTime.fromISO(`${date}T${time}`, { zone });
  if (!dt.isValid) return undefined;
  // A time skipped by a DST jump is silently moved by luxon; refuse it instead.
  if (dt.toFormat('yyyy-MM-dd') !== date || dt.toFormat('HH:mm') !== time) return undefined;
  return dt;
}

/** `2013-10-07T08:00:00+08:00`: an instant shown with the programme's offset. */
export function toOffsetIso(dt: DateTime): string {
  return dt.toISO({ suppressMilliseconds: true })!;
}

const scheduledInstant = memoize((key) => {
  const [date, time, zone] = key.split(' ') as [string, string, string];
  const dt = localDateTime(date, time, zone);
  if (!dt) throw new Error(`${date}T${time} does not exist in ${zone}`);
  return dt;
});
const scheduledOffsetIso = memoize((key) => toOffsetIso(scheduledInstant(key)));

/** A scheduled local date + time (known to exist in `zone`) as an instant; worked out once. */
export const localInstant = (date: string, time: string, zone: string): DateTime => scheduledInstant(`${date} ${time} ${zone}`);

/** A local date + time in `zone` as an ISO instant with that zone's offset; worked out once. */
export const localToOffsetIso = (date: string, time: string, zone: string): string => scheduledOffsetIso(`${date} ${time} ${zone}`);

/** A stored UTC instant shown with a zone's offset, e.g. a draft's receivedAt in WITA. */
export const instantInZone = (stored: string, zone: string): string => toOffsetIso(parseInstant(stored).setZone(zone));
