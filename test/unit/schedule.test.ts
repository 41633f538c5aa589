import { DateTime } from 'luxon';
import { claimOrder, planAutoSchedule, type Claim } from '../../src/features/requests/auto-schedule.rules';
import { windowRefusal, withinCancelNotice } from '../../src/features/bookings/bookings.rules';
import { slotTimesProblem, windowOrderProblem, workingDates } from '../../src/features/periods/periods.rules';

const at = (iso: string) => DateTime.fromISO(iso, { setZone: true });

describe('workingDates', () => {
  it('gives the seed period: ten working days from 21 October 2013 end on 1 November', () => {
    expect(workingDates({ startDate: '2013-10-21', workingDays: 10, skipWeekends: true, closed: new Set() })).toEqual([
      '2013-10-21', '2013-10-22', '2013-10-23', '2013-10-24', '2013-10-25',
      '2013-10-28', '2013-10-29', '2013-10-30', '2013-10-31', '2013-11-01',
    ]);
  });

  it('skips closed dates and, when asked, weekends', () => {
    expect(workingDates({ startDate: '2013-10-11', workingDays: 3, skipWeekends: true, closed: new Set(['2013-10-15']) })).toEqual(['2013-10-11', '2013-10-14', '2013-10-16']);
    expect(workingDates({ startDate: '2013-10-11', workingDays: 3, skipWeekends: false, closed: new Set() })).toEqual(['2013-10-11', '2013-10-12', '2013-10-13']);
  });

  it('starts on the next working day when the start date is not one', () => {
    expect(workingDates({ startDate: '2013-10-19', workingDays: 1, skipWeekends: true, closed: new Set() })).toEqual(['2013-10-21']);
  });
});

describe('slotTimesProblem', () => {
  it('accepts ordered, separate times and refuses backwards or overlapping ones', () => {
    expect(slotTimesProblem([{ start: '09:00', end: '12:00' }, { start: '13:00', end: '16:00' }])).toBeUndefined();
    expect(slotTimesProblem([{ start: '12:00', end: '09:00' }])).toEqual({ index: 0, message: 'end must be after start' });
    expect(slotTimesProblem([{ start: '13:00', end: '16:00' }, { start: '09:00', end: '13:30' }])).toEqual({ index: 0, message: 'overlaps 09:00-13:30' });
  });
});

describe('booking rules', () => {
  const window = { bookingOpensAt: at('2013-10-01T08:00:00+08:00'), priorityUntil: at('2013-10-10T00:00:00+08:00'), bookingClosesAt: at('2013-10-31T16:00:00+08:00') };

  it('keeps the window and the priority window', () => {
    expect(windowRefusal(window, at('2013-09-30T23:59:00+08:00'), true)).toBe('BOOKING_CLOSED');
    expect(windowRefusal(window, at('2013-10-05T10:00:00+08:00'), false)).toBe('PRIORITY_WINDOW');
    expect(windowRefusal(window, at('2013-10-05T10:00:00+08:00'), true)).toBeUndefined();
    expect(windowRefusal(window, at('2013-10-10T00:00:00+08:00'), false)).toBeUndefined();
    expect(windowRefusal(window, at('2013-10-31T16:00:01+08:00'), true)).toBe('BOOKING_CLOSED');
    expect(windowRefusal({ bookingOpensAt: null, priorityUntil: null, bookingClosesAt: null }, at('2013-10-05T10:00:00Z'), false)).toBeUndefined();
  });

  it('allows cancelling up to the notice before the start, not after', () => {
    const start = at('2013-10-21T09:00:00+08:00');
    expect(withinCancelNotice(start, at('2013-10-20T09:00:00+08:00'), 24)).toBe(true);
    expect(withinCancelNotice(start, at('2013-10-20T09:00:01+08:00'), 24)).toBe(false);
    expect(withinCancelNotice(start, at('2013-10-21T08:59:00+08:00'), 0)).toBe(true);
  });

  it('wants the windows in order', () => {
    expect(windowOrderProblem(window)).toBeUndefined();
    expect(windowOrderProblem({ ...window, priorityUntil: at('2013-09-01T00:00:00Z') })?.field).toBe('priorityUntil');
    expect(windowOrderProblem({ ...window, bookingClosesAt: at('2013-10-05T00:00:00Z') })?.field).toBe('bookingClosesAt');
  });
});

describe('auto-schedule', () => {
  const claim = (unitId: number, fields: Partial<Claim> = {}): Claim => ({
    unitId,
    displacedAt: null,
    priorityDraftAt: null,
    requestedAt: '2013-10-01T00:00:00.000Z',
    preferredDates: [],
    ...fields,
  });
  const slots = [
    { id: 1, date: '2013-10-21', start: '09:00' },
    { id: 2, date: '2013-10-21', start: '13:00' },
    { id: 3, date: '2013-10-22', start: '09:00' },
    { id: 4, date: '2013-10-22', start: '13:00' },
  ];

  it('orders displaced units, then draft senders by draft date, then the rest by request time', () => {
    const claims = [
      claim(1, { requestedAt: '2013-10-02T00:00:00.000Z' }),
      claim(2, { requestedAt: '2013-10-01T00:00:00.000Z' }),
      claim(3, { priorityDraftAt: '2013-09-20T00:00:00.000Z', requestedAt: '2013-10-05T00:00:00.000Z' }),
      claim(4, { priorityDraftAt: '2013-09-10T00:00:00.000Z', requestedAt: '2013-10-06T00:00:00.000Z' }),
      claim(5, { displacedAt: '2013-10-15T00:00:00.000Z', requestedAt: '2013-10-09T00:00:00.000Z' }),
    ];
    expect([...claims].sort(claimOrder).map((c) => c.unitId)).toEqual([5, 4, 3, 2, 1]);
  });

  it('gives each its earliest preferred date with room, else the earliest open slot; the rest are unplaced', () => {
    const plan = planAutoSchedule(
      [
        claim(1, { priorityDraftAt: '2013-09-01T00:00:00.000Z', preferredDates: ['2013-10-23', '2013-10-22'] }),
        claim(2, { priorityDraftAt: '2013-09-02T00:00:00.000Z', preferredDates: ['2013-10-22'] }),
        claim(3, { priorityDraftAt: '2013-09-03T00:00:00.000Z', preferredDates: ['2013-10-22'] }),
        claim(4),
        claim(5, { requestedAt: '2013-10-03T00:00:00.000Z' }),
      ],
      slots,
    );
    expect(plan.assignments).toEqual([
      { unitId: 1, slotId: 3 },
      { unitId: 2, slotId: 4 },
      { unitId: 3, slotId: 1 },
      { unitId: 4, slotId: 2 },
    ]);
    expect(plan.unplaced).toEqual([{ unitId: 5, reason: 'NO_OPEN_SLOT' }]);
  });

  it('is deterministic', () => {
    const claims = [claim(2), claim(1), claim(3, { priorityDraftAt: '2013-09-03T00:00:00.000Z' })];
    expect(planAutoSchedule(claims, slots)).toEqual(planAutoSchedule([...claims].reverse(), [...slots].reverse()));
  });
});
