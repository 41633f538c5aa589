import { bilingual } from '../../platform/text';
import type { DraftStatus } from './drafts.rules';

/** A draft's status, the same words on pages, in emails and in spreadsheets. */
export const draftStatusText = bilingual({
  id: {
    submitted: 'Terkirim, menunggu diterima',
    received: 'Diterima',
    reviewed: 'Sudah direviu',
    final: 'Draf final',
    enacted: 'Ditetapkan dengan peraturan kepala daerah',
  } satisfies Record<DraftStatus, string>,
  en: {
    submitted: 'Sent, waiting to be accepted',
    received: 'Received',
    reviewed: 'Reviewed',
    final: 'Final draft',
    enacted: 'Enacted by regional regulation',
  },
});
