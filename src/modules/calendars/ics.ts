import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, { escape, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';
import { parseInstant } from '../../lib/time';

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

export interface CalendarSpec {
  name: string;
  description: string;
  events: EventSpec[];
}

const PRODID = { company: 'SOP Scheduler', product: 'Jadwal Workshop dan Asistensi SOP', language: 'ID' };

/** Events in time order, ties by UID, so the same data always gives the same feed. */
function sortKey(e: EventSpec): string {
  return 'allDay' in e.when ? `${e.when.allDay} 00:00 ${e.uid}` : `${e.when.date} ${e.when.start} ${e.uid}`;
}

/**
 * Renders a whole VCALENDAR with ical-generator, correcting what it leaves out (see
 * ENGINEERING.md): text-escaped calendar name and description, a VTIMEZONE for each zone
 * used (no calendar-level zone, so DTSTAMP keeps its Z), and the final CRLF.
 */
export function renderCalendar(spec: CalendarSpec): string {
  const calendar = ical({
    name: escape(spec.name, false),
    description: escape(spec.description, false),
    prodId: PRODID,
    method: ICalCalendarMethod.PUBLISH,
    scale: 'gregorian',
    ttl: 3600,
    timezone: { name: null, generator: getVtimezoneComponent },
  });
  for (const event of [...spec.events].sort((a, b) => sortKey(a).localeCompare(sortKey(b)))) {
    const modified = parseInstant(event.modifiedAt);
    const times =
      'allDay' in event.when
        ? {
            allDay: true,
            start: DateTime.fromISO(event.when.allDay, { zone: 'utc' }),
            end: DateTime.fromISO(event.when.allDay, { zone: 'utc' }).plus({ days: 1 }),
          }
        : {
            // luxon DateTimes in the event's own zone: a JS Date would be formatted in the server's zone.
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
      organizer: event.organizer,
    });
  }
  return `${calendar.toString()}\r\n`;
}
