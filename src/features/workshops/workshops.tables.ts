import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { inList } from '../../platform/sql';
import { participants } from '../participants/participants.tables';
import { programmes } from '../programmes/programmes.tables';
import type { UnitKind } from '../units/units.rules';
import { units } from '../units/units.tables';
import { ENROLMENT_STATUSES, type EnrolmentStatus } from './workshops.rules';
import { trigger } from '../../platform/triggers';

export const batches = sqliteTable(
  'batches',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    programmeId: integer('programme_id')
      .notNull()
      .references(() => programmes.id),
    name: text('name').notNull(),
    venue: text('venue'),
    capacity: integer('capacity').notNull(),
    unitQuota: integer('unit_quota').notNull(),
    /** JSON array of unit kinds, or NULL when every kind may attend. */
    eligibleUnitKinds: text('eligible_unit_kinds', { mode: 'json' }).$type<UnitKind[] | null>(),
    /** iCalendar SEQUENCE of the batch's day events (raised by the triggers of src/features/calendars/event-sequences.ts). */
    sequence: integer('sequence').notNull().default(0),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('batches_programme_name_unique').on(t.programmeId, t.name),
    check('batches_capacity_check', sql`${t.capacity} > 0`),
    check('batches_quota_check', sql`${t.unitQuota} > 0 AND ${t.unitQuota} <= ${t.capacity}`),
  ],
);

export const batchDays = sqliteTable(
  'batch_days',
  {
    batchId: integer('batch_id')
      .notNull()
      .references(() => batches.id, { onDelete: 'cascade' }),
    date: text('date').notNull(),
    start: text('start_time').notNull(),
    end: text('end_time').notNull(),
  },
  // By date: reminders look up tomorrow's batch days across every programme.
  (t) => [primaryKey({ columns: [t.batchId, t.date] }), index('batch_days_date_idx').on(t.date), check('batch_days_time_check', sql`${t.start} < ${t.end}`)],
);

export const enrolments = sqliteTable(
  'enrolments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    batchId: integer('batch_id')
      .notNull()
      .references(() => batches.id, { onDelete: 'cascade' }),
    /** Copied from the batch so "one active enrolment per programme" is a plain unique index. */
    programmeId: integer('programme_id')
      .notNull()
      .references(() => programmes.id),
    participantId: integer('participant_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    /** The unit the participant was delegated by; quotas count this. */
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    status: text('status').$type<EnrolmentStatus>().notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('enrolments_one_active_per_programme')
      .on(t.programmeId, t.participantId)
      .where(sql`${t.status} <> 'cancelled'`),
    index('enrolments_batch_status_unit_idx').on(t.batchId, t.status, t.unitId),
    index('enrolments_participant_idx').on(t.participantId),
    // A unit's private feed reads all its enrolments.
    index('enrolments_unit_idx').on(t.unitId),
    check('enrolments_status_check', sql`${t.status} IN (${inList(ENROLMENT_STATUSES)})`),
  ],
);

export const attendance = sqliteTable(
  'attendance',
  {
    enrolmentId: integer('enrolment_id')
      .notNull()
      .references(() => enrolments.id, { onDelete: 'cascade' }),
    date: text('date').notNull(),
    present: integer('present', { mode: 'boolean' }).notNull(),
    recordedAt: text('recorded_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.enrolmentId, t.date] })],
);

/**
 * PostgreSQL's seat guard (`others` leaves out the row being updated). Counting is safe only
 * one enrolment of a batch at a time: each locks the batch row first, so concurrent ones queue
 * and each count sees the seats committed before it. The official's row is locked too, so
 * participants_guard_move sees this enrolment or runs after it.
 */
const pgSeatGuard = (others: string) => `  PERFORM 1 FROM batches WHERE id = NEW.batch_id FOR UPDATE;
  PERFORM 1 FROM participants WHERE id = NEW.participant_id FOR SHARE;
  IF NEW.programme_id IS DISTINCT FROM (SELECT programme_id FROM batches WHERE id = NEW.batch_id) THEN
    RAISE EXCEPTION 'PROGRAMME_MISMATCH';
  END IF;
  IF NEW.status = 'confirmed'
    AND (SELECT count(*) FROM enrolments WHERE batch_id = NEW.batch_id AND status = 'confirmed'${others})
      >= (SELECT capacity FROM batches WHERE id = NEW.batch_id) THEN
    RAISE EXCEPTION 'BATCH_FULL';
  END IF;
  IF NEW.status = 'confirmed'
    AND (SELECT count(*) FROM enrolments WHERE batch_id = NEW.batch_id AND unit_id = NEW.unit_id AND status = 'confirmed'${others})
      >= (SELECT unit_quota FROM batches WHERE id = NEW.batch_id) THEN
    RAISE EXCEPTION 'UNIT_QUOTA_REACHED';
  END IF;`;

/** The invariants of the batches and enrolments the database itself refuses to break (re-created after every migration: see src/features/triggers.ts). */
export const workshopTriggers = [
  /** A batch cannot shrink below the seats it has confirmed, in all or for one unit. */
  trigger('batches_guard_limits', `BEFORE UPDATE OF capacity, unit_quota ON batches
BEGIN
  SELECT RAISE(ABORT, 'CAPACITY_BELOW_CONFIRMED')
    WHERE (SELECT count(*) FROM enrolments WHERE batch_id = NEW.id AND status = 'confirmed') > NEW.capacity;
  SELECT RAISE(ABORT, 'QUOTA_BELOW_CONFIRMED')
    WHERE EXISTS (
      SELECT 1 FROM enrolments WHERE batch_id = NEW.id AND status = 'confirmed'
      GROUP BY unit_id HAVING count(*) > NEW.unit_quota
    );
END`, `  -- Stronger than the UPDATE's own lock: it waits for enrolments being written (their foreign key holds this row), so the counts see them.
  PERFORM 1 FROM batches WHERE id = NEW.id FOR UPDATE;
  IF (SELECT count(*) FROM enrolments WHERE batch_id = NEW.id AND status = 'confirmed') > NEW.capacity THEN
    RAISE EXCEPTION 'CAPACITY_BELOW_CONFIRMED';
  END IF;
  IF EXISTS (
    SELECT 1 FROM enrolments WHERE batch_id = NEW.id AND status = 'confirmed'
    GROUP BY unit_id HAVING count(*) > NEW.unit_quota
  ) THEN
    RAISE EXCEPTION 'QUOTA_BELOW_CONFIRMED';
  END IF;`),
  /** A confirmed seat fits the batch capacity and the unit quota; a batch belongs to the enrolment's programme. */
  trigger('enrolments_guard_insert', `BEFORE INSERT ON enrolments
BEGIN
  SELECT RAISE(ABORT, 'PROGRAMME_MISMATCH')
    WHERE NEW.programme_id IS NOT (SELECT programme_id FROM batches WHERE id = NEW.batch_id);
  SELECT RAISE(ABORT, 'BATCH_FULL')
    WHERE NEW.status = 'confirmed'
      AND (SELECT count(*) FROM enrolments WHERE batch_id = NEW.batch_id AND status = 'confirmed')
        >= (SELECT capacity FROM batches WHERE id = NEW.batch_id);
  SELECT RAISE(ABORT, 'UNIT_QUOTA_REACHED')
    WHERE NEW.status = 'confirmed'
      AND (SELECT count(*) FROM enrolments WHERE batch_id = NEW.batch_id AND unit_id = NEW.unit_id AND status = 'confirmed')
        >= (SELECT unit_quota FROM batches WHERE id = NEW.batch_id);
END`, pgSeatGuard('')),
  /** The same limits when an enrolment is confirmed, moved or changes unit. */
  trigger('enrolments_guard_update', `BEFORE UPDATE OF status, batch_id, unit_id, programme_id ON enrolments
BEGIN
  SELECT RAISE(ABORT, 'PROGRAMME_MISMATCH')
    WHERE NEW.programme_id IS NOT (SELECT programme_id FROM batches WHERE id = NEW.batch_id);
  SELECT RAISE(ABORT, 'BATCH_FULL')
    WHERE NEW.status = 'confirmed'
      AND (SELECT count(*) FROM enrolments WHERE batch_id = NEW.batch_id AND status = 'confirmed' AND id <> OLD.id)
        >= (SELECT capacity FROM batches WHERE id = NEW.batch_id);
  SELECT RAISE(ABORT, 'UNIT_QUOTA_REACHED')
    WHERE NEW.status = 'confirmed'
      AND (SELECT count(*) FROM enrolments WHERE batch_id = NEW.batch_id AND unit_id = NEW.unit_id AND status = 'confirmed' AND id <> OLD.id)
        >= (SELECT unit_quota FROM batches WHERE id = NEW.batch_id);
END`, pgSeatGuard(' AND id <> OLD.id')),
];
