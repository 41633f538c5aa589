import { bilingual } from '../../platform/text';
import type { AsistensiState } from './progress.rules';

/** How far a unit has come with asistensi, on the progress page and in its spreadsheets. */
export const asistensiStateText = bilingual({
  id: { attended: 'Sudah asistensi', walk_in: 'Datang langsung', booked: 'Terjadwal', none: 'Belum' } satisfies Record<AsistensiState, string>,
  en: { attended: 'Attended', walk_in: 'Walk-in', booked: 'Booked', none: 'Not yet' },
});
