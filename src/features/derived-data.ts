import type { DataScopes, SequenceRule } from '../platform/triggers';

/*
 * What the database derives by itself, declared once. `npm run db:triggers` turns this file
 * into the triggers of a migration, and a test fails while the two disagree.
 */

const programmeOfBatch = '(SELECT programme_id FROM batches WHERE id = $.batch_id)';
const programmeOfPeriod = '(SELECT programme_id FROM asistensi_periods WHERE id = $.period_id)';

/**
 * Data versions: which tables (and columns) raise which scope. A cached view is rebuilt when
 * a scope it reads changed; the views and their scopes are CACHED_VIEWS below.
 */
export const DATA_SCOPES = {
  /** Renames that show in every feed and listing. */
  all: { units: { columns: ['name', 'code'], on: ['update'] } },
  /** What a programme's schedule shows: batches and their days, periods, slots, bookings. */
  programme: {
    programmes: { key: '$.id', on: ['update'] },
    batches: { key: '$.programme_id' },
    batch_days: { key: programmeOfBatch },
    asistensi_periods: { key: '$.programme_id' },
    slots: { key: programmeOfPeriod, on: ['insert', 'update'] },
    bookings: { key: programmeOfPeriod },
  },
  /** What a unit's private feed shows besides its programmes: its seats, bookings, walk-ins, drafts, requests. */
  unit: {
    enrolments: { key: '$.unit_id' },
    participants: { key: '$.unit_id', columns: ['name', 'unit_id'], on: ['update', 'delete'] },
    bookings: { key: '$.unit_id' },
    walk_ins: { key: '$.unit_id' },
    drafts: { key: '$.unit_id' },
    asistensi_requests: { key: '$.unit_id', on: ['insert', 'delete'] },
  },
  /** Seat counts of a programme's batches. */
  seats: { enrolments: { key: '$.programme_id' } },
} as const satisfies DataScopes;

type Scope = keyof typeof DATA_SCOPES;
const scope = (name: Scope, id?: number) => (id === undefined ? name : `${name}:${id}`);

/** Every cached view and the scopes it is built from: its cache key's signature. */
export const CACHED_VIEWS = {
  batchListing: (programmeId: number) => [scope('all'), scope('programme', programmeId), scope('seats', programmeId)],
  slotListing: (programmeId: number) => [scope('all'), scope('programme', programmeId)],
  programmeFeed: (programmeId: number) => [scope('all'), scope('programme', programmeId)],
  batchFeed: (programmeId: number) => [scope('all'), scope('programme', programmeId)],
  unitFeed: (unitId: number, programmeIds: readonly number[]) => [scope('all'), scope('unit', unitId), ...programmeIds.map((id) => scope('programme', id))],
};

/**
 * iCalendar SEQUENCE: raised on every change a calendar must notice (time, place, status),
 * together with LAST-MODIFIED where another record caused it.
 */
export const EVENT_SEQUENCES: readonly SequenceRule[] = [
  { bump: 'bookings', table: 'bookings', on: 'update', columns: ['slot_id', 'status'], rows: 'id = NEW.id' },
  { bump: 'bookings', table: 'asistensi_periods', on: 'update', columns: ['location'], rows: "period_id = NEW.id AND status = 'active'", touch: true },
  { bump: 'bookings', table: 'slots', on: 'update', columns: ['end_time'], rows: "slot_id = NEW.id AND status = 'active'" },
  // The organiser's email is every event's ORGANIZER: calendars take a new one only with a higher SEQUENCE.
  { bump: 'bookings', table: 'programmes', on: 'update', columns: ['timezone', 'organiser_email'], rows: 'period_id IN (SELECT id FROM asistensi_periods WHERE programme_id = NEW.id)', touch: true },
  { bump: 'batches', table: 'batches', on: 'update', columns: ['venue'], rows: 'id = NEW.id' },
  { bump: 'batches', table: 'batch_days', on: 'update', columns: ['start_time', 'end_time'], rows: 'id = NEW.batch_id' },
  { bump: 'batches', table: 'batch_days', on: 'delete', rows: 'id = OLD.batch_id' },
  // A day added before others renumbers them: the events of those numbers move.
  { bump: 'batches', table: 'batch_days', on: 'insert', rows: 'id = NEW.batch_id AND EXISTS (SELECT 1 FROM batch_days AS later WHERE later.batch_id = NEW.batch_id AND later.date > NEW.date)' },
  { bump: 'batches', table: 'programmes', on: 'update', columns: ['timezone', 'organiser_email'], rows: 'programme_id = NEW.id', touch: true },
  { bump: 'programmes', table: 'programmes', on: 'update', columns: ['draft_deadline', 'final_deadline', 'timezone', 'organiser_email'], rows: 'id = NEW.id' },
];
