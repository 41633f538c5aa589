import { formatDate, formatInstant, formatTimeRange } from '../../platform/format';
import type { Language } from '../../platform/language';
import type { NoticeFacts, Slot } from '../outbox/outbox.rules';

/** Everything a message is worded from: the notice's frozen facts and what they refer to. */
export interface NoticeContext {
  facts: NoticeFacts;
  organisation: string;
  programme: { name: string } | null;
  /** The programme's zone, or the organisers' for a notice about no programme. */
  zone: string;
  unitName: string | null;
  recipientName: string;
  /** To the unit's own mailbox (no account, so no preferences to point to). */
  mailbox: boolean;
  /** The page where the person can act (for a set-password notice, the link itself). */
  link: string;
  batch?: { name: string; venue: string | null; days: Slot[] };
  /** Where an asistensi session takes place. */
  location?: string | null;
}

export interface NoticeText {
  subject: string;
  greeting: string;
  paragraphs: string[];
  /** Titled lists under the paragraphs (the officials, the batch days, a summary's sections). */
  lists: { title: string; lines: string[] }[];
  action: { label: string; url: string };
  footer: string;
}

const DRAFT_STATUS: Record<Language, Record<string, string>> = {
  id: { submitted: 'dikirim', received: 'diterima', reviewed: 'sudah diperiksa', final: 'final', enacted: 'ditetapkan' },
  en: { submitted: 'submitted', received: 'received', reviewed: 'reviewed', final: 'final', enacted: 'enacted' },
};

/** The message of a notice in one language. Pure: the same context gives the same words. */
export function noticeText(c: NoticeContext, lang: Language): NoticeText {
  const f = c.facts;
  const zone = c.zone;
  const when = (s: Slot) => `${formatDate(s.date, lang)}, ${formatTimeRange(s.start, s.end, zone, lang)}`;
  const id = lang === 'id';
  const programme = c.programme?.name ?? '';
  const unit = c.unitName ?? '';
  const place = c.location ? [id ? `Tempat: ${c.location}.` : `Place: ${c.location}.`] : [];
  const days = (c.batch?.days ?? []).map((d, i) => `${id ? 'Hari' : 'Day'} ${i + 1}: ${when(d)}`);
  const officials = (names: string[]) => ({ title: id ? 'Pejabat' : 'Officials', lines: names });
  const schedule = { title: id ? 'Jadwal' : 'Schedule', lines: days };
  const venue = c.batch?.venue ? [id ? `Tempat: ${c.batch.venue}.` : `Venue: ${c.batch.venue}.`] : [];
  const batch = c.batch?.name ?? '';
  const base = {
    greeting: id ? `Yth. ${c.recipientName},` : `Dear ${c.recipientName},`,
    footer: c.mailbox
      ? id
        ? `Pesan ini dikirim otomatis oleh ${c.organisation} ke alamat email unit kerja.`
        : `This message was sent automatically by ${c.organisation} to the work unit's address.`
      : id
        ? `Pesan ini dikirim otomatis oleh ${c.organisation}. Jenis pemberitahuan ini dapat dimatikan di halaman Akun.`
        : `This message was sent automatically by ${c.organisation}. You can switch this kind of notice off on your Account page.`,
  };
  const act = (label: string) => ({ label, url: c.link });
  const asistensi = id ? 'Buka jadwal asistensi' : 'Open the asistensi schedule';
  const workshop = id ? 'Buka halaman angkatan' : 'Open the batches page';

  switch (f.kind) {
    case 'account_link':
      return {
        ...base,
        footer: id ? `Pesan ini dikirim otomatis oleh ${c.organisation}.` : `This message was sent automatically by ${c.organisation}.`,
        subject: id ? 'Buat kata sandi untuk Jadwal SOP' : 'Set your password for the SOP schedule',
        paragraphs: [
          f.purpose === 'invite'
            ? id
              ? `${c.organisation} membuatkan akun untuk Anda di layanan jadwal workshop dan asistensi SOP.`
              : `${c.organisation} has made you an account on the SOP workshop and asistensi schedule.`
            : id
              ? 'Anda (atau Bagian Organisasi untuk Anda) meminta tautan baru untuk membuat kata sandi.'
              : 'You (or the organiser on your behalf) asked for a new link to set your password.',
          id
            ? `Buat kata sandi lewat tautan di bawah. Tautan hanya berlaku sekali, sampai ${formatInstant(f.expiresAt, zone, lang)}.`
            : `Set your password with the link below. It works once, until ${formatInstant(f.expiresAt, zone, lang)}.`,
          id ? 'Bila Anda tidak merasa meminta ini, abaikan pesan ini.' : 'If you did not expect this, ignore this message.',
        ],
        lists: [],
        action: act(id ? 'Buat kata sandi' : 'Set password'),
      };
    case 'enrolment_confirmed':
    case 'enrolment_promoted':
      return {
        ...base,
        subject: id ? `Peserta ${batch} dikonfirmasi - ${programme}` : `Participants confirmed for ${batch} - ${programme}`,
        paragraphs: [
          f.kind === 'enrolment_promoted'
            ? id
              ? `Kursi di ${batch} kosong: pejabat ${unit} berikut naik dari daftar tunggu dan kini terdaftar.`
              : `A seat in ${batch} freed up: these officials of ${unit} moved up from the waiting list and are now enrolled.`
            : id
              ? `Pejabat ${unit} berikut terdaftar di workshop penyusunan SOP ${batch}.`
              : `These officials of ${unit} are enrolled in the SOP workshop ${batch}.`,
          ...venue,
          id ? 'Undangan kalender untuk setiap hari terlampir.' : 'A calendar invitation for each day is attached.',
        ],
        lists: [officials(f.officials), schedule],
        action: act(workshop),
      };
    case 'enrolment_waitlisted':
      return {
        ...base,
        subject: id ? `Daftar tunggu ${batch} - ${programme}` : `Waiting list for ${batch} - ${programme}`,
        paragraphs: [
          id
            ? `${batch} sudah penuh: pejabat ${unit} berikut masuk daftar tunggu. Bila ada kursi kosong, mereka naik sesuai urutan dan Anda akan diberi tahu.`
            : `${batch} is full: these officials of ${unit} are on the waiting list. When a seat frees up they move up in order, and you will be told.`,
        ],
        lists: [officials(f.officials), schedule],
        action: act(workshop),
      };
    case 'booking_confirmed':
    case 'booking_auto_scheduled':
      return {
        ...base,
        subject: id ? `Jadwal asistensi SOP ${unit}: ${formatDate(f.slot.date, lang)}` : `SOP asistensi for ${unit}: ${formatDate(f.slot.date, lang)}`,
        paragraphs: [
          f.kind === 'booking_auto_scheduled'
            ? id
              ? `Bagian Organisasi menjadwalkan asistensi draft SOP ${unit} pada ${when(f.slot)}.`
              : `The organiser scheduled the asistensi of ${unit}'s draft SOPs for ${when(f.slot)}.`
            : id
              ? `Asistensi draft SOP ${unit} terjadwal pada ${when(f.slot)}.`
              : `The asistensi of ${unit}'s draft SOPs is booked for ${when(f.slot)}.`,
          ...place,
          id ? 'Bawa draft SOP terbaru. Undangan kalender terlampir.' : 'Bring your latest draft SOPs. A calendar invitation is attached.',
        ],
        lists: [],
        action: act(asistensi),
      };
    case 'booking_moved':
      return {
        ...base,
        subject: id ? `Jadwal asistensi ${unit} dipindah ke ${formatDate(f.slot.date, lang)}` : `Asistensi of ${unit} moved to ${formatDate(f.slot.date, lang)}`,
        paragraphs: [
          id ? `Asistensi draft SOP ${unit} dipindah dari ${when(f.from)} ke ${when(f.slot)}.` : `The asistensi of ${unit} moved from ${when(f.from)} to ${when(f.slot)}.`,
          ...place,
          id ? 'Undangan kalender terlampir memperbarui acara di kalender Anda.' : 'The attached calendar invitation updates the event in your calendar.',
        ],
        lists: [],
        action: act(asistensi),
      };
    case 'booking_cancelled':
      return {
        ...base,
        subject: id ? `Jadwal asistensi ${unit} dibatalkan` : `Asistensi of ${unit} cancelled`,
        paragraphs: [
          id ? `Asistensi draft SOP ${unit} pada ${when(f.slot)} dibatalkan.` : `The asistensi of ${unit} on ${when(f.slot)} was cancelled.`,
          id ? 'Pilih jadwal lain atau ajukan permintaan jadwal di halaman asistensi.' : 'Book another slot or ask for one on the asistensi page.',
        ],
        lists: [],
        action: act(asistensi),
      };
    case 'booking_displaced':
      return {
        ...base,
        subject: id ? `Jadwal asistensi ${unit} tergeser: hari ditutup` : `Asistensi of ${unit} displaced: the day was closed`,
        paragraphs: [
          id
            ? `Bagian Organisasi menutup ${formatDate(f.slot.date, lang)} (${f.reason}), sehingga asistensi ${unit} pada ${when(f.slot)} batal.`
            : `The organiser closed ${formatDate(f.slot.date, lang)} (${f.reason}), so the asistensi of ${unit} on ${when(f.slot)} is off.`,
          id
            ? `${unit} didahulukan saat Bagian Organisasi menjadwalkan ulang; Anda akan diberi tahu jadwal barunya. Anda juga dapat memilih jadwal lain sendiri.`
            : `${unit} comes first when the organiser reschedules, and you will be told the new time. You can also book another slot yourself.`,
        ],
        lists: [],
        action: act(asistensi),
      };
    case 'draft_status':
      return {
        ...base,
        subject: id ? `Draft SOP ${unit}: ${DRAFT_STATUS.id[f.status] ?? f.status}` : `Draft SOPs of ${unit}: ${DRAFT_STATUS.en[f.status] ?? f.status}`,
        paragraphs: [
          id
            ? `Status draft SOP "${f.title}" kini: ${DRAFT_STATUS.id[f.status] ?? f.status}.`
            : `The draft SOPs "${f.title}" are now: ${DRAFT_STATUS.en[f.status] ?? f.status}.`,
          ...(f.notes ? [id ? `Catatan Bagian Organisasi: ${f.notes}` : `The organiser's notes: ${f.notes}`] : []),
        ],
        lists: [],
        action: act(id ? 'Buka halaman draft' : 'Open the drafts page'),
      };
    case 'reminder_booking':
      return {
        ...base,
        subject: id ? `Pengingat: asistensi SOP ${unit}, ${formatDate(f.slot.date, lang)}` : `Reminder: SOP asistensi of ${unit}, ${formatDate(f.slot.date, lang)}`,
        paragraphs: [
          id ? `Asistensi draft SOP ${unit} berlangsung ${when(f.slot)}.` : `The asistensi of ${unit}'s draft SOPs takes place ${when(f.slot)}.`,
          ...place,
          id ? 'Bawa draft SOP terbaru.' : 'Bring your latest draft SOPs.',
        ],
        lists: [],
        action: act(asistensi),
      };
    case 'reminder_batch_day':
      return {
        ...base,
        subject: id ? `Pengingat: ${batch} hari ke-${f.day}, ${formatDate(f.date, lang)}` : `Reminder: ${batch} day ${f.day}, ${formatDate(f.date, lang)}`,
        paragraphs: [
          id
            ? `Workshop SOP ${batch} hari ke-${f.day} berlangsung ${when(c.batch?.days[f.day - 1] ?? { date: f.date, start: '', end: '' })}.`
            : `Day ${f.day} of the SOP workshop ${batch} is ${when(c.batch?.days[f.day - 1] ?? { date: f.date, start: '', end: '' })}.`,
          ...venue,
        ],
        lists: [{ title: id ? `Peserta dari ${unit}` : `Participants from ${unit}`, lines: f.officials }],
        action: act(workshop),
      };
    case 'summary_daily': {
      const section = (label: string, lines: string[]) => (lines.length ? [{ title: `${label} (${lines.length})`, lines }] : []);
      return {
        ...base,
        subject: id ? `Ringkasan harian SOP, ${formatDate(f.date, lang)}` : `SOP daily summary, ${formatDate(f.date, lang)}`,
        paragraphs: [id ? `Yang masuk pada ${formatDate(f.date, lang)}:` : `What came in on ${formatDate(f.date, lang)}:`],
        lists: [
          ...section(id ? 'Draft baru' : 'New drafts', f.drafts),
          ...section(id ? 'Permintaan jadwal' : 'Slot requests', f.requests),
          ...section(id ? 'Pembatalan' : 'Cancellations', f.cancellations),
        ],
        action: act(id ? 'Buka konsol' : 'Open the console'),
      };
    }
  }
}

/** The plain-text body. */
export function plainText(t: NoticeText): string {
  const lists = t.lists.flatMap((l) => [`${l.title}:`, ...l.lines.map((line) => `- ${line}`), '']);
  return [t.greeting, '', ...t.paragraphs.flatMap((p) => [p, '']), ...lists, `${t.action.label}: ${t.action.url}`, '', '--', t.footer, ''].join('\n');
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

/** The HTML body: the same words, every value escaped, inline styles only (mail clients drop stylesheets). */
export function htmlBody(t: NoticeText, lang: Language): string {
  const e = escapeHtml;
  const lists = t.lists.map((l) => `<p style="margin-bottom:4px"><strong>${e(l.title)}</strong></p><ul style="margin-top:0">${l.lines.map((line) => `<li>${e(line)}</li>`).join('')}</ul>`);
  return [
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${e(t.subject)}</title></head>`,
    '<body style="font-family:Arial,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;max-width:600px;margin:0 auto;padding:16px">',
    `<p>${e(t.greeting)}</p>`,
    ...t.paragraphs.map((p) => `<p>${e(p)}</p>`),
    ...lists,
    `<p><a href="${e(t.action.url)}" style="display:inline-block;background:#0b5394;color:#ffffff;padding:10px 16px;border-radius:4px;text-decoration:none">${e(t.action.label)}</a></p>`,
    `<p style="font-size:13px;color:#555">${e(t.footer)}</p>`,
    '</body></html>',
  ].join('\n');
}
