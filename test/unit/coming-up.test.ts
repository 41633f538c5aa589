import { DateTime } from 'luxon';
import { comingUp, hasEnded, upcomingEvents, type DatedItem } from '../../src/features/me/me.rules';

/** A unit's calendar grouped for a room: a line per batch day and per session, nothing that has ended. */

const day = (batch: { id: number; name: string }, n: number, date: string, participant: { id: number; name: string }, times = { start: '08:00', end: '16:00' }): DatedItem => ({
  kind: 'batchDay',
  date,
  ...times,
  startsAt: `${date}T${times.start}:00+08:00`,
  endsAt: `${date}T${times.end}:00+08:00`,
  batch: { ...batch, day: n },
  participant,
  bookingId: null,
});
const session = (date: string, bookingId: number): DatedItem => ({
  kind: 'asistensi',
  date,
  start: '09:00',
  end: '11:00',
  startsAt: `${date}T09:00:00+08:00`,
  endsAt: `${date}T11:00:00+08:00`,
  batch: null,
  participant: null,
  bookingId,
});
const at = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' });

const first = { id: 1, name: 'Angkatan I' };
const second = { id: 2, name: 'Angkatan II' };
const rahmat = { id: 10, name: 'Rahmat Hidayat' };
const siti = { id: 11, name: 'Siti Rahmah' };
const ahmad = { id: 12, name: 'Ahmad Fauzi' };

// Given out of order, as the service collects them (per enrolment, then the booking).
const items: DatedItem[] = [
  session('2013-10-22', 7),
  day(second, 1, '2013-10-14', ahmad),
  day(first, 1, '2013-10-07', rahmat),
  day(first, 2, '2013-10-08', rahmat),
  day(first, 1, '2013-10-07', siti),
  day(first, 2, '2013-10-08', siti),
];

describe('hasEnded', () => {
  it('is true from the end instant on, whatever zone "now" is in', () => {
    const item = { endsAt: '2013-10-07T16:00:00+08:00' };
    expect(hasEnded(item, at('2013-10-07T07:59:59Z'))).toBe(false);
    expect(hasEnded(item, at('2013-10-07T08:00:00Z'))).toBe(true);
    expect(hasEnded(item, at('2013-10-07T08:00:00Z').setZone('America/New_York'))).toBe(true);
    expect(hasEnded(item, DateTime.fromISO('2013-10-07T15:59:00', { zone: 'Asia/Makassar' }))).toBe(false);
  });
});

describe('comingUp', () => {
  it('keeps one item per official and day, earliest first, dropping what has ended', () => {
    expect(comingUp(items, at('2013-10-01T00:00:00Z')).map((i) => [i.date, i.participant?.name ?? 'asistensi'])).toEqual([
      ['2013-10-07', 'Rahmat Hidayat'],
      ['2013-10-07', 'Siti Rahmah'],
      ['2013-10-08', 'Rahmat Hidayat'],
      ['2013-10-08', 'Siti Rahmah'],
      ['2013-10-14', 'Ahmad Fauzi'],
      ['2013-10-22', 'asistensi'],
    ]);
    // During the first day it is still there (it has begun, not ended).
    expect(comingUp(items, at('2013-10-07T03:00:00Z'))).toHaveLength(6);
    expect(comingUp(items, at('2013-10-07T08:00:00Z'))).toHaveLength(4);
  });
});

describe('upcomingEvents', () => {
  it('gives one event per batch day with every official in it, and one per session, earliest first', () => {
    const events = upcomingEvents(items, at('2013-10-01T00:00:00Z'));
    expect(events.map((e) => [e.kind, e.date, e.batch?.day ?? null, e.officials.map((o) => o.name)])).toEqual([
      ['batchDay', '2013-10-07', 1, ['Rahmat Hidayat', 'Siti Rahmah']],
      ['batchDay', '2013-10-08', 2, ['Rahmat Hidayat', 'Siti Rahmah']],
      ['batchDay', '2013-10-14', 1, ['Ahmad Fauzi']],
      ['asistensi', '2013-10-22', null, []],
    ]);
    expect(events[0]).toEqual({
      kind: 'batchDay',
      date: '2013-10-07',
      start: '08:00',
      end: '16:00',
      startsAt: '2013-10-07T08:00:00+08:00',
      endsAt: '2013-10-07T16:00:00+08:00',
      batch: { id: 1, name: 'Angkatan I', day: 1 },
      officials: [rahmat, siti],
      bookingId: null,
    });
    expect(events[3]).toMatchObject({ kind: 'asistensi', bookingId: 7, officials: [] });
  });

  it('keeps two batches on the same day apart, and two days of one batch apart', () => {
    const sameDay = [day(first, 1, '2013-10-07', rahmat), day(second, 1, '2013-10-07', siti, { start: '13:00', end: '16:00' }), day(first, 2, '2013-10-08', rahmat)];
    expect(upcomingEvents(sameDay, at('2013-10-01T00:00:00Z')).map((e) => [e.batch?.name, e.batch?.day, e.officials.length])).toEqual([
      ['Angkatan I', 1, 1],
      ['Angkatan II', 1, 1],
      ['Angkatan I', 2, 1],
    ]);
  });

  it('drops an event once it has ended in its zone, not at the end of the day elsewhere', () => {
    // 16:00 WITA on the 7th is 08:00 UTC: the first day has ended though it is still the 7th in UTC.
    expect(upcomingEvents(items, at('2013-10-07T08:00:00Z')).map((e) => e.date)).toEqual(['2013-10-08', '2013-10-14', '2013-10-22']);
    expect(upcomingEvents(items, at('2013-10-22T03:00:00Z')).map((e) => e.date)).toEqual([]);
    expect(upcomingEvents(items, at('2013-10-22T02:59:00Z')).map((e) => e.kind)).toEqual(['asistensi']);
    expect(upcomingEvents([], at('2013-10-01T00:00:00Z'))).toEqual([]);
  });
});
