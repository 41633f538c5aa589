import { openDatabase, type OpenDatabase } from '../../src/platform/database';

/**
 * The database itself refuses rows that break the rules, whatever code writes them:
 * these tests write with plain SQL, bypassing the services.
 */
let database: OpenDatabase;
const run = (sql: string, ...params: unknown[]) => database.sqlite.prepare(sql).run(...params);
const now = '2013-09-01T00:00:00.000Z';

beforeEach(() => {
  database = openDatabase(':memory:');
  run(`INSERT INTO units (id, code, name, kind, created_at, updated_at) VALUES (1, 'A', 'Dinas A', 'dinas', ?, ?), (2, 'B', 'Dinas B', 'dinas', ?, ?)`, now, now, now, now);
  run(`INSERT INTO programmes (id, name, timezone, created_at, updated_at) VALUES (1, 'P', 'Asia/Makassar', ?, ?), (2, 'Q', 'Asia/Makassar', ?, ?)`, now, now, now, now);
  run(`INSERT INTO batches (id, programme_id, name, capacity, unit_quota, created_at, updated_at) VALUES (1, 1, 'I', 3, 2, ?, ?)`, now, now);
  for (let i = 1; i <= 6; i++)
    run(`INSERT INTO participants (id, nip, name, unit_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`, i, `19750312200003100${i}`, `P${i}`, i <= 3 ? 1 : 2, now, now);
});
afterEach(() => database.close());

const enrol = (participantId: number, unitId: number, status = 'confirmed', programmeId = 1) =>
  run(
    `INSERT INTO enrolments (batch_id, programme_id, participant_id, unit_id, status, created_at, updated_at) VALUES (1, ?, ?, ?, ?, ?, ?)`,
    programmeId,
    participantId,
    unitId,
    status,
    now,
    now,
  );

describe('database invariants', () => {
  it('refuses a confirmed enrolment over the unit quota', () => {
    enrol(1, 1);
    enrol(2, 1);
    expect(() => enrol(3, 1)).toThrow('UNIT_QUOTA_REACHED');
    expect(() => enrol(3, 1, 'waitlisted')).not.toThrow();
  });

  it('refuses a confirmed enrolment over capacity, also by promotion', () => {
    enrol(1, 1);
    enrol(4, 2);
    enrol(5, 2);
    expect(() => enrol(2, 1)).toThrow('BATCH_FULL');
    enrol(2, 1, 'waitlisted');
    expect(() => run(`UPDATE enrolments SET status = 'confirmed' WHERE participant_id = 2`)).toThrow('BATCH_FULL');
  });

  it('refuses a second active enrolment of one official in a programme', () => {
    enrol(1, 1);
    expect(() => enrol(1, 1, 'waitlisted')).toThrow(/UNIQUE/);
    run(`UPDATE enrolments SET status = 'cancelled' WHERE participant_id = 1`);
    expect(() => enrol(1, 1)).not.toThrow();
  });

  it('refuses an enrolment whose programme is not its batch’s', () => {
    expect(() => enrol(1, 1, 'confirmed', 2)).toThrow('PROGRAMME_MISMATCH');
  });

  it('refuses shrinking a batch below its confirmed seats', () => {
    enrol(1, 1);
    enrol(2, 1);
    expect(() => run(`UPDATE batches SET capacity = 1, unit_quota = 1 WHERE id = 1`)).toThrow('CAPACITY_BELOW_CONFIRMED');
    expect(() => run(`UPDATE batches SET unit_quota = 1 WHERE id = 1`)).toThrow('QUOTA_BELOW_CONFIRMED');
    expect(() => run(`UPDATE batches SET capacity = 2 WHERE id = 1`)).not.toThrow();
  });

  it('keeps codes, NIPs, kinds and key bindings valid', () => {
    expect(() => run(`INSERT INTO units (code, name, kind, created_at, updated_at) VALUES ('a', 'x', 'dinas', ?, ?)`, now, now)).toThrow(/UNIQUE/);
    expect(() => run(`INSERT INTO units (code, name, kind, created_at, updated_at) VALUES ('Z', 'x', 'ministry', ?, ?)`, now, now)).toThrow(/CHECK/);
    expect(() => run(`INSERT INTO participants (nip, name, unit_id, created_at, updated_at) VALUES ('197503122000031001', 'x', 1, ?, ?)`, now, now)).toThrow(/UNIQUE/);
    expect(() => run(`INSERT INTO participants (nip, name, unit_id, created_at, updated_at) VALUES ('123', 'x', 1, ?, ?)`, now, now)).toThrow(/CHECK/);
    expect(() => run(`INSERT INTO participants (nip, name, unit_id, created_at, updated_at) VALUES ('197503122000031009', 'x', 99, ?, ?)`, now, now)).toThrow(/FOREIGN KEY/);
    expect(() => run(`INSERT INTO api_keys (key_hash, prefix, role, label, created_at) VALUES ('h', 'p', 'unit', 'x', ?)`, now)).toThrow(/CHECK/);
    expect(() => run(`INSERT INTO api_keys (key_hash, prefix, role, unit_id, label, created_at) VALUES ('h', 'p', 'organiser', 1, 'x', ?)`, now)).toThrow(/CHECK/);
  });
});

describe('asistensi invariants', () => {
  beforeEach(() => {
    run(`INSERT INTO asistensi_periods (id, programme_id, name, start_date, working_days, slot_times, skip_weekends, use_national_holidays, cancel_notice_hours, created_at, updated_at)
         VALUES (1, 1, 'A', '2013-10-21', 10, '[]', 1, 1, 24, ?, ?), (2, 1, 'B', '2013-10-21', 10, '[]', 1, 1, 24, ?, ?)`, now, now, now, now);
    run(`INSERT INTO slots (id, period_id, date, start_time, end_time, status) VALUES
         (1, 1, '2013-10-21', '09:00', '12:00', 'open'), (2, 1, '2013-10-21', '13:00', '16:00', 'open'),
         (3, 1, '2013-10-22', '09:00', '12:00', 'closed'), (4, 2, '2013-10-21', '09:00', '12:00', 'open')`);
  });
  const book = (slotId: number, unitId: number, periodId = 1, status = 'active') =>
    run(`INSERT INTO bookings (period_id, slot_id, unit_id, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`, periodId, slotId, unitId, status, now, now);

  it('holds one active booking per slot and per unit per period, with the messages the services translate', () => {
    book(1, 1);
    expect(() => book(1, 2)).toThrow('UNIQUE constraint failed: bookings.slot_id');
    expect(() => book(2, 1)).toThrow('UNIQUE constraint failed: bookings.period_id, bookings.unit_id');
    expect(() => book(4, 1, 2)).not.toThrow(); // another period
    expect(() => book(1, 2, 1, 'cancelled')).not.toThrow(); // history is not a booking
  });

  it('books only open slots of the same period, and closes no slot under a booking', () => {
    expect(() => book(3, 1)).toThrow('SLOT_CLOSED');
    expect(() => book(4, 1, 1)).toThrow('SLOT_PERIOD_MISMATCH');
    book(1, 1);
    expect(() => run(`UPDATE slots SET status = 'closed' WHERE id = 1`)).toThrow('SLOT_HAS_BOOKING');
    expect(() => run(`UPDATE bookings SET slot_id = 3 WHERE slot_id = 1`)).toThrow('SLOT_CLOSED');
  });

  it('holds one open request per unit and period', () => {
    const ask = () => run(`INSERT INTO asistensi_requests (period_id, unit_id, preferred_dates, status, created_at, updated_at) VALUES (1, 1, '[]', 'open', ?, ?)`, now, now);
    ask();
    expect(ask).toThrow('UNIQUE constraint failed: asistensi_requests.period_id, asistensi_requests.unit_id');
  });

  it('names the columns of the other unique indexes the services translate', () => {
    enrol(1, 1);
    expect(() => enrol(1, 1)).toThrow('UNIQUE constraint failed: enrolments.programme_id, enrolments.participant_id');
    expect(() => run(`INSERT INTO batches (programme_id, name, capacity, unit_quota, created_at, updated_at) VALUES (1, 'I', 3, 2, ?, ?)`, now, now)).toThrow(
      'UNIQUE constraint failed: batches.programme_id, batches.name',
    );
    expect(() => run(`INSERT INTO participants (nip, name, unit_id, created_at, updated_at) VALUES ('197503122000031001', 'x', 1, ?, ?)`, now, now)).toThrow(
      'UNIQUE constraint failed: participants.nip',
    );
  });
});
