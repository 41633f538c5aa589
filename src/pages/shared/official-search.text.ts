import { bilingual } from '../../platform/text';

/** The search over officials by name, NIP and unit (the people list and enrolling into a batch). */
export const officialSearchText = bilingual({
  id: {
    search: 'Nama atau NIP',
    searchHint: 'Sebagian nama, atau angka NIP dengan atau tanpa spasi dan titik (19800412 200501 1 003).',
    unit: 'Unit kerja',
    allUnits: 'Semua unit kerja',
    find: 'Cari',
  },
  en: {
    search: 'Name or NIP',
    searchHint: 'Part of a name, or the digits of a NIP with or without spaces and dots (19800412 200501 1 003).',
    unit: 'Unit',
    allUnits: 'All units',
    find: 'Search',
  },
});
