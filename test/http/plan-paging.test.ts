import { buildTestApp, type TestApp } from '../helpers/app';
import { seedPeriod } from '../helpers/asistensi';

// A plan's answer (distribution, auto-schedule) may list every official or unit of a
// deployment: ?limit=&offset= answer a page of each list with the counts; the plan applied
// is always the whole plan; without them the answer is as it always was.

let t: TestApp;
beforeEach(async () => (t = await buildTestApp()));
afterEach(() => t.app.close());

const count = (sql: string) => t.sqlValue<number>(sql);

describe('plans answered a page at a time', () => {
  it('pages the distribution’s lists and still applies the whole plan', async () => {
    const programme = await t.make.programme();
    await t.make.batch(programme.id, { capacity: 8 });
    for (let i = 0; i < 10; i++) await t.make.participant((await t.make.unit()).id);
    const url = `/programmes/${programme.id}/distribute`;

    const whole = (await t.organiser.post(url, { dryRun: true })).body;
    expect([whole.assignments.length, whole.unplaced.length, whole.counts]).toEqual([8, 2, undefined]);
    const paged = await t.organiser.post(`${url}?limit=3&offset=6`, { dryRun: true });
    expect(paged.status).toBe(200);
    expect(paged.body.counts).toEqual({ assignments: 8, unplaced: 2 });
    expect(paged.body.assignments).toEqual(whole.assignments.slice(6, 9));
    expect(paged.body.unplaced).toEqual([]);
    expect((await t.organiser.post(`${url}?limit=1001`, { dryRun: true })).status).toBe(400);

    const applied = await t.organiser.post(`${url}?limit=1`, {});
    expect(applied.body.assignments).toHaveLength(1);
    expect(applied.body.counts.assignments).toBe(8);
    expect(await count("select count(*) n from enrolments where status = 'confirmed'")).toBe(8);
  });

  it('pages the auto-schedule’s lists and still books every session', async () => {
    const { period } = await seedPeriod(t, { workingDays: 2 });
    for (let i = 0; i < 6; i++) await t.organiser.post(`/asistensi-periods/${period.id}/requests`, { unitId: (await t.make.unit()).id });
    const url = `/asistensi-periods/${period.id}/auto-schedule`;
    const whole = (await t.organiser.post(url, { dryRun: true })).body;
    expect([whole.assignments.length, whole.unplaced.length, whole.counts]).toEqual([4, 2, undefined]);
    const paged = (await t.organiser.post(`${url}?limit=2`, { dryRun: true })).body;
    expect(paged).toMatchObject({ counts: { assignments: 4, unplaced: 2 }, assignments: whole.assignments.slice(0, 2), unplaced: whole.unplaced });
    expect((await t.organiser.post(`${url}?limit=1`, {})).body.counts.assignments).toBe(4);
    expect(await count("select count(*) n from bookings where status = 'active'")).toBe(4);
  });
});
