import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { units } from '../units/units.tables';

export const participants = sqliteTable(
  'participants',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    nip: text('nip').notNull(),
    name: text('name').notNull(),
    position: text('position'),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    email: text('email'),
    phone: text('phone'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('participants_nip_unique').on(t.nip),
    index('participants_unit_idx').on(t.unitId),
    check('participants_nip_check', sql`length(${t.nip}) = 18`),
  ],
);
