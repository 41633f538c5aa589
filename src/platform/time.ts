import { getVtimezoneComponent } from '@touch4it/ical-timezones';
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

/** What Indonesians call their zones. */
const ZONE_ABBREVIATIONS: Record<string, string> = { WIB: 'Asia/Jakarta', WITA: 'Asia/Makassar', WIT: 'Asia/Jayapura' };

/**
 * A zone name as calendars know it: WIB, WITA, WIT, any casing and IANA aliases (such as
 * Asia/Ujung_Pandang) become the canonical IANA name; undefined when it is not a zone or no
 * VTIMEZONE can describe it (a feed would then show the times in the viewer's zone).
 */
export function canonicalZone(name: string): string | undefined {
  const trimmed = name.trim();
  const abbreviated = ZONE_ABBREVIATIONS[trimmed.toUpperCase()];
  if (abbreviated) return abbreviated;
  let zone: string;
  try {
    zone = new Intl.DateTimeFormat('en', { timeZone: trimmed }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
  return IANAZone.isValidZone(zone) && getVtimezoneComponent(zone) ? zone : undefined;
}

/**
 * Why a local date and time cannot be scheduled in a zone: it does not exist (skipped by a
 * daylight-saving jump) or is ambiguous (it happens twice when clocks go back).
 */
export function localTimeProblem(date: string, time: string, zone: string): 'nonexistent' | 'ambiguous' | undefined {
  const wall = DateTime.fromISO(`${date}T${time}`, { zone: 'utc' }).toMillis();
  const iana = IANAZone.create(zone);
  const halfDay = 12 * 3_600_000;
  // The instants whose local time in the zone is this wall-clock time, using the offsets
  // in force around it (two around a transition).
  const offsets = new Set([iana.offset(wall - halfDay), iana.offset(wall), iana.offset(wall + halfDay)]);
  const instants = new Set([...offsets].map((offset) => wall - offset * 60_000).filter((ms) => iana.offset(ms) * 60_000 === wall - ms));
  if (instants.size === 0) return 'nonexistent';
  return instants.size > 1 ? 'ambiguous' : undefined;
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

// Writes refuse local times that do not exist (localTimeProblem), so this never meets one;
// if stored data ever held one, luxon's shift forward is answered rather than a 500.
const scheduledInstant = memoize((key) => {
  const [date, time, zone] = key.split(' ') as [string, string, string];
  return localDateTime(date, time, zone) ?? DateTime.fromISO(`${date}T${time}`, { zone });
});
const scheduledOffsetIso = memoize((key) => toOffsetIso(scheduledInstant(key)));

/** A scheduled local date + time in `zone` as an instant; worked out once. */
export const localInstant = (date: string, time: string, zone: string): DateTime => scheduledInstant(`${date} ${time} ${zone}`);

/** A local date + time in `zone` as an ISO instant with that zone's offset; worked out once. */
export const localToOffsetIso = (date: string, time: string, zone: string): string => scheduledOffsetIso(`${date} ${time} ${zone}`);

/** A stored UTC instant shown with a zone's offset, e.g. a draft's receivedAt in WITA. */
export const instantInZone = (stored: string, zone: string): string => toOffsetIso(parseInstant(stored).setZone(zone));
