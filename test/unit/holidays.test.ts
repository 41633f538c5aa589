import { DECREES } from '../../src/features/holidays/decrees';
import { calendarDaysProblem, isWeekend, nonWorking, weekdayName, yearOf, type HolidayDay } from '../../src/features/holidays/holidays.rules';

describe('the shipped decrees', () => {
  it('cover 2013 and 2020 to 2027, each with its decree, two sources or more and well-formed days', () => {
    expect(Object.keys(DECREES).map(Number)).toEqual([2013, 2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027]);
    for (const [year, decree] of Object.entries(DECREES)) {
      expect(decree.decree).toMatch(/Menteri Agama No\. \d+/);
      expect(decree.sources.length).toBeGreaterThanOrEqual(2);
      const days = decree.days.map(([date, name, kind]) => ({ date, name, kind }));
      expect(calendarDaysProblem(Number(year), days)).toBeUndefined();
      expect(days.map((d) => d.date)).toEqual([...days.map((d) => d.date)].sort());
      expect(days.find((d) => d.date === `${year}-08-17`)?.kind).toBe('holiday');
    }
  });

  it('hold the 2013 and 2026 days the decrees set', () => {
    const kinds = (year: number) => new Map(DECREES[year]!.days.map(([date, , kind]) => [date, kind]));
    const y2013 = kinds(2013);
    expect(['2013-08-05', '2013-08-06', '2013-08-07', '2013-10-14', '2013-12-26'].map((d) => y2013.get(d))).toEqual(Array(5).fill('cuti_bersama'));
    expect(['2013-08-08', '2013-08-09', '2013-10-15', '2013-11-05', '2013-06-06'].map((d) => y2013.get(d))).toEqual(Array(5).fill('holiday'));
    expect(y2013.has('2013-11-04')).toBe(false);
    const y2026 = kinds(2026);
    expect(['2026-02-16', '2026-03-18', '2026-03-20', '2026-03-23', '2026-03-24', '2026-05-15', '2026-05-28', '2026-12-24'].map((d) => y2026.get(d))).toEqual(Array(8).fill('cuti_bersama'));
    expect(['2026-03-19', '2026-03-21', '2026-03-22', '2026-04-03'].map((d) => y2026.get(d))).toEqual(Array(4).fill('holiday'));
  });
});

describe('working days', () => {
  const holidays = new Map<string, HolidayDay>([['2013-10-15', { date: '2013-10-15', name: 'Hari Raya Idul Adha 1434 Hijriyah', kind: 'holiday' }]]);

  it('knows weekends and weekday names whatever the server zone', () => {
    expect(['2013-10-19', '2013-10-20', '2013-10-21'].map(isWeekend)).toEqual([true, true, false]);
    expect(weekdayName('2013-10-21')).toBe('Senin');
    expect(yearOf('2013-10-21')).toBe(2013);
  });

  it('says why a date is not one', () => {
    expect(nonWorking('2013-10-15', holidays)).toEqual({ date: '2013-10-15', reason: 'holiday', name: 'Hari Raya Idul Adha 1434 Hijriyah' });
    expect(nonWorking('2013-10-19', holidays)).toEqual({ date: '2013-10-19', reason: 'weekend', name: 'Sabtu' });
    expect(nonWorking('2013-10-16', holidays)).toBeUndefined();
  });

  it('refuse calendars with a date of another year or a date twice', () => {
    const day = (date: string): HolidayDay => ({ date, name: 'x', kind: 'holiday' });
    expect(calendarDaysProblem(2027, [day('2027-01-01'), day('2028-01-01')])).toEqual({ index: 1, message: '2028-01-01 is not in 2027' });
    expect(calendarDaysProblem(2027, [day('2027-01-01'), day('2027-01-01')])).toEqual({ index: 1, message: '2027-01-01 appears twice' });
  });
});
