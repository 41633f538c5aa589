import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, { escape, foldLines, ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus, ICalEventTransparency, type ICalCalendarData } from 'ical-generator';
import { DateTime } from 'luxon';
import { parseInstant } from '../../platform/time';

/** One calendar event, described by our records only: rendering it twice gives the same bytes. */
export interface EventSpec {
  /** Stable, from our records, e.g. `booking-42@sop.example.go.id`. */
  uid: string;
  sequence: number;
  /** Stored UTC instant of the last change: LAST-MODIFIED and DTSTAMP. */
  modifiedAt: string;
  when: { date: string; start: string; end: string; zone: string } | { allDay: string };
  summary: string;
  description: string;
  location: string | null;
  cancelled: boolean;
  organizer: { name: string; email: string };
}

export interface CalendarMeta {
  name: string;
  description: string;
}

const PRODID = { company: 'SOP Scheduler', product: 'Jadwal Workshop dan Asistensi SOP', language: 'ID' };

/** Events in time order, ties by UID, so the same data always gives the same feed. */
export function sortEvents(events: EventSpec[]): EventSpec[] {
  const key = (e: EventSpec) => ('allDay' in e.when ? `${e.when.allDay} 00:00 ${e.uid}` : `${e.when.date} ${e.when.start} ${e.uid}`);
  return events.map((e) => [key(e), e] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([, e]) => e);
}

/** The zones the events use, in order of first use: one VTIMEZONE each. */
export function zonesOf(events: EventSpec[]): string[] {
  return [...new Set(events.flatMap((e) => ('zone' in e.when ? [e.when.zone] : [])))];
}

function calendarData(meta: CalendarMeta, withZones: boolean): ICalCalendarData {
  return {
    // ical-generator writes the name and description as they are: escape them here.
    name: escape(meta.name, false),
    description: escape(meta.description, false),
    prodId: PRODID,
    method: ICalCalendarMethod.PUBLISH,
    scale: 'gregorian',
    ttl: 3600,
    // No calendar-level zone (it would drop the Z from DTSTAMP); a VTIMEZONE per zone used.
    timezone: { name: null, generator: withZones ? getVtimezoneComponent : undefined },
  };
}

/** Who an invitation is addressed to. */
export interface Attendee {
  name: string;
  email: string;
}

function addEvent(calendar: ReturnType<typeof ical>, event: EventSpec, attendees: readonly Attendee[] = []) {
  const modified = parseInstant(event.modifiedAt);
  const times =
    'allDay' in event.when
      ? {
          allDay: true,
          start: DateTime.fromISO(event.when.allDay, { zone: 'utc' }),
          end: DateTime.fromISO(event.when.allDay, { zone: 'utc' }).plus({ days: 1 }),
        }
      : {
          // luxon DateTimes in the event's own zone: a JS Date would be written in the server's zone.
          start: DateTime.fromISO(`${event.when.date}T${event.when.start}`, { zone: event.when.zone }),
          end: DateTime.fromISO(`${event.when.date}T${event.when.end}`, { zone: event.when.zone }),
          timezone: event.when.zone,
        };
  calendar.createEvent({
    id: event.uid,
    sequence: event.sequence,
    stamp: modified,
    lastModified: modified,
    ...times,
    summary: event.summary,
    description: event.description,
    location: event.location,
    status: event.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    // Outlook ignores STATUS in subscribed calendars: a cancelled event at least frees the time.
    transparency: event.cancelled ? ICalEventTransparency.TRANSPARENT : ICalEventTransparency.OPAQUE,
    organizer: event.organizer,
    attendees: attendees.map((a) => ({ ...a, rsvp: false, role: ICalAttendeeRole.REQ, status: ICalAttendeeStatus.NEEDSACTION })),
  });
}

/**
 * A parameter value per RFC 6868, always quoted: `^` as `^^`, a newline as `^n`, a double
 * quote as `^'` (a backslash escapes nothing in a parameter, so `\"` would end the value).
 */
function encodeParameterValue(value: string): string {
  return `"${value.replace(/\^/g, '^^').replace(/\r\n|\r|\n/g, '^n').replace(/"/g, "^'")}"`;
}

/**
 * One content line with its quoted parameter values re-encoded. ical-generator quotes every
 * free-text parameter (CN, SENT-BY, ...) and escapes it with backslashes, which calendar apps
 * do not undo (a name with `":MAILTO:x;X-A="` in it would add an attendee): undo its escapes
 * and encode the value per RFC 6868. Unquoted parameters are our own enums and zone names.
 */
function encodeLineParameters(line: string): string {
  const nameEnd = line.search(/[;:]/);
  if (nameEnd < 0 || line[nameEnd] !== ';') return line;
  let out = line.slice(0, nameEnd);
  let at = nameEnd;
  while (line[at] === ';') {
    const equals = line.indexOf('=', at);
    if (equals < 0) return line;
    out += line.slice(at, equals + 1);
    at = equals + 1;
    if (line[at] !== '"') {
      const end = line.slice(at).search(/[;:]/);
      if (end < 0) return line;
      out += line.slice(at, at + end);
      at += end;
      continue;
    }
    let value = '';
    for (at += 1; at < line.length && line[at] !== '"'; at += 1) {
      if (line[at] === '\\' && at + 1 < line.length) {
        at += 1;
        value += line[at] === 'n' ? '\n' : line[at];
      } else value += line[at];
    }
    if (at >= line.length) return line;
    out += encodeParameterValue(value);
    at += 1;
  }
  return out + line.slice(at);
}

/** Every content line with parameters, unfolded, re-encoded and folded again when it changed. */
function encodeParameters(text: string): string {
  return text.replace(/(^|\r\n)([A-Za-z0-9-]+;(?:[^\r\n]|\r\n[ \t])*)/g, (whole, start: string, folded: string) => {
    const line = folded.replace(/\r\n[ \t]/g, '');
    const encoded = encodeLineParameters(line);
    return encoded === line ? whole : start + foldLines(encoded);
  });
}

/** ical-generator omits the final CRLF that RFC 5545 wants after the last line. */
const withFinalCrlf = (text: string) => `${text}\r\n`;

/** ical-generator writes VTIMEZONEs amid the calendar's properties; they belong after them. */
function zonesAfterProperties(text: string): string {
  const zones = text.match(/BEGIN:VTIMEZONE\r\n[\s\S]*?END:VTIMEZONE\r\n/g) ?? [];
  const rest = zones.reduce((t, zone) => t.replace(zone, ''), text);
  const at = rest.search(/BEGIN:VEVENT|END:VCALENDAR/);
  return `${rest.slice(0, at)}${zones.join('')}${rest.slice(at)}`;
}

/** A whole VCALENDAR rendered by ical-generator in one go: the reference the assembled feeds equal. */
export function renderCalendar(meta: CalendarMeta, events: EventSpec[]): string {
  const calendar = ical(calendarData(meta, true));
  for (const event of sortEvents(events)) addEvent(calendar, event);
  return zonesAfterProperties(withFinalCrlf(encodeParameters(calendar.toString())));
}

/**
 * An invitation (iTIP): METHOD:REQUEST adds or moves the event in the attendee's calendar,
 * METHOD:CANCEL (the event cancelled) removes it. Same UID and SEQUENCE as the feeds.
 */
export function renderInvitation(event: EventSpec, attendees: readonly Attendee[]): { method: 'REQUEST' | 'CANCEL'; content: string } {
  const method = event.cancelled ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST;
  return { method, content: renderEventFile(event, method, attendees) };
}

/**
 * One event as a file to download or attach (not a calendar to subscribe to: no name,
 * description or refresh interval, which make Outlook open it as a new calendar).
 */
export function renderEventFile(event: EventSpec, method: ICalCalendarMethod = ICalCalendarMethod.PUBLISH, attendees: readonly Attendee[] = []): string {
  const calendar = ical({ prodId: PRODID, method, scale: 'gregorian', timezone: { name: null, generator: getVtimezoneComponent } });
  addEvent(calendar, event, attendees);
  return zonesAfterProperties(withFinalCrlf(encodeParameters(calendar.toString())));
}

/** One event's VEVENT block, rendered by ical-generator: the unit feeds are assembled from. */
export function renderEventFragment(event: EventSpec): string {
  const calendar = ical();
  addEvent(calendar, event);
  const text = encodeParameters(calendar.toString());
  return `${text.slice(text.indexOf('BEGIN:VEVENT'), text.lastIndexOf('END:VEVENT'))}END:VEVENT\r\n`;
}

const vtimezone = (zone: string) => (getVtimezoneComponent(zone) ?? '').replace(/\r?\n/g, '\r\n');

/**
 * A VCALENDAR from event fragments, laid out exactly as renderCalendar lays it out
 * (calendar properties, VTIMEZONEs, events), so both give the same bytes.
 */
export function assembleCalendar(meta: CalendarMeta, zones: string[], fragments: string[]): string {
  const empty = ical(calendarData(meta, false)).toString();
  const end = empty.lastIndexOf('END:VCALENDAR');
  return `${empty.slice(0, end)}${zones.map(vtimezone).join('')}${fragments.join('')}END:VCALENDAR\r\n`;
}
