import type { AddressInfo } from 'node:net';
import { buildTestApp, type TestApp } from '../helpers/app';

/**
 * Fires many enrolments at a listening server at once (real HTTP, many sockets) and checks
 * that no rule broke: capacity, quota, one active enrolment per official per programme.
 */
let t: TestApp;
let base: string;
beforeAll(async () => {
  t = await buildTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
afterAll(() => t.app.close());

const post = (url: string, body: unknown) =>
  fetch(`${base}${url}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${t.organiserKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  }).then(async (res) => ({ status: res.status, body: (await res.json()) as any }));

it('300 concurrent enrolments (each official twice, into two batches) break no rule', async () => {
  const programme = await t.make.programme();
  const batches = [await t.make.batch(programme.id, { capacity: 50, unitQuota: 3 }), await t.make.batch(programme.id, { capacity: 50, unitQuota: 3 })];
  const people: number[] = [];
  for (let u = 0; u < 30; u++) {
    const unit = await t.make.unit();
    for (let i = 0; i < 5; i++) people.push((await t.make.participant(unit.id)).id);
  }
  // Every official tries both batches at the same moment.
  const attempts = people.flatMap((participantId) => batches.map((b) => ({ url: `/batches/${b.id}/enrolments`, participantId })));
  const results = await Promise.all(attempts.map((a) => post(a.url, { participantId: a.participantId })));

  expect(results.every((r) => [201, 409].includes(r.status))).toBe(true);
  const created = results.filter((r) => r.status === 201).map((r) => r.body);
  const counts = t.database.sqlite
    .prepare(`SELECT batch_id, unit_id, status, count(*) n FROM enrolments GROUP BY batch_id, unit_id, status`)
    .all() as { batch_id: number; unit_id: number; status: string; n: number }[];
  for (const b of batches) {
    const confirmed = counts.filter((c) => c.batch_id === b.id && c.status === 'confirmed');
    expect(confirmed.reduce((s, c) => s + c.n, 0)).toBeLessThanOrEqual(50);
    for (const c of confirmed) expect(c.n).toBeLessThanOrEqual(3);
  }
  const active = t.database.sqlite
    .prepare(`SELECT participant_id, count(*) n FROM enrolments WHERE status <> 'cancelled' GROUP BY participant_id HAVING n > 1`)
    .all();
  expect(active).toEqual([]);
  // Every official got exactly one answer of 201 and one of 409.
  expect(new Set(created.map((e) => e.participantId)).size).toBe(created.length);
  expect(created.length).toBe(people.length);
  // What the server answered is exactly what it stored.
  const stored = t.database.sqlite.prepare(`SELECT id, status FROM enrolments ORDER BY id`).all();
  expect(stored).toEqual(created.map((e) => ({ id: e.id, status: e.status })).sort((a, b) => a.id - b.id));
  // The first batch to fill up is full: the rules were applied, not skipped.
  expect(Math.max(...batches.map((b) => counts.filter((c) => c.batch_id === b.id && c.status === 'confirmed').reduce((s, c) => s + c.n, 0)))).toBe(50);
});
