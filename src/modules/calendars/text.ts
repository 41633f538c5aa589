import { DateTime } from 'luxon';

/** What Indonesians call their zones; other zones show their UTC offset. */
const ZONE_NAMES: Record<string, string> = { 'Asia/Jakarta': 'WIB', 'Asia/Pontianak': 'WIB', 'Asia/Makassar': 'WITA', 'Asia/Jayapura': 'WIT' };

/** Feeds repeat the same few dates thousands of times: format each once. */
function memo(fn: (key: string) => string, max = 10_000): (key: string) => string {
  const cache = new Map<string, string>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) {
      if (cache.size >= max) cache.clear();
      value = fn(key);
      cache.set(key, value);
    }
    return value;
  };
}

const zoneLabelOf = memo((key) => {
  const [zone, date] = key.split(' ') as [string, string];
  return ZONE_NAMES[zone] ?? `UTC${DateTime.fromISO(date, { zone }).toFormat('ZZ')}`;
});
export const zoneLabel = (zone: string, date: string) => zoneLabelOf(`${zone} ${date}`);

/** "Senin, 21 Oktober 2013" */
export const longDate = memo((date) => DateTime.fromISO(date, { zone: 'utc' }).setLocale('id').toFormat('cccc, d LLLL yyyy'));

/** "Senin, 21 Oktober 2013, 09.00–12.00 WITA" */
export function dateAndTime(date: string, start: string, end: string, zone: string): string {
  return `${longDate(date)}, ${start.replace(':', '.')}–${end.replace(':', '.')} ${zoneLabel(zone, date)}`;
}
