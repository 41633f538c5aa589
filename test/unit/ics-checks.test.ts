import { contentLines, parseFeed, rawProblems } from '../helpers/ics';

/** The feed checks the calendar tests rely on must themselves catch what they look for. */
const good = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//x//y//ID',
  'CALSCALE:GREGORIAN',
  'METHOD:PUBLISH',
  'X-WR-CALNAME:Uji',
  'REFRESH-INTERVAL;VALUE=DURATION:PT1H',
  'X-PUBLISHED-TTL:PT1H',
  'BEGIN:VTIMEZONE',
  'TZID:Asia/Makassar',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0800',
  'TZOFFSETTO:+0800',
  'DTSTART:19700101T000000',
  'END:STANDARD',
  'END:VTIMEZONE',
  'BEGIN:VEVENT',
  'UID:booking-1@example.go.id',
  'SEQUENCE:2',
  'DTSTAMP:20131002T010000Z',
  'DTSTART;TZID=Asia/Makassar:20131021T090000',
  'DTEND;TZID=Asia/Makassar:20131021T120000',
  'SUMMARY:Asistensi SOP - Dinas\\, Kota',
  'STATUS:CANCELLED',
  'ORGANIZER;CN="Bagian Organisasi":mailto:o@example.go.id',
  'END:VEVENT',
  'END:VCALENDAR',
].join('\r\n') + '\r\n';

describe('feed checks', () => {
  it('pass a valid feed and read its event', () => {
    expect(rawProblems(good)).toEqual([]);
    const event = parseFeed(good).get('booking-1@example.go.id')!;
    expect([event.sequence, event.status, event.summary, event.localStart('Asia/Makassar')]).toEqual([2, 'CANCELLED', 'Asistensi SOP - Dinas, Kota', '2013-10-21T09:00']);
    expect(contentLines(good.replace('X-WR-CALNAME:Uji', 'X-WR-CALNAME:U\r\n ji'))).toContain('X-WR-CALNAME:Uji');
  });

  it.each([
    ['a missing final CRLF', good.slice(0, -2), 'the last line does not end in CRLF'],
    ['a bare LF', good.replace('VERSION:2.0\r\n', 'VERSION:2.0\n'), 'bare CR or LF'],
    ['a long line', good.replace('SUMMARY:', `SUMMARY:${'x'.repeat(80)}`), 'longer than 75 octets'],
    ['a local DTSTAMP', good.replace('DTSTAMP:20131002T010000Z', 'DTSTAMP:20131002T010000'), 'not UTC with Z'],
    ['two organizers', good.replace('END:VEVENT', 'ORGANIZER:mailto:b@example.go.id\r\nEND:VEVENT'), '2 ORGANIZER lines'],
    ['an attendee', good.replace('END:VEVENT', 'ATTENDEE:mailto:b@example.go.id\r\nEND:VEVENT'), 'an ATTENDEE'],
    ['a zone without VTIMEZONE', good.replace(/Asia\/Makassar:2013/g, 'Asia/Jakarta:2013'), 'no VTIMEZONE for Asia/Jakarta'],
    ['no METHOD', good.replace('METHOD:PUBLISH\r\n', ''), 'missing METHOD:PUBLISH'],
    ['a VTIMEZONE before the calendar properties', good.replace('X-PUBLISHED-TTL:PT1H\r\n', '').replace('END:VTIMEZONE\r\n', 'END:VTIMEZONE\r\nX-PUBLISHED-TTL:PT1H\r\n'), 'a VTIMEZONE before'],
  ])('catch %s', (_what, feed, problem) => {
    expect(rawProblems(feed).join('\n')).toContain(problem);
  });

  it('refuse calendar properties in a single event file', () => {
    expect(rawProblems(good, { feed: false })).toEqual(['an event file with calendar properties']);
  });
});
