import type { Api } from '../../http/api';
import { errorResponses } from '../../platform/schemas';
import { weekdayName } from './holidays.rules';
import { HolidayCalendar, HolidayCalendarBody, YearParams } from './holidays.schemas';
import type { HolidaysService, YearCalendar } from './holidays.service';

const withWeekdays = (calendar: YearCalendar) => ({ ...calendar, days: calendar.days.map((d) => ({ ...d, weekday: weekdayName(d.date) })) });

export function holidayRoutes(app: Api, { holidays }: { holidays: HolidaysService }) {
  app.get(
    '/holiday-calendars/:year',
    {
      config: { allowUnit: true },
      schema: { tags: ['holidays'], summary: "A year's national holidays and cuti bersama (by decree, or provisional)", params: YearParams, response: { 200: HolidayCalendar, ...errorResponses } },
    },
    async (request) => withWeekdays(await holidays.calendarOf(request.params.year)),
  );

  app.put(
    '/holiday-calendars/:year',
    {
      schema: {
        tags: ['holidays'],
        summary: "Replace a year's calendar for the whole deployment (periods created afterwards use it)",
        params: YearParams,
        body: HolidayCalendarBody,
        response: { 200: HolidayCalendar, ...errorResponses },
      },
    },
    async (request) => withWeekdays(await holidays.replace(request.actor, request.params.year, request.body)),
  );
}
