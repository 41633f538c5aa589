import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { ROLES, type Role } from '../../platform/actor';
import { inList } from '../../platform/sql';
import { units } from '../units/units.tables';
import { LANGUAGES, LINK_PURPOSES, USER_STATUSES, type Language, type LinkPurpose, type UserStatus } from './accounts.rules';

/** People who sign in to the pages (programs use API keys). */
export const users = sqliteTable(
  'users',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Stored as typed; compared lower-cased. */
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role').$type<Role>().notNull(),
    unitId: integer('unit_id').references(() => units.id),
    /** invited: no password yet; active: may sign in; disabled: may not. */
    status: text('status').$type<UserStatus>().notNull(),
    /** argon2id (PHC string); null until the person sets one. */
    passwordHash: text('password_hash'),
    passwordChangedAt: text('password_changed_at'),
    /** The language the person last chose: pages and (later) messages speak it. */
    language: text('language').$type<Language>().notNull().default('id'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('users_email_unique').on(sql`lower(${t.email})`),
    index('users_unit_idx').on(t.unitId),
    check('users_role_check', sql`${t.role} IN (${inList(ROLES)})`),
    check('users_unit_check', sql`(${t.role} = 'unit') = (${t.unitId} IS NOT NULL)`),
    check('users_status_check', sql`${t.status} IN (${inList(USER_STATUSES)})`),
    check('users_language_check', sql`${t.language} IN (${inList(LANGUAGES)})`),
    // Only someone who has set a password can be active.
    check('users_active_has_password', sql`${t.status} <> 'active' OR ${t.passwordHash} IS NOT NULL`),
  ],
);

/** Signed-in browsers. The cookie holds the token; only its SHA-256 is stored. */
export const sessions = sqliteTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: text('created_at').notNull(),
    lastSeenAt: text('last_seen_at').notNull(),
    /** The absolute end, however active the session is. */
    expiresAt: text('expires_at').notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** One-time links to set a password (an invitation or a forgotten password). */
export const passwordLinks = sqliteTable(
  'password_links',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    purpose: text('purpose').$type<LinkPurpose>().notNull(),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    usedAt: text('used_at'),
  },
  (t) => [index('password_links_user_idx').on(t.userId), check('password_links_purpose_check', sql`${t.purpose} IN (${inList(LINK_PURPOSES)})`)],
);

/**
 * Failed sign-ins counted per account (the SHA-256 of the email typed, known or not, so an
 * unknown address is throttled exactly like a real one) and per network address.
 */
export const signInFailures = sqliteTable('sign_in_failures', {
  subject: text('subject').primaryKey(),
  failures: integer('failures').notNull(),
  firstFailureAt: text('first_failure_at').notNull(),
  lockedUntil: text('locked_until'),
});
