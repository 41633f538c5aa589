import { dateHolidays } from '../../platform/heavy-modules';
import { requireOrganiser, type Actor } from '../../platform/actor';
import { invalidField } from '../../platform/errors';
import { toStoredInstant, type Clock } from '../../platform/time';
import type { UnitOfWork } from '../../platform/unit-of-work';
import type { AuditService } from '../audit/audit.service';
import { DECREES } from './decrees';
import type { HolidaysRepository } from './holidays.repository';
import { calendarDaysProblem, nonWorking, yearOf, type HolidayDay, type HolidaySource, type NonWorking } from './holidays.rules';

export interface YearCalendar {
  year: number;
  source: HolidaySource;
  decree: string | null;
  decreeDate: string | null;
  sources: string[];
  updatedAt: string | null;
  days: HolidayDay[];
}

let computed: InstanceType<ReturnType<typeof dateHolidays>> | undefined;

function provisional(year: number): HolidayDay[] {
  // date-holidays does not return for some years (year 1 never does): computed only where dates are accepted.
  if (year < 1900 || year > 2199) return [];
  const days = new Map<string, HolidayDay>();
  computed ??= new (dateHolidays())('ID');
  for (const h of computed.getHolidays(year)) {
    const date = h.date.slice(0, 10);
    if (h.type === 'public' && yearOf(date) === year && !days.has(date)) days.set(date, { date, name: h.name, kind: 'holiday' });
  }
  return [...days.values()].sort((a, b) => a.date.localeCompare(b.date));
}

export type HolidaysService = ReturnType<typeof createHolidaysService>;

export function createHolidaysService(deps: { repository: HolidaysRepository; uow: UnitOfWork; clock: Clock; audit: AuditService }) {
  const { repository, uow, clock, audit } = deps;

  async function calendarOf(year: number): Promise<YearCalendar> {
    const stored = await repository.byYear(year);
    if (stored) return { year, source: 'organiser', decree: stored.decree, decreeDate: null, sources: [], updatedAt: stored.updatedAt, days: stored.days };
    const shipped = DECREES[year];
    if (shipped)
      return {
        year,
        source: 'decree',
        decree: shipped.decree,
        decreeDate: shipped.decreeDate,
        sources: shipped.sources,
        updatedAt: null,
        days: shipped.days.map(([date, name, kind]) => ({ date, name, kind })),
      };
    return { year, source: 'provisional', decree: null, decreeDate: null, sources: [], updatedAt: null, days: provisional(year) };
  }

  /** The holidays and cuti bersama from `from` to `to` (inclusive), and where each year's came from. */
  async function between(from: string, to: string): Promise<{ days: Map<string, HolidayDay>; sources: Map<number, HolidaySource> }> {
    const days = new Map<string, HolidayDay>();
    const sources = new Map<number, HolidaySource>();
    for (let year = yearOf(from); year <= yearOf(to); year++) {
      const calendar = await calendarOf(year);
      sources.set(year, calendar.source);
      for (const d of calendar.days) if (d.date >= from && d.date <= to) days.set(d.date, d);
    }
    return { days, sources };
  }

  return {
    calendarOf,
    between,

    /** The dates among `dates` that are not working days, and why. */
    async nonWorkingDays(dates: readonly string[]): Promise<NonWorking[]> {
      if (dates.length === 0) return [];
      const sorted = [...dates].sort();
      const { days } = await between(sorted[0]!, sorted[sorted.length - 1]!);
      return dates.flatMap((date) => nonWorking(date, days) ?? []);
    },

    /** Replaces a year's calendar for the whole deployment; periods created afterwards use it. */
    async replace(actor: Actor, year: number, input: { decree: string; days: HolidayDay[] }): Promise<YearCalendar> {
      requireOrganiser(actor);
      const problem = calendarDaysProblem(year, input.days);
      if (problem) throw invalidField(`/body/days/${problem.index}/date`, problem.message);
      return await uow.write(async () => {
        const before = await calendarOf(year);
        await repository.replace(year, input.decree, [...input.days].sort((a, b) => a.date.localeCompare(b.date)), toStoredInstant(clock.now()));
        const after = await calendarOf(year);
        await audit.record(actor, { action: 'holidayCalendar.replace', entity: 'holidayCalendar', entityId: year, before, after });
        return after;
      });
    },
  };
}
