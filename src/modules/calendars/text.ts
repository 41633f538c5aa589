import { DateTime } from 'luxon';

/** What Indonesians call their zones; other zones show their UTC offset. */
const ZONE_NAMES: Record<string, string> = { 'Asia/Jakarta': 'WIB', 'Asia/Pontianak': 'WIB', 'Asia/Makassar': 'WITA', 'Asia/Jayapura': 'WIT' };

export function zoneLabel(zone: string, date: string): string {
  return ZONE_NAMES[zone] ?? `UTC${DateTime.fromISO(date, { zone }).toFormat('ZZ')}`;
}

/** "Senin, 21 Oktober 2013" */
export function longDate(date: string): string {
  return DateTime.fromISO(date, { zone: 'utc' }).setLocale('id').toFormat('cccc, d LLLL yyyy');
}

/** "Senin, 21 Oktober 2013, 09.00–12.00 WITA" */
export function dateAndTime(date: string, start: string, end: string, zone: string): string {
  return `${longDate(date)}, ${start.replace(':', '.')}–${end.replace(':', '.')} ${zoneLabel(zone, date)}`;
}
