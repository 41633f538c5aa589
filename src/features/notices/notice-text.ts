import { formatDate, formatInstant, formatTimeRange } from '../../platform/format';
import type { Language } from '../../platform/language';
import { DRAFT_STATUSES } from '../drafts/drafts.rules';
import { draftStatusText } from '../drafts/drafts.text';
import type { NoticeFacts, Slot } from '../outbox/outbox.rules';
import { noticesText } from './notices.text';

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

/** A draft status as the shared catalogue words it; a status it does not know, as recorded. */
function draftStatus(status: string, lang: Language): string {
  const known = DRAFT_STATUSES.find((s) => s === status);
  return known ? draftStatusText[lang][known] : status;
}

/** The message of a notice in one language. Pure: the same context gives the same words. */
export function noticeText(c: NoticeContext, lang: Language): NoticeText {
  const t = noticesText[lang];
  const f = c.facts;
  const org = c.organisation;
  const when = (s: Slot) => `${formatDate(s.date, lang)}, ${formatTimeRange(s.start, s.end, c.zone, lang)}`;
  const date = (d: string) => formatDate(d, lang);
  const programme = c.programme?.name ?? '';
  const unit = c.unitName ?? '';
  const batch = c.batch?.name ?? '';
  const place = c.location ? [t.place(c.location)] : [];
  const venue = c.batch?.venue ? [t.venue(c.batch.venue)] : [];
  const officials = (names: string[]) => ({ title: t.officials, lines: names });
  const schedule = { title: t.schedule, lines: (c.batch?.days ?? []).map((d, i) => t.day(i + 1, when(d))) };
  const base = {
    greeting: t.greeting(c.recipientName),
    footer: c.mailbox ? t.footer.mailbox(org) : t.footer.account(org),
  };
  const act = (label: string) => ({ label, url: c.link });

  switch (f.kind) {
    case 'account_link':
      return {
        ...base,
        footer: t.footer.always(org),
        subject: t.accountLink.subject,
        paragraphs: [
          f.purpose === 'invite' ? t.accountLink.invited(org) : t.accountLink.reset(org),
          t.accountLink.setPassword(formatInstant(f.expiresAt, c.zone, lang)),
          t.accountLink.notYou,
        ],
        lists: [],
        action: act(t.accountLink.action),
      };
    case 'enrolment_confirmed':
    case 'enrolment_promoted':
      return {
        ...base,
        subject: t.enrolment.confirmedSubject(batch, programme),
        paragraphs: [
          f.kind === 'enrolment_promoted' ? t.enrolment.promoted(batch, unit) : t.enrolment.confirmed(batch, unit),
          ...venue,
          t.enrolment.invitations,
        ],
        lists: [officials(f.officials), schedule],
        action: act(t.openBatches),
      };
    case 'enrolment_waitlisted':
      return {
        ...base,
        subject: t.enrolment.waitlistedSubject(batch, programme),
        paragraphs: [t.enrolment.waitlisted(batch, unit)],
        lists: [officials(f.officials), schedule],
        action: act(t.openBatches),
      };
    case 'booking_confirmed':
    case 'booking_auto_scheduled':
      return {
        ...base,
        subject: t.booking.confirmedSubject(unit, date(f.slot.date)),
        paragraphs: [
          f.kind === 'booking_auto_scheduled' ? t.booking.autoScheduled(org, unit, when(f.slot)) : t.booking.confirmed(unit, when(f.slot)),
          ...place,
          t.booking.bringDraftsInvitation,
        ],
        lists: [],
        action: act(t.openAsistensi),
      };
    case 'booking_moved':
      return {
        ...base,
        subject: t.booking.movedSubject(unit, date(f.slot.date)),
        paragraphs: [t.booking.moved(unit, when(f.from), when(f.slot)), ...place, t.booking.invitationUpdates],
        lists: [],
        action: act(t.openAsistensi),
      };
    case 'booking_cancelled':
      return {
        ...base,
        subject: t.booking.cancelledSubject(unit),
        paragraphs: [t.booking.cancelled(unit, when(f.slot)), t.booking.bookAnother],
        lists: [],
        action: act(t.openAsistensi),
      };
    case 'booking_displaced':
      return {
        ...base,
        subject: t.booking.displacedSubject(unit),
        paragraphs: [t.booking.displaced(org, date(f.slot.date), f.reason, unit, when(f.slot)), t.booking.displacedFirst(org, unit)],
        lists: [],
        action: act(t.openAsistensi),
      };
    case 'draft_status': {
      const status = draftStatus(f.status, lang);
      return {
        ...base,
        subject: t.draft.subject(unit, status),
        paragraphs: [t.draft.status(f.title, status), ...(f.notes ? [t.draft.notes(org, f.notes)] : [])],
        lists: [],
        action: act(t.draft.action),
      };
    }
    case 'reminder_booking':
      return {
        ...base,
        subject: t.reminder.bookingSubject(unit, date(f.slot.date)),
        paragraphs: [t.reminder.booking(unit, when(f.slot)), ...place, t.reminder.bringDrafts],
        lists: [],
        action: act(t.openAsistensi),
      };
    case 'reminder_batch_day':
      return {
        ...base,
        subject: t.reminder.batchDaySubject(batch, f.day, date(f.date)),
        paragraphs: [t.reminder.batchDay(batch, f.day, when(c.batch?.days[f.day - 1] ?? { date: f.date, start: '', end: '' })), ...venue],
        lists: [{ title: t.reminder.participantsFrom(unit), lines: f.officials }],
        action: act(t.openBatches),
      };
    case 'summary_daily': {
      const section = (label: string, lines: string[]) => (lines.length ? [{ title: t.summary.section(label, lines.length), lines }] : []);
      return {
        ...base,
        subject: t.summary.subject(date(f.date)),
        paragraphs: [t.summary.intro(date(f.date))],
        lists: [...section(t.summary.drafts, f.drafts), ...section(t.summary.requests, f.requests), ...section(t.summary.cancellations, f.cancellations)],
        action: act(t.summary.action),
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
