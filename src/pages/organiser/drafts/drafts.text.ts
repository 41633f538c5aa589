import { bilingual } from '../../../platform/text';

/** The drafts inbox: every unit's draft of a programme, its file, its status and notes. */
export const draftsInboxText = bilingual({
  id: {
    title: (programme: string) => `Draf SOP — ${programme}`,
    none: 'Belum ada draf masuk.',
    unit: 'Unit kerja',
    draftTitle: 'Judul draf',
    sopCount: 'Jumlah SOP',
    sentAt: 'Dikirim',
    document: 'Berkas',
    status: 'Status',
    moveTo: 'Ubah status menjadi',
    keepStatus: (status: string) => `Tetap: ${status}`,
    notes: (organisation: string) => `Catatan ${organisation}`,
    update: 'Perbarui',
    updateLabel: (title: string) => `Perbarui status ${title}`,
  },
  en: {
    title: (programme) => `Draft SOPs — ${programme}`,
    none: 'No drafts yet.',
    unit: 'Work unit',
    draftTitle: 'Title of the draft',
    sopCount: 'Number of SOPs',
    sentAt: 'Sent',
    document: 'File',
    status: 'Status',
    moveTo: 'Change the status to',
    keepStatus: (status) => `Keep: ${status}`,
    notes: () => 'The organiser’s notes',
    update: 'Update',
    updateLabel: (title) => `Update the status of ${title}`,
  },
});
