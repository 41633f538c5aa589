import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { units } from '../units/units.tables';
import { trigger } from '../../platform/triggers';

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

/** The invariants of the officials the database itself refuses to break (re-created after every migration: see src/features/triggers.ts). */
export const participantTriggers = [
  /** An official with an active enrolment cannot be deleted. */
  trigger('participants_guard_delete', `BEFORE DELETE ON participants
BEGIN
  SELECT RAISE(ABORT, 'PARTICIPANT_ENROLLED')
    WHERE EXISTS (SELECT 1 FROM enrolments WHERE participant_id = OLD.id AND status <> 'cancelled');
END`, `  -- The DELETE holds this row, which enrolments being written lock too: they are committed before this looks.
  IF EXISTS (SELECT 1 FROM enrolments WHERE participant_id = OLD.id AND status <> 'cancelled') THEN
    RAISE EXCEPTION 'PARTICIPANT_ENROLLED';
  END IF;`),
  /** An official moves to another unit only with the enrolments moved first (or none active). */
  trigger('participants_guard_move', `BEFORE UPDATE OF unit_id ON participants
WHEN OLD.unit_id IS NOT NEW.unit_id
BEGIN
  SELECT RAISE(ABORT, 'HAS_ACTIVE_ENROLMENT')
    WHERE EXISTS (SELECT 1 FROM enrolments WHERE participant_id = OLD.id AND status <> 'cancelled' AND unit_id <> NEW.unit_id);
END`, `  -- The UPDATE holds this row, which the enrolment guards lock FOR SHARE: enrolments being written are committed first.
  IF EXISTS (SELECT 1 FROM enrolments WHERE participant_id = OLD.id AND status <> 'cancelled' AND unit_id <> NEW.unit_id) THEN
    RAISE EXCEPTION 'HAS_ACTIVE_ENROLMENT';
  END IF;`),
];
