import { formatDate, formatInstant, formatTimeRange, zoneName } from '../../platform/format';
import type { Language } from '../../platform/language';
import { DRAFT_STATUSES } from '../drafts/drafts.rules';
import { draftStatusText } from '../drafts/drafts.text';
import { bundleNews, type BatchNews, type BundledKind, type NoticeFacts, type Outcome, type ScheduleChange, type Slot } from '../outbox/outbox.rules';
import { noticesText } from './notices.text';

/** A batch as a message names it. */
export interface BatchFacts {
  name: string;
  venue: string | null;
  days: Slot[];
}

/** An event of the reader's calendar a message updates or cancels, as it is now. */
export interface AffectedEvent {
  summary: string;
  date: string;
  start: string;
  end: string;
  location: string | null;
}

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
  /** The person's Account page, where each kind is switched on or off (none for a mailbox). */
  settingsUrl?: string | null;
  batch?: BatchFacts;
  /** Where an asistensi session takes place. */
  location?: string | null;
  /**
   * Enrolment news told together (a bundle): each notice's facts in the order recorded, the
   * batches they name, and the batches the unit's officials attend now.
   */
  enrolments?: { facts: Extract<NoticeFacts, { kind: BundledKind }>[]; batches: Map<number, BatchFacts>; attending: ReadonlySet<number> };
  /** For a schedule change: the reader's events it moves, as they are now. */
  affected?: AffectedEvent[];
  /** For a removed batch: whether the unit held seats in it (else its officials only waited). */
  seated?: boolean;
}

export interface NoticeText {
  subject: string;
  greeting: string;
  paragraphs: string[];
  /** Titled lists under the paragraphs (the officials, the batch days, a summary's sections). */
  lists: { title: string; lines: string[] }[];
  action: { label: string; url: string };
  footer: string;
  /** An address the footer ends with (the person's Account page). */
  footerLink?: string;
}

/** A draft status as the shared catalogue words it; a status it does not know, as recorded. */
function draftStatus(status: string, lang: Language): string {
  const known = DRAFT_STATUSES.find((s) => s === status);
  return known ? draftStatusText[lang][known] : status;
}

const OUTCOMES: readonly Outcome[] = ['confirmed', 'promoted', 'waitlisted', 'cancelled'];

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
  const daysOf = (days: readonly Slot[]) => days.map((d, i) => t.day(i + 1, when(d)));
  const base = {
    greeting: t.greeting(c.recipientName),
    footer: c.mailbox ? t.footer.mailbox(org) : c.settingsUrl ? t.footer.account(org) : t.footer.always(org),
    ...(!c.mailbox && c.settingsUrl ? { footerLink: c.settingsUrl } : {}),
  };
  const act = (label: string) => ({ label, url: c.link });

  /** Enrolment news (one notice, or a bundle of them): one batch and outcome in its own words, more as a list of changes. */
  function enrolments(): NoticeText {
    const told = c.enrolments ?? { facts: [f as Extract<NoticeFacts, { kind: BundledKind }>], batches: new Map(c.batch ? [[(f as { batchId: number }).batchId, c.batch]] : []), attending: new Set<number>() };
    const news = bundleNews(told.facts);
    const nameOf = (n: BatchNews) => told.batches.get(n.batchId)?.name ?? '';
    const groups = news.flatMap((n) => OUTCOMES.filter((o) => n.officials[o].length > 0).map((outcome) => ({ news: n, outcome })));
    const attends = (n: BatchNews) => (c.enrolments ? told.attending.has(n.batchId) : f.kind !== 'enrolment_cancelled' && f.kind !== 'enrolment_waitlisted');
    // Invitations go with a batch whose seats changed: REQUESTs while the unit attends, CANCELs once it no longer does.
    const requests = news.some((n) => (n.seatGiven || n.seatLost || n.officials.cancelled.length > 0) && attends(n));
    const cancels = news.some((n) => n.seatLost && !attends(n));
    const closing = [
      ...(news.some((n) => n.officials.waitlisted.length > 0) && groups.length > 1 ? [t.enrolment.waitlistMovesUp] : []),
      ...(requests ? [t.enrolment.invitations] : []),
      ...(cancels ? [t.enrolment.daysRemoved] : []),
    ];
    const scheduleOf = (n: BatchNews, title: string) => {
      const b = told.batches.get(n.batchId);
      return { title, lines: [...daysOf(b?.days ?? []), ...(b?.venue ? [t.venue(b.venue)] : [])] };
    };
    if (groups.length === 1) {
      const { news: n, outcome } = groups[0]!;
      const name = nameOf(n);
      const b = told.batches.get(n.batchId);
      const at = b?.venue ? [t.venue(b.venue)] : [];
      const lists = [officials(n.officials[outcome]), { title: t.schedule, lines: daysOf(b?.days ?? []) }];
      switch (outcome) {
        case 'confirmed':
        case 'promoted':
          return {
            ...base,
            subject: t.enrolment.confirmedSubject(name, programme),
            paragraphs: [outcome === 'promoted' ? t.enrolment.promoted(name, unit) : t.enrolment.confirmed(name, unit), ...at, ...closing],
            lists,
            action: act(t.openBatches),
          };
        case 'waitlisted':
          return { ...base, subject: t.enrolment.waitlistedSubject(name, programme), paragraphs: [t.enrolment.waitlisted(name, unit), ...closing], lists, action: act(t.openBatches) };
        case 'cancelled':
          return { ...base, subject: t.enrolment.cancelledSubject(name, programme), paragraphs: [t.enrolment.cancelled(name, unit), ...closing], lists, action: act(t.openBatches) };
      }
    }
    return {
      ...base,
      subject: t.enrolment.changesSubject(unit, programme),
      paragraphs: [t.enrolment.changes(unit), ...closing],
      lists: news.flatMap((n) => [
        ...OUTCOMES.filter((o) => n.officials[o].length > 0).map((o) => ({ title: t.enrolment.outcome[o](nameOf(n)), lines: n.officials[o] })),
        ...(attends(n) || n.officials.waitlisted.length > 0 ? [scheduleOf(n, t.enrolment.scheduleOf(nameOf(n)))] : []),
      ]),
      action: act(t.openBatches),
    };
  }

  /** A change to events in the reader's calendar: what changed, their events as they are now, the updated invitations. */
  function scheduleChanged(change: ScheduleChange): NoticeText {
    const u = t.changed;
    const yours = c.affected?.length ? [{ title: u.yours, lines: c.affected.map((e) => `${e.summary}: ${when(e)}${e.location ? ` (${e.location})` : ''}`) }] : [];
    const updated = c.affected?.length ? [u.invitationsUpdate] : [];
    const zone = (z: string) => `${zoneName(z)} (${z})`;
    switch (change.what) {
      case 'location':
        return {
          ...base,
          subject: u.locationSubject(unit),
          paragraphs: [u.location(change.period, change.from ?? u.nowhere, change.to ?? u.nowhere), ...updated],
          lists: yours,
          action: act(t.openAsistensi),
        };
      case 'timezone':
        return { ...base, subject: u.timezoneSubject(programme), paragraphs: [u.timezone(org, programme, zone(change.from), zone(change.to)), ...updated], lists: yours, action: act(t.openBatches) };
      case 'organiser':
        return { ...base, subject: u.organiserSubject(programme), paragraphs: [u.organiser(org, programme, change.to), ...updated], lists: yours, action: act(t.openBatches) };
      case 'batch': {
        const venueChanged = change.venue.from !== change.venue.to;
        const gone = change.before.length > change.after.length;
        return {
          ...base,
          subject: u.batchSubject(change.batch, programme),
          paragraphs: [u.batch(change.batch), ...(venueChanged && change.venue.to ? [t.venue(change.venue.to)] : []), ...updated, ...(gone ? [t.enrolment.daysRemoved] : [])],
          lists: [
            { title: u.before, lines: daysOf(change.before) },
            { title: u.now, lines: daysOf(change.after) },
          ],
          action: act(t.openBatches),
        };
      }
      case 'batch_removed':
        return {
          ...base,
          subject: u.removedSubject(change.batch, programme),
          paragraphs: c.seated === false ? [u.removedWaiting(org, change.batch)] : [u.removed(org, change.batch), u.cancelledAttached],
          lists: [{ title: t.schedule, lines: [...daysOf(change.days), ...(change.venue ? [t.venue(change.venue)] : [])] }],
          action: act(t.openBatches),
        };
    }
  }

  switch (f.kind) {
    case 'account_link':
      return {
        ...base,
        footer: t.footer.always(org),
        footerLink: undefined,
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
    case 'enrolment_waitlisted':
    case 'enrolment_cancelled':
      return enrolments();
    case 'schedule_changed':
      return scheduleChanged(f.change);
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
      // Written as text by older notices; as facts (worded here, dates in words) since.
      const cancellations = f.cancellations.map((x) => (typeof x === 'string' ? x : `${x.unit}: ${formatDate(x.date, lang)}, ${formatTimeRange(x.start, x.end, x.zone, lang)}`));
      return {
        ...base,
        subject: t.summary.subject(date(f.date)),
        paragraphs: [t.summary.intro(date(f.date))],
        lists: [...section(t.summary.drafts, f.drafts), ...section(t.summary.requests, f.requests), ...section(t.summary.cancellations, cancellations)],
        action: act(t.summary.action),
      };
    }
  }
}

/** The plain-text body. */
export function plainText(t: NoticeText): string {
  const lists = t.lists.flatMap((l) => [`${l.title}:`, ...l.lines.map((line) => `- ${line}`), '']);
  const footer = t.footerLink ? `${t.footer} ${t.footerLink}` : t.footer;
  return [t.greeting, '', ...t.paragraphs.flatMap((p) => [p, '']), ...lists, `${t.action.label}: ${t.action.url}`, '', '--', footer, ''].join('\n');
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

/** The HTML body: the same words, every value escaped, inline styles only (mail clients drop stylesheets). */
export function htmlBody(t: NoticeText, lang: Language): string {
  const e = escapeHtml;
  const lists = t.lists.map((l) => `<p style="margin-bottom:4px"><strong>${e(l.title)}</strong></p><ul style="margin-top:0">${l.lines.map((line) => `<li>${e(line)}</li>`).join('')}</ul>`);
  const footerLink = t.footerLink ? ` <a href="${e(t.footerLink)}" style="color:#0b5394">${e(t.footerLink)}</a>` : '';
  return [
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${e(t.subject)}</title></head>`,
    '<body style="font-family:Arial,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;max-width:600px;margin:0 auto;padding:16px">',
    `<p>${e(t.greeting)}</p>`,
    ...t.paragraphs.map((p) => `<p>${e(p)}</p>`),
    ...lists,
    `<p><a href="${e(t.action.url)}" style="display:inline-block;background:#0b5394;color:#ffffff;padding:10px 16px;border-radius:4px;text-decoration:none">${e(t.action.label)}</a></p>`,
    `<p style="font-size:13px;color:#555">${e(t.footer)}${footerLink}</p>`,
    '</body></html>',
  ].join('\n');
}
