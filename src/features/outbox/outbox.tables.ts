import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { inList } from '../../platform/sql';
import { LANGUAGES, type Language } from '../../platform/language';
import { users } from '../accounts/accounts.tables';
import { programmes } from '../programmes/programmes.tables';
import { units } from '../units/units.tables';
import { CHANNELS, DELIVERY_STATUSES, NOTICE_KINDS, type Channel, type DeliveryStatus, type NoticeKind } from './outbox.rules';

/**
 * The outbox: what must be told, written in the same transaction as the change it tells of,
 * so a rolled-back change tells nobody and a committed one is never forgotten.
 */
export const notices = sqliteTable(
  'notices',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind').$type<NoticeKind>().notNull(),
    programmeId: integer('programme_id').references(() => programmes.id),
    unitId: integer('unit_id').references(() => units.id),
    /** The person an account notice is for. */
    userId: integer('user_id').references(() => users.id),
    /** JSON NoticeFacts. */
    facts: text('facts').notNull(),
    /** A one-time link the message carries; wiped once no delivery is pending. */
    secret: text('secret'),
    /** Scheduled notices (reminders, summaries) name what they are for: written once. */
    dedupeKey: text('dedupe_key'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    index('notices_unit_idx').on(t.unitId),
    index('notices_kind_idx').on(t.kind),
    index('notices_user_idx').on(t.userId, t.kind),
    uniqueIndex('notices_dedupe_unique').on(t.kind, t.dedupeKey),
    check('notices_kind_check', sql`${t.kind} IN (${inList(NOTICE_KINDS)})`),
  ],
);

/** One message of a notice to one address (email) or to the webhook. */
export const noticeDeliveries = sqliteTable(
  'notice_deliveries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    noticeId: integer('notice_id')
      .notNull()
      .references(() => notices.id),
    channel: text('channel').$type<Channel>().notNull(),
    /** An email address; for the webhook, the word "webhook". */
    address: text('address').notNull(),
    name: text('name'),
    userId: integer('user_id').references(() => users.id),
    language: text('language').$type<Language>().notNull(),
    status: text('status').$type<DeliveryStatus>().notNull(),
    attempts: integer('attempts').notNull().default(0),
    /** Due, retry or lease time: the worker takes pending deliveries whose time has come. */
    nextAttemptAt: text('next_attempt_at').notNull(),
    lastError: text('last_error'),
    sentAt: text('sent_at'),
    /** Stable across attempts, so a repeat is recognisable. */
    messageId: text('message_id').notNull(),
    /**
     * Deliveries with the same key go out together as one message (a unit's enrolment news to
     * one address within NOTICE_BATCHING_SECONDS; see bundleKey), under the first one's
     * Message-ID. Null: a message of its own.
     */
    bundleKey: text('bundle_key'),
  },
  (t) => [
    index('notice_deliveries_due_idx').on(t.status, t.channel, t.nextAttemptAt),
    index('notice_deliveries_bundle_idx').on(t.bundleKey, t.status),
    index('notice_deliveries_notice_idx').on(t.noticeId),
    uniqueIndex('notice_deliveries_message_unique').on(t.messageId),
    check('notice_deliveries_channel_check', sql`${t.channel} IN (${inList(CHANNELS)})`),
    check('notice_deliveries_status_check', sql`${t.status} IN (${inList(DELIVERY_STATUSES)})`),
    check('notice_deliveries_language_check', sql`${t.language} IN (${inList(LANGUAGES)})`),
  ],
);

/** Every attempt to deliver, as it ended. */
export const noticeAttempts = sqliteTable(
  'notice_attempts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    deliveryId: integer('delivery_id')
      .notNull()
      .references(() => noticeDeliveries.id),
    at: text('at').notNull(),
    ok: integer('ok', { mode: 'boolean' }).notNull(),
    error: text('error'),
  },
  (t) => [index('notice_attempts_delivery_idx').on(t.deliveryId)],
);

/** What a person switched on or off for themselves (absent: the kind's default). */
export const noticePreferences = sqliteTable(
  'notice_preferences',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind').$type<NoticeKind>().notNull(),
    enabled: integer('enabled', { mode: 'boolean' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] }), check('notice_preferences_kind_check', sql`${t.kind} IN (${inList(NOTICE_KINDS)})`)],
);

/**
 * The outbox's own secret, made once: it signs the one-click unsubscribe links (List-Unsubscribe)
 * so a link switches off only the kinds of the one person it was made for.
 */
export const outboxKeys = sqliteTable('outbox_keys', { id: integer('id').primaryKey(), unsubscribeKey: text('unsubscribe_key').notNull() }, (t) => [
  check('outbox_keys_single_row', sql`${t.id} = 1`),
]);
