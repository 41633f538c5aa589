import { bilingual } from '../../platform/text';

/** The search over officials by name, NIP and unit (the people list and enrolling into a batch). */
export const officialSearchText = bilingual({
  id: {
    search: 'Nama atau NIP',
    searchHint: 'Sebagian nama, atau angka NIP dengan atau tanpa spasi dan titik (19800412 200501 1 003).',
    unit: 'Unit kerja',
    allUnits: 'Semua unit kerja',
    unitCode: 'Kode unit kerja',
    unitCodeHint: 'Kode unit kerja seperti pada daftar unit kerja (mis. DISHUB); kosongkan untuk semua unit kerja.',
    unknownUnitCode: (code: string) => `Tidak ada unit kerja dengan kode ${code}. Periksa kodenya di daftar unit kerja.`,
    find: 'Cari',
  },
  en: {
    search: 'Name or NIP',
    searchHint: 'Part of a name, or the digits of a NIP with or without spaces and dots (19800412 200501 1 003).',
    unit: 'Unit',
    allUnits: 'All units',
    unitCode: 'Unit code',
    unitCodeHint: 'The unit’s code as in the list of units (e.g. DISHUB); leave empty for every unit.',
    unknownUnitCode: (code: string) => `No unit has the code ${code}. Check the code in the list of units.`,
    find: 'Search',
  },
});
