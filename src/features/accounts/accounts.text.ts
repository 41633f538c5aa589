import type { Role } from '../../platform/actor';
import { bilingual } from '../../platform/text';
import type { UserStatus } from './accounts.rules';

/** What an account may do, and where it stands. */
export const accountText = bilingual({
  id: {
    roles: { organiser: 'Penyelenggara', unit: 'Operator unit kerja' } satisfies Record<Role, string>,
    statuses: { invited: 'Diundang (belum membuat kata sandi)', active: 'Aktif', disabled: 'Dinonaktifkan' } satisfies Record<UserStatus, string>,
  },
  en: {
    roles: { organiser: 'Organiser', unit: 'Work unit operator' },
    statuses: { invited: 'Invited (no password yet)', active: 'Active', disabled: 'Disabled' },
  },
});
