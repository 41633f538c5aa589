import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { programmes } from '../programmes/programmes.tables';

/**
 * The governments granted the asistensi partner's role in a programme of this one: the province
 * whose organisation bureau co-runs the asistensi (src/tenancy.ts connects the two). They see
 * its periods, sessions and drafts, and record attendance and session notes.
 */
export const asistensiPartners = sqliteTable(
  'asistensi_partners',
  {
    programmeId: integer('programme_id')
      .notNull()
      .references(() => programmes.id, { onDelete: 'cascade' }),
    /** The partner government's slug (in the deployment's registry). */
    partner: text('partner').notNull(),
    grantedAt: text('granted_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.programmeId, t.partner] }), index('asistensi_partners_partner_idx').on(t.partner)],
);

/**
 * The secret addresses of this government's partner calendar: the sessions of every programme
 * the governments below it made it partner in. Only a digest of each is kept. The one in use
 * has no `replaced_at`; a replaced one answers 410 Gone, so a subscriber learns to ask anew.
 */
export const partnerFeeds = sqliteTable(
  'partner_feeds',
  {
    tokenHash: text('token_hash').primaryKey(),
    issuedAt: text('issued_at').notNull(),
    replacedAt: text('replaced_at'),
  },
  // One address in use at most.
  (t) => [uniqueIndex('partner_feeds_one_current').on(sql`(${t.replacedAt} IS NULL)`).where(sql`${t.replacedAt} IS NULL`)],
);
