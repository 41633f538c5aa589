import { canonicalZone, instantInZone, localTimeProblem, localDateTime, localInstant, localToOffsetIso, ManualClock, toStoredInstant } from '../../src/platform/time';

describe('time', () => {
  it('turns local wall-clock times into instants with the zone offset, whatever the server TZ', () => {
    expect(localToOffsetIso('2013-10-21', '09:00', 'Asia/Makassar')).toBe('2013-10-21T09:00:00+08:00');
    expect(localToOffsetIso('2013-10-21', '09:00', 'Asia/Jakarta')).toBe('2013-10-21T09:00:00+07:00');
    expect(localToOffsetIso('2013-10-21', '09:00', 'Asia/Jayapura')).toBe('2013-10-21T09:00:00+09:00');
    expect(toStoredInstant(localDateTime('2013-10-21', '09:00', 'Asia/Makassar')!)).toBe('2013-10-21T01:00:00.000Z');
  });

  it('refuses a local time skipped by a DST change', () => {
    expect(localDateTime('2013-03-10', '02:30', 'America/New_York')).toBeUndefined();
    expect(localDateTime('2013-03-10', '03:30', 'America/New_York')).toBeDefined();
  });

  it('shows stored instants in a zone, and scheduled times as instants', () => {
    expect(instantInZone('2013-10-21T01:00:00.000Z', 'Asia/Makassar')).toBe('2013-10-21T09:00:00+08:00');
    expect(localInstant('2013-10-21', '09:00', 'Asia/Jayapura').toUTC().toISO()).toBe('2013-10-21T00:00:00.000Z');
    // Writes refuse times that do not exist; a read of one never fails.
    expect(localToOffsetIso('2013-03-10', '02:30', 'America/New_York')).toBe('2013-03-10T03:30:00-04:00');
  });

  it('knows which local times do not exist or happen twice in a zone, and names zones as calendars do', () => {
    expect(localTimeProblem('2026-03-29', '02:30', 'Europe/Berlin')).toBe('nonexistent');
    expect(localTimeProblem('2026-10-25', '02:30', 'Europe/Berlin')).toBe('ambiguous');
    expect(localTimeProblem('2026-11-01', '01:30', 'America/New_York')).toBe('ambiguous');
    expect(localTimeProblem('2026-10-25', '03:30', 'Europe/Berlin')).toBeUndefined();
    expect(localTimeProblem('2013-10-21', '09:00', 'Asia/Makassar')).toBeUndefined();
    expect(['WITA', 'wib', 'Wit', 'asia/makassar', 'Asia/Ujung_Pandang', 'US/Eastern'].map(canonicalZone)).toEqual([
      'Asia/Makassar',
      'Asia/Jakarta',
      'Asia/Jayapura',
      'Asia/Makassar',
      'Asia/Makassar',
      'America/New_York',
    ]);
    expect(canonicalZone('Asia/Banjarmasin')).toBeUndefined();
  });

  it('has a clock tests can set and move', () => {
    const clock = new ManualClock('2013-10-20T10:00:00+08:00');
    expect(toStoredInstant(clock.now())).toBe('2013-10-20T02:00:00.000Z');
    clock.advance({ hours: 25 });
    expect(toStoredInstant(clock.now())).toBe('2013-10-21T03:00:00.000Z');
  });
});
