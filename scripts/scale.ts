import type Database from 'better-sqlite3';
import type { Config } from '../src/config';
import { createContainer } from '../src/container';
import { systemActor } from '../src/platform/actor';
import { openDatabase, type OpenDatabase } from '../src/platform/database';
import { systemClock } from '../src/platform/time';
import { tenantConfig, tenantDatabaseMaker, tenantRegistry } from '../src/tenancy';
import { DateTime } from 'luxon';
import { UNIT_KINDS } from '../src/features/units/units.rules';
import { workingDates } from '../src/features/periods/periods.rules';

/** The shape of one generated programme, like the Banjarmasin seed. */
export const SCALE_SHAPE = {
  units: 100,
  participants: 250,
  batches: 5,
  capacity: 50,
  unitQuota: 3,
  /** Officials already enrolled per batch, leaving seats (and unplaced officials) for the enrolment benchmark. */
  enrolledPerBatch: 40,
  workingDays: 10,
  slotTimes: [
    { start: '09:00', end: '12:00' },
    { start: '13:00', end: '16:00' },
  ],
  drafts: 30,
  bookings: 12,
};

const ZONES = ['Asia/Makassar', 'Asia/Jakarta', 'Asia/Jayapura'];
const PERIOD_START = '2013-10-21';
const STAMP = '2013-09-01T00:00:00.000Z';

/**
 * Appends `count` programmes to the database with plain prepared statements in large
 * transactions (the services would write audit rows and check rules one row at a time).
 * Every invariant still holds: the triggers and indexes check each row.
 */
export function seedScale(sqlite: Database.Database, count: number, { batchSize = 50 } = {}): { programmeIds: number[] } {
  const S = SCALE_SHAPE;
  const insert = {
    programme: sqlite.prepare(
      `INSERT INTO programmes (name, timezone, draft_deadline, final_deadline, organiser_email, created_at, updated_at) VALUES (?, ?, '2013-10-18', '2013-11-29', ?, ?, ?)`,
    ),
    unit: sqlite.prepare(`INSERT INTO units (code, name, kind, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`),
    participant: sqlite.prepare(`INSERT INTO participants (nip, name, unit_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`),
    batch: sqlite.prepare(`INSERT INTO batches (programme_id, name, venue, capacity, unit_quota, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`),
    day: sqlite.prepare(`INSERT INTO batch_days (batch_id, date, start_time, end_time) VALUES (?, ?, '08:00', '16:00')`),
    enrolment: sqlite.prepare(
      `INSERT INTO enrolments (batch_id, programme_id, participant_id, unit_id, status, created_at, updated_at) VALUES (?, ?, ?, ?, 'confirmed', ?, ?)`,
    ),
    period: sqlite.prepare(
      `INSERT INTO asistensi_periods (programme_id, name, start_date, working_days, slot_times, skip_weekends, use_national_holidays, location, cancel_notice_hours, created_at, updated_at)
       VALUES (?, 'Asistensi SOP', ?, ?, ?, 1, 0, 'Ruang Rapat Bagian Organisasi', 24, ?, ?)`,
    ),
    slot: sqlite.prepare(`INSERT INTO slots (period_id, date, start_time, end_time, status) VALUES (?, ?, ?, ?, 'open')`),
    draft: sqlite.prepare(
      `INSERT INTO drafts (programme_id, unit_id, title, sop_count, received_at, status, created_at, updated_at) VALUES (?, ?, 'Draft SOP', 10, ?, 'received', ?, ?)`,
    ),
    booking: sqlite.prepare(`INSERT INTO bookings (period_id, slot_id, unit_id, status, created_at, updated_at) VALUES (?, ?, ?, 'active', ?, ?)`),
  };
  const dates = workingDates({ startDate: PERIOD_START, workingDays: S.workingDays, skipWeekends: true, closed: new Set() });
  const first = (sqlite.prepare(`SELECT coalesce(max(id), 0) AS n FROM programmes`).get() as { n: number }).n;

  const one = (n: number): number => {
    const programmeId = Number(insert.programme.run(`Penyusunan SOP ${n}`, ZONES[n % ZONES.length], `organisasi${n}@example.go.id`, STAMP, STAMP).lastInsertRowid);
    const unitIds: number[] = [];
    for (let u = 0; u < S.units; u++)
      unitIds.push(Number(insert.unit.run(`P${n}-U${u}`, `Unit Kerja ${u} Daerah ${n}`, UNIT_KINDS[u % UNIT_KINDS.length], STAMP, STAMP).lastInsertRowid));
    const people: { id: number; unitId: number }[] = [];
    for (let i = 0; i < S.participants; i++) {
      const serial = n * S.participants + i;
      const birth = DateTime.fromISO('1960-01-01', { zone: 'utc' }).plus({ days: serial % 14000 });
      const nip = `${birth.toFormat('yyyyMMdd')}198801${1 + (i % 2)}${String(Math.floor(serial / 14000)).padStart(3, '0')}`;
      const unitId = unitIds[i % S.units]!;
      people.push({ id: Number(insert.participant.run(nip, `Pegawai ${i} Daerah ${n}`, unitId, STAMP, STAMP).lastInsertRowid), unitId });
    }
    for (let b = 0; b < S.batches; b++) {
      const batchId = Number(insert.batch.run(programmeId, `Angkatan ${b + 1}`, 'Aula Balai Kota', S.capacity, S.unitQuota, STAMP, STAMP).lastInsertRowid);
      for (const day of [1 + 2 * b, 2 + 2 * b]) insert.day.run(batchId, `2013-10-${String(day).padStart(2, '0')}`);
      for (let k = 0; k < S.enrolledPerBatch; k++) {
        const person = people[b * S.capacity + k]!;
        insert.enrolment.run(batchId, programmeId, person.id, person.unitId, STAMP, STAMP);
      }
    }
    const periodId = Number(insert.period.run(programmeId, PERIOD_START, S.workingDays, JSON.stringify(S.slotTimes), STAMP, STAMP).lastInsertRowid);
    const slotIds: number[] = [];
    for (const date of dates) for (const t of S.slotTimes) slotIds.push(Number(insert.slot.run(periodId, date, t.start, t.end).lastInsertRowid));
    for (let d = 0; d < S.drafts; d++) insert.draft.run(programmeId, unitIds[d]!, `2013-09-${String(1 + (d % 28)).padStart(2, '0')}T02:00:00.000Z`, STAMP, STAMP);
    for (let k = 0; k < S.bookings; k++) insert.booking.run(periodId, slotIds[k]!, unitIds[k]!, STAMP, STAMP);
    return programmeId;
  };

  const programmeIds: number[] = [];
  const chunk = sqlite.transaction((from: number, to: number) => {
    for (let n = from; n < to; n++) programmeIds.push(one(n));
  });
  for (let from = first; from < first + count; from += batchSize) chunk.immediate(from, Math.min(first + count, from + batchSize));
  return { programmeIds };
}

/**
 * Registers `count` kabupaten below the home government (a province made home first if none is
 * registered), each with its own database holding one programme of SCALE_SHAPE, as
 * `npm run create-tenant` would make them. With `perProvince`, they go below provinces of their
 * own instead, up to that many each, the provinces below the home (a kementerian made home first
 * if none is registered). Answers each kabupaten's and province's slug and an organiser key of it.
 */
export async function seedTenants(
  config: Config,
  home: OpenDatabase,
  count: number,
  { perProvince }: { perProvince?: number } = {},
): Promise<{ kabupaten: { slug: string; key: string }[]; provinces: { slug: string; key: string }[] }> {
  const services = createContainer({ database: home, clock: systemClock, config });
  const registry = tenantRegistry(home, services, config);
  const registered = await registry.list();
  const top =
    registered.find((t) => t.database === null) ??
    (await registry.registerHome(perProvince ? { slug: 'kementerian', name: 'Kementerian Skala', kind: 'kementerian' } : { slug: 'provinsi', name: 'Provinsi Skala', kind: 'provinsi' }));
  const seeded = async (input: { slug: string; name: string; kind: string; parent: string }) => {
    const row = await registry.register(input, tenantDatabaseMaker(config, home));
    const database = openDatabase(row.database!);
    try {
      seedScale(database.sqlite, 1);
      const key = (await createContainer({ database, clock: systemClock, config: tenantConfig(config, row) }).access.create(systemActor, { role: 'organiser', label: 'bench' })).key;
      return { slug: row.slug, key };
    } finally {
      database.close();
    }
  };
  const kabupaten: { slug: string; key: string }[] = [];
  const provinces: { slug: string; key: string }[] = [];
  // Numbered from the registry's size, so that seeding again adds governments beside those made before.
  for (let n = registered.length; kabupaten.length < count; n++) {
    if (perProvince && kabupaten.length % perProvince === 0) {
      const p = registered.length + provinces.length;
      provinces.push(await seeded({ slug: `provinsi-${p}`, name: `Provinsi ${p}`, kind: 'provinsi', parent: top.slug }));
    }
    kabupaten.push(await seeded({ slug: `kabupaten-${n}`, name: `Kabupaten ${n}`, kind: 'kabupaten', parent: provinces.at(-1)?.slug ?? top.slug }));
  }
  return { kabupaten, provinces };
}
