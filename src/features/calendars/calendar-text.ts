import { DateTime } from 'luxon';
import { memoize } from '../../platform/memo';

/** What Indonesians call their zones; other zones show their UTC offset. */
const ZONE_NAMES: Record<string, string> = { 'Asia/Jakarta': 'WIB', 'Asia/Pontianak': 'WIB', 'Asia/Makassar': 'WITA', 'Asia/Jayapura': 'WIT' };

const zoneLabelOf = memoize((key) => {
  const [zone, date] = key.split(' ') as [string, string];
  return ZONE_NAMES[zone] ?? `UTC${DateTime.fromISO(date, { zone }).toFormat('ZZ')}`;
});
export const zoneLabel = (zone: string, date: string) => zoneLabelOf(`${zone} ${date}`);

/** "Senin, 21 Oktober 2013" */
export const longDate = memoize((date) => DateTime.fromISO(date, { zone: 'utc' }).setLocale('id').toFormat('cccc, d LLLL yyyy'));

/** "Senin, 21 Oktober 2013, 09.00–12.00 WITA" */
export function dateAndTime(date: string, start: string, end: string, zone: string): string {
  return `${longDate(date)}, ${start.replace(':', '.')}–${end.replace(':', '.')} ${zoneLabel(zone, date)}`;
}
