import { DateTime } from 'luxon';
import { windowPhase, windowRefusal } from '../../src/features/bookings/bookings.rules';
import { bookingWindow } from '../../src/features/periods/periods.rules';

const at = (iso: string) => DateTime.fromISO(iso, { setZone: true });

describe('windowPhase', () => {
  const window = bookingWindow({ bookingOpensAt: '2013-10-01T00:00:00.000Z', priorityUntil: '2013-10-09T16:00:00.000Z', bookingClosesAt: '2013-10-31T08:00:00.000Z' });

  it('says where the window stands at each instant, its limits included', () => {
    expect(windowPhase(window, at('2013-10-01T07:59:59+08:00'))).toBe('notOpenYet');
    expect(windowPhase(window, at('2013-10-01T08:00:00+08:00'))).toBe('priority');
    expect(windowPhase(window, at('2013-10-09T23:59:59+08:00'))).toBe('priority');
    expect(windowPhase(window, at('2013-10-10T00:00:00+08:00'))).toBe('open');
    expect(windowPhase(window, at('2013-10-31T16:00:00+08:00'))).toBe('open');
    expect(windowPhase(window, at('2013-10-31T16:00:01+08:00'))).toBe('closed');
  });

  it('is always open without limits, and each limit stands alone', () => {
    const none = { bookingOpensAt: null, priorityUntil: null, bookingClosesAt: null };
    expect(windowPhase(none, at('1990-01-01T00:00:00Z'))).toBe('open');
    expect(windowPhase({ ...none, priorityUntil: window.priorityUntil }, at('2013-09-01T00:00:00Z'))).toBe('priority');
    expect(windowPhase({ ...none, bookingClosesAt: window.bookingClosesAt }, at('2013-11-01T00:00:00Z'))).toBe('closed');
    expect(windowPhase({ ...none, bookingOpensAt: window.bookingOpensAt }, at('2013-09-01T00:00:00Z'))).toBe('notOpenYet');
  });

  it('is the phase the booking refusal follows', () => {
    const instants = ['2013-09-30T00:00:00Z', '2013-10-05T00:00:00Z', '2013-10-20T00:00:00Z', '2013-11-05T00:00:00Z'].map(at);
    const refusals = instants.map((instant) => [windowPhase(window, instant), windowRefusal(window, instant, false), windowRefusal(window, instant, true)]);
    expect(refusals).toEqual([
      ['notOpenYet', 'BOOKING_CLOSED', 'BOOKING_CLOSED'],
      ['priority', 'PRIORITY_WINDOW', undefined],
      ['open', undefined, undefined],
      ['closed', 'BOOKING_CLOSED', 'BOOKING_CLOSED'],
    ]);
  });
});
