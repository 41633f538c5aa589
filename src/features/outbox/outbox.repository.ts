import { randomBytes } from 'node:crypto';
import { and, asc, desc, eq, gt, gte, inArray, isNotNull, isNull, lt, lte, ne, notExists, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { ConstraintErrors } from '../../platform/constraints';
import type { Db } from '../../platform/database';
import { first, prepared, rows, run, skippingLocked } from '../../platform/statements';
import { once } from '../../platform/memo';
import { conflict, invalidField } from '../../platform/errors';
import { statusIs, statusIsNot } from '../../platform/sql';
import type { Language } from '../../platform/language';
import { users } from '../accounts/accounts.tables';
import { bookings } from '../bookings/bookings.tables';
import { asistensiPeriods, slots } from '../periods/periods.tables';
import { units } from '../units/units.tables';
import { batchDays, batches, enrolments } from '../workshops/workshops.tables';
import type { Channel, DeliveryStatus, NoticeKind } from './outbox.rules';
import { noticeAttempts, noticeDeliveries, noticePreferences, notices, outboxKeys } from './outbox.tables';

export type NoticeRow = typeof notices.$inferSelect;
export type DeliveryRow = typeof noticeDeliveries.$inferSelect;
export type AttemptRow = typeof noticeAttempts.$inferSelect;

/** Someone a notice may go to: an account, or a unit's own mailbox (no account, Indonesian). */
export interface Person {
  userId: number | null;
  email: string;
  name: string;
  language: Language;
}

/**
 * Whose calendars a change reaches: units with active bookings (or confirmed officials) in it;
 * for a batch `withWaiting`, also units whose officials only wait for a seat in it.
 */
export type CalendarScope = { periodId: number } | { programmeId: number } | { batchId: number; withWaiting?: boolean };

export interface NoticeFilter {
  unitId?: number;
  kind?: NoticeKind;
  status?: DeliveryStatus;
}

export const outboxConstraints: ConstraintErrors = {
  notices_kind_check: () => invalidField('/query/kind', 'is not a kind of notice'),
  notice_preferences_kind_check: () => invalidField('/body/kinds', 'is not a kind of notice'),
  notice_deliveries_channel_check: () => invalidField('/body/channel', 'must be email or webhook'),
  notice_deliveries_status_check: () => invalidField('/query/status', 'must be pending, sent or failed'),
  notice_deliveries_language_check: () => invalidField('/body/language', 'must be id or en'),
  // Scheduled notices are inserted with ON CONFLICT DO NOTHING; random UUIDs do not collide.
  notices_dedupe_unique: () => conflict('NOTICE_EXISTS', 'This scheduled notice was already written'),
  notice_deliveries_message_unique: () => conflict('TOKEN_COLLISION', 'Two messages got the same Message-ID; try again'),
  notice_preferences_pkey: () => conflict('PREFERENCE_EXISTS', 'This preference was saved twice at once; try again'),
  outbox_keys_single_row: () => conflict('OUTBOX_KEY_CONFLICT', 'The outbox has one signing key'),
};

export function createOutboxRepository(db: Db) {
  const person = { userId: users.id, email: users.email, name: users.name, language: users.language };
  const unitPeopleOf = once(() =>
    prepared(
      db
        .select({ userId: sql<number | null>`${users.id}`, email: users.email, name: users.name, language: sql<Language>`${users.language}` })
        .from(users)
        .where(and(eq(users.unitId, sql.placeholder('unitId')), ne(users.status, 'disabled')))
        .unionAll(
          db
            .select({ userId: sql<number | null>`NULL`, email: sql<string>`${units.email}`, name: units.name, language: sql<Language>`'id'` })
            .from(units)
            .where(and(eq(units.id, sql.placeholder('unitId')), isNotNull(units.email), ne(units.email, ''))),
        ),
    ),
  );
  const dueAt = (now: string) => and(statusIs(noticeDeliveries.status, 'pending'), lte(noticeDeliveries.nextAttemptAt, now));
  return {
    /** Returns undefined when a notice of that kind and key was already written. */
    insertNotice: async (values: typeof notices.$inferInsert): Promise<NoticeRow | undefined> => first(db.insert(notices).values(values).onConflictDoNothing().returning()),

    insertDelivery: async (values: typeof noticeDeliveries.$inferInsert) => run(db.insert(noticeDeliveries).values(values)),

    /** The unit's operators who are not disabled (by account), then its own mailbox if it has one: one statement, prepared once. */
    async unitPeople(unitId: number): Promise<Person[]> {
      const found = await unitPeopleOf().all({ unitId });
      return [...found.filter((p) => p.userId !== null).sort((a, b) => a.userId! - b.userId!), ...found.filter((p) => p.userId === null)];
    },

    user: async (userId: number): Promise<Person | undefined> => first(db.select(person).from(users).where(eq(users.id, userId))),

    /** An account with its role (which kinds it may switch off). */
    account: async (userId: number) => first(db.select({ ...person, role: users.role, unitId: users.unitId }).from(users).where(eq(users.id, userId))),

    /**
     * The units whose calendars hold events of the scope on or after `fromDate`: active bookings
     * in a period (or a programme's periods), confirmed officials in a batch (or a programme's
     * batches). In unit order.
     */
    async unitsAffected(scope: CalendarScope, fromDate: string): Promise<number[]> {
      const booked = (where: SQL) =>
        rows(
          db
            .selectDistinct({ unitId: bookings.unitId })
            .from(bookings)
            .innerJoin(slots, eq(slots.id, bookings.slotId))
            .innerJoin(asistensiPeriods, eq(asistensiPeriods.id, bookings.periodId))
            .where(and(where, statusIs(bookings.status, 'active'), gte(slots.date, fromDate))),
        );
      const seated = (where: SQL, withWaiting = false) =>
        rows(
          db
            .selectDistinct({ unitId: enrolments.unitId })
            .from(enrolments)
            .innerJoin(batches, eq(batches.id, enrolments.batchId))
            .where(and(where, withWaiting ? statusIsNot(enrolments.status, 'cancelled') : statusIs(enrolments.status, 'confirmed'), sql`EXISTS (SELECT 1 FROM ${batchDays} WHERE ${batchDays.batchId} = ${batches.id} AND ${batchDays.date} >= ${fromDate})`)),
        );
      const found = (
        await Promise.all(
          'periodId' in scope
            ? [booked(eq(bookings.periodId, scope.periodId))]
            : 'batchId' in scope
              ? [seated(eq(batches.id, scope.batchId), scope.withWaiting)]
              : [booked(eq(asistensiPeriods.programmeId, scope.programmeId)), seated(eq(batches.programmeId, scope.programmeId))],
        )
      ).flat();
      return [...new Set(found.map((r) => r.unitId))].sort((a, b) => a - b);
    },

    activeOrganisers: async (): Promise<Person[]> => rows(db.select(person).from(users).where(and(eq(users.role, 'organiser'), statusIs(users.status, 'active'))).orderBy(asc(users.id))),

    /** What each of these people chose for one kind. */
    async choices(userIds: number[], kind: NoticeKind): Promise<Map<number, boolean>> {
      if (userIds.length === 0) return new Map();
      const chosen = await rows(db.select().from(noticePreferences).where(and(inArray(noticePreferences.userId, userIds), eq(noticePreferences.kind, kind))));
      return new Map(chosen.map((r) => [r.userId, r.enabled]));
    },

    choicesOf: async (userId: number) => rows(db.select().from(noticePreferences).where(eq(noticePreferences.userId, userId))),

    setChoice: async (userId: number, kind: NoticeKind, enabled: boolean) =>
      run(db.insert(noticePreferences).values({ userId, kind, enabled }).onConflictDoUpdate({ target: [noticePreferences.userId, noticePreferences.kind], set: { enabled } })),

    /** Pending deliveries on these channels whose time has come, oldest first. */
    due: async (now: string, channels: Channel[], limit: number) =>
      rows(
        db
          .select()
          .from(noticeDeliveries)
          .where(and(dueAt(now), inArray(noticeDeliveries.channel, channels)))
          .orderBy(asc(noticeDeliveries.nextAttemptAt), asc(noticeDeliveries.id))
          .limit(limit),
      ),

    /**
     * When an open bundle goes out: the earliest pending, never tried delivery with this key
     * still waiting for its time (its window). Undefined when none is open.
     */
    openBundle: async (bundleKey: string, now: string): Promise<string | undefined> =>
      (await first(
        db
          .select({ at: sql<string>`min(${noticeDeliveries.nextAttemptAt})` })
          .from(noticeDeliveries)
          .where(and(eq(noticeDeliveries.bundleKey, bundleKey), statusIs(noticeDeliveries.status, 'pending'), eq(noticeDeliveries.attempts, 0), gt(noticeDeliveries.nextAttemptAt, now))),
      ))?.at ?? undefined,

    /**
     * Leases the oldest due delivery on these channels, with the other due deliveries of its
     * bundle, until `until`, in one statement: nothing can take part of a bundle in between, and
     * on PostgreSQL a delivery another worker is leasing at this moment is skipped, not waited
     * for. Answers them in the order they were written.
     */
    async leaseNext(now: string, channels: Channel[], until: string) {
      // Only the first due delivery of a bundle can be chosen: while one worker leases it, another
      // skips the whole bundle (rather than choosing its second delivery, and both waiting for
      // each other's rows). A common table expression is evaluated once: both conditions below
      // name the same delivery.
      const earlier = alias(noticeDeliveries, 'earlier');
      const firstOfItsBundle = or(
        isNull(noticeDeliveries.bundleKey),
        notExists(
          db
            .select({ id: earlier.id })
            .from(earlier)
            .where(and(eq(earlier.bundleKey, noticeDeliveries.bundleKey), statusIs(earlier.status, 'pending'), lte(earlier.nextAttemptAt, now), lt(earlier.id, noticeDeliveries.id))),
        ),
      );
      const oldestDue = db.$with('oldest_due').as(
        skippingLocked(
          db,
          db
            .select({ id: noticeDeliveries.id, bundleKey: noticeDeliveries.bundleKey })
            .from(noticeDeliveries)
            .where(and(dueAt(now), inArray(noticeDeliveries.channel, channels), firstOfItsBundle))
            .orderBy(asc(noticeDeliveries.nextAttemptAt), asc(noticeDeliveries.id))
            .limit(1),
        ),
      );
      const leased = await rows(
        db
          .with(oldestDue)
          .update(noticeDeliveries)
          .set({ nextAttemptAt: until })
          .where(
            or(
              inArray(noticeDeliveries.id, db.select({ id: oldestDue.id }).from(oldestDue)),
              and(dueAt(now), inArray(noticeDeliveries.bundleKey, db.select({ key: oldestDue.bundleKey }).from(oldestDue))),
            ),
          )
          .returning(),
      );
      return leased.sort((a, b) => a.id - b.id);
    },

    updateDelivery: async (id: number, values: Partial<typeof noticeDeliveries.$inferInsert>) => run(db.update(noticeDeliveries).set(values).where(eq(noticeDeliveries.id, id))),

    insertAttempt: async (values: typeof noticeAttempts.$inferInsert) => run(db.insert(noticeAttempts).values(values)),

    notice: async (id: number) => first(db.select().from(notices).where(eq(notices.id, id))),

    noticeExists: async (kind: NoticeKind, dedupeKey: string) =>
      (await first(db.select({ id: notices.id }).from(notices).where(and(eq(notices.kind, kind), eq(notices.dedupeKey, dedupeKey))))) !== undefined,

    delivery: async (id: number) => first(db.select().from(noticeDeliveries).where(eq(noticeDeliveries.id, id))),

    deliveriesOf: async (noticeIds: number[]) =>
      noticeIds.length === 0 ? [] : rows(db.select().from(noticeDeliveries).where(inArray(noticeDeliveries.noticeId, noticeIds)).orderBy(asc(noticeDeliveries.id))),

    attemptsOf: async (deliveryIds: number[]) =>
      deliveryIds.length === 0 ? [] : rows(db.select().from(noticeAttempts).where(inArray(noticeAttempts.deliveryId, deliveryIds)).orderBy(asc(noticeAttempts.id))),

    /** Removes a person's set-password notices that never reached them (their links no longer work). */
    async dropUnsentLinks(userId: number) {
      const unsent = sql`SELECT ${notices.id} FROM ${notices} WHERE ${notices.kind} = 'account_link' AND ${notices.userId} = ${userId}
        AND NOT EXISTS (SELECT 1 FROM ${noticeDeliveries} WHERE ${noticeDeliveries.noticeId} = ${notices.id} AND ${noticeDeliveries.status} = 'sent')`;
      await run(db.delete(noticeAttempts).where(sql`${noticeAttempts.deliveryId} IN (SELECT ${noticeDeliveries.id} FROM ${noticeDeliveries} WHERE ${noticeDeliveries.noticeId} IN (${unsent}))`));
      await run(db.delete(noticeDeliveries).where(sql`${noticeDeliveries.noticeId} IN (${unsent})`));
      await run(db.delete(notices).where(sql`${notices.id} IN (${unsent})`));
    },

    /**
     * Removes a notice none of whose deliveries was sent (a reminder of something cancelled):
     * false, and nothing removed, when one was.
     */
    async dropUnsent(noticeId: number): Promise<boolean> {
      const sent = await first(db.select({ id: noticeDeliveries.id }).from(noticeDeliveries).where(and(eq(noticeDeliveries.noticeId, noticeId), statusIs(noticeDeliveries.status, 'sent'))));
      if (sent) return false;
      await run(db.delete(noticeAttempts).where(sql`${noticeAttempts.deliveryId} IN (SELECT ${noticeDeliveries.id} FROM ${noticeDeliveries} WHERE ${noticeDeliveries.noticeId} = ${noticeId})`));
      await run(db.delete(noticeDeliveries).where(eq(noticeDeliveries.noticeId, noticeId)));
      await run(db.delete(notices).where(eq(notices.id, noticeId)));
      return true;
    },

    /** The key that signs unsubscribe links, made on first use and kept. */
    async unsubscribeKey(): Promise<string> {
      await run(db.insert(outboxKeys).values({ id: 1, unsubscribeKey: randomBytes(32).toString('base64url') }).onConflictDoNothing());
      return (await first(db.select({ key: outboxKeys.unsubscribeKey }).from(outboxKeys).where(eq(outboxKeys.id, 1))))!.key;
    },

    /** Forgets a notice's one-time link once none of its deliveries is pending. */
    wipeSecretIfDone: async (noticeId: number) =>
      run(
        db
          .update(notices)
          .set({ secret: null })
          .where(and(eq(notices.id, noticeId), sql`NOT EXISTS (SELECT 1 FROM ${noticeDeliveries} WHERE ${noticeDeliveries.noticeId} = ${noticeId} AND ${noticeDeliveries.status} = 'pending')`)),
      ),

    /** Newest first. A status filter keeps notices with at least one delivery in that status. */
    async list(filter: NoticeFilter & { limit: number; offset: number }): Promise<NoticeRow[]> {
      return rows(db.select().from(notices).where(noticesMatching(filter)).orderBy(desc(notices.id)).limit(filter.limit).offset(filter.offset));
    },

    /** How many notices the filter keeps (one COUNT), for "page n of m". */
    count: async (filter: NoticeFilter): Promise<number> => (await first(db.select({ n: sql<number>`count(*)` }).from(notices).where(noticesMatching(filter))))!.n,

    /** How many deliveries are in each status (the console's headline). */
    countsByStatus: async () =>
      rows(db.select({ status: noticeDeliveries.status, n: sql<number>`count(*)` }).from(noticeDeliveries).groupBy(noticeDeliveries.status)),
  };
}

/** The notices a filter keeps: by unit, kind, and a delivery in a status. */
function noticesMatching(filter: NoticeFilter): SQL | undefined {
  const conditions: SQL[] = [];
  if (filter.unitId !== undefined) conditions.push(eq(notices.unitId, filter.unitId));
  if (filter.kind) conditions.push(eq(notices.kind, filter.kind));
  if (filter.status) conditions.push(sql`EXISTS (SELECT 1 FROM ${noticeDeliveries} WHERE ${noticeDeliveries.noticeId} = ${notices.id} AND ${noticeDeliveries.status} = ${filter.status})`);
  return and(...conditions);
}

export type OutboxRepository = ReturnType<typeof createOutboxRepository>;
