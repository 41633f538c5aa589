import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { asistensiPeriods } from '../periods/periods.tables';
import { units } from '../units/units.tables';

/** A unit assisted at the organiser's office without a booked slot. */
export const walkIns = sqliteTable(
  'walk_ins',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    periodId: integer('period_id')
      .notNull()
      .references(() => asistensiPeriods.id, { onDelete: 'cascade' }),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    date: text('date').notNull(),
    notes: text('notes'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [uniqueIndex('walk_ins_unit_date_unique').on(t.periodId, t.unitId, t.date), index('walk_ins_unit_idx').on(t.unitId)],
);
