import { bilingual } from '../../../platform/text';

/** The overview of the governments below this one (a province's kabupaten and kota). */
export const governmentsText = bilingual({
  id: {
    title: 'Pemerintah daerah',
    lead: 'Setiap kabupaten dan kota di bawah instansi ini, dengan progres setiap programnya: unit yang pejabatnya sudah dilatih, draf SOP, dan asistensi.',
    none: 'Belum ada pemerintah daerah di bawah instansi ini.',
    download: 'Unduh Excel (XLSX)',
    government: 'Pemerintah',
    programme: 'Program',
    units: 'Unit kerja',
    trained: 'Unit dengan pejabat terlatih',
    withDraft: 'Unit dengan draf',
    final: 'Draf final atau ditetapkan',
    sessions: 'Asistensi terlaksana',
    noProgramme: 'Belum ada program',
  },
  en: {
    title: 'Governments',
    lead: 'Every kabupaten and kota below this one, with the progress of each of its programmes: units with officials trained, draft SOPs and asistensi.',
    none: 'No government is below this one yet.',
    download: 'Download Excel (XLSX)',
    government: 'Government',
    programme: 'Programme',
    units: 'Units',
    trained: 'Units with an official trained',
    withDraft: 'Units with a draft',
    final: 'Drafts final or enacted',
    sessions: 'Asistensi held',
    noProgramme: 'No programme yet',
  },
});
