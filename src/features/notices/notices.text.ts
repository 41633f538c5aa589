import { bilingual } from '../../platform/text';

/**
 * The words of notice emails (and of the webhook's text). Values arrive already formatted:
 * `when` is "Senin, 21 Oktober 2013, 09.00–12.00 WITA", `date` a formatted day, `until` an
 * instant; `organisation` is the configured ORGANISATION_NAME. Draft statuses come from
 * `draftStatusText`, the same words as on the pages.
 */
export const noticesText = bilingual({
  id: {
    greeting: (name: string) => `Yth. ${name},`,
    footer: {
      /** A set-password link: sent always, so nothing to switch off. */
      always: (organisation: string) => `Pesan ini dikirim otomatis oleh ${organisation}.`,
      /** To the unit's own mailbox: no account, so no preferences to point to. */
      mailbox: (organisation: string) => `Pesan ini dikirim otomatis oleh ${organisation} ke alamat email unit kerja.`,
      account: (organisation: string) => `Pesan ini dikirim otomatis oleh ${organisation}. Jenis pemberitahuan ini dapat dimatikan di halaman Akun.`,
    },
    /** Where an asistensi session takes place. */
    place: (location: string) => `Tempat: ${location}.`,
    /** Where a workshop batch meets. */
    venue: (venue: string) => `Tempat: ${venue}.`,
    day: (n: number, when: string) => `Hari ${n}: ${when}`,
    officials: 'Pejabat',
    schedule: 'Jadwal',
    openAsistensi: 'Buka jadwal asistensi',
    openBatches: 'Buka halaman angkatan',
    accountLink: {
      subject: 'Buat kata sandi untuk Jadwal SOP',
      invited: (organisation: string) => `${organisation} membuatkan akun untuk Anda di layanan jadwal workshop dan asistensi SOP.`,
      reset: (organisation: string) => `Anda (atau ${organisation} untuk Anda) meminta tautan baru untuk membuat kata sandi.`,
      setPassword: (until: string) => `Buat kata sandi lewat tautan di bawah. Tautan hanya berlaku sekali, sampai ${until}.`,
      notYou: 'Bila Anda tidak merasa meminta ini, abaikan pesan ini.',
      action: 'Buat kata sandi',
    },
    enrolment: {
      confirmedSubject: (batch: string, programme: string) => `Peserta ${batch} dikonfirmasi - ${programme}`,
      confirmed: (batch: string, unit: string) => `Pejabat ${unit} berikut terdaftar di workshop penyusunan SOP ${batch}.`,
      promoted: (batch: string, unit: string) => `Kursi di ${batch} kosong: pejabat ${unit} berikut naik dari daftar tunggu dan kini terdaftar.`,
      invitations: 'Undangan kalender untuk setiap hari terlampir.',
      waitlistedSubject: (batch: string, programme: string) => `Daftar tunggu ${batch} - ${programme}`,
      waitlisted: (batch: string, unit: string) =>
        `${batch} sudah penuh: pejabat ${unit} berikut masuk daftar tunggu. Bila ada kursi kosong, mereka naik sesuai urutan dan Anda akan diberi tahu.`,
    },
    booking: {
      confirmedSubject: (unit: string, date: string) => `Jadwal asistensi SOP ${unit}: ${date}`,
      confirmed: (unit: string, when: string) => `Asistensi draft SOP ${unit} terjadwal pada ${when}.`,
      autoScheduled: (organisation: string, unit: string, when: string) => `${organisation} menjadwalkan asistensi draft SOP ${unit} pada ${when}.`,
      bringDraftsInvitation: 'Bawa draft SOP terbaru. Undangan kalender terlampir.',
      movedSubject: (unit: string, date: string) => `Jadwal asistensi ${unit} dipindah ke ${date}`,
      moved: (unit: string, from: string, to: string) => `Asistensi draft SOP ${unit} dipindah dari ${from} ke ${to}.`,
      invitationUpdates: 'Undangan kalender terlampir memperbarui acara di kalender Anda.',
      cancelledSubject: (unit: string) => `Jadwal asistensi ${unit} dibatalkan`,
      cancelled: (unit: string, when: string) => `Asistensi draft SOP ${unit} pada ${when} dibatalkan.`,
      bookAnother: 'Pilih jadwal lain atau ajukan permintaan jadwal di halaman asistensi.',
      displacedSubject: (unit: string) => `Jadwal asistensi ${unit} tergeser: hari ditutup`,
      displaced: (organisation: string, date: string, reason: string, unit: string, when: string) =>
        `${organisation} menutup ${date} (${reason}), sehingga asistensi ${unit} pada ${when} batal.`,
      displacedFirst: (organisation: string, unit: string) =>
        `${unit} didahulukan saat ${organisation} menjadwalkan ulang; Anda akan diberi tahu jadwal barunya. Anda juga dapat memilih jadwal lain sendiri.`,
    },
    draft: {
      subject: (unit: string, status: string) => `Draft SOP ${unit}: ${status}`,
      status: (title: string, status: string) => `Status draft SOP "${title}" kini: ${status}.`,
      notes: (organisation: string, notes: string) => `Catatan ${organisation}: ${notes}`,
      action: 'Buka halaman draft',
    },
    reminder: {
      bookingSubject: (unit: string, date: string) => `Pengingat: asistensi SOP ${unit}, ${date}`,
      booking: (unit: string, when: string) => `Asistensi draft SOP ${unit} berlangsung ${when}.`,
      bringDrafts: 'Bawa draft SOP terbaru.',
      batchDaySubject: (batch: string, day: number, date: string) => `Pengingat: ${batch} hari ke-${day}, ${date}`,
      batchDay: (batch: string, day: number, when: string) => `Workshop SOP ${batch} hari ke-${day} berlangsung ${when}.`,
      participantsFrom: (unit: string) => `Peserta dari ${unit}`,
    },
    summary: {
      subject: (date: string) => `Ringkasan harian SOP, ${date}`,
      intro: (date: string) => `Yang masuk pada ${date}:`,
      section: (label: string, count: number) => `${label} (${count})`,
      drafts: 'Draft baru',
      requests: 'Permintaan jadwal',
      cancellations: 'Pembatalan',
      action: 'Buka konsol',
    },
  },
  en: {
    greeting: (name) => `Dear ${name},`,
    footer: {
      always: (organisation) => `This message was sent automatically by ${organisation}.`,
      mailbox: (organisation) => `This message was sent automatically by ${organisation} to the work unit's address.`,
      account: (organisation) => `This message was sent automatically by ${organisation}. You can switch this kind of notice off on your Account page.`,
    },
    place: (location) => `Place: ${location}.`,
    venue: (venue) => `Venue: ${venue}.`,
    day: (n, when) => `Day ${n}: ${when}`,
    officials: 'Officials',
    schedule: 'Schedule',
    openAsistensi: 'Open the asistensi schedule',
    openBatches: 'Open the batches page',
    accountLink: {
      subject: 'Set your password for the SOP schedule',
      invited: (organisation) => `${organisation} has made you an account on the SOP workshop and asistensi schedule.`,
      reset: () => 'You (or the organiser on your behalf) asked for a new link to set your password.',
      setPassword: (until) => `Set your password with the link below. It works once, until ${until}.`,
      notYou: 'If you did not expect this, ignore this message.',
      action: 'Set password',
    },
    enrolment: {
      confirmedSubject: (batch, programme) => `Participants confirmed for ${batch} - ${programme}`,
      confirmed: (batch, unit) => `These officials of ${unit} are enrolled in the SOP workshop ${batch}.`,
      promoted: (batch, unit) => `A seat in ${batch} freed up: these officials of ${unit} moved up from the waiting list and are now enrolled.`,
      invitations: 'A calendar invitation for each day is attached.',
      waitlistedSubject: (batch, programme) => `Waiting list for ${batch} - ${programme}`,
      waitlisted: (batch, unit) => `${batch} is full: these officials of ${unit} are on the waiting list. When a seat frees up they move up in order, and you will be told.`,
    },
    booking: {
      confirmedSubject: (unit, date) => `SOP asistensi for ${unit}: ${date}`,
      confirmed: (unit, when) => `The asistensi of ${unit}'s draft SOPs is booked for ${when}.`,
      autoScheduled: (_organisation, unit, when) => `The organiser scheduled the asistensi of ${unit}'s draft SOPs for ${when}.`,
      bringDraftsInvitation: 'Bring your latest draft SOPs. A calendar invitation is attached.',
      movedSubject: (unit, date) => `Asistensi of ${unit} moved to ${date}`,
      moved: (unit, from, to) => `The asistensi of ${unit} moved from ${from} to ${to}.`,
      invitationUpdates: 'The attached calendar invitation updates the event in your calendar.',
      cancelledSubject: (unit) => `Asistensi of ${unit} cancelled`,
      cancelled: (unit, when) => `The asistensi of ${unit} on ${when} was cancelled.`,
      bookAnother: 'Book another slot or ask for one on the asistensi page.',
      displacedSubject: (unit) => `Asistensi of ${unit} displaced: the day was closed`,
      displaced: (_organisation, date, reason, unit, when) => `The organiser closed ${date} (${reason}), so the asistensi of ${unit} on ${when} is off.`,
      displacedFirst: (_organisation, unit) => `${unit} comes first when the organiser reschedules, and you will be told the new time. You can also book another slot yourself.`,
    },
    draft: {
      subject: (unit, status) => `Draft SOPs of ${unit}: ${status}`,
      status: (title, status) => `The draft SOPs "${title}" are now: ${status}.`,
      notes: (_organisation, notes) => `The organiser's notes: ${notes}`,
      action: 'Open the drafts page',
    },
    reminder: {
      bookingSubject: (unit, date) => `Reminder: SOP asistensi of ${unit}, ${date}`,
      booking: (unit, when) => `The asistensi of ${unit}'s draft SOPs takes place ${when}.`,
      bringDrafts: 'Bring your latest draft SOPs.',
      batchDaySubject: (batch, day, date) => `Reminder: ${batch} day ${day}, ${date}`,
      batchDay: (batch, day, when) => `Day ${day} of the SOP workshop ${batch} is ${when}.`,
      participantsFrom: (unit) => `Participants from ${unit}`,
    },
    summary: {
      subject: (date) => `SOP daily summary, ${date}`,
      intro: (date) => `What came in on ${date}:`,
      section: (label, count) => `${label} (${count})`,
      drafts: 'New drafts',
      requests: 'Slot requests',
      cancellations: 'Cancellations',
      action: 'Open the console',
    },
  },
});
