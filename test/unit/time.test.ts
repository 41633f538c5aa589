import { instantInZone, localDateTime, localInstant, localToOffsetIso, ManualClock, toStoredInstant } from '../../src/platform/time';

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
    expect(() => localToOffsetIso('2013-03-10', '02:30', 'America/New_York')).toThrow('does not exist');
  });

  it('has a clock tests can set and move', () => {
    const clock = new ManualClock('2013-10-20T10:00:00+08:00');
    expect(toStoredInstant(clock.now())).toBe('2013-10-20T02:00:00.000Z');
    clock.advance({ hours: 25 });
    expect(toStoredInstant(clock.now())).toBe('2013-10-21T03:00:00.000Z');
  });
});
