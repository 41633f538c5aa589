import { openDatabase } from '../../src/platform/database';
import { systemClock } from '../../src/platform/time';
import { createContainer } from '../../src/container';
import { seedDemo } from '../../scripts/seed';

it('seeds the Banjarmasin scenario, and seeding again duplicates nothing', async () => {
  const database = openDatabase(':memory:');
  const services = createContainer({ database, clock: systemClock });
  const count = (sql: string) => (database.sqlite.prepare(sql).get() as { n: number }).n;
  try {
    const first = await seedDemo(services);
    const snapshot = () => ({
      units: count('select count(*) n from units'),
      kinds: count('select count(distinct kind) n from units'),
      participants: count('select count(*) n from participants'),
      programmes: count('select count(*) n from programmes'),
      batches: count('select count(*) n from batches'),
      enrolments: count("select count(*) n from enrolments where status = 'confirmed'"),
      activeKeys: count('select count(*) n from api_keys where revoked_at is null'),
      periods: count('select count(*) n from asistensi_periods'),
      slots: count('select count(*) n from slots'),
      drafts: count('select count(*) n from drafts'),
      bookings: count("select count(*) n from bookings where status = 'active'"),
      requests: count('select count(*) n from asistensi_requests'),
      walkIns: count('select count(*) n from walk_ins'),
    });
    const afterFirst = snapshot();
    expect(afterFirst).toEqual({
      units: 41, kinds: 10, participants: 250, programmes: 1, batches: 5, enrolments: 250, activeKeys: 1,
      periods: 1, slots: 20, drafts: 13, bookings: 12, requests: 4, walkIns: 1,
    });
    const period = await services.periods.view(await services.periods.load(first.periodId));
    expect([period.startDate, period.endDate, period.workingDates.length]).toEqual(['2013-10-21', '2013-11-01', 10]);
    expect(first.unplaced).toBe(0);
    const batches = await services.batches.listForProgramme(first.programmeId);
    expect(batches.map((b) => [b.name, b.capacity, b.unitQuota, b.days.length, b.confirmedCount])).toEqual([
      ['Angkatan I', 50, 3, 2, 50],
      ['Angkatan II', 50, 3, 2, 50],
      ['Angkatan III', 50, 3, 2, 50],
      ['Angkatan IV', 50, 3, 2, 50],
      ['Angkatan V', 50, 3, 2, 50],
    ]);
    expect(batches[0]!.days[0]!.startsAt).toBe('2013-10-01T08:00:00+08:00');
    // Batch I takes only dinas and Satpol PP.
    expect(count(`select count(*) n from enrolments e join units u on u.id = e.unit_id where e.batch_id = ${batches[0]!.id} and u.kind not in ('dinas', 'satpol_pp')`)).toBe(0);

    const second = await seedDemo(services);
    expect(snapshot()).toEqual(afterFirst);
    expect(second.key).not.toBe(first.key);
    expect(await services.access.authenticate(first.key)).toBeUndefined();
    expect(await services.access.authenticate(second.key)).toMatchObject({ role: 'organiser' });
  } finally {
    database.close();
  }
});
