import { bilingual } from '../../platform/text';

/** The words of the parts several screens share. */
export const componentsText = bilingual({
  id: {
    tabs: { angkatan: 'Angkatan workshop', draf: 'Draf SOP', asistensi: 'Jadwal asistensi' },
    tabsLabel: 'Langkah program',
    venue: 'Tempat',
    download: (name: string) => `Unduh ${name}`,
  },
  en: {
    tabs: { angkatan: 'Workshop batches', draf: 'Draft SOPs', asistensi: 'Assistance sessions' },
    tabsLabel: 'Programme steps',
    venue: 'Venue',
    download: (name) => `Download ${name}`,
  },
});
