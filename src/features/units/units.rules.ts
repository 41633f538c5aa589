export const UNIT_KINDS = [
  'dinas',
  'badan',
  'kantor',
  'inspektorat',
  'sekretariat',
  'bagian',
  'kecamatan',
  'kelurahan',
  'satpol_pp',
  'rsud',
  'other',
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
