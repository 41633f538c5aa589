import { DateTime } from 'luxon';
import { formatDate, formatTime, zoneName } from '../../platform/format';
import { memoize } from '../../platform/memo';

/**
 * Dates and times as feeds write them (in Indonesian), by the same rules as pages and emails
 * (platform/format), memoised: a feed repeats the same few dates and zones many times.
 */

/** The zone's name on an event's day: WIB, WITA, WIT, else its offset then ("UTC-4"). */
const zoneLabelOf = memoize((key) => {
  const [zone, date] = key.split(' ') as [string, string];
  return zoneName(zone, DateTime.fromISO(date, { zone }));
});
export const zoneLabel = (zone: string, date: string) => zoneLabelOf(`${zone} ${date}`);

/** "Senin, 21 Oktober 2013" */
export const longDate = memoize((date) => formatDate(date, 'id'));

/** "Senin, 21 Oktober 2013, 09.00–12.00 WITA" */
export function dateAndTime(date: string, start: string, end: string, zone: string): string {
  return `${longDate(date)}, ${formatTime(start, 'id')}–${formatTime(end, 'id')} ${zoneLabel(zone, date)}`;
}
