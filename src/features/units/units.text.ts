import { bilingual } from '../../platform/text';
import type { UnitKind } from './units.rules';

/** A unit's kind, the same words on pages, in printouts and in spreadsheets. */
export const unitKindText = bilingual({
  id: {
    dinas: 'Dinas',
    badan: 'Badan',
    kantor: 'Kantor',
    inspektorat: 'Inspektorat',
    sekretariat: 'Sekretariat',
    bagian: 'Bagian',
    kecamatan: 'Kecamatan',
    kelurahan: 'Kelurahan',
    satpol_pp: 'Satpol PP',
    rsud: 'RSUD',
    other: 'Lainnya',
  } satisfies Record<UnitKind, string>,
  en: {
    dinas: 'Agency (dinas)',
    badan: 'Board (badan)',
    kantor: 'Office (kantor)',
    inspektorat: 'Inspectorate',
    sekretariat: 'Secretariat',
    bagian: 'Section (bagian)',
    kecamatan: 'District (kecamatan)',
    kelurahan: 'Sub-district (kelurahan)',
    satpol_pp: 'Satpol PP',
    rsud: 'Regional hospital (RSUD)',
    other: 'Other',
  },
});
