import { DateTime } from 'luxon';
import type { Language } from '../../platform/language';
import { parseInstant, toStoredInstant, type Clock } from '../../platform/time';
import type { UnitOfWork } from '../../platform/unit-of-work';
import type { CalendarsService } from '../calendars/calendars.service';
import { renderInvitation, type Attendee, type EventSpec } from '../calendars/ics';
import type { HolidaysService } from '../holidays/holidays.service';
import { nonWorking } from '../holidays/holidays.rules';
import type { NewNotice, Claimed, OutboxService } from '../outbox/outbox.service';
import type { NoticeFacts } from '../outbox/outbox.rules';
import type { ProgrammesService } from '../programmes/programmes.service';
import type { UnitsService } from '../units/units.service';
import { isPermanent, type Channels, type Email } from './channels';
import { htmlBody, noticeText, plainText, type NoticeContext } from './notice-text';
import type { NoticesRepository } from './notices.repository';

/** Reminders and the daily summary are written from this hour (local time) on. */
export const MORNING_HOUR = 7;
/** How long a delivery taken by a sender is left to it: longer than the slowest send (SMTP timeouts total 60 s). */
const LEASE_SECONDS = 120;
/** Deliveries sent at once (SMTP connections in the pool). */
const SENDERS = 4;

export interface WorkerLog {
  warn(obj: object, message?: string): void;
}

type Holidays = ReturnType<HolidaysService['between']>['days'];

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

  /** The page where the person acts on a notice (for a set-password notice, the link itself). */
  function linkOf({ notice }: Claimed, facts: NoticeFacts): string {
    const p = notice.programmeId;
    switch (facts.kind) {
      case 'account_link':
        if (!notice.secret) throw new Error('the set-password link is no longer kept');
        return notice.secret;
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

  /** Why a notice is no longer worth sending: its link expired, or what it reminds of is over. */
  function expiry(facts: NoticeFacts): string | undefined {
    const now = clock.now();
    if (facts.kind === 'account_link' && parseInstant(facts.expiresAt) <= now) return 'expired: the set-password link no longer works';
    const remindsOf = facts.kind === 'reminder_booking' ? facts.slot.date : facts.kind === 'reminder_batch_day' ? facts.date : undefined;
    if (remindsOf !== undefined && remindsOf < now.setZone(deps.defaultZone).minus({ days: 1 }).toISODate()!) return 'expired: the day it reminds of is over';
    return undefined;
  }

  /** Everything the message is made of, read once. */
  function compose(claimed: Claimed) {
    const { notice, delivery } = claimed;
    const facts = JSON.parse(notice.facts) as NoticeFacts;
    const programme = notice.programmeId ? programmes.require(notice.programmeId) : null;
    const unit = notice.unitId ? units.get(notice.unitId) : null;
    const batch = 'batchId' in facts ? repository.batch(facts.batchId) : undefined;
    const event = 'bookingId' in facts ? calendars.bookingEvent(facts.bookingId) : undefined;
    const context: NoticeContext = {
      facts,
      organisation: deps.organisation,
      programme: programme && { name: programme.name },
      zone: programme?.timezone ?? deps.defaultZone,
      unitName: unit?.name ?? null,
      recipientName: delivery.name ?? unit?.name ?? '',
      mailbox: delivery.userId === null,
      link: linkOf(claimed, facts),
      ...(batch ? { batch } : {}),
      ...(event ? { location: event.location } : {}),
    };
    return { context, text: noticeText(context, delivery.language as Language), unit, event };
  }

  /**
   * Booking notices carry the booking's invitation (reminders need none); enrolment notices
   * one per batch day. Addressed to the unit's mailbox and to the reader.
   */
  function invitationsOf({ notice, delivery }: Claimed, { context, unit, event }: ReturnType<typeof compose>): Pick<Email, 'invitation' | 'attachments'> {
    const facts = context.facts;
    if (!unit || facts.kind.startsWith('reminder_')) return {};
    const attendees: Attendee[] = unit.email ? [{ name: unit.name, email: unit.email }] : [];
    if (!attendees.some((a) => a.email.toLowerCase() === delivery.address.toLowerCase())) attendees.push({ name: delivery.name ?? unit.name, email: delivery.address });
    const invite = (e: EventSpec) => renderInvitation(e, attendees);
    if (event) return { invitation: invite(event) };
    if (facts.kind === 'enrolment_confirmed' || facts.kind === 'enrolment_promoted')
      return { attachments: calendars.unitBatchEvents(notice.unitId!, facts.batchId).map((e, i) => ({ filename: `hari-${i + 1}.ics`, ...invite(e) })) };
    return {};
  }

  async function deliver(claimed: Claimed): Promise<void> {
    const { notice, delivery } = claimed;
    const composed = compose(claimed);
    const { context, text } = composed;
    if (delivery.channel === 'email') {
      await channels.email!.send({
        to: { name: delivery.name ?? '', address: delivery.address },
        subject: text.subject,
        text: plainText(text),
        html: htmlBody(text, delivery.language as Language),
        messageId: delivery.messageId,
        ...invitationsOf(claimed, composed),
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
        link: context.link,
      });
      await channels.webhook!(body, delivery.messageId);
    }
  }

  let stopping = false;

  /** One sender: takes the next due delivery, sends it, records how it went; until none is due. */
  async function sender(): Promise<number> {
    let tried = 0;
    for (let claimed = outbox.claimNext(enabledChannels, LEASE_SECONDS); claimed; claimed = stopping ? undefined : outbox.claimNext(enabledChannels, LEASE_SECONDS)) {
      tried++;
      const facts = JSON.parse(claimed.notice.facts) as NoticeFacts;
      const expired = expiry(facts);
      let outcome: Parameters<OutboxService['settle']>[1];
      if (expired) outcome = { ok: false, error: expired, permanent: true };
      else
        try {
          await deliver(claimed);
          outcome = { ok: true };
        } catch (err) {
          outcome = { ok: false, error: (err as Error).message || String(err), permanent: isPermanent(err) };
        }
      // Outside the try: a sent message whose record fails stays leased and is sent again later (at least once).
      outbox.settle(claimed.delivery, outcome);
    }
    return tried;
  }

  /** Sends what is due until nothing is, each attempt recorded. Answers how many were tried. */
  async function deliverDue(): Promise<number> {
    const tried = await Promise.all(Array.from({ length: SENDERS }, sender));
    return tried.reduce((a, b) => a + b, 0);
  }

  /** The first working day after `date` (national holidays and cuti bersama, weekends). */
  function nextWorkingDay(date: string, holidays: Holidays): string {
    let d = DateTime.fromISO(date, { zone: 'utc' });
    for (let i = 0; i < 30; i++) {
      d = d.plus({ days: 1 });
      if (!nonWorking(d.toISODate()!, holidays)) break;
    }
    return d.toISODate()!;
  }

  /**
   * Writes the reminders due now: on a working day, from MORNING_HOUR in the programme's
   * zone, for every session and batch day after today up to and including the next working
   * day (a Monday session is reminded on Friday). Each is written once (a dedupe key): the
   * scan reads outside any transaction and writes only what is missing.
   */
  function scheduleReminders(): number {
    const now = clock.now();
    const { days: holidays } = deps.holidays.between(now.minus({ days: 1 }).toISODate()!, now.plus({ days: 40 }).toISODate()!);
    const missing: NewNotice[] = [];
    const add = (notice: NewNotice & { dedupeKey: string }) => {
      if (!outbox.exists(notice.facts.kind, notice.dedupeKey)) missing.push(notice);
    };
    for (const zone of repository.zones()) {
      const local = now.setZone(zone);
      const today = local.toISODate()!;
      if (local.hour < MORNING_HOUR || nonWorking(today, holidays)) continue;
      const from = local.plus({ days: 1 }).toISODate()!;
      const until = nextWorkingDay(today, holidays);
      for (const b of repository.bookingsBetween(zone, from, until))
        add({
          facts: { kind: 'reminder_booking', bookingId: b.bookingId, periodId: b.periodId, slot: { date: b.date, start: b.start, end: b.end } },
          to: { unitId: b.unitId },
          programmeId: b.programmeId,
          dedupeKey: `booking-${b.bookingId}@${b.date}T${b.start}`,
        });
      for (const d of repository.batchDaysBetween(zone, from, until))
        add({
          facts: { kind: 'reminder_batch_day', batchId: d.batchId, day: d.day, date: d.date, officials: d.officials },
          to: { unitId: d.unitId },
          programmeId: d.programmeId,
          dedupeKey: `batch-${d.batchId}-unit-${d.unitId}@${d.date}`,
        });
    }
    if (missing.length === 0) return 0;
    return uow.write(() => missing.filter((notice) => outbox.record(notice) !== undefined).length);
  }

  /** From MORNING_HOUR in the organisers' zone: yesterday's new drafts, requests and cancellations, to those who asked. */
  function scheduleSummary(): boolean {
    const local = clock.now().setZone(deps.defaultZone);
    if (local.hour < MORNING_HOUR) return false;
    const start = local.startOf('day').minus({ days: 1 });
    const date = start.toISODate()!;
    const dedupeKey = `summary@${date}`;
    if (outbox.exists('summary_daily', dedupeKey) || !outbox.anyoneWants({ organisers: true }, 'summary_daily')) return false;
    const activity = repository.activityBetween(toStoredInstant(start), toStoredInstant(start.plus({ days: 1 })));
    if (activity.drafts.length + activity.requests.length + activity.cancellations.length === 0) return false;
    return uow.write(() => outbox.record({ facts: { kind: 'summary_daily', date, ...activity }, to: { organisers: true }, dedupeKey }) !== undefined);
  }

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let lastScheduled = -Infinity;

  async function tick(log: WorkerLog) {
    if (stopping) return;
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      // Scheduled notices at most once a minute; deliveries at every look. Each part fails alone.
      if (clock.now().toMillis() - lastScheduled >= 60_000) {
        lastScheduled = clock.now().toMillis();
        for (const schedule of [scheduleReminders, scheduleSummary])
          try {
            schedule();
          } catch (err) {
            log.warn({ err }, `notice worker: ${schedule.name} failed; it tries again in a minute`);
          }
      }
      try {
        await deliverDue();
      } catch (err) {
        log.warn({ err }, 'notice worker: delivering failed; it tries again');
      }
    })();
    await running;
    running = undefined;
    if (again && !stopping) {
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

    /** Stops taking deliveries, waits for the sends under way and closes the mail connections. */
    async stop() {
      stopping = true;
      clearInterval(timer);
      outbox.onRecorded(() => {});
      await running;
      channels.email?.close();
    },
  };
}
