import { bilingual } from '../../platform/text';
import type { NoticeKind } from './outbox.rules';

/** What each kind of notice is called, on the outbox page and in a person's email choices. */
export const noticeKindText = bilingual({
  id: {
    account_link: 'Tautan buat kata sandi',
    enrolment_confirmed: 'Pendaftaran peserta dikonfirmasi',
    enrolment_waitlisted: 'Masuk daftar tunggu',
    enrolment_promoted: 'Naik dari daftar tunggu',
    enrolment_cancelled: 'Pendaftaran peserta dibatalkan',
    booking_confirmed: 'Jadwal asistensi dikonfirmasi',
    booking_moved: 'Jadwal asistensi dipindah',
    booking_cancelled: 'Jadwal asistensi dibatalkan',
    booking_displaced: 'Jadwal asistensi tergeser (hari ditutup)',
    booking_auto_scheduled: 'Dijadwalkan otomatis',
    draft_status: 'Status draf SOP berubah',
    schedule_changed: 'Jadwal, tempat atau penyelenggara berubah',
    reminder_booking: 'Pengingat asistensi',
    reminder_batch_day: 'Pengingat hari workshop',
    summary_daily: 'Ringkasan harian',
  } satisfies Record<NoticeKind, string>,
  en: {
    account_link: 'Set-password link',
    enrolment_confirmed: 'Enrolment confirmed',
    enrolment_waitlisted: 'Put on the waiting list',
    enrolment_promoted: 'Moved up from the waiting list',
    enrolment_cancelled: 'Enrolment cancelled',
    booking_confirmed: 'Asistensi session confirmed',
    booking_moved: 'Asistensi session moved',
    booking_cancelled: 'Asistensi session cancelled',
    booking_displaced: 'Asistensi session displaced (day closed)',
    booking_auto_scheduled: 'Scheduled automatically',
    draft_status: 'Draft SOP status changed',
    schedule_changed: 'Schedule, place or organiser changed',
    reminder_booking: 'Asistensi reminder',
    reminder_batch_day: 'Workshop day reminder',
    summary_daily: 'Daily summary',
  },
});
