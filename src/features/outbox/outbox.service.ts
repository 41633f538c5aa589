import { randomUUID } from 'node:crypto';
import { requireOrganiser, type Actor } from '../../platform/actor';
import { conflict, notFound } from '../../platform/errors';
import { toStoredInstant, type Clock } from '../../platform/time';
import type { UnitOfWork } from '../../platform/unit-of-work';
import type { AuditService } from '../audit/audit.service';
import type { DeliveryRow, NoticeFilter, NoticeRow, OutboxRepository, Person } from './outbox.repository';
import { MAX_ATTEMPTS, retryDelaySeconds, SWITCHABLE, wants, type Channel, type NoticeFacts, type NoticeKind } from './outbox.rules';

export type { NoticeFilter };

/** Who a notice is for: a unit (its mailbox and its operators), one account, or the organisers. */
export type Audience = { unitId: number } | { userId: number } | { organisers: true };

export interface NewNotice {
  facts: NoticeFacts;
  to: Audience;
  programmeId?: number | null;
  /** The unit it is about (console filter); taken from the audience when that is a unit. */
  unitId?: number | null;
  /** A one-time link the message carries. */
  secret?: string;
  /** For scheduled notices: a second notice with the same kind and key is not written. */
  dedupeKey?: string;
}

/** A delivery the worker took, with its notice. */
export interface Claimed {
  delivery: DeliveryRow;
  notice: NoticeRow;
}

export type OutboxService = ReturnType<typeof createOutboxService>;

export function createOutboxService(deps: {
  repository: OutboxRepository;
  uow: UnitOfWork;
  clock: Clock;
  audit: AuditService;
  /** Whether notices also go to the webhook (WEBHOOK_URL is set). */
  webhook: boolean;
  /** The domain of Message-IDs (MAIL_FROM's). */
  messageDomain: string;
  /** The first retry's wait; each further one doubles it. */
  retryBaseSeconds: number;
}) {
  const { repository, uow, clock, audit } = deps;
  const now = () => toStoredInstant(clock.now());
  let wake: () => void = () => {};

  /**
   * Everyone in the audience who wants this kind, one per address. Accounts come before the
   * unit's mailbox, so an operator who uses the mailbox's address keeps their own language
   * and choice (switched off stays off).
   */
  function peopleFor(to: Audience, kind: NoticeKind): Person[] {
    const people = 'unitId' in to ? repository.unitPeople(to.unitId) : 'userId' in to ? [repository.user(to.userId)].filter((p) => p !== undefined) : repository.activeOrganisers();
    const choices = repository.choices(
      people.flatMap((p) => (p.userId === null ? [] : [p.userId])),
      kind,
    );
    const seen = new Set<string>();
    return people.filter((p) => {
      const address = p.email.trim().toLowerCase();
      if (seen.has(address)) return false;
      seen.add(address);
      return p.userId === null || wants(kind, choices.get(p.userId));
    });
  }

  const withDeliveries = (rows: NoticeRow[]) => {
    const byNotice = new Map<number, Omit<DeliveryRow, 'noticeId'>[]>();
    for (const { noticeId, ...d } of repository.deliveriesOf(rows.map((r) => r.id))) byNotice.set(noticeId, [...(byNotice.get(noticeId) ?? []), d]);
    // The one-time link (secret) never leaves the outbox but in its owner's email.
    return rows.map(({ secret: _secret, facts, ...notice }) => ({ ...notice, facts: JSON.parse(facts) as NoticeFacts, deliveries: byNotice.get(notice.id) ?? [] }));
  };

  /** A notice with each delivery's attempts. */
  function withAttempts(id: number) {
    const row = repository.notice(id);
    if (!row) throw notFound('notice', id);
    const [notice] = withDeliveries([row]);
    const attempts = repository.attemptsOf(notice!.deliveries.map((d) => d.id));
    return { ...notice!, deliveries: notice!.deliveries.map((d) => ({ ...d, attemptLog: attempts.filter((a) => a.deliveryId === d.id).map(({ deliveryId: _d, id: _id, ...a }) => a) })) };
  }

  return {
    /**
     * Writes a notice and one delivery per person who wants it (and one to the webhook).
     * Call it inside the change's unit of work. Undefined when a scheduled notice with the
     * same key exists already.
     */
    record(input: NewNotice): number | undefined {
      const at = now();
      const kind = input.facts.kind;
      // A new set-password link retires the old ones: an older message still waiting would carry a dead link.
      if (kind === 'account_link' && 'userId' in input.to) repository.dropUnsentLinks(input.to.userId);
      if (input.dedupeKey !== undefined && repository.noticeExists(kind, input.dedupeKey)) return undefined;
      const people = peopleFor(input.to, kind);
      // No organiser asked for it (the daily summary is off by default): nothing to keep.
      if ('organisers' in input.to && people.length === 0) return undefined;
      const notice = repository.insertNotice({
        kind,
        programmeId: input.programmeId ?? null,
        unitId: input.unitId ?? ('unitId' in input.to ? input.to.unitId : null),
        userId: 'userId' in input.to ? input.to.userId : null,
        facts: JSON.stringify(input.facts),
        secret: input.secret ?? null,
        dedupeKey: input.dedupeKey ?? null,
        createdAt: at,
      });
      if (!notice) return undefined;
      const delivery = (channel: Channel, p: Omit<Person, 'name'> & { name: string | null }) =>
        repository.insertDelivery({
          noticeId: notice.id,
          channel,
          address: p.email,
          name: p.name,
          userId: p.userId,
          language: p.language,
          status: 'pending',
          nextAttemptAt: at,
          messageId: `<${randomUUID()}@${deps.messageDomain}>`,
        });
      for (const person of people) delivery('email', person);
      // A one-time link goes to its owner's mailbox only, never through a gateway.
      if (deps.webhook && kind !== 'account_link') delivery('webhook', { userId: null, email: 'webhook', name: null, language: 'id' });
      // Runs after the change commits (the unit of work is synchronous); after a rollback the worker finds nothing.
      setImmediate(wake);
      return notice.id;
    },

    /** The worker's wake-up call after a notice is written. */
    onRecorded(fn: () => void) {
      wake = fn;
    },

    /**
     * Takes the next due delivery on these channels for `leaseSeconds` (its time moves to the
     * lease's end): another worker, in this process or another on the same file, skips it,
     * and a crash mid-send only delays it. One at a time, right before it is sent.
     */
    claimNext(channels: readonly Channel[], leaseSeconds: number): Claimed | undefined {
      if (channels.length === 0) return undefined;
      const until = toStoredInstant(clock.now().plus({ seconds: leaseSeconds }));
      return uow.write(() => {
        const [delivery] = repository.due(now(), [...channels], 1);
        if (!delivery) return undefined;
        repository.updateDelivery(delivery.id, { nextAttemptAt: until });
        return { delivery: { ...delivery, nextAttemptAt: until }, notice: repository.notice(delivery.noticeId)! };
      });
    },

    /**
     * Records how an attempt of a claimed delivery ended: sent; or tried again later with a
     * growing wait; or given up after MAX_ATTEMPTS, or at once when `permanent` (an address
     * refused, a link expired). Only the lease's holder changes the delivery: after a resend
     * (or a lease that ran out) the attempt is recorded and the newer state stands.
     */
    settle(claimed: Pick<DeliveryRow, 'id' | 'nextAttemptAt'>, outcome: { ok: true } | { ok: false; error: string; permanent?: boolean }) {
      const deliveryId = claimed.id;
      uow.write(() => {
        const delivery = repository.delivery(deliveryId);
        if (!delivery) return;
        const at = now();
        const attempts = delivery.attempts + 1;
        const error = outcome.ok ? null : outcome.error.slice(0, 500);
        repository.insertAttempt({ deliveryId, at, ok: outcome.ok, error });
        if (delivery.status !== 'pending' || delivery.nextAttemptAt !== claimed.nextAttemptAt) return;
        if (outcome.ok) repository.updateDelivery(deliveryId, { status: 'sent', attempts, sentAt: at, lastError: null });
        else if (attempts >= MAX_ATTEMPTS || outcome.permanent) repository.updateDelivery(deliveryId, { status: 'failed', attempts, lastError: error });
        else
          repository.updateDelivery(deliveryId, {
            attempts,
            lastError: error,
            nextAttemptAt: toStoredInstant(clock.now().plus({ seconds: retryDelaySeconds(attempts, deps.retryBaseSeconds) })),
          });
        repository.wipeSecretIfDone(delivery.noticeId);
      });
    },

    /** Who a notice's emails go to (the webhook's JSON lists them). */
    recipientsOf: (noticeId: number) =>
      repository
        .deliveriesOf([noticeId])
        .filter((d) => d.channel === 'email')
        .map((d) => ({ name: d.name, email: d.address, language: d.language })),

    /** Whether a scheduled notice was written already. */
    exists: (kind: NoticeKind, dedupeKey: string) => repository.noticeExists(kind, dedupeKey),

    /** Whether anyone in the audience would get this kind (the daily summary is asked for, not given). */
    anyoneWants: (to: Audience, kind: NoticeKind) => peopleFor(to, kind).length > 0,

    /** A person's links were used or withdrawn: set-password messages still waiting would carry a dead link. */
    forgetLinks: (userId: number) => repository.dropUnsentLinks(userId),

    list(actor: Actor, filter: NoticeFilter & { limit: number; offset: number }) {
      requireOrganiser(actor);
      return withDeliveries(repository.list(filter));
    },

    get(actor: Actor, id: number) {
      requireOrganiser(actor);
      return withAttempts(id);
    },

    counts: () => Object.fromEntries(repository.countsByStatus().map((r) => [r.status, r.n])) as Partial<Record<DeliveryRow['status'], number>>,

    /** Sends every delivery of a notice again, now, with the same Message-IDs. */
    resend(actor: Actor, id: number) {
      requireOrganiser(actor);
      uow.write(() => {
        const notice = repository.notice(id);
        if (!notice) throw notFound('notice', id);
        if (notice.kind === 'account_link' && notice.secret === null)
          throw conflict('LINK_NOT_KEPT', 'A set-password link is not kept after it was sent: issue a new link for the person instead');
        const deliveries = repository.deliveriesOf([id]);
        if (deliveries.length === 0) throw conflict('NO_RECIPIENT', `Notice ${id} has nobody to go to`);
        for (const d of deliveries) repository.updateDelivery(d.id, { status: 'pending', attempts: 0, nextAttemptAt: now(), lastError: null, sentAt: null });
        audit.record(actor, { action: 'notice.resend', entity: 'notice', entityId: id });
      });
      setImmediate(wake);
      return withAttempts(id);
    },

    /** The kinds a person may switch, each with whether they get it. */
    preferences(userId: number, role: 'organiser' | 'unit') {
      const chosen = new Map(repository.choicesOf(userId).map((c) => [c.kind, c.enabled]));
      return SWITCHABLE[role].map((kind) => ({ kind, enabled: wants(kind, chosen.get(kind)) }));
    },

    /** Saves what a person gets; kinds they may not switch are ignored. */
    setPreferences(actor: Actor & { userId: number }, role: 'organiser' | 'unit', enabled: readonly NoticeKind[]) {
      uow.write(() => {
        for (const kind of SWITCHABLE[role]) repository.setChoice(actor.userId, kind, enabled.includes(kind));
        audit.record(actor, { action: 'user.noticePreferences', entity: 'user', entityId: actor.userId, after: { enabled: SWITCHABLE[role].filter((k) => enabled.includes(k)) } });
      });
    },

  };
}
