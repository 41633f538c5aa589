import type { AddressInfo } from 'node:net';
import { buildTestApp, type TestApp } from '../helpers/app';
import { seedPeriod } from '../helpers/asistensi';

/**
 * Hundreds of units race for the 20 slots of the seed period through a listening server:
 * exactly 20 bookings succeed, every other request gets 409, and no slot or unit holds two.
 */
let t: TestApp;
let base: string;
beforeAll(async () => {
  t = await buildTestApp({ now: '2013-10-01T00:00:00Z' });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
afterAll(() => t.app.close());

it('300 concurrent bookings for 20 slots: exactly 20 succeed', async () => {
  const { period, slots } = await seedPeriod(t);
  const units: number[] = [];
  for (let i = 0; i < 100; i++) units.push((await t.make.unit()).id);
  // Each unit tries three slots at once; slots are shared by about fifteen units each.
  const attempts = units.flatMap((unitId, i) => [0, 7, 13].map((k) => ({ unitId, slotId: slots[(i + k) % slots.length]!.id })));
  const results = await Promise.all(
    attempts.map((body) =>
      fetch(`${base}/asistensi-periods/${period.id}/bookings`, {
        method: 'POST',
        headers: { authorization: `Bearer ${t.organiserKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).then(async (res) => ({ status: res.status, body: (await res.json()) as any })),
    ),
  );
  const statuses = results.map((r) => r.status);
  expect(statuses.filter((s) => s === 201)).toHaveLength(20);
  expect(statuses.filter((s) => s === 409)).toHaveLength(attempts.length - 20);
  expect(new Set(results.filter((r) => r.status === 409).map((r) => r.body.code))).toEqual(new Set(['SLOT_TAKEN', 'UNIT_ALREADY_BOOKED']));
  const perSlot = t.database.sqlite.prepare(`SELECT slot_id, count(*) n FROM bookings WHERE status = 'active' GROUP BY slot_id HAVING n > 1`).all();
  const perUnit = t.database.sqlite.prepare(`SELECT unit_id, count(*) n FROM bookings WHERE status = 'active' GROUP BY unit_id HAVING n > 1`).all();
  expect([perSlot, perUnit]).toEqual([[], []]);
  expect(t.database.sqlite.prepare(`SELECT count(*) n FROM bookings`).get()).toEqual({ n: 20 });
});
