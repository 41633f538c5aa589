import { bilingual } from '../platform/text';

/** A refusal's members (e.g. `priorityUntil`), already written for the reader (times in the programme's zone), and the organiser's name. */
type Params = Record<string, string> & { organisation: string };
type Sentence = string | ((p: Params) => string);

/**
 * The sentence a page shows for each refusal code of the services (the API answers the same
 * code with an English `detail`). A code without a sentence here falls back to `generic`.
 */
export const refusalText = bilingual({
  id: {
    generic: 'Permintaan ini tidak dapat diproses.',
    VALIDATION_FAILED: 'Ada isian yang perlu diperbaiki.',
    NOT_FOUND: 'Data yang diminta tidak ada.',
    REFERENCE_NOT_FOUND: 'Data yang dipilih tidak ada (mungkin baru saja dihapus). Muat ulang halaman.',
    FORBIDDEN: 'Akun Anda tidak boleh melakukan ini.',
    RATE_LIMITED: 'Terlalu banyak percobaan. Coba lagi sebentar lagi.',
    NOT_A_WORKING_DAY: 'Kantor tutup pada hari yang dipilih.',
    BATCH_NAME_TAKEN: 'Nama angkatan ini sudah dipakai di program ini.',
    CAPACITY_BELOW_CONFIRMED: 'Kapasitas tidak boleh lebih kecil dari jumlah pejabat yang sudah terdaftar.',
    QUOTA_BELOW_CONFIRMED: 'Kursi per unit tidak boleh lebih kecil dari kursi yang sudah dipakai satu unit.',
    SLOT_TAKEN: 'Jadwal ini baru saja dipesan unit lain. Pilih jadwal lain.',
    NOTES_CHANGED: (p: Params) => `Catatan sesi ini baru saja diubah orang lain menjadi: “${p.notes}”. Tulisan Anda masih di kotak: gabungkan bila perlu, lalu simpan lagi.`,
    SLOT_PERIOD_MISMATCH: 'Jadwal ini bukan bagian dari periode asistensi tersebut. Muat ulang halaman.',
    PASSWORD_CHANGED: 'Kata sandi baru saja diganti di perangkat lain. Silakan masuk lagi.',
    SLOT_CLOSED: 'Jadwal ini ditutup. Pilih jadwal lain.',
    SLOT_STARTED: 'Jadwal ini sudah dimulai atau sudah lewat. Pilih jadwal lain.',
    UNIT_ALREADY_BOOKED: 'Unit Anda sudah punya jadwal asistensi pada periode ini. Pindahkan jadwal itu bila ingin waktu lain.',
    PRIORITY_WINDOW: (p: Params) => `Sampai ${p.priorityUntil}, hanya unit yang draf SOP-nya sudah diterima ${p.organisation} yang dapat memesan. Draf yang sudah dikirim perlu diterima lebih dulu; atau pesan setelah waktu itu.`,
    BOOKING_CLOSED: (p: Params) => `Pemesanan tidak dibuka saat ini${p.bookingOpensAt ? `; dibuka ${p.bookingOpensAt}` : ''}${p.bookingClosesAt ? `; ditutup ${p.bookingClosesAt}` : ''}.`,
    TOO_LATE: (p: Params) => `Sudah terlalu dekat dengan waktu asistensi untuk memindah atau membatalkan. Hubungi ${p.organisation}.`,
    BOOKING_NOT_ACTIVE: 'Jadwal ini sudah dibatalkan atau dipindah. Muat ulang halaman.',
    REQUEST_EXISTS: 'Unit Anda sudah punya permintaan jadwal yang menunggu.',
    REQUEST_NOT_OPEN: 'Permintaan ini sudah tidak menunggu.',
    NOT_ELIGIBLE: 'Angkatan ini bukan untuk jenis unit Anda.',
    UNIT_QUOTA_REACHED: 'Unit Anda sudah memakai semua kursinya di angkatan ini.',
    ALREADY_ENROLLED: (p: Params) => `Pejabat ini sudah terdaftar di ${p.batchName}. Batalkan pendaftaran itu lebih dulu bila ingin pindah angkatan.`,
    ALREADY_CANCELLED: 'Pendaftaran ini sudah dibatalkan.',
    BATCH_FULL: 'Angkatan ini sudah penuh.',
    NIP_TAKEN: 'NIP ini sudah terdaftar.',
    PARTICIPANT_ENROLLED: 'Pejabat ini masih terdaftar di angkatan. Batalkan pendaftarannya lebih dulu.',
    HAS_ACTIVE_ENROLMENT: 'Pejabat ini masih terdaftar di angkatan. Batalkan pendaftarannya lebih dulu.',
    UNIT_CODE_TAKEN: 'Kode ini sudah dipakai unit lain.',
    UNIT_INACTIVE: (p: Params) =>
      `${p.unitName} sudah dinonaktifkan: unit ini tidak dapat didaftarkan ke angkatan, mengirim draf, memesan atau meminta jadwal asistensi, atau mendapat operator baru. ${p.organisation} dapat mengaktifkannya lagi di halaman unit.`,
    EMAIL_TAKEN: 'Email ini sudah dipakai akun lain.',
    USER_DISABLED: 'Akun ini dinonaktifkan. Aktifkan lagi lebih dulu.',
    STATUS_BACKWARDS: 'Status draf tidak dapat mundur.',
    FILE_TOO_LARGE: (p: Params) => `Berkas lebih besar dari ${p.maxMegabytes} MB.`,
    MALFORMED_BODY: () => 'Kiriman formulir terputus atau rusak. Pilih berkasnya lagi, lalu kirim ulang.',
    TOO_MANY_PARTS: () => 'Formulir ini mengirim lebih dari satu berkas atau terlalu banyak isian. Kirim satu berkas saja dari formulir di halaman ini.',
    IMPORT_INVALID: 'Ada baris yang perlu diperbaiki. Belum ada yang disimpan.',
    LINK_EXPIRED: (p: Params) => `Tautan ini sudah kedaluwarsa atau sudah dipakai. Minta tautan baru kepada ${p.organisation}.`,
    LINK_NOT_KEPT: 'Tautan buat kata sandi tidak disimpan setelah terkirim, jadi tidak dapat dikirim ulang. Buat tautan baru untuk orang itu di halaman Pengguna.',
    NO_RECIPIENT: 'Pemberitahuan ini tidak punya penerima, jadi tidak ada yang dapat dikirim ulang.',
    POOL_BUSY: (p: Params) => `Layanan sedang sibuk membuat dokumen dan berkas lain. Coba lagi dalam ${p.retryAfterSeconds} detik.`,
    DATABASE_UNAVAILABLE: (p: Params) => `Basis data sedang tidak dapat dihubungi. Coba lagi dalam ${p.retryAfterSeconds} detik.`,
    TOO_MANY_JOBS: (p: Params) => `Dokumen atau berkas Anda yang lain masih dibuat. Tunggu sampai selesai, lalu coba lagi dalam ${p.retryAfterSeconds} detik.`,
    WORK_TOO_LARGE: (p: Params) => `Dokumen atau berkas ini terlalu besar untuk dibuat. Hubungi ${p.organisation}.`,
    SHUTTING_DOWN: 'Layanan sedang dimulai ulang. Coba lagi sebentar lagi.',
  } satisfies Record<string, Sentence>,
  en: {
    generic: 'This request could not be done.',
    VALIDATION_FAILED: 'Some answers need fixing.',
    NOT_FOUND: 'What you asked for does not exist.',
    REFERENCE_NOT_FOUND: 'What you chose no longer exists (it may have just been removed). Reload the page.',
    FORBIDDEN: 'Your account may not do this.',
    RATE_LIMITED: 'Too many attempts. Try again in a moment.',
    NOT_A_WORKING_DAY: 'Offices are closed on a day you chose.',
    BATCH_NAME_TAKEN: 'This programme already has a batch with this name.',
    CAPACITY_BELOW_CONFIRMED: 'The capacity cannot be below the officials already enrolled.',
    QUOTA_BELOW_CONFIRMED: 'Seats per unit cannot be below the seats a unit already holds.',
    SLOT_TAKEN: 'Another unit has just booked this slot. Choose another one.',
    NOTES_CHANGED: (p) => `Someone else has just changed these session notes to: “${p.notes}”. Your text is still in the box: combine them if needed, then save again.`,
    SLOT_PERIOD_MISMATCH: 'This session is not part of that asistensi period. Reload the page.',
    PASSWORD_CHANGED: 'The password was just changed on another device. Please sign in again.',
    SLOT_CLOSED: 'This slot is closed. Choose another one.',
    SLOT_STARTED: 'This slot has started or is past. Choose another one.',
    UNIT_ALREADY_BOOKED: 'Your unit already has a session in this period. Move that one if you want another time.',
    PRIORITY_WINDOW: (p) => `Until ${p.priorityUntil}, only units whose draft SOP ${p.organisation} has received may book. A draft sent must be received first; or book after that time.`,
    BOOKING_CLOSED: (p) => `Booking is not open now${p.bookingOpensAt ? `; it opens ${p.bookingOpensAt}` : ''}${p.bookingClosesAt ? `; it closes ${p.bookingClosesAt}` : ''}.`,
    TOO_LATE: (p) => `It is too close to the session to move or cancel it. Contact ${p.organisation}.`,
    BOOKING_NOT_ACTIVE: 'This session has already been cancelled or moved. Reload the page.',
    REQUEST_EXISTS: 'Your unit already has a request waiting.',
    REQUEST_NOT_OPEN: 'This request is no longer waiting.',
    NOT_ELIGIBLE: 'This batch is not for your kind of unit.',
    UNIT_QUOTA_REACHED: 'Your unit has used all its seats in this batch.',
    ALREADY_ENROLLED: (p) => `This official is already enrolled in ${p.batchName}. Cancel that enrolment first to change batch.`,
    ALREADY_CANCELLED: 'This enrolment is already cancelled.',
    BATCH_FULL: 'This batch is full.',
    NIP_TAKEN: 'This NIP is already registered.',
    PARTICIPANT_ENROLLED: 'This official is still enrolled in a batch. Cancel the enrolment first.',
    HAS_ACTIVE_ENROLMENT: 'This official is still enrolled in a batch. Cancel the enrolment first.',
    UNIT_CODE_TAKEN: 'Another unit already uses this code.',
    UNIT_INACTIVE: (p) =>
      `${p.unitName} has been deactivated: it cannot be enrolled in a batch, send a draft, book or ask for an asistensi session, or get a new operator. ${p.organisation} can reactivate it on the unit’s page.`,
    EMAIL_TAKEN: 'Another account already uses this email.',
    USER_DISABLED: 'This account is disabled. Enable it first.',
    STATUS_BACKWARDS: 'A draft’s status cannot go back.',
    FILE_TOO_LARGE: (p) => `The file is larger than ${p.maxMegabytes} MB.`,
    MALFORMED_BODY: () => 'The form arrived cut off or damaged. Choose the file again, then send it again.',
    TOO_MANY_PARTS: () => 'This form sent more than one file or too many fields. Send one file, from the form on this page.',
    IMPORT_INVALID: 'Some lines need fixing. Nothing has been saved.',
    LINK_EXPIRED: (p) => `This link has expired or has already been used. Ask ${p.organisation} for a new one.`,
    LINK_NOT_KEPT: 'A set-password link is not kept once it has been sent, so it cannot be sent again. Make a new link for the person on the Users page.',
    NO_RECIPIENT: 'This notice has nobody to go to, so there is nothing to resend.',
    POOL_BUSY: (p) => `The service is busy making other documents and files. Try again in ${p.retryAfterSeconds} seconds.`,
    DATABASE_UNAVAILABLE: (p) => `The database cannot be reached just now. Try again in ${p.retryAfterSeconds} seconds.`,
    TOO_MANY_JOBS: (p) => `Your other documents or files are still being made. Wait for them, then try again in ${p.retryAfterSeconds} seconds.`,
    WORK_TOO_LARGE: (p) => `This document or file is too large to make. Contact ${p.organisation}.`,
    SHUTTING_DOWN: 'The service is restarting. Try again in a moment.',
  },
});

type RefusalWords = (typeof refusalText)['id'];
export type RefusalCode = Exclude<keyof RefusalWords, 'generic'>;

/** Whether the pages have a sentence for a service's refusal code. */
export const isRefusalCode = (code: string): code is RefusalCode => code !== 'generic' && Object.hasOwn(refusalText.id, code);

/**
 * The sentence for a field a service refused by a named rule (`reason` in the problem body,
 * see invalidField): what is wrong and what would work. Dates arrive already written in words.
 * NIP refusals (`reason: 'NIP'`) are worded by the form checks (web.text.ts, validation.nip).
 */
export const reasonText = bilingual({
  id: {
    WALK_IN_IN_FUTURE: (p: Params) => `Kedatangan pada ${p.date} belum terjadi: hari ini ${p.today}. Catat kedatangan pada hari itu atau sesudahnya.`,
    NOT_A_PERIOD_DAY: (p: Params) => `${p.date} bukan hari kerja asistensi periode ini. Pilih hari kerja yang tidak ditutup antara ${p.first} dan ${p.last}.`,
    FINAL_BEFORE_DRAFT: (p: Params) => `Batas draf final tidak boleh sebelum batas pengiriman draf (${p.draftDeadline}).`,
  } satisfies Record<string, (p: Params) => string>,
  en: {
    WALK_IN_IN_FUTURE: (p) => `A visit on ${p.date} has not happened yet: today is ${p.today}. Record it on that day or later.`,
    NOT_A_PERIOD_DAY: (p) => `${p.date} is not a working day of this asistensi period. Choose an open working day from ${p.first} to ${p.last}.`,
    FINAL_BEFORE_DRAFT: (p) => `The deadline for final drafts cannot be before the deadline for drafts (${p.draftDeadline}).`,
  },
});

export type FieldReason = keyof (typeof reasonText)['id'];
export const isFieldReason = (reason: unknown): reason is FieldReason => typeof reason === 'string' && Object.hasOwn(reasonText.id, reason);
