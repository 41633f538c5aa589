import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
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
