import { parseInstant, type Clock } from '../../platform/time';
import type { Language } from '../../platform/language';
import type { CalendarsService } from '../calendars/calendars.service';
import { renderInvitation, type Attendee, type EventSpec } from '../calendars/ics';
import type { Claimed, OutboxService } from '../outbox/outbox.service';
import type { NoticeFacts } from '../outbox/outbox.rules';
import type { ProgrammesService } from '../programmes/programmes.service';
import type { UnitsService } from '../units/units.service';
import { isPermanent, type Channels, type Email } from './channels';
import type { NoticeScheduler } from './notice-scheduler';
import { htmlBody, noticeText, plainText, type NoticeContext } from './notice-text';
import type { NoticesRepository } from './notices.repository';

/** How long a delivery taken by a sender is left to it: longer than the slowest send (SMTP timeouts total 60 s). */
const LEASE_SECONDS = 120;
/** Deliveries sent at once (SMTP connections in the pool). */
const SENDERS = 4;

export interface WorkerLog {
  warn(obj: object, message?: string): void;
}

export type DeliveryWorker = ReturnType<typeof createDeliveryWorker>;

/**
 * Sends the outbox's deliveries (email, webhook) in the server process, each worded in its
 * reader's language with its invitations, and records every attempt; once a minute it lets the
 * scheduler write the reminders and the summary due.
 */
export function createDeliveryWorker(deps: {
  repository: Pick<NoticesRepository, 'batch'>;
  outbox: OutboxService;
  scheduler: NoticeScheduler;
  clock: Clock;
  calendars: Pick<CalendarsService, 'bookingEvent' | 'unitBatchEvents'>;
  programmes: Pick<ProgrammesService, 'require'>;
  units: Pick<UnitsService, 'get'>;
  channels: Channels;
  baseUrl: string;
  organisation: string;
  /** The organisers' zone: notices about no programme are worded in it. */
  defaultZone: string;
  /** Milliseconds between the worker's looks at the outbox. */
  pollMs?: number;
}) {
  const { repository, outbox, scheduler, clock, calendars, programmes, units, channels, baseUrl } = deps;
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
        for (const schedule of [scheduler.scheduleReminders, scheduler.scheduleSummary])
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
