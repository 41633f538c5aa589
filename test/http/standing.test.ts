import { buildTestApp, expectProblem, type TestApp } from '../helpers/app';
import { seedPeriod } from '../helpers/asistensi';

let t: TestApp;
beforeEach(async () => (t = await buildTestApp({ now: '2013-10-01T00:00:00Z' })));
afterEach(() => t.app.close());

describe('GET /units/:id/standing', () => {
  it('follows a unit through its four steps, with the next one and what is coming in the programme’s zone', async () => {
    const { programme, period, slot } = await seedPeriod(t);
    const batch = await t.make.batch(programme.id, { name: 'Angkatan I', capacity: 2, unitQuota: 2 });
    const unit = await t.make.unit({ code: 'DISHUB', name: 'Dinas Perhubungan' });
    // Another unit takes one of the two seats.
    const neighbour = await t.make.participant((await t.make.unit({ code: 'DINKES' })).id, { name: 'Dewi Anggraini' });
    await t.organiser.post(`/batches/${batch.id}/enrolments`, { participantId: neighbour.id });
    const operator = t.as(await t.unitKey(unit.id));
    const url = `/units/${unit.id}/standing?programmeId=${programme.id}`;
    const standing = async () => {
      const res = await operator.get(url);
      expect(res.status).toBe(200);
      return res.body;
    };
    const done = (body: { steps: { step: string; done: boolean }[] }) => body.steps.filter((s) => s.done).map((s) => s.step);

    const empty = await standing();
    expect(empty).toEqual({
      unitId: unit.id,
      programmeId: programme.id,
      timezone: 'Asia/Makassar',
      today: '2013-10-01',
      officials: 0,
      confirmed: [],
      waitlisted: [],
      latestDraft: null,
      booking: null,
      steps: [
        { step: 'officials', done: false },
        { step: 'enrolment', done: false },
        { step: 'draft', done: false },
        { step: 'booking', done: false },
      ],
      next: 'officials',
      comingUp: [],
      upcoming: [],
    });

    const first = await t.make.participant(unit.id, { name: 'Rahmat Hidayat' });
    const second = await t.make.participant(unit.id, { name: 'Siti Rahmah' });
    expect(await standing()).toMatchObject({ officials: 2, next: 'enrolment' });

    await operator.post(`/batches/${batch.id}/enrolments`, { participantId: first.id });
    await operator.post(`/batches/${batch.id}/enrolments`, { participantId: second.id });
    const enrolled = await standing();
    expect(done(enrolled)).toEqual(['officials', 'enrolment']);
    expect(enrolled.next).toBe('draft');
    expect(enrolled.confirmed).toEqual([expect.objectContaining({ participantName: 'Rahmat Hidayat', status: 'confirmed', waitlistPosition: null, batch: expect.objectContaining({ id: batch.id, name: 'Angkatan I' }) })]);
    expect(enrolled.waitlisted).toEqual([expect.objectContaining({ participantName: 'Siti Rahmah', status: 'waitlisted', waitlistPosition: 1 })]);
    // Only a seat puts a batch's days in what is coming.
    expect(enrolled.comingUp).toEqual([
      expect.objectContaining({ kind: 'batchDay', date: '2013-10-07', start: '08:00', startsAt: '2013-10-07T08:00:00+08:00', batch: { id: batch.id, name: 'Angkatan I', day: 1 }, participant: { id: first.id, name: 'Rahmat Hidayat' }, bookingId: null }),
      expect.objectContaining({ kind: 'batchDay', date: '2013-10-08', batch: { id: batch.id, name: 'Angkatan I', day: 2 } }),
    ]);

    const draft = (await operator.post(`/programmes/${programme.id}/drafts`, { title: 'Draf SOP Dishub', sopCount: 8 })).body;
    expect(await standing()).toMatchObject({ latestDraft: { id: draft.id, status: 'submitted' }, next: 'booking' });
    await t.organiser.patch(`/drafts/${draft.id}`, { status: 'received' });

    const booking = (await operator.post(`/asistensi-periods/${period.id}/bookings`, { slotId: slot('2013-10-22').id })).body;
    const booked = await standing();
    expect(done(booked)).toEqual(['officials', 'enrolment', 'draft', 'booking']);
    expect(booked).toMatchObject({ next: null, latestDraft: { status: 'received' }, booking: { id: booking.id, date: '2013-10-22', start: '09:00' } });
    expect(booked.comingUp.map((item: { kind: string; date: string }) => [item.kind, item.date])).toEqual([
      ['batchDay', '2013-10-07'],
      ['batchDay', '2013-10-08'],
      ['asistensi', '2013-10-22'],
    ]);

    // Grouped by event: a line per batch day with the unit's officials in it, a line per session.
    expect(booked.upcoming).toEqual([
      { kind: 'batchDay', date: '2013-10-07', start: '08:00', end: '16:00', startsAt: '2013-10-07T08:00:00+08:00', endsAt: '2013-10-07T16:00:00+08:00', batch: { id: batch.id, name: 'Angkatan I', day: 1 }, officials: [{ id: first.id, name: 'Rahmat Hidayat' }], bookingId: null },
      expect.objectContaining({ kind: 'batchDay', date: '2013-10-08', batch: { id: batch.id, name: 'Angkatan I', day: 2 }, officials: [{ id: first.id, name: 'Rahmat Hidayat' }] }),
      expect.objectContaining({ kind: 'asistensi', date: '2013-10-22', start: '09:00', batch: null, officials: [], bookingId: booking.id }),
    ]);

    // A day is past once it has ended in the programme's zone: 16:00 WITA on the 7th is 08:00 UTC.
    t.clock.set('2013-10-07T07:59:00Z');
    expect((await standing()).upcoming.map((event: { date: string }) => event.date)).toEqual(['2013-10-07', '2013-10-08', '2013-10-22']);
    t.clock.set('2013-10-07T08:00:00Z');
    const ended = await standing();
    expect(ended.today).toBe('2013-10-07');
    expect(ended.upcoming.map((event: { date: string }) => event.date)).toEqual(['2013-10-08', '2013-10-22']);
    expect(ended.comingUp.map((item: { date: string }) => item.date)).toEqual(['2013-10-08', '2013-10-22']);

    // "Today" is the programme's: 8 October has begun in Makassar while it is still the 7th in UTC.
    t.clock.set('2013-10-07T16:30:00Z');
    const later = await standing();
    expect(later.today).toBe('2013-10-08');
    expect(later.comingUp.map((item: { date: string }) => item.date)).toEqual(['2013-10-08', '2013-10-22']);
    // The organiser sees the same; nothing of the other unit's is in it.
    expect((await t.organiser.get(url)).body).toEqual(later);
    expect(JSON.stringify(later)).not.toContain('Dewi Anggraini');
  });

  it('groups a room: one event per batch day with every official of the unit in it, one per session, nothing that has ended', async () => {
    const { programme, period, slot } = await seedPeriod(t);
    const unit = await t.make.unit({ code: 'DISHUB', name: 'Dinas Perhubungan' });
    const first = await t.make.batch(programme.id, { name: 'Angkatan I', capacity: 10, unitQuota: 5 });
    const second = await t.make.batch(programme.id, {
      name: 'Angkatan II',
      capacity: 10,
      unitQuota: 5,
      days: [
        { date: '2013-10-16', start: '08:00', end: '12:00' },
        { date: '2013-10-17', start: '08:00', end: '12:00' },
      ],
    });
    const names = ['Rahmat Hidayat', 'Siti Rahmah', 'Ahmad Fauzi', 'Dewi Lestari'];
    const officials = [];
    for (const name of names) officials.push(await t.make.participant(unit.id, { name }));
    for (const official of officials.slice(0, 3)) await t.organiser.post(`/batches/${first.id}/enrolments`, { participantId: official.id });
    await t.organiser.post(`/batches/${second.id}/enrolments`, { participantId: officials[3]!.id });
    const draft = (await t.organiser.post(`/programmes/${programme.id}/drafts`, { unitId: unit.id, title: 'Draf SOP Dishub', sopCount: 8 })).body;
    await t.organiser.patch(`/drafts/${draft.id}`, { status: 'received' });
    const booking = (await t.organiser.post(`/asistensi-periods/${period.id}/bookings`, { unitId: unit.id, slotId: slot('2013-10-22').id })).body;
    expect(booking.id).toEqual(expect.any(Number));

    const url = `/units/${unit.id}/standing?programmeId=${programme.id}`;
    const body = (await t.organiser.get(url)).body;
    // Nine items (one per official and day, and the session), five events.
    expect(body.comingUp).toHaveLength(3 * 2 + 2 + 1);
    const line = (e: { date: string; batch: { name: string; day: number } | null; officials: { name: string }[] }) => [e.date, e.batch ? `${e.batch.name}/${e.batch.day}` : 'asistensi', e.officials.map((o) => o.name)];
    expect(body.upcoming.map(line)).toEqual([
      ['2013-10-07', 'Angkatan I/1', names.slice(0, 3)],
      ['2013-10-08', 'Angkatan I/2', names.slice(0, 3)],
      ['2013-10-16', 'Angkatan II/1', ['Dewi Lestari']],
      ['2013-10-17', 'Angkatan II/2', ['Dewi Lestari']],
      ['2013-10-22', 'asistensi', []],
    ]);

    // Halfway through Angkatan II’s first morning it is still coming; at noon WITA (04.00 UTC) it has ended.
    t.clock.set('2013-10-16T02:00:00Z');
    expect((await t.organiser.get(url)).body.upcoming.map(line).map(([date]: string[]) => date)).toEqual(['2013-10-16', '2013-10-17', '2013-10-22']);
    t.clock.set('2013-10-16T04:00:00Z');
    expect((await t.organiser.get(url)).body.upcoming.map(line).map(([date]: string[]) => date)).toEqual(['2013-10-17', '2013-10-22']);
    // After the session nothing is left.
    t.clock.set('2013-10-23T00:00:00Z');
    expect((await t.organiser.get(url)).body).toMatchObject({ comingUp: [], upcoming: [] });
  });

  it('refuses another unit’s key as "not found", and an unknown programme or unit', async () => {
    const programme = await t.make.programme();
    const mine = await t.make.unit({ code: 'MINE' });
    const theirs = await t.make.unit({ code: 'THEIRS' });
    const operator = t.as(await t.unitKey(mine.id));
    expectProblem(await operator.get(`/units/${theirs.id}/standing?programmeId=${programme.id}`), 404, 'NOT_FOUND');
    expectProblem(await operator.get(`/units/${mine.id}/standing?programmeId=999`), 404, 'NOT_FOUND');
    expectProblem(await t.organiser.get(`/units/999/standing?programmeId=${programme.id}`), 404, 'NOT_FOUND');
    expectProblem(await t.organiser.get(`/units/${mine.id}/standing`), 400, 'VALIDATION_FAILED');
    expectProblem(await t.as().get(`/units/${mine.id}/standing?programmeId=${programme.id}`), 401, 'UNAUTHENTICATED');
  });
});
