import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createContainer } from '../../src/container';
import { systemActor } from '../../src/platform/actor';
import { openPostgres } from '../../src/platform/postgres';
import { systemClock } from '../../src/platform/time';
import { startPostgres, type PostgresCluster } from '../helpers/postgres';
import { startServer, stopServers } from '../helpers/server';

/**
 * PostgreSQL goes away under load and comes back: meanwhile both server processes answer 503
 * with Retry-After (never 500, never a hang), then serve again by themselves, and every
 * change they acknowledged is in the database.
 */
let dir: string;
let cluster: PostgresCluster;
let url: string;
let key: string;
let servers: Awaited<ReturnType<typeof startServer>>[];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sop-pg-restart-'));
  cluster = await startPostgres();
  url = await cluster.createDatabase('restart');
  const database = await openPostgres(url);
  key = (await createContainer({ database, clock: systemClock }).access.create(systemActor, { role: 'organiser', label: 'load' })).key;
  await database.close();
  servers = await Promise.all([0, 1].map(() => startServer(path.join(dir, 'unused.db'), { env: { DATABASE_URL: url } })));
}, 60_000);

afterAll(async () => {
  await stopServers(servers ?? []);
  await cluster?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('answers 503 while the database is down, recovers by itself, and loses nothing it acknowledged', async () => {
  const outcomes: { code: string; status: number; retryAfter: string | null }[] = [];
  let running = true;
  let n = 0;
  // Two clients per process create units one after another for the whole test.
  const client = async (server: (typeof servers)[number]) => {
    while (running) {
      const code = `L${++n}`;
      try {
        const res = await fetch(`${server.url}/units`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: JSON.stringify({ code, name: `Unit ${code}`, kind: 'kantor' }),
          signal: AbortSignal.timeout(15_000),
        });
        await res.arrayBuffer();
        outcomes.push({ code, status: res.status, retryAfter: res.headers.get('retry-after') });
      } catch {
        outcomes.push({ code, status: 0, retryAfter: null });
      }
    }
  };
  const load = Promise.all([...servers, ...servers].map(client));
  const ready = async () => Promise.all(servers.map(async (s) => (await fetch(`${s.url}/health/ready`)).status));

  await new Promise((resolve) => setTimeout(resolve, 1_000));
  await cluster.stopServer();
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const readyWhileDown = await ready();
  const beforeRestart = outcomes.length;
  await cluster.startServer();
  // Back by itself: wait until both processes create units again.
  const backBy = Date.now() + 20_000;
  while (Date.now() < backBy && outcomes.slice(beforeRestart).filter((o) => o.status === 201).length < 20) await new Promise((resolve) => setTimeout(resolve, 100));
  running = false;
  await load;

  const statuses = new Set(outcomes.map((o) => o.status));
  expect([...statuses].sort()).toEqual([201, 503]);
  expect(outcomes.filter((o) => o.status === 503).every((o) => o.retryAfter === '5')).toBe(true);
  expect(readyWhileDown).toEqual([503, 503]);
  expect(await ready()).toEqual([200, 200]);
  const acknowledged = outcomes.filter((o) => o.status === 201).map((o) => o.code);
  const stored = new pg.Client({ connectionString: url });
  await stored.connect();
  try {
    const { rows } = await stored.query<{ code: string }>('SELECT code FROM units');
    const codes = new Set(rows.map((r) => r.code));
    expect(acknowledged.filter((code) => !codes.has(code))).toEqual([]);
  } finally {
    await stored.end();
  }
}, 90_000);
