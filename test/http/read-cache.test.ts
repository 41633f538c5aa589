import { buildTestApp, type TestApp } from '../helpers/app';
import { seedPeriod } from '../helpers/asistensi';

let t: TestApp;
beforeEach(async () => (t = await buildTestApp({ now: '2013-10-01T00:00:00Z' })));
afterEach(() => t.app.close());

/**
 * Listings and feeds are cached by the data versions the database keeps, so a change written
 * by anything else (a script, a second server process, plain SQL) shows at once.
 */
describe('cached listings follow every writer', () => {
  it('slot listings, batch listings and feeds see rows written with plain SQL', async () => {
    const { programme, period, slot } = await seedPeriod(t);
    const batch = await t.make.batch(programme.id);
    const unit = await t.make.unit();
    const person = await t.make.participant(unit.id);
    const slotsUrl = `/asistensi-periods/${period.id}/slots?status=booked`;
    const feedUrl = `/calendars/programmes/${programme.id}.ics`;
    expect((await t.organiser.get(slotsUrl)).body).toEqual([]);
    expect((await t.organiser.get(`/programmes/${programme.id}/batches`)).body[0].confirmedCount).toBe(0);
    const feedBefore = (await t.as().get(feedUrl)).body;

    const now = '2013-10-01T00:00:00.000Z';
    await t.sqlRun(`INSERT INTO bookings (period_id, slot_id, unit_id, status, created_at, updated_at) VALUES (?, ?, ?, 'active', ?, ?)`, period.id, slot('2013-10-21').id, unit.id, now, now);
    await t.sqlRun(`INSERT INTO enrolments (batch_id, programme_id, participant_id, unit_id, status, created_at, updated_at) VALUES (?, ?, ?, ?, 'confirmed', ?, ?)`, batch.id, programme.id, person.id, unit.id, now, now);

    expect((await t.organiser.get(slotsUrl)).body.map((s: any) => s.unit.id)).toEqual([unit.id]);
    expect((await t.organiser.get(`/programmes/${programme.id}/batches`)).body[0].confirmedCount).toBe(1);
    expect((await t.as().get(feedUrl)).body).not.toBe(feedBefore);

    await t.sqlRun(`UPDATE units SET name = 'Nama Baru' WHERE id = ?`, unit.id);
    expect((await t.organiser.get(slotsUrl)).body[0].unit.name).toBe('Nama Baru');
  });
});

describe('a feed built while a change commits', () => {
  it('is not kept as fresh: the next request shows the change', async () => {
    const { programme, period, slot } = await seedPeriod(t);
    const unit = await t.make.unit({ name: 'Dinas Pemadam Kebakaran' });
    const feedUrl = `/calendars/programmes/${programme.id}.ics`;
    // The container's own reader (app.services hands each call to the request's tenant's).
    const versions = t.app.tenancy.home.services.versions;
    const signatureOf = versions.signatureOf.bind(versions);
    let sourceRead!: () => void;
    const atVersions = new Promise<void>((resolve) => (sourceRead = resolve));
    let goOn!: () => void;
    const bookingMade = new Promise<void>((resolve) => (goOn = resolve));
    // The feed's source has been read: its versions wait until a booking has been made. (The
    // booking starts from the test, not from here: inside the feed's work it would be part of it.)
    jest.spyOn(versions, 'signatureOf').mockImplementation(async (scopes) => {
      if (scopes.includes(`programme:${programme.id}`)) {
        sourceRead();
        await bookingMade;
      }
      return await signatureOf(scopes);
    });
    const feed = t.as().get(feedUrl);
    await atVersions;
    const booking = t.organiser.post(`/asistensi-periods/${period.id}/bookings`, { unitId: unit.id, slotId: slot('2013-10-21').id });
    await new Promise((resolve) => setTimeout(resolve, 200)); // time for it to commit, if nothing holds it
    goOn();
    expect((await feed).status).toBe(200);
    expect((await booking).status).toBe(201);
    expect((await t.as().get(feedUrl)).body).toContain('Dinas Pemadam Kebakaran');
  });
});
