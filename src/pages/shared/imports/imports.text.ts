import { bilingual } from '../../../platform/text';

/** What every import says: the upload, the check, the bad lines. */
export const importsText = bilingual({
  id: {
    check: 'Periksa berkas',
    noFile: 'Pilih berkas lebih dulu.',
    notSpreadsheet: 'Berkas harus CSV atau Excel (XLSX).',
    unreadable: 'Berkas Excel ini tidak dapat dibaca. Simpan ulang sebagai XLSX atau CSV lalu unggah lagi.',
    badLinesTitle: (n: number) => `${n} baris perlu diperbaiki. Belum ada yang disimpan.`,
    badLinesLead: 'Perbaiki baris berikut di berkas Anda, lalu unggah lagi.',
    line: 'Baris',
    column: 'Kolom',
    problem: 'Masalah',
    previewTitle: 'Periksa sebelum menyimpan',
    duplicate: 'Data ini sudah muncul di baris sebelumnya.',
    header: 'Baris judul tidak lengkap atau memuat kolom yang tidak dikenal.',
    columns: 'Jumlah kolom tidak sama dengan baris judul.',
    empty: 'Berkas kosong atau tidak berisi data.',
    other: 'Baris ini tidak dapat dibaca.',
  },
  en: {
    check: 'Check the file',
    noFile: 'Choose a file first.',
    notSpreadsheet: 'The file must be CSV or Excel (XLSX).',
    unreadable: 'This Excel file cannot be read. Save it again as XLSX or CSV and upload it again.',
    badLinesTitle: (n) => `${n} line(s) need fixing. Nothing was saved.`,
    badLinesLead: 'Fix these lines in your file, then upload it again.',
    line: 'Line',
    column: 'Column',
    problem: 'Problem',
    previewTitle: 'Check before saving',
    duplicate: 'This already appears on an earlier line.',
    header: 'The heading line is incomplete or has a column we do not know.',
    columns: 'The number of columns differs from the heading line.',
    empty: 'The file is empty or has no data.',
    other: 'This line cannot be read.',
  },
});

/** The officials import, as the organiser (every unit) and a unit operator (their own) both upload it. */
export const officialsImportText = bilingual({
  id: {
    file: 'Berkas CSV',
    fileHint: 'Paling besar 2 MB.',
    counts: (created: number, updated: number, unchanged: number) => `${created} pejabat baru, ${updated} diperbarui, ${unchanged} tidak berubah.`,
    confirm: 'Simpan daftar pejabat',
    lineProblems: {
      nip: 'NIP tidak valid: harus 18 angka (tanggal lahir, TMT, jenis kelamin, nomor urut).',
      nipOtherUnit: (organisation: string) => `NIP ini terdaftar di unit lain. Minta ${organisation} memindahkannya.`,
      name: 'Nama wajib diisi.',
      email: 'Alamat email tidak valid.',
      phone: 'Nomor telepon tidak valid.',
      notYourUnit: 'Kode unit bukan unit Anda.',
      unknownUnit: 'Kode unit tidak dikenal.',
    },
  },
  en: {
    file: 'CSV file',
    fileHint: 'At most 2 MB.',
    counts: (created, updated, unchanged) => `${created} new, ${updated} updated, ${unchanged} unchanged.`,
    confirm: 'Save the list of officials',
    lineProblems: {
      nip: 'Not a valid NIP: it has 18 digits (birth date, appointment month, sex, serial number).',
      nipOtherUnit: () => 'This NIP is registered with another unit. Ask the organiser to move the official.',
      name: 'The name is missing.',
      email: 'Not a valid email address.',
      phone: 'Not a valid phone number.',
      notYourUnit: 'The unit code is not your unit.',
      unknownUnit: 'Unknown unit code.',
    },
  },
});
