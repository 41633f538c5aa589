import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';

/*
 * Every table of the service. Conventions:
 * - instants (createdAt, revokedAt, ...) are UTC ISO strings, so text order is time order;
 * - scheduled times are local wall-clock (`date` YYYY-MM-DD, `start`/`end` HH:mm) in the
 *   programme's IANA zone, because that is what the organiser decided ("09:00 WITA");
 * - invariants that must never break live here: UNIQUE and partial unique indexes, CHECKs,
 *   foreign keys, and the triggers in the custom migration `migrations/*_invariants.sql`.
 */

export const UNIT_KINDS = [
  'dinas',
  'badan',
  'kantor',
  'inspektorat',
  'sekretariat',
  'bagian',
  'kecamatan',
  'kelurahan',
  'satpol_pp',
  'rsud',
  'other',
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const ROLES = ['organiser', 'unit'] as const;
export type Role = (typeof ROLES)[number];

export const ENROLMENT_STATUSES = ['confirmed', 'waitlisted', 'cancelled'] as const;
export type EnrolmentStatus = (typeof ENROLMENT_STATUSES)[number];

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

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

export const apiKeys = sqliteTable(
  'api_keys',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** SHA-256 of the secret; the secret itself is never stored. */
    keyHash: text('key_hash').notNull(),
    /** The first characters of the key, to recognise it in listings. */
    prefix: text('prefix').notNull(),
    role: text('role').$type<Role>().notNull(),
    unitId: integer('unit_id').references(() => units.id),
    label: text('label').notNull(),
    createdAt: text('created_at').notNull(),
    revokedAt: text('revoked_at'),
  },
  (t) => [
    uniqueIndex('api_keys_hash_unique').on(t.keyHash),
    check('api_keys_role_check', sql`${t.role} IN (${inList(ROLES)})`),
    // A unit key is bound to exactly one unit; an organiser key to none.
    check('api_keys_unit_check', sql`(${t.role} = 'unit') = (${t.unitId} IS NOT NULL)`),
  ],
);

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

export const programmes = sqliteTable('programmes', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  timezone: text('timezone').notNull(),
  draftDeadline: text('draft_deadline'),
  finalDeadline: text('final_deadline'),
  organiserEmail: text('organiser_email'),
  /** Whether the programme's calendar feeds are public (anyone with the URL). */
  publicCalendar: integer('public_calendar', { mode: 'boolean' }).notNull().default(true),
  /** iCalendar SEQUENCE of the deadline events: raised when a deadline moves. */
  sequence: integer('sequence').notNull().default(0),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
});

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
    /** iCalendar SEQUENCE of the batch's day events: raised when its days or venue change. */
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
  (t) => [
    primaryKey({ columns: [t.batchId, t.date] }),
    check('batch_days_time_check', sql`${t.start} < ${t.end}`),
  ],
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

export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    keyId: integer('key_id'),
    /** The request that made the change (X-Request-Id when the client sent a valid one). */
    requestId: text('request_id'),
    role: text('role').notNull(),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: integer('entity_id'),
    before: text('before', { mode: 'json' }),
    after: text('after', { mode: 'json' }),
  },
  (t) => [index('audit_entity_idx').on(t.entity, t.entityId)],
);

export const DRAFT_STATUSES = ['received', 'reviewed', 'final', 'enacted'] as const;
export type DraftStatus = (typeof DRAFT_STATUSES)[number];

/** A unit's draft SOPs as received by the organiser. */
export const drafts = sqliteTable(
  'drafts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    programmeId: integer('programme_id')
      .notNull()
      .references(() => programmes.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    title: text('title').notNull(),
    sopCount: integer('sop_count').notNull(),
    receivedAt: text('received_at').notNull(),
    status: text('status').$type<DraftStatus>().notNull(),
    notes: text('notes'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    index('drafts_programme_unit_idx').on(t.programmeId, t.unitId, t.receivedAt),
    check('drafts_status_check', sql`${t.status} IN (${inList(DRAFT_STATUSES)})`),
    check('drafts_sop_count_check', sql`${t.sopCount} > 0`),
  ],
);

export interface SlotTime {
  start: string;
  end: string;
}

export const asistensiPeriods = sqliteTable('asistensi_periods', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  programmeId: integer('programme_id')
    .notNull()
    .references(() => programmes.id),
  name: text('name').notNull(),
  startDate: text('start_date').notNull(),
  workingDays: integer('working_days').notNull(),
  slotTimes: text('slot_times', { mode: 'json' }).$type<SlotTime[]>().notNull(),
  skipWeekends: integer('skip_weekends', { mode: 'boolean' }).notNull(),
  useNationalHolidays: integer('use_national_holidays', { mode: 'boolean' }).notNull(),
  location: text('location'),
  bookingOpensAt: text('booking_opens_at'),
  priorityUntil: text('priority_until'),
  bookingClosesAt: text('booking_closes_at'),
  priorityCutoff: text('priority_cutoff'),
  cancelNoticeHours: integer('cancel_notice_hours').notNull(),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
});

export const CLOSED_DATE_SOURCES = ['holiday', 'organiser'] as const;

/** Dates the period does not work: national holidays (a default) and the organiser's own. */
export const closedDates = sqliteTable(
  'closed_dates',
  {
    periodId: integer('period_id')
      .notNull()
      .references(() => asistensiPeriods.id, { onDelete: 'cascade' }),
    date: text('date').notNull(),
    reason: text('reason').notNull(),
    source: text('source').$type<(typeof CLOSED_DATE_SOURCES)[number]>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.periodId, t.date] }),
    check('closed_dates_source_check', sql`${t.source} IN (${inList(CLOSED_DATE_SOURCES)})`),
  ],
);

/**
 * open: bookable; closed: on a day closed after the schedule was made; withdrawn: no longer
 * part of the schedule (kept only because bookings history points at it).
 */
export const SLOT_STATUSES = ['open', 'closed', 'withdrawn'] as const;
export type SlotStatus = (typeof SLOT_STATUSES)[number];

export const slots = sqliteTable(
  'slots',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    periodId: integer('period_id')
      .notNull()
      .references(() => asistensiPeriods.id, { onDelete: 'cascade' }),
    date: text('date').notNull(),
    start: text('start_time').notNull(),
    end: text('end_time').notNull(),
    status: text('status').$type<SlotStatus>().notNull(),
  },
  (t) => [
    uniqueIndex('slots_period_date_start_unique').on(t.periodId, t.date, t.start),
    check('slots_status_check', sql`${t.status} IN (${inList(SLOT_STATUSES)})`),
    check('slots_time_check', sql`${t.start} < ${t.end}`),
  ],
);

/** active: holds its slot; displaced: its day was closed; cancelled: given up. */
export const BOOKING_STATUSES = ['active', 'cancelled', 'displaced'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

export const bookings = sqliteTable(
  'bookings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    periodId: integer('period_id')
      .notNull()
      .references(() => asistensiPeriods.id, { onDelete: 'cascade' }),
    slotId: integer('slot_id')
      .notNull()
      .references(() => slots.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    topic: text('topic'),
    status: text('status').$type<BookingStatus>().notNull(),
    attended: integer('attended', { mode: 'boolean' }),
    /** iCalendar SEQUENCE: raised when the slot, place or status changes. */
    sequence: integer('sequence').notNull().default(0),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    cancelledAt: text('cancelled_at'),
  },
  (t) => [
    // One active booking per slot, and per unit per period.
    uniqueIndex('bookings_one_per_slot').on(t.slotId).where(sql`${t.status} = 'active'`),
    uniqueIndex('bookings_one_per_unit').on(t.periodId, t.unitId).where(sql`${t.status} = 'active'`),
    index('bookings_period_status_idx').on(t.periodId, t.status),
    index('bookings_unit_idx').on(t.unitId),
    check('bookings_status_check', sql`${t.status} IN (${inList(BOOKING_STATUSES)})`),
  ],
);

export const REQUEST_STATUSES = ['open', 'scheduled', 'withdrawn'] as const;

/** A unit asking to be scheduled by the next auto-schedule. */
export const asistensiRequests = sqliteTable(
  'asistensi_requests',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    periodId: integer('period_id')
      .notNull()
      .references(() => asistensiPeriods.id, { onDelete: 'cascade' }),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    preferredDates: text('preferred_dates', { mode: 'json' }).$type<string[]>().notNull(),
    notes: text('notes'),
    status: text('status').$type<(typeof REQUEST_STATUSES)[number]>().notNull(),
    bookingId: integer('booking_id').references(() => bookings.id),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('requests_one_open_per_unit').on(t.periodId, t.unitId).where(sql`${t.status} = 'open'`),
    check('requests_status_check', sql`${t.status} IN (${inList(REQUEST_STATUSES)})`),
  ],
);

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
  (t) => [uniqueIndex('walk_ins_unit_date_unique').on(t.periodId, t.unitId, t.date)],
);

/**
 * Versions of what calendar feeds are built from, raised by triggers (migrations/
 * 0006_feed_version_triggers.sql) on every change that can alter a feed. Scopes:
 * 'programme:<id>', 'unit:<id>', and 'all' for renames that show in every feed.
 */
export const feedVersions = sqliteTable(
  'feed_versions',
  {
    scope: text('scope').primaryKey(),
    version: integer('version').notNull(),
  },
  () => [],
);
