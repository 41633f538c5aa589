import { DateTime } from 'luxon';
import { unitBookingOptions, type UnitBookingFacts } from '../../src/features/bookings/bookings.rules';
import { bookingWindow } from '../../src/features/periods/periods.rules';

const at = (iso: string) => DateTime.fromISO(iso, { setZone: true });

/** Opens 1 October, priority until 10 October, closes 31 October 2013 (WITA); a session on 22 October at 09.00. */
const window = bookingWindow({ bookingOpensAt: '2013-09-30T16:00:00.000Z', priorityUntil: '2013-10-09T16:00:00.000Z', bookingClosesAt: '2013-10-31T08:00:00.000Z' });
const session = at('2013-10-22T09:00:00+08:00');
const facts = (fields: Partial<UnitBookingFacts>): UnitBookingFacts => ({ window, now: at('2013-10-05T10:00:00+08:00'), draft: 'none', active: true, bookingStartsAt: null, cancelNoticeHours: 24, ...fields });
const verdicts = (fields: Partial<UnitBookingFacts>) => {
  const o = unitBookingOptions(facts(fields));
  return { phase: o.phase, book: o.book, move: o.move, cancel: o.cancel };
};

describe('what a unit may do in a period now', () => {
  it('in the priority window books only with a draft received by the cutoff: sent and awaiting acceptance is not enough', () => {
    expect(verdicts({ draft: 'received' })).toEqual({ phase: 'priority', book: null, move: 'NO_BOOKING', cancel: 'NO_BOOKING' });
    for (const draft of ['awaiting', 'receivedLate', 'none'] as const) expect(verdicts({ draft })).toEqual({ phase: 'priority', book: 'PRIORITY_WINDOW', move: 'NO_BOOKING', cancel: 'NO_BOOKING' });
    expect(unitBookingOptions(facts({ draft: 'awaiting' })).hasPriority).toBe(false);
    expect(unitBookingOptions(facts({ draft: 'received' })).hasPriority).toBe(true);
  });

  it('books nothing before the window opens or after it closes, whatever its draft; every unit once the priority ends', () => {
    expect(verdicts({ draft: 'received', now: at('2013-09-30T23:59:59+08:00') })).toMatchObject({ phase: 'notOpenYet', book: 'BOOKING_CLOSED' });
    expect(verdicts({ draft: 'received', now: at('2013-10-31T16:00:01+08:00') })).toMatchObject({ phase: 'closed', book: 'BOOKING_CLOSED' });
    expect(verdicts({ draft: 'none', now: at('2013-10-10T00:00:00+08:00') })).toMatchObject({ phase: 'open', book: null });
  });

  it('with a booking: moves and cancels until the notice, then neither; booking again is refused as the service refuses it', () => {
    const open = at('2013-10-15T10:00:00+08:00');
    expect(verdicts({ now: open, bookingStartsAt: session })).toEqual({ phase: 'open', book: 'UNIT_ALREADY_BOOKED', move: null, cancel: null });
    const o = unitBookingOptions(facts({ now: open, bookingStartsAt: session }));
    expect(o.changeUntil?.toISO()).toBe('2013-10-21T09:00:00.000+08:00');
    expect(verdicts({ now: at('2013-10-21T09:00:00+08:00'), bookingStartsAt: session })).toMatchObject({ move: null, cancel: null });
    expect(verdicts({ now: at('2013-10-21T09:00:01+08:00'), bookingStartsAt: session })).toMatchObject({ move: 'TOO_LATE', cancel: 'TOO_LATE' });
  });

  it('moves only while the window is open to the unit, but may still cancel; the notice comes first, as the service checks it', () => {
    expect(verdicts({ bookingStartsAt: session, draft: 'none' })).toEqual({ phase: 'priority', book: 'PRIORITY_WINDOW', move: 'PRIORITY_WINDOW', cancel: null });
    expect(verdicts({ bookingStartsAt: session, draft: 'received' })).toMatchObject({ move: null, cancel: null });
    const late = at('2013-10-22T08:00:00+08:00');
    expect(verdicts({ bookingStartsAt: session, now: at('2013-11-01T08:00:00+08:00') })).toMatchObject({ phase: 'closed', move: 'TOO_LATE', cancel: 'TOO_LATE' });
    expect(verdicts({ bookingStartsAt: at('2013-11-20T09:00:00+08:00'), now: at('2013-11-01T08:00:00+08:00') })).toMatchObject({ phase: 'closed', move: 'BOOKING_CLOSED', cancel: null });
    expect(verdicts({ bookingStartsAt: session, now: late, cancelNoticeHours: 0 })).toMatchObject({ move: null, cancel: null });
  });

  it('a deactivated unit books nothing, and a window without limits is always open', () => {
    expect(verdicts({ active: false, draft: 'received' })).toMatchObject({ book: 'UNIT_INACTIVE' });
    const none = { bookingOpensAt: null, priorityUntil: null, bookingClosesAt: null };
    expect(verdicts({ window: none, now: at('1990-01-01T00:00:00Z') })).toEqual({ phase: 'open', book: null, move: 'NO_BOOKING', cancel: 'NO_BOOKING' });
  });
});
