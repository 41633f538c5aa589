import { DateTime } from 'luxon';
import ical from 'node-ical';

export interface ParsedEvent {
  uid: string;
  sequence: number;
  status: string;
  summary: string;
  description: string;
  location: string | undefined;
  /** DTSTART as local wall-clock time in `zone`, e.g. 2013-10-21T09:00. */
  localStart: (zone: string) => string;
  raw: ical.VEvent;
}

/** Parses a feed with a real iCalendar parser (node-ical) and returns its events by UID. */
export function parseFeed(text: string): Map<string, ParsedEvent> {
  const events = new Map<string, ParsedEvent>();
  for (const component of Object.values(ical.sync.parseICS(text))) {
    if (component?.type !== 'VEVENT') continue;
    const event = component as ical.VEvent;
    const text = (value: unknown) => (typeof value === 'string' ? value : ((value as { val?: string })?.val ?? ''));
    events.set(event.uid, {
      uid: event.uid,
      sequence: Number(event.sequence ?? 0),
      status: String(event.status),
      summary: text(event.summary),
      description: text(event.description),
      location: event.location ? text(event.location) : undefined,
      localStart: (zone) => DateTime.fromJSDate(event.start as Date).setZone(zone).toFormat("yyyy-MM-dd'T'HH:mm"),
      raw: event,
    });
  }
  return events;
}

/** The unfolded content lines of a feed. */
export function contentLines(text: string): string[] {
  return text.replace(/\r\n[ \t]/g, '').split('\r\n').filter((l) => l !== '');
}

/**
 * The RFC 5545 form a calendar app needs, checked on the raw bytes; returns the problems
 * found. A feed to subscribe to needs its name and refresh interval; a single event file must
 * not have them (Outlook would open it as a new calendar).
 */
export function rawProblems(text: string, { feed = true, method = 'PUBLISH' }: { feed?: boolean; method?: 'PUBLISH' | 'REQUEST' | 'CANCEL' } = {}): string[] {
  const problems: string[] = [];
  const bytes = Buffer.from(text, 'utf8');
  if (!text.endsWith('\r\n')) problems.push('the last line does not end in CRLF');
  const lines = text.split('\r\n').slice(0, -1);
  lines.forEach((line, i) => {
    if (/[\r\n]/.test(line)) problems.push(`line ${i + 1}: bare CR or LF`);
    if (Buffer.byteLength(line, 'utf8') > 75) problems.push(`line ${i + 1}: longer than 75 octets`);
  });
  if (bytes.toString('utf8') !== text || text.includes('\uFFFD')) problems.push('invalid UTF-8');
  const unfolded = contentLines(text);
  for (const line of unfolded) {
    if (/^(DTSTAMP|LAST-MODIFIED)[:;]/.test(line) && !/:\d{8}T\d{6}Z$/.test(line)) problems.push(`not UTC with Z: ${line}`);
  }
  const blocks = text.split('BEGIN:VEVENT').slice(1);
  for (const block of blocks) {
    const organizers = (block.match(/\r\nORGANIZER[;:]/g) ?? []).length;
    if (organizers !== 1) problems.push(`an event has ${organizers} ORGANIZER lines`);
    // Feeds name nobody; an invitation is addressed to its attendees.
    const addressed = /\r\nATTENDEE[;:]/.test(block);
    if (method === 'PUBLISH' && addressed) problems.push('an event has an ATTENDEE');
    if (method !== 'PUBLISH' && !addressed) problems.push('an invitation without an ATTENDEE');
  }
  const used = new Set([...text.matchAll(/;TZID=([^:;]+)[:;]/g)].map((m) => m[1]));
  const defined = new Set([...text.matchAll(/\r\nTZID:([^\r]+)/g)].map((m) => m[1]));
  for (const zone of used) if (!defined.has(zone)) problems.push(`no VTIMEZONE for ${zone}`);
  const feedOnly = ['REFRESH-INTERVAL;VALUE=DURATION:PT1H', 'X-PUBLISHED-TTL:PT1H'];
  for (const required of ['VERSION:2.0', 'CALSCALE:GREGORIAN', `METHOD:${method}`, ...(feed ? feedOnly : [])])
    if (!unfolded.includes(required)) problems.push(`missing ${required}`);
  if (!unfolded.some((l) => l.startsWith('PRODID:'))) problems.push('missing PRODID');
  const named = unfolded.some((l) => l.startsWith('X-WR-CALNAME:'));
  if (feed && !named) problems.push('missing X-WR-CALNAME');
  if (!feed && (named || feedOnly.some((l) => unfolded.includes(l)))) problems.push('an event file with calendar properties');
  // The calendar's own properties come first, then its VTIMEZONEs, then the events.
  const firstZone = unfolded.indexOf('BEGIN:VTIMEZONE');
  const lastProperty = Math.max(...unfolded.map((l, i) => (/^(PRODID|VERSION|CALSCALE|METHOD|NAME|X-WR-|REFRESH-INTERVAL|X-PUBLISHED-TTL)/.test(l) ? i : -1)));
  if (firstZone >= 0 && firstZone < lastProperty) problems.push('a VTIMEZONE before the calendar properties');
  return problems;
}
