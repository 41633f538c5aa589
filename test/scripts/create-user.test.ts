import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { openDatabase } from '../../src/platform/database';
import { setPasswordAndSignIn } from '../helpers/pages';
import { runScript } from '../helpers/scripts';

let first = true;
/** Runs create-user on a database file: the first call as `npm run` does, to prove stdout holds the link alone. */
function createUser(args: string[], databasePath: string) {
  const viaNpm = first;
  first = false;
  return runScript('create-user', args, { DATABASE_PATH: databasePath, PUBLIC_BASE_URL: 'https://sop.example.go.id' }, { viaNpm });
}

let dir: string;
beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sop-users-'))));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it('creates the first organiser and prints a link that lets them set a password and sign in', async () => {
  const file = path.join(dir, 'fresh', 'sop.db');
  const res = await createUser(['--role', 'organiser', '--email', 'ani@example.go.id', '--name', 'Ani Wijaya'], file);
  expect(res.code).toBe(0);
  expect(res.stdout).toMatch(/^https:\/\/sop\.example\.go\.id\/sandi\/[A-Za-z0-9_-]{43}\n$/);
  expect(res.stderr).toContain('created organiser account #1 for Ani Wijaya');

  const database = openDatabase(file);
  const app = await buildApp({ config: loadConfig({ PUBLIC_BASE_URL: 'https://sop.example.go.id' }), database, logger: false });
  try {
    const { set, signedIn } = await setPasswordAndSignIn(app, res.stdout.trim(), 'ani@example.go.id');
    expect(set.status).toBe(303);
    expect(signedIn).toMatchObject({ status: 303, location: '/organisasi' });
  } finally {
    await app.close();
    database.close();
  }

  const again = await createUser(['--role', 'organiser', '--email', 'ANI@example.go.id', '--name', 'Ani'], file);
  expect(again.code).not.toBe(0);
  expect(again.stderr).toContain('already has an account; add --new-link');
  const newLink = await createUser(['--email', 'ani@example.go.id', '--new-link'], file);
  expect(newLink.code).toBe(0);
  expect(newLink.stdout).toMatch(/^https:\/\/sop\.example\.go\.id\/sandi\/\S+\n$/);
}, 90_000);

it('fails clearly on a bad call, printing no link', async () => {
  const file = path.join(dir, 'bad.db');
  for (const [args, message] of [
    [['--role', 'unit', '--email', 'op@example.go.id', '--name', 'Op', '--unit', 'NOPE'], 'no unit with code NOPE'],
    [['--role', 'admin', '--email', 'x@example.go.id', '--name', 'X'], '--role must be organiser or unit'],
    [['--role', 'organiser', '--name', 'X'], '--email is required'],
    [['--role', 'organiser', '--email', 'not-an-email', '--name', 'X'], 'email'],
    [['--email', 'nobody@example.go.id', '--new-link'], 'no account with email'],
  ] as const) {
    const res = await createUser([...args], file);
    expect({ args, code: res.code === 0 ? 0 : 1 }).toEqual({ args, code: 1 });
    expect(res.stdout).not.toMatch(/sandi\//);
    expect(res.stderr).toContain(message);
  }
}, 90_000);
