import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../src/platform/database';
import { systemClock } from '../../src/platform/time';
import { createContainer } from '../../src/container';
import { runScript } from '../helpers/scripts';

/** Runs create-key (or another script) on a database file: the first call as `npm run` does, to prove stdout holds the key alone. */
let first = true;
function npmRun(script: string, args: string[], databasePath: string) {
  const viaNpm = first;
  first = false;
  return runScript(script, args, { DATABASE_PATH: databasePath }, { viaNpm });
}

let dir: string;
beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sop-keys-'))));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it('prints an organiser key alone on stdout, on a fresh database, and it works', async () => {
  const file = path.join(dir, 'fresh', 'sop.db');
  const res = await npmRun('create-key', ['--role', 'organiser', '--label', 'Bagian Organisasi'], file);
  expect(res.code).toBe(0);
  expect(res.stdout).toMatch(/^sop_[A-Za-z0-9_-]{43}\n$/);
  const database = openDatabase(file);
  try {
    const services = createContainer({ database, clock: systemClock });
    expect(await services.access.authenticate(res.stdout.trim())).toMatchObject({ role: 'organiser', unitId: null });
    expect((await services.access.list())[0]).toMatchObject({ label: 'Bagian Organisasi' });
  } finally {
    database.close();
  }
}, 60_000);

it('creates a unit key by unit code, and fails clearly on a bad call', async () => {
  const file = path.join(dir, 'units.db');
  const database = openDatabase(file);
  await createContainer({ database, clock: systemClock }).units.create({ keyId: null, role: 'system', unitId: null }, { code: 'DISHUB', name: 'Dinas Perhubungan', kind: 'dinas' });
  database.close();

  const ok = await npmRun('create-key', ['--role', 'unit', '--unit', 'dishub'], file);
  expect(ok.code).toBe(0);
  expect(ok.stdout).toMatch(/^sop_\S+\n$/);

  const unknown = await npmRun('create-key', ['--role', 'unit', '--unit', 'NOPE'], file);
  expect(unknown.code).not.toBe(0);
  expect(unknown.stdout).not.toMatch(/sop_/);
  expect(unknown.stderr).toContain('no unit with code NOPE');
  const badRole = await npmRun('create-key', ['--role', 'admin'], file);
  expect(badRole.code).not.toBe(0);
  expect(badRole.stderr).toContain('--role must be organiser or unit');
}, 60_000);
