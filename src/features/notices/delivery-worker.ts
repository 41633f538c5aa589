import { localInstant, parseInstant, toStoredInstant, type Clock } from '../../platform/time';
import type { Language } from '../../platform/language';
import type { CalendarsService } from '../calendars/calendars.service';
import { renderInvitation, type Attendee, type EventSpec } from '../calendars/ics';
import type { Claimed, OutboxService } from '../outbox/outbox.service';
import { isBundled, type BundledKind, type Channel, type NoticeFacts, type NoticeKind } from '../outbox/outbox.rules';
import type { ProgrammesService } from '../programmes/programmes.service';
import type { UnitsService } from '../units/units.service';
import { isPermanent, type Channels, type Email } from './channels';
import type { NoticeScheduler } from './notice-scheduler';
import { htmlBody, noticeText, plainText, type AffectedEvent, type BatchFacts, type NoticeContext } from './notice-text';
import type { NoticesRepository } from './notices.repository';
import { flatMapInOrder } from '../../platform/in-order';

/** How long a delivery taken by a sender is left to it: longer than the slowest send (each send's deadline is at most 90 s). */
const LEASE_SECONDS = 120;
/**
 * Deliveries sent at once, per channel: each channel is a lane of its own, so a stuck mail
 * server never holds up the webhook, nor the reverse. Email: one per SMTP connection in the pool.
 */
const SENDERS: Record<Channel, number> = { email: 4, webhook: 2 };

export interface WorkerLog {
  warn(obj: object, message?: string): void;
}

export type DeliveryWorker = ReturnType<typeof createDeliveryWorker>;

type EnrolmentFacts = Extract<NoticeFacts, { kind: BundledKind }>;

/**
 * Sends the outbox's deliveries (email, webhook) in the server process, each worded in its
 * reader's language with its invitations, and records every attempt; once a minute it lets the
 * scheduler write the reminders and the summary due.
 */
export function createDeliveryWorker(deps: {
  repository: Pick<NoticesRepository, 'batch' | 'bookingNow' | 'attendingOn' | 'attendedBy'>;
  outbox: OutboxService;
  scheduler: NoticeScheduler;
  clock: Clock;
  calendars: Pick<CalendarsService, 'bookingEvent' | 'unitBatchEvents' | 'unitBatchCancellations' | 'goneBatchDays' | 'unitEventsOf'>;
  programmes: Pick<ProgrammesService, 'require'>;
  units: Pick<UnitsService, 'get'>;
  channels: Channels;
  baseUrl: string;
  organisation: string;
  /** The organisers' zone: notices about no programme are worded in it. */
  defaultZone: string;
  /** Milliseconds between the worker's looks at the outbox. */
  pollMs?: number;
  /** How long stopping waits for the sends in flight before it cuts them and leaves them to the next start. */
  shutdownSeconds?: number;
}) {
  const { repository, outbox, scheduler, clock, calendars, programmes, units, channels, baseUrl } = deps;
  const enabledChannels = [...(channels.email ? (['email'] as const) : []), ...(channels.webhook ? (['webhook'] as const) : [])];

  /** The page where the person acts on a notice (for a set-password notice, the link itself). */
  function linkOf({ notice }: Pick<Claimed, 'notice'>, facts: NoticeFacts): string {
    const p = notice.programmeId;
    switch (facts.kind) {
      case 'account_link':
        if (!notice.secret) throw new Error('the set-password link is no longer kept');
        return notice.secret;
      case 'enrolment_confirmed':
      case 'enrolment_waitlisted':
      case 'enrolment_promoted':
      case 'enrolment_cancelled':
      case 'reminder_batch_day':
        return `${baseUrl}/unit/program/${p}/angkatan`;
      case 'schedule_changed':
        return `${baseUrl}/unit/program/${p}/${facts.change.what === 'location' ? 'asistensi' : 'angkatan'}`;
      case 'draft_status':
        return `${baseUrl}/unit/program/${p}/draf`;
      case 'summary_daily':
        return `${baseUrl}/organisasi`;
      default:
        return `${baseUrl}/unit/program/${p}/asistensi`;
    }
  }

  /** "Today" where the notice's programme is. */
  const todayIn = (zone: string) => clock.now().setZone(zone).toISODate()!;

  /**
   * Why a notice is not to be sent. `expired`: its link expired, or what it reminds of has begun
   * (a reminder never arrives after its session starts, let alone the day after); recorded as
   * failed. `obsolete`: what it reminds of was cancelled or moved since it was written; the
   * notice is dropped (a later scan writes the right one).
   */
  async function unsendable({ notice }: Claimed, facts: NoticeFacts, zone: string): Promise<{ expired: string } | { obsolete: string } | undefined> {
    const now = clock.now();
    if (facts.kind === 'account_link' && parseInstant(facts.expiresAt) <= now) return { expired: 'expired: the set-password link no longer works' };
    if (facts.kind === 'reminder_booking') {
      if (localInstant(facts.slot.date, facts.slot.start, zone) <= now) return { expired: 'expired: the session it reminds of has begun' };
      const booking = await repository.bookingNow(facts.bookingId);
      if (!booking || booking.status !== 'active') return { obsolete: 'dropped: the booking was cancelled before the reminder went out' };
      if (booking.date !== facts.slot.date || booking.start !== facts.slot.start) return { obsolete: 'dropped: the booking moved before the reminder went out' };
    }
    if (facts.kind === 'reminder_batch_day') {
      const day = (await repository.batch(facts.batchId))?.days.find((d) => d.date === facts.date);
      if (day && localInstant(facts.date, day.start, zone) <= now) return { expired: 'expired: the workshop day it reminds of has begun' };
      if (!day || notice.unitId === null || (await repository.attendingOn(facts.batchId, notice.unitId, facts.date)).length === 0)
        return { obsolete: 'dropped: no official of the unit attends that day any more' };
    }
    return undefined;
  }

  /** The kinds a message tells (a bundle tells several). */
  const kindsOf = (claimed: Claimed): NoticeKind[] => [...new Set(claimed.bundle.map((b) => b.notice.kind))];

  /** Everything the message is made of, read once. */
  async function compose(claimed: Claimed) {
    const { notice, delivery } = claimed;
    const facts = JSON.parse(notice.facts) as NoticeFacts;
    const programme = notice.programmeId ? await programmes.require(notice.programmeId) : null;
    const zone = programme?.timezone ?? deps.defaultZone;
    const unit = notice.unitId ? await units.get(notice.unitId) : null;
    const batch = 'batchId' in facts ? await repository.batch(facts.batchId) : undefined;
    const event = 'bookingId' in facts ? await calendars.bookingEvent(facts.bookingId) : undefined;
    const context: NoticeContext = {
      facts,
      organisation: deps.organisation,
      programme: programme && { name: programme.name },
      zone,
      unitName: unit?.name ?? null,
      recipientName: delivery.name ?? unit?.name ?? '',
      mailbox: delivery.userId === null,
      link: linkOf(claimed, facts),
      settingsUrl: delivery.userId === null ? null : `${baseUrl}/akun`,
      ...(batch ? { batch } : {}),
      ...(event ? { location: event.location } : {}),
    };
    let events: { event: EventSpec; file?: string }[] = event && !facts.kind.startsWith('reminder_') ? [{ event }] : [];

    if (isBundled(facts.kind) && unit) {
      // Enrolment news: every notice of the bundle, each batch's days attached once.
      const told = claimed.bundle.map((b) => JSON.parse(b.notice.facts) as EnrolmentFacts);
      const batchIds = [...new Set(told.map((f) => f.batchId))];
      const batches = new Map<number, BatchFacts>();
      for (const id of batchIds) {
        const b = await repository.batch(id);
        if (b) batches.set(id, b);
      }
      const attending = await repository.attendedBy(unit.id, batchIds);
      context.enrolments = { facts: told, batches, attending };
      events = await flatMapInOrder(batchIds, async (id) => {
        const about = told.filter((f) => f.batchId === id);
        const seatsChanged = about.some((f) => f.kind !== 'enrolment_waitlisted');
        const seatLost = about.some((f) => f.kind === 'enrolment_cancelled' && f.seated !== false);
        const list = attending.has(id) ? (seatsChanged ? await calendars.unitBatchEvents(unit.id, id) : []) : seatLost ? await calendars.unitBatchCancellations(unit.id, id) : [];
        return list.map((e, i) => ({ event: e, file: `angkatan-${id}-hari-${i + 1}.ics` }));
      });
    }

    if (facts.kind === 'schedule_changed' && unit) {
      const change = facts.change;
      const from = todayIn(zone);
      let moved: EventSpec[] = [];
      let gone: EventSpec[] = [];
      if (change.what === 'location') moved = await calendars.unitEventsOf(unit.id, { periodId: change.periodId }, from);
      if (change.what === 'timezone' || change.what === 'organiser') moved = await calendars.unitEventsOf(unit.id, { programmeId: change.programmeId }, from);
      if (change.what === 'batch' && notice.programmeId) {
        moved = await calendars.unitBatchEvents(unit.id, change.batchId);
        // Days past the new last day no longer exist: their events are cancelled.
        if (moved.length > 0 && change.before.length > change.after.length)
          gone = await calendars.goneBatchDays(notice.programmeId, change.batchId, change.before.slice(change.after.length), change.after.length + 1);
      }
      if (change.what === 'batch_removed') context.seated = change.seatedUnitIds.includes(unit.id);
      if (change.what === 'batch_removed' && notice.programmeId && context.seated)
        gone = await calendars.goneBatchDays(notice.programmeId, change.batchId, change.days, 1, { name: change.batch, venue: change.venue, sequence: change.sequence });
      context.affected = moved.map((e): AffectedEvent => ({ summary: e.summary, location: e.location, ...('date' in e.when ? e.when : { date: e.when.allDay, start: '', end: '' }) }));
      events = [...moved, ...gone].map((e, i) => ({ event: e, file: `jadwal-${i + 1}.ics` }));
    }
    return { context, text: noticeText(context, delivery.language as Language), unit, events };
  }

  /**
   * A booking's invitation travels as the message's own calendar part; batch days and
   * schedule changes as attachments, one per event. Addressed to the unit's mailbox and to the
   * reader. Reminders carry none.
   */
  function invitationsOf({ delivery }: Claimed, { context, unit, events }: Awaited<ReturnType<typeof compose>>): Pick<Email, 'invitation' | 'attachments'> {
    if (!unit || context.facts.kind.startsWith('reminder_') || events.length === 0) return {};
    const attendees: Attendee[] = unit.email ? [{ name: unit.name, email: unit.email }] : [];
    if (!attendees.some((a) => a.email.toLowerCase() === delivery.address.toLowerCase())) attendees.push({ name: delivery.name ?? unit.name, email: delivery.address });
    const invite = (e: EventSpec) => renderInvitation(e, attendees);
    const [first] = events;
    if (events.length === 1 && !first!.file) return { invitation: invite(first!.event) };
    return { attachments: events.map(({ event, file }, i) => ({ filename: file ?? `undangan-${i + 1}.ics`, ...invite(event) })) };
  }

  async function deliver(claimed: Claimed, composed: Awaited<ReturnType<typeof compose>>, cut: AbortSignal): Promise<void> {
    const { notice, delivery } = claimed;
    const { context, text } = composed;
    if (delivery.channel === 'email') {
      // One click switches off what this message tells, for this person only (RFC 8058).
      const token = delivery.userId === null ? undefined : await outbox.unsubscribeToken(delivery.userId, kindsOf(claimed));
      await channels.email!.send(
        {
          to: { name: delivery.name ?? '', address: delivery.address },
          subject: text.subject,
          text: plainText(text),
          html: htmlBody(text, delivery.language as Language),
          messageId: delivery.messageId,
          ...(token ? { unsubscribe: `${baseUrl}/berhenti-email/${token}` } : {}),
          ...invitationsOf(claimed, composed),
        },
        cut,
      );
    } else {
      const body = JSON.stringify({
        id: delivery.messageId,
        notice: notice.id,
        kind: notice.kind,
        createdAt: notice.createdAt,
        programme: notice.programmeId && context.programme ? { id: notice.programmeId, name: context.programme.name } : null,
        unit: notice.unitId ? { id: notice.unitId, name: context.unitName } : null,
        recipients: await outbox.recipientsOf(notice.id),
        subject: text.subject,
        text: plainText(text),
        link: context.link,
      });
      await channels.webhook!(body, delivery.messageId, cut);
    }
  }

  let stopping = false;
  /** Aborted when stopping has waited long enough: the sends still in flight are cut. */
  const cut = new AbortController();

  /** One sender of a channel: takes the next due message, sends it, records how it went; until none is due. */
  async function sender(channel: Channel): Promise<number> {
    let tried = 0;
    for (let claimed = await outbox.claimNext([channel], LEASE_SECONDS); claimed; claimed = stopping ? undefined : await outbox.claimNext([channel], LEASE_SECONDS)) {
      tried++;
      const facts = JSON.parse(claimed.notice.facts) as NoticeFacts;
      let outcome: Parameters<OutboxService['settle']>[1];
      try {
        const zone = claimed.notice.programmeId ? (await programmes.require(claimed.notice.programmeId)).timezone : deps.defaultZone;
        const why = await unsendable(claimed, facts, zone);
        if (why && 'obsolete' in why) {
          await outbox.drop(claimed, why.obsolete);
          continue;
        }
        if (why) outcome = { ok: false, error: why.expired, permanent: true };
        else {
          await deliver(claimed, await compose(claimed), cut.signal);
          outcome = { ok: true };
        }
      } catch (err) {
        outcome = { ok: false, error: (err as Error).message || String(err), permanent: isPermanent(err) };
      }
      const deliveries = claimed.bundle.map((b) => b.delivery);
      // Cut by shutdown, not failed: due again for the next start, no attempt counted (a failure that is final is recorded as one).
      if (!outcome.ok && !outcome.permanent && cut.signal.aborted) await outbox.release(deliveries);
      // Outside the try: a sent message whose record fails stays leased and is sent again later (at least once).
      else await outbox.settle(deliveries, outcome);
    }
    return tried;
  }

  /** Every sender at work, whoever started it: stopping waits for them. */
  const senders = new Set<Promise<unknown>>();

  /** Runs a channel's senders until nothing is due on it; how many were tried. */
  async function deliverOn(channel: Channel): Promise<number> {
    const round = Promise.all(Array.from({ length: SENDERS[channel] }, () => sender(channel)));
    senders.add(round);
    try {
      return (await round).reduce((a, b) => a + b, 0);
    } finally {
      senders.delete(round);
    }
  }

  /** Sends what is due until nothing is, on every channel at once, each attempt recorded. Answers how many were tried. */
  async function deliverDue(): Promise<number> {
    const tried = await Promise.all(enabledChannels.map(deliverOn));
    return tried.reduce((a, b) => a + b, 0);
  }

  /** A channel's round of sends, one at a time: a look while one runs asks for another right after. */
  function lane(channel: Channel, log: WorkerLog) {
    const state: { running?: Promise<void>; again: boolean } = { again: false };
    async function run(): Promise<void> {
      if (stopping) return;
      if (state.running) {
        state.again = true;
        return state.running;
      }
      state.running = deliverOn(channel).then(
        () => {},
        (err) => log.warn({ err }, `notice worker: delivering by ${channel} failed; it tries again`),
      );
      await state.running;
      state.running = undefined;
      if (state.again && !stopping) {
        state.again = false;
        setImmediate(() => void run());
      }
    }
    return { run };
  }

  let timer: NodeJS.Timeout | undefined;
  let lanes: ReturnType<typeof lane>[] = [];
  let lastScheduled = -Infinity;
  let lastLookAt: string | null = null;

  /** Scheduled notices at most once a minute; deliveries at every look, each channel on its own. Each part fails alone. */
  async function tick(log: WorkerLog) {
    if (stopping) return;
    lastLookAt = clock.now().toUTC().toISO();
    if (clock.now().toMillis() - lastScheduled >= 60_000) {
      lastScheduled = clock.now().toMillis();
      for (const schedule of [scheduler.scheduleReminders, scheduler.scheduleSummary])
        try {
          await schedule();
        } catch (err) {
          log.warn({ err }, `notice worker: ${schedule.name} failed; it tries again in a minute`);
        }
    }
    for (const l of lanes) void l.run();
  }

  return {
    deliverDue,
    /** Whether email goes out at all (SMTP_URL set). */
    emailEnabled: channels.email !== undefined,
    /**
     * Whether it runs and keeps up (for /health/ready): started and not stopping, when it last
     * looked at the outbox, and since when a delivery on a channel it sends waits 15 minutes past due.
     */
    async health() {
      const overdueBefore = toStoredInstant(clock.now().minus({ minutes: 15 }));
      return { running: timer !== undefined && !stopping, lastLookAt, overdueSince: enabledChannels.length > 0 ? await outbox.overdueSince(overdueBefore, [...enabledChannels]) : null };
    },
    /** Starts the worker: it picks up what a previous run left pending, then looks every pollMs and whenever a notice is written. */
    start(log: WorkerLog) {
      lanes = enabledChannels.map((channel) => lane(channel, log));
      outbox.onRecorded(() => void tick(log));
      timer = setInterval(() => void tick(log), deps.pollMs ?? 5_000);
      timer.unref();
      void tick(log);
    },

    /**
     * Stops taking deliveries and waits for the sends under way, at most shutdownSeconds; then
     * cuts those still in flight, leaving their deliveries due for the next start. Closes the
     * mail connections.
     */
    async stop() {
      stopping = true;
      clearInterval(timer);
      outbox.onRecorded(() => {});
      const inFlight = Promise.allSettled([...senders]);
      let waited: NodeJS.Timeout | undefined;
      const patience = new Promise<void>((resolve) => (waited = setTimeout(resolve, (deps.shutdownSeconds ?? 3) * 1000)));
      await Promise.race([inFlight, patience]);
      clearTimeout(waited);
      cut.abort();
      await inFlight;
      channels.email?.close();
    },
  };
}
