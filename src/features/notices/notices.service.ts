import { DateTime } from 'luxon';
import type { Actor } from '../../platform/actor';
import type { Language } from '../../platform/language';
import { toStoredInstant, type Clock } from '../../platform/time';
import type { UnitOfWork } from '../../platform/unit-of-work';
import type { CalendarsService } from '../calendars/calendars.service';
import { renderInvitation, type Attendee } from '../calendars/ics';
import type { HolidaysService } from '../holidays/holidays.service';
import { nonWorking } from '../holidays/holidays.rules';
import type { NoticeFacts } from '../outbox/outbox.rules';
import type { Claimed, NoticeFilter, OutboxService } from '../outbox/outbox.service';
import type { ProgrammesService } from '../programmes/programmes.service';
import type { UnitsService } from '../units/units.service';
import { isPermanent, type Channels, type Email } from './channels';
import { htmlBody, noticeText, plainText, type NoticeContext } from './notice-text';
import type { NoticesRepository } from './notices.repository';

/** Reminders and the daily summary are written from this hour (local time) on. */
export const MORNING_HOUR = 7;
/** How long a taken delivery is left to its worker before another may try it. */
const LEASE_SECONDS = 60;
const BATCH = 20;

export interface WorkerLog {
  warn(obj: object, message?: string): void;
}

export type NoticesService = ReturnType<typeof createNoticesService>;

/**
 * Words and delivers the outbox's notices, and writes the scheduled ones (reminders the
 * working day before, the organisers' daily summary). The worker runs in the server process.
 */
export function createNoticesService(deps: {
  repository: NoticesRepository;
  outbox: OutboxService;
  uow: UnitOfWork;
  clock: Clock;
  calendars: Pick<CalendarsService, 'bookingEvent' | 'unitBatchEvents'>;
  programmes: Pick<ProgrammesService, 'require'>;
  units: Pick<UnitsService, 'get'>;
  holidays: Pick<HolidaysService, 'between'>;
  channels: Channels;
  baseUrl: string;
  organisation: string;
  /** The organisers' zone: when their day starts and ends. */
  defaultZone: string;
  /** Milliseconds between the worker's looks at the outbox. */
  pollMs?: number;
}) {
  const { repository, outbox, uow, clock, calendars, programmes, units, channels, baseUrl } = deps;
  const enabledChannels = [...(channels.email ? (['email'] as const) : []), ...(channels.webhook ? (['webhook'] as const) : [])];

  /** The page where the person acts on a notice. */
  function linkOf(notice: Claimed['notice'], facts: NoticeFacts): string {
    const p = notice.programmeId;
    switch (facts.kind) {
      case 'account_link': {
        const secret = outbox.secretOf(notice.id);
        if (!secret) throw new Error('the set-password link is no longer kept');
        return secret;
      }
      case 'enrolment_confirmed':
      case 'enrolment_waitlisted':
      case 'enrolment_promoted':
      case 'reminder_batch_day':
        return `${baseUrl}/unit/program/${p}/angkatan`;
      case 'draft_status':
        return `${baseUrl}/unit/program/${p}/draf`;
      case 'summary_daily':
        return `${baseUrl}/organisasi`;
      default:
        return `${baseUrl}/unit/program/${p}/asistensi`;
    }
  }

  function contextOf({ notice, delivery }: Claimed): NoticeContext {
    const facts = JSON.parse(notice.facts) as NoticeFacts;
    const programme = notice.programmeId ? programmes.require(notice.programmeId) : null;
    const unitName = notice.unitId ? units.get(notice.unitId).name : null;
    const batch = 'batchId' in facts ? repository.batch(facts.batchId) : undefined;
    const location = 'bookingId' in facts ? calendars.bookingEvent(facts.bookingId)?.location : undefined;
    return {
      facts,
      organisation: deps.organisation,
      programme: programme && { name: programme.name },
      zone: programme?.timezone ?? deps.defaultZone,
      unitName,
      recipientName: delivery.name ?? unitName ?? '',
      link: linkOf(notice, facts),
      ...(batch ? { batch } : {}),
      ...(location !== undefined ? { location } : {}),
    };
  }

  /** Booking notices carry the booking's invitation; enrolment notices one per batch day. */
  function invitationsOf({ notice, delivery }: Claimed, facts: NoticeFacts): Pick<Email, 'invitation' | 'attachments'> {
    if (!notice.unitId || facts.kind.startsWith('reminder_')) return {};
    const unit = units.get(notice.unitId);
    const attendees: Attendee[] = [...(unit.email ? [{ name: unit.name, email: unit.email }] : [])];
    if (!attendees.some((a) => a.email.toLowerCase() === delivery.address.toLowerCase())) attendees.push({ name: delivery.name ?? unit.name, email: delivery.address });
    if ('bookingId' in facts) {
      const event = calendars.bookingEvent(facts.bookingId);
      return event ? { invitation: renderInvitation(event, attendees) } : {};
    }
    if (facts.kind === 'enrolment_confirmed' || facts.kind === 'enrolment_promoted')
      return { attachments: calendars.unitBatchEvents(notice.unitId, facts.batchId).map((event, i) => ({ filename: `hari-${i + 1}.ics`, ...renderInvitation(event, attendees) })) };
    return {};
  }

  async function deliver(claimed: Claimed): Promise<void> {
    const { notice, delivery } = claimed;
    const context = contextOf(claimed);
    const text = noticeText(context, delivery.language as Language);
    if (delivery.channel === 'email') {
      await channels.email!({
        to: { name: delivery.name ?? '', address: delivery.address },
        subject: text.subject,
        text: plainText(text),
        html: htmlBody(text, delivery.language as Language),
        messageId: delivery.messageId,
        ...invitationsOf(claimed, context.facts),
      });
    } else {
      const body = JSON.stringify({
        id: delivery.messageId,
        notice: notice.id,
        kind: notice.kind,
        createdAt: notice.createdAt,
        programme: notice.programmeId && context.programme ? { id: notice.programmeId, name: context.programme.name } : null,
        unit: notice.unitId ? { id: notice.unitId, name: context.unitName } : null,
        recipients: outbox.recipientsOf(notice.id),
        subject: text.subject,
        text: plainText(text),
        link: notice.kind === 'account_link' ? null : context.link,
      });
      await channels.webhook!(body, delivery.messageId);
    }
  }

  /** Sends what is due until nothing is, each attempt recorded. Answers how many were tried. */
  async function deliverDue(): Promise<number> {
    let tried = 0;
    for (;;) {
      const claimed = outbox.claim([...enabledChannels], BATCH, LEASE_SECONDS);
      for (const c of claimed) {
        try {
          await deliver(c);
          outbox.settle(c.delivery.id, { ok: true });
        } catch (err) {
          outbox.settle(c.delivery.id, { ok: false, error: (err as Error).message || String(err), permanent: isPermanent(err) });
        }
      }
      tried += claimed.length;
      if (claimed.length < BATCH) return tried;
    }
  }

  /** The first working day after `date` (national holidays and cuti bersama, weekends). */
  function nextWorkingDay(date: string, holidays: ReturnType<HolidaysService['between']>['days']): string {
    let d = DateTime.fromISO(date, { zone: 'utc' });
    do d = d.plus({ days: 1 });
    while (nonWorking(d.toISODate()!, holidays) && d.diff(DateTime.fromISO(date, { zone: 'utc' }), 'days').days < 30);
    return d.toISODate()!;
  }

  /**
   * Writes the reminders due today: on a working day, from MORNING_HOUR local time, for every
   * session and batch day up to and including the next working day (a Monday session is
   * reminded on Friday). Written once each (a dedupe key), so scanning again changes nothing.
   */
  function scheduleReminders(): number {
    const now = clock.now();
    const from = now.minus({ days: 1 }).toISODate()!;
    const to = now.plus({ days: 31 }).toISODate()!;
    const { days: holidays } = deps.holidays.between(from, to);
    const windows = new Map<string, { today: string; until: string } | null>();
    const windowIn = (zone: string) => {
      if (!windows.has(zone)) {
        const local = now.setZone(zone);
        const today = local.toISODate()!;
        windows.set(zone, local.hour < MORNING_HOUR || nonWorking(today, holidays) ? null : { today, until: nextWorkingDay(today, holidays) });
      }
      return windows.get(zone);
    };
    const dueIn = (zone: string, date: string) => {
      const w = windowIn(zone);
      return w !== null && w !== undefined && date > w.today && date <= w.until;
    };
    let written = 0;
    uow.write(() => {
      for (const b of repository.bookingsBetween(from, to))
        if (dueIn(b.zone, b.date))
          written += outbox.record({
            facts: { kind: 'reminder_booking', bookingId: b.bookingId, periodId: b.periodId, slot: { date: b.date, start: b.start, end: b.end } },
            to: { unitId: b.unitId },
            programmeId: b.programmeId,
            dedupeKey: `booking-${b.bookingId}@${b.date}T${b.start}`,
          })
            ? 1
            : 0;
      for (const d of repository.batchDaysBetween(from, to))
        if (dueIn(d.zone, d.date))
          written += outbox.record({
            facts: { kind: 'reminder_batch_day', batchId: d.batchId, day: d.day, date: d.date, officials: d.officials },
            to: { unitId: d.unitId },
            programmeId: d.programmeId,
            dedupeKey: `batch-${d.batchId}-unit-${d.unitId}@${d.date}`,
          })
            ? 1
            : 0;
    });
    return written;
  }

  /** From MORNING_HOUR in the organisers' zone: yesterday's new drafts, requests and cancellations, to those who asked. */
  function scheduleSummary(): boolean {
    const local = clock.now().setZone(deps.defaultZone);
    if (local.hour < MORNING_HOUR) return false;
    const start = local.startOf('day').minus({ days: 1 });
    const activity = repository.activityBetween(toStoredInstant(start), toStoredInstant(start.plus({ days: 1 })));
    if (activity.drafts.length + activity.requests.length + activity.cancellations.length === 0) return false;
    const date = start.toISODate()!;
    return uow.write(() => outbox.record({ facts: { kind: 'summary_daily', date, ...activity }, to: { organisers: true }, dedupeKey: `summary@${date}` }) !== undefined);
  }

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let lastScheduled = 0;

  async function tick(log: WorkerLog) {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        // Scheduled notices at most once a minute; deliveries at every look.
        if (clock.now().toMillis() - lastScheduled >= 60_000) {
          lastScheduled = clock.now().toMillis();
          scheduleReminders();
          scheduleSummary();
        }
        await deliverDue();
      } catch (err) {
        log.warn({ err }, 'the notice worker failed; it tries again');
      }
    })();
    await running;
    running = undefined;
    if (again) {
      again = false;
      setImmediate(() => void tick(log));
    }
  }

  return {
    deliverDue,
    scheduleReminders,
    scheduleSummary,
    /** Whether email goes out at all (SMTP_URL set). */
    emailEnabled: channels.email !== undefined,

    /** Starts the worker: it picks up what a previous run left pending, then looks every pollMs and whenever a notice is written. */
    start(log: WorkerLog) {
      if (!channels.email) log.warn({}, 'SMTP_URL is not set: notices are kept in the outbox (see /organisasi/pemberitahuan) and not sent by email');
      outbox.onRecorded(() => void tick(log));
      timer = setInterval(() => void tick(log), deps.pollMs ?? 5_000);
      timer.unref();
      void tick(log);
    },

    /** Stops looking and waits for the send under way. */
    async stop() {
      clearInterval(timer);
      outbox.onRecorded(() => {});
      await running;
    },

    list: (actor: Actor, filter: NoticeFilter & { limit: number; offset: number }) => outbox.list(actor, filter),
    get: (actor: Actor, id: number) => outbox.get(actor, id),
    resend: (actor: Actor, id: number) => outbox.resend(actor, id),
  };
}
