import { bilingual } from '../../../platform/text';

/** Why the distribution could not place an official (the codes the service answers with). */
export type UnplacedReason = 'NO_ELIGIBLE_BATCH' | 'NO_SEAT' | 'ALREADY_ENROLLED' | 'UNKNOWN_PARTICIPANT';

/** The distribution's preview: who goes where, who cannot be placed and why. */
export const distributionText = bilingual({
  id: {
    title: 'Bagi pejabat ke angkatan',
    lead: 'Pejabat yang belum terdaftar dibagi ke angkatan yang boleh mereka ikuti, dengan kuota per unit dan kapasitas angkatan. Periksa dulu, lalu simpan.',
    nothing: 'Semua pejabat sudah terdaftar di angkatan, atau belum ada angkatan.',
    placed: (n: number) => `${n} pejabat akan ditempatkan`,
    notPlaced: (n: number) => `${n} pejabat tidak dapat ditempatkan`,
    official: 'Pejabat',
    unit: 'Unit kerja',
    batch: 'Angkatan',
    why: 'Alasan',
    reasons: {
      NO_ELIGIBLE_BATCH: 'Tidak ada angkatan untuk jenis unitnya.',
      NO_SEAT: 'Angkatan yang boleh diikuti sudah penuh atau kuota unitnya habis.',
      ALREADY_ENROLLED: 'Sudah terdaftar.',
      UNKNOWN_PARTICIPANT: 'Tidak ditemukan.',
    } satisfies Record<UnplacedReason, string>,
    commit: 'Simpan pembagian ini',
    batches: 'Angkatan workshop',
    perBatch: 'Pejabat per angkatan',
    perReason: 'Pejabat per alasan',
    count: 'Jumlah pejabat',
    whoWhere: 'Siapa ke angkatan mana',
    savesAll: (n: number) => `Menyimpan menempatkan seluruh ${n} pejabat, termasuk yang ada di halaman lain.`,
    notShown: (n: number) => `${n} pejabat lainnya tidak ditampilkan; jumlah per alasan ada di atas.`,
  },
  en: {
    title: 'Distribute officials over the batches',
    lead: 'Officials not yet enrolled are placed in batches they may attend, within each batch’s capacity and unit quota. Check first, then save.',
    nothing: 'Every official is already enrolled, or there is no batch yet.',
    placed: (n) => `${n} official(s) will be placed`,
    notPlaced: (n) => `${n} official(s) cannot be placed`,
    official: 'Official',
    unit: 'Unit',
    batch: 'Batch',
    why: 'Why',
    reasons: {
      NO_ELIGIBLE_BATCH: 'No batch is for their kind of unit.',
      NO_SEAT: 'The batches they may attend are full, or their unit’s quota is used.',
      ALREADY_ENROLLED: 'Already enrolled.',
      UNKNOWN_PARTICIPANT: 'Not found.',
    },
    commit: 'Save this distribution',
    batches: 'Workshop batches',
    perBatch: 'Officials per batch',
    perReason: 'Officials per reason',
    count: 'Officials',
    whoWhere: 'Who goes where',
    savesAll: (n) => `Saving places all ${n} officials, those on the other pages too.`,
    notShown: (n) => `${n} more official(s) not shown; the numbers per reason are above.`,
  },
});
