import { DateTime } from 'luxon';
import type { NonWorking } from '../../features/holidays/holidays.rules';
import { formatDate } from '../../platform/format';
import type { PageContext } from '../../web/context';
import { monthCalendarText } from './month-calendar.text';

/** The dates of a month ("2013-10"), first to last. */
export function datesOf(month: string): string[] {
  const first = DateTime.fromISO(`${month}-01`, { zone: 'utc' });
  return Array.from({ length: first.daysInMonth! }, (_, i) => first.plus({ days: i }).toISODate()!);
}

export const monthAfter = (month: string, n: number) => DateTime.fromISO(`${month}-01`, { zone: 'utc' }).plus({ months: n }).toFormat('yyyy-MM');

/** Why a day is not a working day, in words. */
export function closedReason(ctx: PageContext, day: NonWorking) {
  const t = monthCalendarText[ctx.lang];
  return day.reason === 'weekend' ? t.weekend : day.reason === 'holiday' ? t.holiday(day.name) : t.cutiBersama(day.name);
}

/**
 * One month as a table, Monday first: weekends grey, national holidays and cuti bersama marked
 * and named under the table, the chosen dates outlined.
 */
export function MonthCalendar({ ctx, month, closed, chosen = [] }: { ctx: PageContext; month: string; closed: NonWorking[]; chosen?: string[] }) {
  const t = monthCalendarText[ctx.lang];
  const dates = datesOf(month);
  const why = new Map(closed.map((c) => [c.date, c]));
  const lead = DateTime.fromISO(dates[0]!, { zone: 'utc' }).weekday - 1;
  const cells: (string | null)[] = [...Array.from({ length: lead }, () => null), ...dates];
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks = Array.from({ length: cells.length / 7 }, (_, i) => cells.slice(i * 7, i * 7 + 7));
  const holidays = closed.filter((c) => c.reason !== 'weekend');
  const title = DateTime.fromISO(dates[0]!, { zone: 'utc' }).setLocale(ctx.lang === 'id' ? 'id' : 'en-GB').toFormat('LLLL yyyy');
  return (
    <div class="month">
      <table class="month__table">
        <caption class="month__title">{title}</caption>
        <thead>
          <tr>
            {t.weekdays.map((d) => (
              <th scope="col">{d}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr>
              {week.map((date) => {
                if (!date) return <td />;
                const day = why.get(date);
                const classes = ['month__day', day ? `month__day--${day.reason}` : '', chosen.includes(date) ? 'month__day--chosen' : ''].filter(Boolean).join(' ');
                return (
                  <td class={classes} title={day ? closedReason(ctx, day) : undefined}>
                    {Number(date.slice(8))}
                    {day && day.reason !== 'weekend' && <span class="visually-hidden">: {closedReason(ctx, day)}</span>}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {holidays.length === 0 ? (
        <p class="field__hint">{t.noHolidays}</p>
      ) : (
        <ul class="month__holidays">
          {holidays.map((h) => (
            <li>
              <span class={`month__key month__key--${h.reason}`} aria-hidden="true" />
              {formatDate(h.date, ctx.lang)}: {closedReason(ctx, h)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
