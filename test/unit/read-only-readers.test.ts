import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../../src/platform/database';
import { openReaders, readOnlyReaders, READERS_KEPT } from '../../src/platform/read-only-database';

/*
 * A worker thread's read-only connections: one per database it reads, the least recently read
 * closed past READERS_KEPT (an overview of hundreds of governments reads each one's database).
 */
let dir: string;
beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sop-readers-'))));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it('keeps a connection to the databases read most recently only, and reads any of them again', async () => {
  const files = Array.from({ length: READERS_KEPT + 8 }, (_, i) => path.join(dir, `tenant-${i}.db`));
  for (const [i, file] of files.entries()) {
    const database = openDatabase(file);
    database.sqlite.prepare(`INSERT INTO units (code, name, kind, created_at, updated_at) VALUES (?, 'Dinas', 'dinas', '2013-01-01T00:00:00.000Z', '2013-01-01T00:00:00.000Z')`).run(`U${i}`);
    database.close();
  }
  const read = readOnlyReaders((db) => ({ code: () => (db.get(sql`SELECT code FROM units`) as { code: string }).code }));
  const codes = [];
  for (const file of files) codes.push(await read({ engine: 'sqlite', path: file }, (reader) => reader.code()));
  expect(codes).toEqual(files.map((_, i) => `U${i}`));
  expect(openReaders()).toBe(READERS_KEPT);
  // The first was closed: it opens again.
  expect(await read({ engine: 'sqlite', path: files[0]! }, (reader) => reader.code())).toBe('U0');
  expect(openReaders()).toBe(READERS_KEPT);
});
