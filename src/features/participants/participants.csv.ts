import { readCsvImport } from '../../platform/csv-import';
import { bodyAjv } from '../../platform/validation';
import { ParticipantImportRow } from './participants.schemas';

const shape = {
  required: ['unitCode', 'nip', 'name'],
  optional: ['position', 'email', 'phone'],
  check: bodyAjv.compile<ParticipantImportRow>(ParticipantImportRow),
  // A NIP is compared by its digits, however it was printed.
  unique: { field: 'nip' as const, key: (row: ParticipantImportRow) => row.nip.replace(/[ .]/g, '') },
};

/** An officials CSV (header `unitCode,nip,name` and optionally `position,email,phone`): every row valid, or every bad line. */
export const parseParticipantsCsv = (text: string) => readCsvImport(text, shape);
