import { bilingual } from '../../../platform/text';

/** The console's home: what the organiser looks after, each a link. */
export const consoleText = bilingual({
  id: {
    title: (organisation: string) => `Konsol ${organisation}`,
    lead: 'Program, unit kerja, dan pengguna.',
    programmes: 'Program',
    newProgramme: 'Program baru',
    noProgrammes: 'Belum ada program.',
    drafts: 'Draf SOP',
    people: 'Pejabat',
    publicPage: 'Halaman publik',
    units: 'Unit kerja',
    unitsLead: 'Setiap unit kerja (SKPD) yang menyusun SOP. Undang operatornya agar unit dapat mengurus sendiri pendaftaran dan jadwalnya.',
    noticesLead: 'Email yang dikirim kepada unit kerja dan pengguna, dan yang gagal terkirim.',
    failedCount: (n: number) => `${n} pengiriman gagal.`,
  },
  en: {
    title: () => 'Organiser’s console',
    lead: 'Programmes, work units and users.',
    programmes: 'Programmes',
    newProgramme: 'New programme',
    noProgrammes: 'No programme yet.',
    drafts: 'Draft SOPs',
    people: 'Officials',
    publicPage: 'Public page',
    units: 'Work units',
    unitsLead: 'Every work unit (SKPD) writing SOPs. Invite its operator so the unit can manage its own enrolments and sessions.',
    noticesLead: 'Emails sent to work units and users, and the ones that failed.',
    failedCount: (n) => `${n} ${n === 1 ? 'delivery' : 'deliveries'} failed.`,
  },
});
