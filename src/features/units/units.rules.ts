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

/** Which units a list shows: the active ones (the default), the deactivated ones, or all. */
export const UNIT_STATUS_FILTERS = ['active', 'inactive', 'all'] as const;
export type UnitStatusFilter = (typeof UNIT_STATUS_FILTERS)[number];
