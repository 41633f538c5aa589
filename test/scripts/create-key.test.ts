import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { openDatabase } from '../../src/platform/database';
import { systemClock } from '../../src/platform/time';
import { createContainer } from '../../src/container';

const exec = promisify(execFile);
const root = path.join(__dirname, '..', '..');

/** Runs `npm run <script> -- args` on a database file; never throws, returns what it printed. */
async function npmRun(script: string, args: string[], databasePath: string) {
  try {
    const { stdout, stderr } = await exec('npm', ['run', script, '--', ...args], { cwd: root, env: { ...process.env, DATABASE_PATH: databasePath } });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
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
    expect(services.access.authenticate(res.stdout.trim())).toMatchObject({ role: 'organiser', unitId: null });
    expect(services.access.list()[0]).toMatchObject({ label: 'Bagian Organisasi' });
  } finally {
    database.close();
  }
}, 60_000);

it('creates a unit key by unit code, and fails clearly on a bad call', async () => {
  const file = path.join(dir, 'units.db');
  const database = openDatabase(file);
  createContainer({ database, clock: systemClock }).units.create({ keyId: null, role: 'system', unitId: null }, { code: 'DISHUB', name: 'Dinas Perhubungan', kind: 'dinas' });
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
