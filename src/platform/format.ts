import { DateTime } from 'luxon';
import type { Language } from './language';

/** Indonesia's own names for its zones; elsewhere the offset ("UTC+9"). */
const ZONE_NAMES: Record<string, string> = { 'Asia/Jakarta': 'WIB', 'Asia/Pontianak': 'WIB', 'Asia/Makassar': 'WITA', 'Asia/Jayapura': 'WIT' };

/** Indonesia's three zones, as forms offer them: WIB, WITA, WIT. */
export const INDONESIAN_ZONES = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'] as const;

export function zoneName(zone: string, at: DateTime = DateTime.utc()): string {
  return ZONE_NAMES[zone] ?? `UTC${at.setZone(zone).toFormat('Z')}`;
}

const locale = (lang: Language) => (lang === 'id' ? 'id' : 'en-GB');

/** "Senin, 21 Oktober 2013" / "Monday, 21 October 2013", from a local YYYY-MM-DD. */
export function formatDate(date: string, lang: Language): string {
  return DateTime.fromISO(date, { zone: 'utc' }).setLocale(locale(lang)).toFormat('cccc, d LLLL yyyy');
}

/** "21 Okt 2013" for tables and grids. */
export function formatShortDate(date: string, lang: Language): string {
  return DateTime.fromISO(date, { zone: 'utc' }).setLocale(locale(lang)).toFormat('d LLL yyyy');
}

/** "Sen, 21 Okt": a grid's column heading. */
export function formatDayHeading(date: string, lang: Language): string {
  return DateTime.fromISO(date, { zone: 'utc' }).setLocale(locale(lang)).toFormat('ccc, d LLL');
}

/** Indonesians write 09.00; English readers 09:00. */
export const formatTime = (time: string, lang: Language) => (lang === 'id' ? time.replace(':', '.') : time);

/** "Senin, 21 Oktober 2013, 09.00 WITA": an instant as people in the programme's zone read it. */
export function formatInstant(iso: string, zone: string, lang: Language): string {
  const local = DateTime.fromISO(iso, { setZone: true }).setZone(zone);
  return `${formatDate(local.toISODate()!, lang)}, ${formatTime(local.toFormat('HH:mm'), lang)} ${zoneName(zone, local)}`;
}

/** "09.00–11.00 WITA". */
export const formatTimeRange = (start: string, end: string, zone: string, lang: Language) =>
  `${formatTime(start, lang)}–${formatTime(end, lang)} ${zoneName(zone)}`;

/** A byte count as people read it: "1,2 MB". */
export function formatBytes(bytes: number, lang: Language): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${new Intl.NumberFormat(locale(lang), { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value)} ${units[unit]}`;
}

/** A NIP as it is printed on Indonesian documents: "19800412 200501 1 003". */
export const formatNip = (nip: string) => (/^\d{18}$/.test(nip) ? `${nip.slice(0, 8)} ${nip.slice(8, 14)} ${nip.slice(14, 15)} ${nip.slice(15)}` : nip);
