import { readCsvImport } from '../../platform/csv-import';
import { bodyAjv } from '../../platform/validation';
import { ParticipantImportRow } from './participants.schemas';

const check = bodyAjv.compile<ParticipantImportRow>(ParticipantImportRow);
/** The column names Indonesian spreadsheets use. */
const aliases = { kode_unit: 'unitCode', nama: 'name', jabatan: 'position', telepon: 'phone', hp: 'phone' };
// A NIP is compared by its digits, however it was printed.
const unique = { field: 'nip' as const, key: (row: ParticipantImportRow) => row.nip.replace(/[ .]/g, '') };

/**
 * An officials CSV (header `unitCode,nip,name` and optionally `position,email,phone`, or
 * kode_unit, nama, jabatan, telepon): every row valid, or every bad line. With `ownUnitCode`
 * (a unit's own import) the unit column may be left out.
 */
export const parseParticipantsCsv = (text: string, ownUnitCode?: string) =>
  readCsvImport(text, {
    required: ownUnitCode === undefined ? ['unitCode', 'nip', 'name'] : ['nip', 'name'],
    optional: ownUnitCode === undefined ? ['position', 'email', 'phone'] : ['unitCode', 'position', 'email', 'phone'],
    aliases,
    check,
    unique,
    ...(ownUnitCode === undefined ? {} : { tidy: (row: Record<string, string | null>) => void (row.unitCode ??= ownUnitCode) }),
  });
