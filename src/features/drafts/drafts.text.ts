import { AppError } from '../../platform/errors';
import { formatBytes } from '../../platform/format';
import type { Language } from '../../platform/language';
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

/** What a unit keeps of draft documents in a programme, and its limit, as a refusal says them. */
export interface DocumentQuotaWords {
  usedDocuments: number;
  /** Bytes as people read them ("87,4 MB"). */
  used: string;
  limitDocuments: number;
  limit: string;
}

/** A draft's file refused because the unit's storage quota in the programme is full: what is used and the limit. */
export const documentQuotaText = bilingual({
  id: {
    reached: (q: DocumentQuotaWords) =>
      `Unit ini sudah menyimpan ${q.usedDocuments} berkas draf (${q.used}) di program ini. Batasnya ${q.limitDocuments} berkas dan ${q.limit} per unit per program, dan berkas ini akan melewatinya.`,
  },
  en: {
    reached: (q) => `This unit already keeps ${q.usedDocuments} draft files (${q.used}) in this programme. The limit is ${q.limitDocuments} files and ${q.limit} per unit and programme, and this file would go past it.`,
  },
});

/** What a unit keeps of draft documents and its quota, as pages say them. */
export const documentStorageWords = (used: { documents: number; bytes: number }, quota: { documents: number; bytes: number }, lang: Language): DocumentQuotaWords => ({
  usedDocuments: used.documents,
  used: formatBytes(used.bytes, lang),
  limitDocuments: quota.documents,
  limit: formatBytes(quota.bytes, lang),
});

/** A file refused by the unit's storage quota, in words: what the unit keeps, the limit, and what to do instead. */
export function quotaRefusal(error: unknown, lang: Language, next: string): string | undefined {
  if (!(error instanceof AppError) || error.code !== 'DOCUMENT_QUOTA_REACHED') return undefined;
  const quota = error.extensions as { usedDocuments: number; usedBytes: number; limitDocuments: number; limitBytes: number };
  const words = documentStorageWords({ documents: quota.usedDocuments, bytes: quota.usedBytes }, { documents: quota.limitDocuments, bytes: quota.limitBytes }, lang);
  return `${documentQuotaText[lang].reached(words)} ${next}`;
}
