/**
 * NIP (Nomor Induk Pegawai), the 18-digit civil-servant number:
 *   YYYYMMDD  birth date
 *   YYYYMM    appointment (TMT CPNS) year and month
 *   S         sex, 1 = male, 2 = female
 *   NNN       serial
 * A platform rule (not a feature's) because the officials, the programmes' certificate
 * signatory and the page form reader all check it the same way.
 */

/** Which part of a NIP is wrong: the pages say it in words, the API in English. */
const PARTS = ['length', 'birthDate', 'appointment', 'order', 'sex'] as const;
export type NipPart = (typeof PARTS)[number];
export const isNipPart = (value: unknown): value is NipPart => PARTS.some((part) => part === value);

export type NipCheck =
  | { valid: true; birthDate: string; appointment: string; sex: 'male' | 'female' }
  | { valid: false; part: NipPart; /** The digits of the wrong part (the count of digits for `length`). */ digits: string; reason: string };

/** What a NIP's 18 digits are, as the API's messages say it. */
export const NIP_PARTS = '18 digits: birth date YYYYMMDD, appointment year and month YYYYMM, sex 1 or 2, serial of 3 digits';

/**
 * The API's pattern for a NIP as people write it: digits, with the spaces or dots it is
 * printed with. The page form reader recognises NIP fields by this pattern.
 */
export const NIP_PATTERN = '^[0-9][0-9 .]{16,40}[0-9]$';

/** A NIP as it is printed ("19800412 200501 1 003", "19800412.200501.1.003") to its digits. */
export const nipDigits = (nip: string) => nip.replace(/[\s.]/g, '');

export function checkNip(nip: string): NipCheck {
  if (!/^\d{18}$/.test(nip)) {
    const count = /^\d*$/.test(nip) ? nip.length : -1;
    return {
      valid: false,
      part: 'length',
      digits: String(count),
      reason: `must be exactly ${NIP_PARTS}${count >= 0 ? `; ${count} digit(s) were given` : '; only digits, spaces and dots'}`,
    };
  }
  const [year, month, day, hiredYear, hiredMonth] = [nip.slice(0, 4), nip.slice(4, 6), nip.slice(6, 8), nip.slice(8, 12), nip.slice(12, 14)].map(Number) as [number, number, number, number, number];
  // A real calendar date: Date.UTC rolls 30 February over into March. (Plain arithmetic:
  // imports check thousands of NIPs at a time.)
  const birth = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || birth.getUTCMonth() !== month - 1 || birth.getUTCDate() !== day)
    return { valid: false, part: 'birthDate', digits: nip.slice(0, 8), reason: `digits 1-8 (${nip.slice(0, 8)}) must be a real birth date YYYYMMDD` };
  if (hiredYear < 1900 || hiredMonth < 1 || hiredMonth > 12)
    return { valid: false, part: 'appointment', digits: nip.slice(8, 14), reason: `digits 9-14 (${nip.slice(8, 14)}) must be a real appointment year and month YYYYMM` };
  if (hiredYear * 12 + hiredMonth < year * 12 + month)
    return { valid: false, part: 'order', digits: nip.slice(8, 14), reason: `the appointment (digits 9-14, ${nip.slice(8, 14)}) cannot be before the birth date (digits 1-8, ${nip.slice(0, 8)})` };
  const sex = nip[14]!;
  if (sex !== '1' && sex !== '2') return { valid: false, part: 'sex', digits: sex, reason: `digit 15 (sex) must be 1 or 2, not ${sex}` };
  return {
    valid: true,
    birthDate: `${nip.slice(0, 4)}-${nip.slice(4, 6)}-${nip.slice(6, 8)}`,
    appointment: `${nip.slice(8, 12)}-${nip.slice(12, 14)}`,
    sex: sex === '1' ? 'male' : 'female',
  };
}
