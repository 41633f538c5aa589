import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { requireOrganiser, type Actor } from '../../platform/actor';
import { conflict, notFound } from '../../platform/errors';
import { toStoredInstant, type Clock } from '../../platform/time';
import type { UnitOfWork } from '../../platform/unit-of-work';
import type { AuditService } from '../audit/audit.service';
import type { CalendarScope, DeliveryRow, NoticeFilter, NoticeRow, OutboxRepository, Person } from './outbox.repository';
import { bundleKey, MAX_ATTEMPTS, NOTICE_KINDS, retryDelaySeconds, SWITCHABLE, wants, type Channel, type NoticeFacts, type NoticeKind } from './outbox.rules';
import { mapInOrder } from '../../platform/in-order';

export type { CalendarScope, NoticeFilter };

/**
 * Who a notice is for: a unit (its mailbox and its operators), one account, the organisers, or
 * every unit whose calendar holds events of a scope (one notice each; see unitsAffected).
 */
export type Audience = { unitId: number } | { userId: number } | { organisers: true } | { unitsAffectedBy: CalendarScope };

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
  /**
   * The deliveries that go out in the same message (a bundle, oldest first, this one among
   * them); settled together. Just this one for a message of its own.
   */
  bundle: { delivery: DeliveryRow; notice: NoticeRow }[];
}

/** A one-click unsubscribe link's state: whose it is and the kinds it switches off. */
export interface UnsubscribeState {
  name: string;
  email: string;
  kinds: { kind: NoticeKind; enabled: boolean }[];
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
  /** NOTICE_BATCHING_SECONDS: how long a unit's enrolment news waits for more (0: none). */
  bundleSeconds?: number;
}) {
  const { repository, uow, clock, audit } = deps;
  const now = () => toStoredInstant(clock.now());
  let wake: () => void = () => {};

  /**
   * Everyone in the audience who wants this kind, one per address. Accounts come before the
   * unit's mailbox, so an operator who uses the mailbox's address keeps their own language
   * and choice (switched off stays off).
   */
  async function peopleFor(to: Exclude<Audience, { unitsAffectedBy: CalendarScope }>, kind: NoticeKind): Promise<Person[]> {
    const people = 'unitId' in to ? await repository.unitPeople(to.unitId) : 'userId' in to ? [await repository.user(to.userId)].filter((p) => p !== undefined) : await repository.activeOrganisers();
    const choices = await repository.choices(
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

  const withDeliveries = async (rows: NoticeRow[]) => {
    const byNotice = new Map<number, Omit<DeliveryRow, 'noticeId'>[]>();
    for (const { noticeId, ...d } of await repository.deliveriesOf(rows.map((r) => r.id))) byNotice.set(noticeId, [...(byNotice.get(noticeId) ?? []), d]);
    // The one-time link (secret) never leaves the outbox but in its owner's email.
    return rows.map(({ secret: _secret, facts, ...notice }) => ({ ...notice, facts: JSON.parse(facts) as NoticeFacts, deliveries: byNotice.get(notice.id) ?? [] }));
  };

  /** A notice with each delivery's attempts. */
  async function withAttempts(id: number) {
    const row = await repository.notice(id);
    if (!row) throw notFound('notice', id);
    const [notice] = await withDeliveries([row]);
    const attempts = await repository.attemptsOf(notice!.deliveries.map((d) => d.id));
    return { ...notice!, deliveries: notice!.deliveries.map((d) => ({ ...d, attemptLog: attempts.filter((a) => a.deliveryId === d.id).map(({ deliveryId: _d, id: _id, ...a }) => a) })) };
  }

  const bundleSeconds = deps.bundleSeconds ?? 0;

  async function recordOne(input: NewNotice & { to: Exclude<Audience, { unitsAffectedBy: CalendarScope }> }): Promise<number | undefined> {
    const at = now();
    const kind = input.facts.kind;
    // A new set-password link retires the old ones: an older message still waiting would carry a dead link.
    if (kind === 'account_link' && 'userId' in input.to) await repository.dropUnsentLinks(input.to.userId);
    if (input.dedupeKey !== undefined && await repository.noticeExists(kind, input.dedupeKey)) return undefined;
    const people = await peopleFor(input.to, kind);
    // No organiser asked for it (the daily summary is off by default): nothing to keep.
    if ('organisers' in input.to && people.length === 0) return undefined;
    const where = { programmeId: input.programmeId ?? null, unitId: input.unitId ?? ('unitId' in input.to ? input.to.unitId : null) };
    const notice = await repository.insertNotice({
      kind,
      ...where,
      userId: 'userId' in input.to ? input.to.userId : null,
      facts: JSON.stringify(input.facts),
      secret: input.secret ?? null,
      dedupeKey: input.dedupeKey ?? null,
      createdAt: at,
    });
    if (!notice) return undefined;
    const delivery = async (channel: Channel, p: Omit<Person, 'name'> & { name: string | null }) => {
      const key = bundleKey(kind, channel, where, p.email, bundleSeconds);
      // A bundle's first notice opens its window; later ones join it and go out with it.
      const due = key === null ? at : (await repository.openBundle(key, at) ?? toStoredInstant(clock.now().plus({ seconds: bundleSeconds })));
      await repository.insertDelivery({
        noticeId: notice.id,
        channel,
        address: p.email,
        name: p.name,
        userId: p.userId,
        language: p.language,
        status: 'pending',
        nextAttemptAt: due,
        messageId: `<${randomUUID()}@${deps.messageDomain}>`,
        bundleKey: key,
      });
    };
    for (const person of people) await delivery('email', person);
    // A one-time link goes to its owner's mailbox only, never through a gateway.
    if (deps.webhook && kind !== 'account_link') await delivery('webhook', { userId: null, email: 'webhook', name: null, language: 'id' });
    // The worker looks once the change has committed (after a rollback there is nothing to see).
    uow.afterCommit(wake);
    return notice.id;
  }

  /**
   * Records how an attempt of a claimed message ended, for each delivery it carried (in one
   * transaction): sent; or tried again later with a growing wait; or given up after
   * MAX_ATTEMPTS, or at once when `permanent` (an address refused, a link expired). Only the
   * lease's holder changes a delivery: after a resend (or a lease that ran out) the attempt is
   * recorded and the newer state stands.
   */
  async function settle(claimed: Pick<DeliveryRow, 'id' | 'nextAttemptAt'> | readonly Pick<DeliveryRow, 'id' | 'nextAttemptAt'>[], outcome: { ok: true } | { ok: false; error: string; permanent?: boolean }) {
    const all = Array.isArray(claimed) ? claimed : [claimed as Pick<DeliveryRow, 'id' | 'nextAttemptAt'>];
    await uow.write(async () => {
      // One time for the whole message: its deliveries were sent together.
      const at = now();
      for (const one of all) {
        const deliveryId = one.id;
        const delivery = await repository.delivery(deliveryId);
        if (!delivery) continue;
        const attempts = delivery.attempts + 1;
        const error = outcome.ok ? null : outcome.error.slice(0, 500);
        await repository.insertAttempt({ deliveryId, at, ok: outcome.ok, error });
        if (delivery.status !== 'pending' || delivery.nextAttemptAt !== one.nextAttemptAt) continue;
        if (outcome.ok) await repository.updateDelivery(deliveryId, { status: 'sent', attempts, sentAt: at, lastError: null });
        else if (attempts >= MAX_ATTEMPTS || outcome.permanent) await repository.updateDelivery(deliveryId, { status: 'failed', attempts, lastError: error });
        else
          await repository.updateDelivery(deliveryId, {
            attempts,
            lastError: error,
            nextAttemptAt: toStoredInstant(clock.now().plus({ seconds: retryDelaySeconds(attempts, deps.retryBaseSeconds) })),
          });
        await repository.wipeSecretIfDone(delivery.noticeId);
      }
    });
  }

  /** The MAC of an unsubscribe link: the person and the kinds, signed with the outbox's key. */
  let signingKey: string | undefined;
  const macOf = async (userId: number, kinds: readonly NoticeKind[]) =>
    createHmac('sha256', (signingKey ??= await repository.unsubscribeKey())).update(`unsubscribe\n${userId}\n${kinds.join(',')}`).digest('base64url');

  /** A link's person and kinds, if it is one this outbox signed for kinds that person may switch; else 404. */
  async function readToken(token: string) {
    const parts = token.split('.');
    const userId = Number(parts[0]);
    const kinds = parts.slice(1, -1) as NoticeKind[];
    const mac = Buffer.from(parts[parts.length - 1] ?? '');
    const valid =
      parts.length >= 3 &&
      /^[1-9][0-9]{0,9}$/.test(parts[0]!) &&
      kinds.every((k) => NOTICE_KINDS.includes(k)) &&
      mac.length === 43 &&
      timingSafeEqual(mac, Buffer.from(await macOf(userId, kinds)));
    const account = valid ? await repository.account(userId) : undefined;
    if (!account || !kinds.every((k) => SWITCHABLE[account.role].includes(k))) throw notFound('unsubscribe link', 'for this address');
    return { account, kinds };
  }

  const stateOf = async ({ account, kinds }: Awaited<ReturnType<typeof readToken>>): Promise<UnsubscribeState> => ({
    name: account.name,
    email: account.email,
    kinds: await mapInOrder(kinds, async (kind) => ({ kind, enabled: wants(kind, (await repository.choices([account.userId!], kind)).get(account.userId!)) })),
  });

  return {
    /**
     * Writes a notice and one delivery per person who wants it (and one to the webhook).
     * Call it inside the change's unit of work. Undefined when a scheduled notice with the
     * same key exists already. Enrolment news waits NOTICE_BATCHING_SECONDS for more of the
     * same unit (see bundleKey). For `unitsAffectedBy`, one notice per unit affected (the
     * first one's id; undefined when no unit is).
     */
    async record(input: NewNotice): Promise<number | undefined> {
      const to = input.to;
      if (!('unitsAffectedBy' in to)) return await recordOne({ ...input, to });
      // Sessions of yesterday and on (in any zone): a change to what is over tells nobody.
      const from = clock.now().minus({ days: 1 }).toISODate()!;
      let first: number | undefined;
      for (const unitId of await repository.unitsAffected(to.unitsAffectedBy, from)) first ??= await recordOne({ ...input, to: { unitId } });
      return first;
    },

    /** The worker's wake-up call after a notice is written. */
    onRecorded(fn: () => void) {
      wake = fn;
    },

    /**
     * Takes the next due delivery on these channels for `leaseSeconds` (its time moves to the
     * lease's end): another worker, in this process or another on the same database, skips it,
     * and a crash mid-send only delays it. One message at a time, right before it is sent: a
     * delivery of a bundle is taken with every other due one of the bundle, and the oldest of
     * them names the message. The lease is one statement outside any unit of work: workers in
     * several processes never retry over one queue.
     */
    async claimNext(channels: readonly Channel[], leaseSeconds: number): Promise<Claimed | undefined> {
      if (channels.length === 0) return undefined;
      const at = now();
      const until = toStoredInstant(clock.now().plus({ seconds: leaseSeconds }));
      const leased = await repository.leaseNext(at, [...channels], until);
      if (leased.length === 0) return undefined;
      const bundle = await mapInOrder(leased, async (delivery) => ({ delivery, notice: (await repository.notice(delivery.noticeId))! }));
      return { ...bundle[0]!, bundle };
    },

    settle,

    /**
     * Gives back claimed deliveries whose send was cut short at shutdown: due again now, no
     * attempt counted (the next start takes them at once instead of waiting out the lease).
     * Only while the lease is still this claim's, like settle.
     */
    async release(claimed: readonly Pick<DeliveryRow, 'id' | 'nextAttemptAt'>[]) {
      await uow.write(async () => {
        const at = now();
        for (const one of claimed) {
          const delivery = await repository.delivery(one.id);
          if (delivery?.status === 'pending' && delivery.nextAttemptAt === one.nextAttemptAt) await repository.updateDelivery(one.id, { nextAttemptAt: at });
        }
      });
    },

    /**
     * A claimed notice no longer worth sending (a reminder of a booking or seat cancelled since):
     * removed with its deliveries, as if never written, so a later scan may write it again when
     * it applies again. Once any delivery of it was sent, this one is given up with `reason`.
     */
    async drop(claimed: Pick<Claimed, 'delivery' | 'notice'>, reason: string) {
      const dropped = await uow.write(async () => await repository.dropUnsent(claimed.notice.id));
      if (!dropped) await settle(claimed.delivery, { ok: false, error: reason, permanent: true });
    },

    /** Who a notice's emails go to (the webhook's JSON lists them). */
    recipientsOf: async (noticeId: number) =>
      (await repository.deliveriesOf([noticeId]))
        .filter((d) => d.channel === 'email')
        .map((d) => ({ name: d.name, email: d.address, language: d.language })),

    /** Whether a scheduled notice was written already. */
    exists: async (kind: NoticeKind, dedupeKey: string) => await repository.noticeExists(kind, dedupeKey),

    /** Whether anyone in the audience would get this kind (the daily summary is asked for, not given). */
    anyoneWants: async (to: Exclude<Audience, { unitsAffectedBy: CalendarScope }>, kind: NoticeKind) => (await peopleFor(to, kind)).length > 0,

    /** A person's links were used or withdrawn: set-password messages still waiting would carry a dead link. */
    forgetLinks: async (userId: number) => await repository.dropUnsentLinks(userId),

    async list(actor: Actor, filter: NoticeFilter & { limit: number; offset: number }) {
      requireOrganiser(actor);
      return await withDeliveries(await repository.list(filter));
    },

    /** How many notices the filter keeps (the console's "page n of m"). */
    async count(actor: Actor, filter: NoticeFilter) {
      requireOrganiser(actor);
      return await repository.count(filter);
    },

    async get(actor: Actor, id: number) {
      requireOrganiser(actor);
      return await withAttempts(id);
    },

    /** When the oldest pending delivery on these channels that was due before `before` fell due, if one did (a worker that is not keeping up). */
    overdueSince: async (before: string, channels: Channel[]): Promise<string | null> => (await repository.due(before, channels, 1))[0]?.nextAttemptAt ?? null,

    counts: async () => Object.fromEntries((await repository.countsByStatus()).map((r) => [r.status, r.n])) as Partial<Record<DeliveryRow['status'], number>>,

    /** Sends every delivery of a notice again, now, with the same Message-IDs. */
    async resend(actor: Actor, id: number) {
      requireOrganiser(actor);
      await uow.write(async () => {
        const notice = await repository.notice(id);
        if (!notice) throw notFound('notice', id);
        if (notice.kind === 'account_link' && notice.secret === null)
          throw conflict('LINK_NOT_KEPT', 'A set-password link is not kept after it was sent: issue a new link for the person instead');
        const deliveries = await repository.deliveriesOf([id]);
        if (deliveries.length === 0) throw conflict('NO_RECIPIENT', `Notice ${id} has nobody to go to`);
        for (const d of deliveries) await repository.updateDelivery(d.id, { status: 'pending', attempts: 0, nextAttemptAt: now(), lastError: null, sentAt: null });
        await audit.record(actor, { action: 'notice.resend', entity: 'notice', entityId: id });
      });
      uow.afterCommit(wake);
      return await withAttempts(id);
    },

    /** The kinds a person may switch, each with whether they get it. */
    async preferences(userId: number, role: 'organiser' | 'unit') {
      const chosen = new Map((await repository.choicesOf(userId)).map((c) => [c.kind, c.enabled]));
      return SWITCHABLE[role].map((kind) => ({ kind, enabled: wants(kind, chosen.get(kind)) }));
    },

    /**
     * The token of a one-click unsubscribe link (RFC 8058) for these kinds, or undefined when the
     * person may switch none of them off (a set-password link; a unit's mailbox has no account).
     */
    async unsubscribeToken(userId: number, kinds: readonly NoticeKind[]): Promise<string | undefined> {
      const account = await repository.account(userId);
      const switchable = [...new Set(kinds)].filter((k) => account && SWITCHABLE[account.role].includes(k)).sort();
      if (!account || switchable.length === 0 || switchable.length !== new Set(kinds).size) return undefined;
      return `${userId}.${switchable.join('.')}.${await macOf(userId, switchable)}`;
    },

    /** Whose link a token is and whether its kinds are still on; 404 for a token this outbox did not sign. */
    unsubscribeState: async (token: string): Promise<UnsubscribeState> => await stateOf(await readToken(token)),

    /**
     * Switches the link's kinds off for its person, as if they had unticked them on /akun
     * (audited as theirs). Needs no sign-in: the signed token is the authority, and it names
     * one person and its kinds only. Doing it twice changes nothing more.
     */
    async unsubscribe(token: string): Promise<UnsubscribeState> {
      const read = await readToken(token);
      const { account, kinds } = read;
      const actor: Actor = { keyId: null, userId: account.userId, role: account.role, unitId: account.unitId };
      return await uow.write(async () => {
        const before = await stateOf(read);
        if (before.kinds.some((k) => k.enabled)) {
          for (const kind of kinds) await repository.setChoice(account.userId!, kind, false);
          const chosen = new Map((await repository.choicesOf(account.userId!)).map((c) => [c.kind, c.enabled]));
          const enabled = SWITCHABLE[account.role].filter((k) => wants(k, chosen.get(k)));
          await audit.record(actor, { action: 'user.noticePreferences', entity: 'user', entityId: account.userId!, after: { enabled, switchedOff: kinds, by: 'List-Unsubscribe' } });
        }
        return await stateOf(read);
      });
    },

    /** Saves what a person gets; kinds they may not switch are ignored. */
    async setPreferences(actor: Actor & { userId: number }, role: 'organiser' | 'unit', enabled: readonly NoticeKind[]) {
      await uow.write(async () => {
        for (const kind of SWITCHABLE[role]) await repository.setChoice(actor.userId, kind, enabled.includes(kind));
        await audit.record(actor, { action: 'user.noticePreferences', entity: 'user', entityId: actor.userId, after: { enabled: SWITCHABLE[role].filter((k) => enabled.includes(k)) } });
      });
    },

  };
}
