import { bilingual } from '../../platform/text';

/**
 * The words of the printed documents. They are printed in Indonesian (`printoutsText.id`); the
 * English block keeps the catalogue uniform. Values arrive already formatted.
 */
export const printoutsText = bilingual({
  id: {
    pageLabel: (page: number, pages: number) => `Halaman ${page} dari ${pages}`,
    no: 'No.',
    nameNip: 'Nama / NIP',
    nip: (nip: string) => `NIP ${nip}`,
    position: 'Jabatan',
    unit: 'Unit kerja',
    date: 'Hari, tanggal',
    time: 'Waktu',
    place: 'Tempat',
    /** A fact left blank. */
    none: '-',
    attendance: {
      title: (batch: string, day: number) => `Daftar hadir ${batch}, hari ke-${day}`,
      heading: 'DAFTAR HADIR',
      subheading: (batch: string, day: number) => `Workshop Penyusunan SOP — ${batch}, hari ke-${day}`,
      signature: 'Tanda tangan',
    },
    invitation: {
      title: (unit: string) => `Lampiran undangan ${unit}`,
      heading: 'LAMPIRAN UNDANGAN',
      subheading: (unit: string) => `Workshop dan asistensi penyusunan SOP — ${unit}`,
      officials: 'Pejabat yang diundang mengikuti workshop',
      noOfficials: 'Belum ada pejabat unit ini yang terdaftar di angkatan workshop.',
      batch: 'Angkatan',
      waitlisted: (batch: string) => `${batch} (daftar tunggu)`,
      days: 'Hari, tanggal dan waktu',
      venue: (venue: string) => `Tempat: ${venue}`,
      asistensi: 'Jadwal asistensi draf SOP',
      noAsistensi: 'Unit ini belum mempunyai jadwal asistensi. Pesan jadwal melalui layanan Jadwal SOP.',
      activity: 'Kegiatan',
    },
    schedule: {
      title: (period: string) => `Jadwal ${period}`,
      heading: 'JADWAL ASISTENSI DRAF SOP',
      closed: (reason: string) => `Tidak ada asistensi (${reason})`,
      /** A slot no unit has booked. */
      free: '—',
    },
    certificate: {
      title: (name: string) => `Sertifikat ${name}`,
      heading: 'SERTIFIKAT',
      givenTo: 'diberikan kepada',
      dates: (first: string, last: string) => `${first} sampai ${last}`,
      attended: (batch: string, dates: string, organisation: string, venue: string | null) =>
        `telah mengikuti Workshop Penyusunan Standar Operasional Prosedur (SOP) sesuai Peraturan Menteri PANRB Nomor 35 Tahun 2012, ${batch}, pada ${dates}${venue ? ` di ${venue}` : ''}, yang diselenggarakan oleh ${organisation}.`,
      signatureLine: '(.................................................)',
      /** The days of the batch, bottom left. */
      days: 'Hari workshop',
      /** "Banjarbaru, 5 Oktober 2027" above the signature (the date alone when the place is not known). */
      placeDate: (place: string | null, date: string) => (place ? `${place}, ${date}` : date),
    },
  },
  en: {
    pageLabel: (page, pages) => `Page ${page} of ${pages}`,
    no: 'No.',
    nameNip: 'Name / NIP',
    nip: (nip) => `NIP ${nip}`,
    position: 'Position',
    unit: 'Work unit',
    date: 'Day, date',
    time: 'Time',
    place: 'Place',
    none: '-',
    attendance: {
      title: (batch, day) => `Attendance sheet ${batch}, day ${day}`,
      heading: 'ATTENDANCE SHEET',
      subheading: (batch, day) => `SOP Workshop — ${batch}, day ${day}`,
      signature: 'Signature',
    },
    invitation: {
      title: (unit) => `Invitation attachment ${unit}`,
      heading: 'INVITATION ATTACHMENT',
      subheading: (unit) => `SOP workshop and asistensi — ${unit}`,
      officials: 'Officials invited to the workshop',
      noOfficials: 'No official of this unit is enrolled in a workshop batch yet.',
      batch: 'Batch',
      waitlisted: (batch) => `${batch} (waiting list)`,
      days: 'Days, dates and times',
      venue: (venue) => `Venue: ${venue}`,
      asistensi: 'Draft SOP asistensi',
      noAsistensi: 'This unit has no asistensi session yet. Book one on the SOP schedule service.',
      activity: 'Activity',
    },
    schedule: {
      title: (period) => `Schedule ${period}`,
      heading: 'DRAFT SOP ASISTENSI SCHEDULE',
      closed: (reason) => `No asistensi (${reason})`,
      free: '—',
    },
    certificate: {
      title: (name) => `Certificate ${name}`,
      heading: 'CERTIFICATE',
      givenTo: 'awarded to',
      dates: (first, last) => `${first} to ${last}`,
      attended: (batch, dates, organisation, venue) =>
        `has taken part in the Workshop on Drafting Standard Operating Procedures (SOP) under Regulation of the Minister of PANRB No. 35 of 2012, ${batch}, on ${dates}${venue ? ` at ${venue}` : ''}, held by ${organisation}.`,
      signatureLine: '(.................................................)',
      days: 'Workshop days',
      placeDate: (place, date) => (place ? `${place}, ${date}` : date),
    },
  },
});
