import { bilingual } from '../../platform/text';
import type { TenantKind } from './tenants.rules';

/** The kinds of government, as pages and spreadsheets name them. */
export const tenantKindText = bilingual({
  id: { provinsi: 'Provinsi', kabupaten: 'Kabupaten', kota: 'Kota', kementerian: 'Kementerian/lembaga' } satisfies Record<TenantKind, string>,
  en: { provinsi: 'Province', kabupaten: 'Regency', kota: 'City', kementerian: 'Ministry or agency' },
});
