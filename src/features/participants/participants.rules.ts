import { DateTime } from 'luxon';

/**
 * NIP (Nomor Induk Pegawai), the 18-digit civil-servant number:
 *   YYYYMMDD  birth date
 *   YYYYMM    appointment (TMT CPNS) year and month
 *   S         sex, 1 = male, 2 = female
 *   NNN       serial
 */
export type NipCheck =
  | { valid: true; birthDate: string; appointment: string; sex: 'male' | 'female' }
  | { valid: false; reason: string };

export function checkNip(nip: string): NipCheck {
  if (!/^\d{18}$/.test(nip)) return { valid: false, reason: 'must be exactly 18 digits' };
  const birth = DateTime.fromFormat(nip.slice(0, 8), 'yyyyMMdd', { zone: 'UTC' });
  if (!birth.isValid || birth.year < 1900)
    return { valid: false, reason: `digits 1-8 (${nip.slice(0, 8)}) must be a real birth date YYYYMMDD` };
  const appointment = DateTime.fromFormat(nip.slice(8, 14), 'yyyyMM', { zone: 'UTC' });
  if (!appointment.isValid || appointment.year < 1900)
    return { valid: false, reason: `digits 9-14 (${nip.slice(8, 14)}) must be a real appointment year and month YYYYMM` };
  if (appointment < birth.startOf('month'))
    return { valid: false, reason: 'the appointment (digits 9-14) cannot be before the birth date (digits 1-8)' };
  const sex = nip[14];
  if (sex !== '1' && sex !== '2') return { valid: false, reason: 'digit 15 (sex) must be 1 or 2' };
  return {
    valid: true,
    birthDate: birth.toISODate()!,
    appointment: appointment.toFormat('yyyy-MM'),
    sex: sex === '1' ? 'male' : 'female',
  };
}
