import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase } from '../../src/platform/database';
import { systemClock } from '../../src/platform/time';
import { systemActor } from '../../src/platform/actor';
import { createContainer } from '../../src/container';
import { startServer } from '../helpers/server';

it('on SIGTERM finishes the requests in flight, closes the database cleanly and exits 0', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sop-shutdown-'));
  const file = path.join(dir, 'sop.db');
  const setup = openDatabase(file);
  const key = (await createContainer({ database: setup, clock: systemClock }).access.create(systemActor, { role: 'organiser', label: 'x' })).key;
  setup.close();
  try {
    const server = await startServer(file);
    const post = (i: number) =>
      fetch(`${server.url}/units`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ code: `U${i}`, name: `Unit ${i}`, kind: 'dinas' }),
      }).then(
        async (res) => ({ status: res.status, body: (await res.json()) as { id: number } }),
        () => ({ status: 0, body: { id: 0 } }), // refused: sent after the server stopped listening
      );
    const first = post(0);
    const rest = Array.from({ length: 60 }, (_, i) => post(i + 1));
    await first;
    server.child.kill('SIGTERM');
    const results = [await first, ...(await Promise.all(rest))];
    expect(await server.exited).toBe(0);

    // In flight: finished (201). Arrived once shutdown had begun: 503, or refused outright.
    const answered = results.filter((r) => r.status === 201);
    expect(results.every((r) => [0, 201, 503].includes(r.status))).toBe(true);
    expect(answered.length).toBeGreaterThan(1);
    // Closed cleanly: the WAL was checkpointed into the database file and removed.
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    const db = new Database(file, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const ids = new Set((db.prepare('SELECT id FROM units').all() as { id: number }[]).map((u) => u.id));
    db.close();
    for (const r of answered) expect(ids.has(r.body.id)).toBe(true);
    expect(ids.size).toBe(answered.length);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
