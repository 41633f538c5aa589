import { readCsvImport } from '../../platform/csv-import';
import { bodyAjv } from '../../platform/validation';
import { PARTICIPANT_IMPORT_COLUMNS, participantImportRequired } from './participant-import.rules';
import { ParticipantImportRow } from './participants.schemas';

const check = bodyAjv.compile<ParticipantImportRow>(ParticipantImportRow);
// A NIP is compared by its digits, however it was printed.
const unique = { field: 'nip' as const, key: (row: ParticipantImportRow) => row.nip.replace(/[\s.]/g, '') };
/** The apostrophe Excel users type before a number to keep it as text ("'0812..."). */
const unquoted = (value: string | null | undefined) => (value ? value.replace(/^'/, '') : value);

/**
 * An officials file (headings from PARTICIPANT_IMPORT_COLUMNS, e.g. `unitCode,nip,name` or
 * `No;Kode Unit;NIP;Nama Lengkap;Jabatan;No HP`): the valid rows and every bad line. With
 * `ownUnitCode` (a unit's own import) the unit column may be left out.
 */
export const parseParticipantsCsv = (text: string, ownUnitCode?: string) =>
  readCsvImport(text, {
    columns: PARTICIPANT_IMPORT_COLUMNS,
    required: participantImportRequired(ownUnitCode !== undefined),
    check,
    unique,
    tidy: (row: Record<string, string | null>) => {
      if (row.nip) row.nip = unquoted(row.nip)!;
      if (row.phone) row.phone = unquoted(row.phone)!;
      if (ownUnitCode !== undefined) row.unitCode ??= ownUnitCode;
    },
  });
