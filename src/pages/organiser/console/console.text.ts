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
    registryLead: 'Pemerintah yang dilayani layanan ini, dan pendaftaran yang baru beserta organiser pertamanya.',
    governmentsLead: (n: number) => `Progres ${n} pemerintah daerah di bawah instansi ini, dalam satu halaman dan satu berkas Excel.`,
    unitsLead: 'Setiap unit kerja (SKPD) yang menyusun SOP. Undang operatornya agar unit dapat mengurus sendiri pendaftaran dan jadwalnya.',
    noticesLead: 'Email yang dikirim kepada unit kerja dan pengguna, dan yang gagal terkirim.',
    failedCount: (n: number) => `${n} pengiriman gagal.`,
    backups: 'Cadangan',
    lastBackup: (when: string, database: string, documents: number, documentSize: string) => `Cadangan terakhir: ${when}, basis data ${database}, ${documents} dokumen (${documentSize}).`,
    noBackup: 'Belum ada cadangan.',
    backupFailed: (when: string, message: string) => `Cadangan pada ${when} gagal: ${message}. Periksa ruang disk dan folder cadangan (BACKUP_DIR).`,
    missingDocuments: (n: number) => `${n} dokumen draf yang tercatat tidak ada di folder dokumen (DOCUMENTS_PATH), jadi tidak ikut dicadangkan. Periksa folder itu.`,
    backupHow: (at: string | null, byCron: boolean) =>
      byCron
        ? 'Pada PostgreSQL, server tidak membuat cadangan harian sendiri: administrator server menjadwalkan skrip cadangan lewat cron (README, bagian Hosting many governments).'
        : `${at ? `Server membuat cadangan setiap hari pukul ${at.replace(':', '.')}.` : 'Server tidak membuat cadangan harian (BACKUP_TIME=off).'} Administrator server dapat membuatnya kapan saja dengan skrip cadangan (README, bagian Backups).`,
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
    registryLead: 'The governments this service serves, and registering a new one with its first organiser.',
    governmentsLead: (n) => `The progress of the ${n} government(s) below this one, on one page and in one Excel file.`,
    unitsLead: 'Every work unit (SKPD) writing SOPs. Invite its operator so the unit can manage its own enrolments and sessions.',
    noticesLead: 'Emails sent to work units and users, and the ones that failed.',
    failedCount: (n) => `${n} ${n === 1 ? 'delivery' : 'deliveries'} failed.`,
    backups: 'Backups',
    lastBackup: (when, database, documents, documentSize) => `Last backup: ${when}, database ${database}, ${documents} ${documents === 1 ? 'document' : 'documents'} (${documentSize}).`,
    noBackup: 'No backup yet.',
    backupFailed: (when, message) => `The backup at ${when} failed: ${message}. Check the disk space and the backup folder (BACKUP_DIR).`,
    missingDocuments: (n) => `${n} draft ${n === 1 ? 'document' : 'documents'} on record ${n === 1 ? 'is' : 'are'} not in the documents folder (DOCUMENTS_PATH), so not in the backup. Check that folder.`,
    backupHow: (at, byCron) =>
      byCron
        ? 'On PostgreSQL the servers take no daily backup of their own: the server’s administrator schedules the backup script with cron (README, Hosting many governments).'
        : `${at ? `The server takes a backup every day at ${at}.` : 'The server takes no daily backup (BACKUP_TIME=off).'} The server’s administrator can take one at any time with the backup script (README, Backups).`,
  },
});
