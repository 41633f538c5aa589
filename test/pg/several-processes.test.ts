import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import type { Api } from '../../src/http/api';
import { systemActor } from '../../src/platform/actor';
import { openPostgres, type PostgresDatabase } from '../../src/platform/postgres';
import { ManualClock } from '../../src/platform/time';
import { BASE_URL } from '../helpers/app';
import { startPostgres, type PostgresCluster } from '../helpers/postgres';

/**
 * What several server processes share through one PostgreSQL database beyond the rules (those
 * are raced in test/ops/races.test.ts): the budget of wrong credentials per client, and the
 * notice outbox, whose deliveries each worker leases without waiting for or fighting over
 * another's. Each app here has its own pool, as a process would.
 */
let cluster: PostgresCluster;
let url: string;
const opened: { app: Api; database: PostgresDatabase }[] = [];

beforeAll(async () => {
  cluster = await startPostgres();
  url = await cluster.createDatabase('several');
}, 60_000);
afterAll(async () => {
  for (const { app, database } of opened) {
    await app.close();
    await database.close();
  }
  await cluster.stop();
});

/** A server process's app on the shared database. */
async function processOnDatabase(env: Record<string, string> = {}) {
  const database = await openPostgres(url, { poolSize: 4 });
  const app = await buildApp({ config: loadConfig({ PUBLIC_BASE_URL: BASE_URL, DEFAULT_TIMEZONE: 'WITA', ...env }), database, clock: new ManualClock('2013-10-01T00:00:00Z'), logger: false });
  opened.push({ app, database });
  return { app, database };
}

it('counts wrong API keys from one client into one budget across processes', async () => {
  const [one, two] = [await processOnDatabase({ AUTH_FAILURES_PER_MINUTE: '3' }), await processOnDatabase({ AUTH_FAILURES_PER_MINUTE: '3' })];
  const { key } = await one.app.services.access.create(systemActor, { role: 'organiser', label: 'Bagian Organisasi' });
  const wrongKey = (app: Api, n: number) => app.inject({ url: '/units', remoteAddress: '203.0.113.7', headers: { authorization: `Bearer sop_${String(n).repeat(43).slice(0, 43)}` } });
  expect((await wrongKey(one.app, 1)).statusCode).toBe(401);
  expect((await wrongKey(one.app, 2)).statusCode).toBe(401);
  // The third failure of the minute, through the other process, reaches the shared limit.
  expect((await wrongKey(two.app, 3)).statusCode).toBe(401);
  const refused = await wrongKey(two.app, 4);
  expect(refused.statusCode).toBe(429);
  expect(refused.json().code).toBe('RATE_LIMITED');
  // Another client has its own budget; a right key is never refused.
  expect((await two.app.inject({ url: '/units', remoteAddress: '198.51.100.9', headers: { authorization: `Bearer sop_${'5'.repeat(43)}` } })).statusCode).toBe(401);
  expect((await two.app.inject({ url: '/units', remoteAddress: '203.0.113.7', headers: { authorization: `Bearer ${key}` } })).statusCode).toBe(200);
});

it('leases each due delivery to one worker only, a bundle whole, while workers of two processes take at once', async () => {
  const processes = [await processOnDatabase(), await processOnDatabase()];
  const { pool } = processes[0]!.database;
  const at = '2013-09-30T00:00:00.000Z';
  const notice = (await pool.query<{ id: number }>(`INSERT INTO notices (kind, facts, created_at) VALUES ('account_link', '{}', $1) RETURNING id`, [at])).rows[0]!.id;
  // 60 deliveries on their own and 20 bundles of three.
  const bundleOf = (n: number) => (n < 60 ? null : `bundle-${Math.floor((n - 60) / 3)}`);
  for (let n = 0; n < 120; n++)
    await pool.query(
      `INSERT INTO notice_deliveries (notice_id, channel, address, language, status, next_attempt_at, message_id, bundle_key) VALUES ($1, 'email', $2, 'id', 'pending', $3, $4, $5)`,
      [notice, `u${n}@example.go.id`, at, `<m${n}@test>`, bundleOf(n)],
    );

  // Four workers in each process, taking until nothing is due.
  const claims: number[][] = [];
  await Promise.all(
    processes.flatMap(({ app }) =>
      Array.from({ length: 4 }, async () => {
        for (let claimed = await app.services.outbox.claimNext(['email'], 120); claimed; claimed = await app.services.outbox.claimNext(['email'], 120))
          claims.push(claimed.bundle.map((b) => b.delivery.id));
      }),
    ),
  );

  const ids = (await pool.query<{ id: number; bundle_key: string | null }>('SELECT id, bundle_key FROM notice_deliveries ORDER BY id')).rows;
  expect(claims.flat().sort((a, b) => a - b)).toEqual(ids.map((d) => d.id));
  expect(claims).toHaveLength(60 + 20);
  for (const claim of claims) expect(new Set(claim.map((id) => ids.find((d) => d.id === id)!.bundle_key)).size).toBe(1);
  // Both processes took part (four workers each, none waiting on another's row).
  const leased = (await pool.query<{ count: number }>(`SELECT count(*) FROM notice_deliveries WHERE next_attempt_at > $1`, [at])).rows[0]!.count;
  expect(leased).toBe(120);
});
