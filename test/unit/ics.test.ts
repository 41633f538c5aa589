import { FeedRenderer } from '../../src/features/calendars/feed-renderer';
import { assembleCalendar, renderCalendar, renderEventFragment, sortEvents, zonesOf, type EventSpec } from '../../src/features/calendars/ics';

const event = (i: number, fields: Partial<EventSpec> = {}): EventSpec => ({
  uid: `booking-${i}@sop.example.go.id`,
  sequence: i % 3,
  modifiedAt: '2013-10-02T01:00:00.000Z',
  when: { date: `2013-10-${String(10 + (i % 20)).padStart(2, '0')}`, start: '09:00', end: '12:00', zone: i % 2 ? 'Asia/Makassar' : 'Asia/Jayapura' },
  summary: `Asistensi SOP - Dinas ${i}; "Kota", Banjarmasin`,
  description: `Baris satu\nBaris dua: ${'ĕ'.repeat(i % 50)}`,
  location: i % 4 ? 'Ruang Rapat, Lantai 2' : null,
  cancelled: i % 5 === 0,
  organizer: { name: 'Bagian Organisasi', email: 'organisasi@banjarmasinkota.go.id' },
  ...fields,
});
const meta = { name: 'Penyusunan SOP 2013; uji, "coba"', description: 'Jadwal' };

describe('feeds assembled from fragments', () => {
  const events = [...Array.from({ length: 40 }, (_, i) => event(i)), event(99, { when: { allDay: '2013-10-18' } })];

  it('equal ical-generator rendering the whole calendar at once, byte for byte', () => {
    const sorted = sortEvents(events);
    expect(assembleCalendar(meta, zonesOf(sorted), sorted.map(renderEventFragment))).toBe(renderCalendar(meta, events));
  });

  it('re-render only the events that changed, and stay equal to a full render', async () => {
    const renderer = new FeedRenderer(8 * 1024 * 1024);
    const source = { scopes: ['programme:1'], signature: 'v1', expiresAt: Infinity };
    const first = await renderer.build('programme:1', source, meta, events);
    expect(first.body).toBe(renderCalendar(meta, events));
    const changed = events.map((e, i) => (i === 7 ? { ...e, sequence: e.sequence + 1, cancelled: true } : e));
    const second = await renderer.build('programme:1', { ...source, signature: 'v2' }, meta, changed);
    expect(second.body).toBe(renderCalendar(meta, changed));
    expect(second.etag).not.toBe(first.etag);
  });

  it('serve the cached feed only while the signature holds and nothing expired', async () => {
    const renderer = new FeedRenderer(8 * 1024 * 1024);
    let version = 'v1';
    const built = await renderer.build('unit:3', { scopes: ['unit:3'], signature: 'v1', expiresAt: 1000 }, meta, events);
    expect(await renderer.fresh('unit:3', async () => version, 999)).toBe(built);
    expect(await renderer.fresh('unit:3', async () => version, 1000)).toBeUndefined();
    version = 'v2';
    expect(await renderer.fresh('unit:3', async () => version, 0)).toBeUndefined();
    expect(await renderer.fresh('unit:4', async () => version, 0)).toBeUndefined();
  });
});
