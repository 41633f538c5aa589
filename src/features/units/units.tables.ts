import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { inList } from '../../platform/sql';
import { UNIT_KINDS, type UnitKind } from './units.rules';

export const units = sqliteTable(
  'units',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    code: text('code').notNull(),
    name: text('name').notNull(),
    kind: text('kind').$type<UnitKind>().notNull(),
    email: text('email'),
    /** SHA-256 of the secret token of the unit's private calendar feed, if one was issued. */
    calendarTokenHash: text('calendar_token_hash'),
    calendarTokenIssuedAt: text('calendar_token_issued_at'),
    /** When the organiser deactivated the unit (merged, dissolved, created by mistake): it keeps its history but takes part in nothing new. */
    deactivatedAt: text('deactivated_at'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('units_calendar_token_unique').on(t.calendarTokenHash),
    // Codes are compared case-insensitively: "dishub" and "DISHUB" are the same unit.
    uniqueIndex('units_code_unique').on(sql`lower(${t.code})`),
    index('units_kind_idx').on(t.kind),
    check('units_kind_check', sql`${t.kind} IN (${inList(UNIT_KINDS)})`),
  ],
);

/** Feed tokens a unit replaced: answered 410 Gone rather than counted as guesses. */
export const revokedCalendarTokens = sqliteTable('revoked_calendar_tokens', {
  tokenHash: text('token_hash').primaryKey(),
  unitId: integer('unit_id')
    .notNull()
    .references(() => units.id),
  revokedAt: text('revoked_at').notNull(),
});
