import { buildTestApp, type Reply, type TestApp } from '../helpers/app';
import { seedPeriod } from '../helpers/asistensi';

/**
 * Everything a unit key is answered, swept for another unit's records: unit B's names carry a
 * mark, and no answer to unit A may contain it or name B's unit, officials or records by id.
 */
const B_MARK = 'RAHASIA-B';

let t: TestApp;
beforeEach(async () => (t = await buildTestApp({ now: '2013-10-01T00:00:00Z' })));
afterEach(() => t.app.close());

/** Every value under a key that names a unit, an official, a booking, a draft, a request or an enrolment. */
function referencedIds(value: unknown, found: Map<string, Set<number>> = new Map()): Map<string, Set<number>> {
  if (Array.isArray(value)) for (const item of value) referencedIds(item, found);
  else if (value && typeof value === 'object')
    for (const [key, inner] of Object.entries(value)) {
      if (typeof inner === 'number' && /^(unitId|participantId|bookingId|enrolmentId)$/.test(key)) found.set(key, new Set([...(found.get(key) ?? []), inner]));
      else referencedIds(inner, found);
    }
  return found;
}

it('answers a unit key with nothing of another unit’s, on every route it may call', async () => {
  const { programme, period, slot } = await seedPeriod(t);
  const [a, b] = [await t.make.unit({ code: 'UNIT-A', name: 'Dinas A' }), await t.make.unit({ code: B_MARK, name: `Dinas ${B_MARK}` })];
  const small = await t.make.batch(programme.id, { name: 'Angkatan Kecil', capacity: 1, unitQuota: 1 });
  const personA = await t.make.participant(a.id, { name: 'Pegawai A' });
  const personB = await t.make.participant(b.id, { name: `Pegawai ${B_MARK}` });
  const seatA = (await t.organiser.post(`/batches/${small.id}/enrolments`, { participantId: personA.id })).body;
  const seatB = (await t.organiser.post(`/batches/${small.id}/enrolments`, { participantId: personB.id })).body;
  const draftB = (await t.organiser.post(`/programmes/${programme.id}/drafts`, { unitId: b.id, title: `Draft ${B_MARK}`, sopCount: 1 })).body;
  const bookingB = (await t.organiser.post(`/asistensi-periods/${period.id}/bookings`, { unitId: b.id, slotId: slot('2013-10-21').id, topic: B_MARK })).body;
  const hisIds = { unitId: b.id, participantId: personB.id, bookingId: bookingB.id, enrolmentId: seatB.id };

  const unitA = t.as(await t.unitKey(a.id));
  const answers: [string, Reply][] = [];
  const call = async (label: string, res: Promise<Reply>) => {
    const reply = await res;
    if (reply.status >= 300) throw new Error(`${label}: ${reply.status} ${JSON.stringify(reply.body)}`);
    answers.push([label, reply]);
    return reply.body;
  };
  await call('me', unitA.get('/me'));
  await call('unit', unitA.get(`/units/${a.id}`));
  await call('officials', unitA.get('/participants'));
  await call('register', unitA.post('/participants', { nip: '19800412 200501 1 003', name: 'Pegawai A2' }));
  await call('programmes', unitA.get('/programmes'));
  await call('batches', unitA.get(`/programmes/${programme.id}/batches`));
  await call('batch', unitA.get(`/batches/${small.id}`));
  await call('enrolments', unitA.get(`/batches/${small.id}/enrolments`));
  await call('enrolment', unitA.get(`/enrolments/${seatA.id}`));
  // Cancelling its seat promotes unit B's waitlisted official: A must not learn who.
  await call('cancel seat', unitA.delete(`/enrolments/${seatA.id}`));
  await call('drafts', unitA.get(`/programmes/${programme.id}/drafts`));
  await call('submit draft', unitA.post(`/programmes/${programme.id}/drafts`, { title: 'Draft A', sopCount: 2 }));
  await call('periods', unitA.get(`/programmes/${programme.id}/asistensi-periods`));
  await call('period', unitA.get(`/asistensi-periods/${period.id}`));
  await call('slots', unitA.get(`/asistensi-periods/${period.id}/slots`));
  const mine = await call('book', unitA.post(`/asistensi-periods/${period.id}/bookings`, { slotId: slot('2013-10-22').id }));
  await call('bookings', unitA.get(`/asistensi-periods/${period.id}/bookings`));
  await call('booking', unitA.get(`/bookings/${mine.id}`));
  await call('booking file', unitA.get(`/bookings/${mine.id}.ics`));
  await call('move', unitA.patch(`/bookings/${mine.id}`, { slotId: slot('2013-10-23').id }));
  await call('requests', unitA.get(`/asistensi-periods/${period.id}/requests`));
  await call('holidays', unitA.get('/holiday-calendars/2013'));
  const feed = await call('feed token', unitA.post(`/units/${a.id}/calendar-token`, {}));
  await call('private feed', t.as().get(new URL(feed.url).pathname));

  expect((await t.organiser.get(`/enrolments/${seatB.id}`)).body.status).toBe('confirmed');
  expect(draftB.unitId).toBe(b.id);
  const leaks: string[] = [];
  for (const [label, reply] of answers) {
    const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
    if (text.includes(B_MARK)) leaks.push(`${label}: shows unit B's name or text`);
    if (typeof reply.body !== 'string')
      for (const [key, values] of referencedIds(reply.body)) if (values.has(hisIds[key as keyof typeof hisIds])) leaks.push(`${label}: names unit B's ${key}`);
  }
  expect(leaks).toEqual([]);
});
