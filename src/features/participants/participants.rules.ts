/**
 * NIP (Nomor Induk Pegawai), the 18-digit civil-servant number (birth date YYYYMMDD,
 * appointment YYYYMM, sex 1/2, serial NNN). The rule lives in the platform (src/platform/nip.ts)
 * because a programme's certificate signatory and the page form reader check NIPs too.
 */
export { checkNip, nipDigits, NIP_PARTS, type NipCheck, type NipPart } from '../../platform/nip';
