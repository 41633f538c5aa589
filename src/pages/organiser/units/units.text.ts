import { bilingual } from '../../../platform/text';

/** The organiser's units: the list and its filters, one unit's fields, the imports from it. */
export const unitsText = bilingual({
  id: {
    units: 'Unit kerja',
    unitsLead: 'Setiap unit kerja (SKPD) yang menyusun SOP. Undang operatornya agar unit dapat mengurus sendiri pendaftaran dan jadwalnya.',
    code: 'Kode',
    codeHint: 'Singkatan unik, misalnya DISHUB.',
    unitName: 'Nama unit kerja',
    kind: 'Jenis',
    unitEmail: 'Email unit',
    operators: 'Operator',
    invite: 'Undang operator',
    inviteLabel: (unit: string) => `Undang operator ${unit}`,
    search: 'Cari nama atau kode',
    kindAll: 'Semua jenis',
    editUnit: (name: string) => `Ubah ${name}`,
    filter: 'Saring',
    addUnit: 'Tambah unit kerja',
    noUnits: 'Belum ada unit kerja.',
    unitsImportLink: 'Unggah dari CSV atau Excel',
    officialsImport: 'Unggah pejabat semua unit (CSV)',
    officialsImportLead: 'Satu baris per pejabat. Kolom: kode_unit, nip, nama, dan bila ada jabatan, email, telepon. Pejabat dengan NIP yang sudah terdaftar akan diperbarui.',
  },
  en: {
    units: 'Work units',
    unitsLead: 'Every work unit (SKPD) writing SOPs. Invite its operator so the unit can manage its own enrolments and sessions.',
    code: 'Code',
    codeHint: 'A unique short name, for example DISHUB.',
    unitName: 'Name of the work unit',
    kind: 'Kind',
    unitEmail: 'Unit email',
    operators: 'Operators',
    invite: 'Invite an operator',
    inviteLabel: (unit) => `Invite an operator for ${unit}`,
    search: 'Search name or code',
    kindAll: 'Every kind',
    editUnit: (name) => `Edit ${name}`,
    filter: 'Filter',
    addUnit: 'Add a work unit',
    noUnits: 'No work units yet.',
    unitsImportLink: 'Upload from CSV or Excel',
    officialsImport: 'Upload officials of every unit (CSV)',
    officialsImportLead: 'One line per official. Columns: kode_unit, nip, nama, and optionally jabatan, email, telepon. Officials whose NIP exists are updated.',
  },
});

/** The units import: one line per unit, from CSV or an Excel workbook. */
export const unitImportText = bilingual({
  id: {
    title: 'Unggah daftar unit kerja',
    lead: 'Satu baris per unit. Kolom: kode, nama, jenis (Dinas, Badan, Kantor, Kecamatan, Kelurahan, Satpol PP, ...) dan bila ada email. Unit dengan kode yang sudah terdaftar akan diperbarui.',
    file: 'Berkas CSV atau Excel',
    fileHint: 'CSV atau XLSX (lembar pertama), paling besar 2 MB.',
    counts: (created: number, updated: number, unchanged: number) => `${created} unit baru, ${updated} diperbarui, ${unchanged} tidak berubah.`,
    confirm: 'Simpan daftar unit',
    lineProblems: {
      code: 'Kode wajib diisi (huruf, angka, tanda hubung).',
      name: 'Nama wajib diisi.',
      kind: 'Jenis tidak dikenal: Dinas, Badan, Kantor, Inspektorat, Sekretariat, Bagian, Kecamatan, Kelurahan, Satpol PP, RSUD atau Lainnya.',
      email: 'Alamat email tidak valid.',
    },
  },
  en: {
    title: 'Upload the list of units',
    lead: 'One line per unit. Columns: code, name, kind (dinas, badan, kantor, kecamatan, kelurahan, satpol_pp, ...) and optionally email. Units whose code exists are updated.',
    file: 'CSV or Excel file',
    fileHint: 'CSV or XLSX (first sheet), at most 2 MB.',
    counts: (created, updated, unchanged) => `${created} new unit(s), ${updated} updated, ${unchanged} unchanged.`,
    confirm: 'Save the list of units',
    lineProblems: {
      code: 'A code is required (letters, digits, hyphens).',
      name: 'A name is required.',
      kind: 'Unknown kind: dinas, badan, kantor, inspektorat, sekretariat, bagian, kecamatan, kelurahan, satpol_pp, rsud or other.',
      email: 'Not a valid email address.',
    },
  },
});
