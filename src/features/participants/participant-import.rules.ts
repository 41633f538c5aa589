import type { ImportColumn } from '../../platform/csv-import';

/**
 * The headings an officials file may give each field, in Indonesian and English, compared in
 * any case and spacing (src/platform/csv-import.ts, headingKey). Numbering columns ("No",
 * "Nomor", "#") and any other column are left out; the import pages show this list as help.
 */
export const PARTICIPANT_IMPORT_COLUMNS = [
  { field: 'unitCode', headings: ['Kode Unit', 'Unit', 'Kode Unit Kerja', 'Kode SKPD', 'Kode OPD', 'Unit Code'] },
  { field: 'nip', headings: ['NIP', 'NIP Baru', 'Nomor Induk Pegawai'] },
  { field: 'name', headings: ['Nama', 'Nama Lengkap', 'Nama Pegawai', 'Nama Pejabat', 'Name', 'Full Name'] },
  { field: 'position', headings: ['Jabatan', 'Nama Jabatan', 'Position', 'Job Title'] },
  { field: 'email', headings: ['Email', 'E-mail', 'Surel', 'Alamat Email'] },
  { field: 'phone', headings: ['Telepon', 'Telp', 'No HP', 'Nomor HP', 'HP', 'No Telepon', 'Nomor Telepon', 'WhatsApp', 'No WA', 'Phone', 'Mobile'] },
] as const satisfies readonly ImportColumn[];

export type ParticipantImportField = (typeof PARTICIPANT_IMPORT_COLUMNS)[number]['field'];

/**
 * The fields an officials file must have a column for: the organiser's names each official's
 * unit by its code; a unit's own may leave the unit out.
 */
export const participantImportRequired = (ownUnit: boolean): readonly ParticipantImportField[] => (ownUnit ? ['nip', 'name'] : ['unitCode', 'nip', 'name']);
