import { bilingual } from '../../../platform/text';

/** Where every unit of a programme stands: totals, the chart by draft stage, the table, the downloads. */
export const progressText = bilingual({
  id: {
    title: 'Progres unit kerja',
    lead: 'Setiap unit: pejabat yang dilatih, status draf SOP, dan asistensi.',
    units: (n: number) => `${n} unit kerja`,
    trained: (attended: number, confirmed: number) => `${attended} dari ${confirmed} pejabat terdaftar sudah hadir di workshop`,
    withDraft: (n: number) => `${n} unit sudah mengirim draf`,
    chartTitle: 'Unit menurut tahap draf SOP',
    noDraft: 'Belum mengirim draf',
    download: 'Unduh',
    xlsx: 'Excel (XLSX)',
    csv: 'CSV',
    code: 'Kode',
    unit: 'Unit kerja',
    officials: 'Pejabat (hadir/terdaftar)',
    draft: 'Draf SOP',
    asistensi: 'Asistensi',
  },
  en: {
    title: 'Progress of the units',
    lead: 'Every unit: officials trained, draft SOP status and asistensi.',
    units: (n) => `${n} unit(s)`,
    trained: (attended, confirmed) => `${attended} of ${confirmed} enrolled officials attended the workshop`,
    withDraft: (n) => `${n} unit(s) have sent a draft`,
    chartTitle: 'Units by draft SOP stage',
    noDraft: 'No draft yet',
    download: 'Download',
    xlsx: 'Excel (XLSX)',
    csv: 'CSV',
    code: 'Code',
    unit: 'Unit',
    officials: 'Officials (attended/enrolled)',
    draft: 'Draft SOP',
    asistensi: 'Asistensi',
  },
});
