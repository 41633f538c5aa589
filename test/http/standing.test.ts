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
    const operator = t.as(t.unitKey(unit.id));
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

    // "Today" is the programme's: 8 October has begun in Makassar while it is still the 7th in UTC.
    t.clock.set('2013-10-07T16:30:00Z');
    const later = await standing();
    expect(later.today).toBe('2013-10-08');
    expect(later.comingUp.map((item: { date: string }) => item.date)).toEqual(['2013-10-08', '2013-10-22']);
    // The organiser sees the same; nothing of the other unit's is in it.
    expect((await t.organiser.get(url)).body).toEqual(later);
    expect(JSON.stringify(later)).not.toContain('Dewi Anggraini');
  });

  it('refuses another unit’s key as "not found", and an unknown programme or unit', async () => {
    const programme = await t.make.programme();
    const mine = await t.make.unit({ code: 'MINE' });
    const theirs = await t.make.unit({ code: 'THEIRS' });
    const operator = t.as(t.unitKey(mine.id));
    expectProblem(await operator.get(`/units/${theirs.id}/standing?programmeId=${programme.id}`), 404, 'NOT_FOUND');
    expectProblem(await operator.get(`/units/${mine.id}/standing?programmeId=999`), 404, 'NOT_FOUND');
    expectProblem(await t.organiser.get(`/units/999/standing?programmeId=${programme.id}`), 404, 'NOT_FOUND');
    expectProblem(await t.organiser.get(`/units/${mine.id}/standing`), 400, 'VALIDATION_FAILED');
    expectProblem(await t.as().get(`/units/${mine.id}/standing?programmeId=${programme.id}`), 401, 'UNAUTHENTICATED');
  });
});
