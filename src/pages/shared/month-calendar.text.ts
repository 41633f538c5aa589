import { bilingual } from '../../platform/text';

/** Why a day is closed, and the month grid's words. */
export const monthCalendarText = bilingual({
  id: {
    weekend: 'akhir pekan',
    holiday: (name: string) => `libur nasional (${name})`,
    cutiBersama: (name: string) => `cuti bersama (${name})`,
    weekdays: ['Sen', 'Sel', 'Rab', 'Kam', 'Jum', 'Sab', 'Min'],
    noHolidays: 'Tidak ada hari libur nasional atau cuti bersama bulan ini.',
  },
  en: {
    weekend: 'a weekend',
    holiday: (name) => `a national holiday (${name})`,
    cutiBersama: (name) => `cuti bersama (${name})`,
    weekdays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
    noHolidays: 'No national holiday or cuti bersama this month.',
  },
});
