import { bilingual } from '../../platform/text';
import type { AsistensiState } from './progress.rules';

/** How far a unit has come with asistensi, on the progress page and in its spreadsheets. */
export const asistensiStateText = bilingual({
  id: { attended: 'Sudah asistensi', walk_in: 'Datang langsung', booked: 'Terjadwal', none: 'Belum' } satisfies Record<AsistensiState, string>,
  en: { attended: 'Attended', walk_in: 'Walk-in', booked: 'Booked', none: 'Not yet' },
});

/** The progress spreadsheets (CSV and XLSX): sheet names, column headers and the summary's rows. */
export const progressExportText = bilingual({
  id: {
    sheet: 'Unit kerja',
    summary: 'Ringkasan',
    /** A file name's first word: "progres-program-3.csv". */
    filename: 'progres',
    headers: {
      programme: 'Program',
      unitCode: 'Kode unit',
      unitName: 'Nama unit',
      kind: 'Jenis',
      participantsConfirmed: 'Pejabat terdaftar',
      participantsAttended: 'Pejabat hadir',
      draftCount: 'Jumlah draft',
      draftStatus: 'Status draft',
      draftReceivedAt: 'Draft diterima',
      asistensi: 'Asistensi',
      asistensiAt: 'Jadwal asistensi',
    },
    totals: {
      units: 'Unit kerja',
      participantsConfirmed: 'Pejabat terdaftar',
      participantsAttended: 'Pejabat hadir',
      unitsWithDraft: 'Unit dengan draft',
    },
  },
  en: {
    sheet: 'Units',
    summary: 'Summary',
    filename: 'progress',
    headers: {
      programme: 'Programme',
      unitCode: 'Unit code',
      unitName: 'Unit name',
      kind: 'Kind',
      participantsConfirmed: 'Officials confirmed',
      participantsAttended: 'Officials attended',
      draftCount: 'Drafts',
      draftStatus: 'Draft status',
      draftReceivedAt: 'Draft received',
      asistensi: 'Asistensi',
      asistensiAt: 'Asistensi at',
    },
    totals: {
      units: 'Units',
      participantsConfirmed: 'Officials confirmed',
      participantsAttended: 'Officials attended',
      unitsWithDraft: 'Units with a draft',
    },
  },
});

/** The overview of the governments below one (a province's kabupaten and kota), on its page and in its XLSX. */
export const governmentsExportText = bilingual({
  id: {
    sheet: 'Pemerintah daerah',
    filename: 'progres-pemerintah-daerah',
    headers: { government: 'Pemerintah', kind: 'Jenis', parent: 'Di bawah', programme: 'Program', units: 'Unit kerja', unitsTrained: 'Unit dengan pejabat terlatih', unitsWithDraft: 'Unit dengan draft' },
  },
  en: {
    sheet: 'Governments',
    filename: 'governments-progress',
    headers: { government: 'Government', kind: 'Kind', parent: 'Answers to', programme: 'Programme', units: 'Units', unitsTrained: 'Units with an official trained', unitsWithDraft: 'Units with a draft' },
  },
});
