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
  const [year, month, day, hiredYear, hiredMonth] = [nip.slice(0, 4), nip.slice(4, 6), nip.slice(6, 8), nip.slice(8, 12), nip.slice(12, 14)].map(Number) as [number, number, number, number, number];
  // A real calendar date: Date.UTC rolls 30 February over into March. (Plain arithmetic:
  // imports check thousands of NIPs at a time.)
  const birth = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || birth.getUTCMonth() !== month - 1 || birth.getUTCDate() !== day)
    return { valid: false, reason: `digits 1-8 (${nip.slice(0, 8)}) must be a real birth date YYYYMMDD` };
  if (hiredYear < 1900 || hiredMonth < 1 || hiredMonth > 12)
    return { valid: false, reason: `digits 9-14 (${nip.slice(8, 14)}) must be a real appointment year and month YYYYMM` };
  if (hiredYear * 12 + hiredMonth < year * 12 + month)
    return { valid: false, reason: 'the appointment (digits 9-14) cannot be before the birth date (digits 1-8)' };
  const sex = nip[14];
  if (sex !== '1' && sex !== '2') return { valid: false, reason: 'digit 15 (sex) must be 1 or 2' };
  return {
    valid: true,
    birthDate: `${nip.slice(0, 4)}-${nip.slice(4, 6)}-${nip.slice(6, 8)}`,
    appointment: `${nip.slice(8, 12)}-${nip.slice(12, 14)}`,
    sex: sex === '1' ? 'male' : 'female',
  };
}
