import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase } from '../../src/platform/database';
import { MIGRATIONS_FOLDER } from '../../src/platform/migrations';
import { freePort, startServerProcess } from '../../scripts/server-process';
import { parseFeed } from '../helpers/ics';
import { runScript } from '../helpers/scripts';

/** What scripts/make-upgrade-fixture.ts wrote beside the database it made. */
interface Manifest {
  madeBy: { version: string; commit: string };
  secrets: {
    organiser: { email: string; password: string; sessionToken: string };
    organiserKey: string;
    unitKey: { key: string; unitId: number; periodId: number; bookingId: number };
  };
  feeds: Record<string, { uid: string; sequence: number }[]>;
  document: { url: string; sha256: string };
  samples: Record<string, Record<string, unknown>>;
  rowCounts: Record<string, number>;
}

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'upgrade');
const root = path.join(__dirname, '..', '..');
const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string; when: number }[] };
const NEWER_DATABASE = /This database was written by a newer release of sop-scheduler \(migration \S+ is not known to this one\): start the newer release, or restore a backup made by this one\./;

// Every earlier release's fixture: committing a new one adds its test.
describe.each(fs.readdirSync(FIXTURES).filter((name) => fs.existsSync(path.join(FIXTURES, name, 'manifest.json'))))('upgrading a database of release %s', (release) => {
  const manifest = JSON.parse(fs.readFileSync(path.join(FIXTURES, release, 'manifest.json'), 'utf8')) as Manifest;
  const { organiser, organiserKey, unitKey } = manifest.secrets;
  let dir: string;
  let databasePath: string;
  let server: Awaited<ReturnType<typeof startServerProcess>> | undefined;
  const api = (url: string, key = organiserKey) => fetch(`${server!.url}${url}`, { headers: { authorization: `Bearer ${key}` } });

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sop-upgrade-'));
    fs.cpSync(path.join(FIXTURES, release), dir, { recursive: true });
    databasePath = path.join(dir, 'sop.db');
    // The session was live when the fixture was made; only its age is moved to now (the
    // session's limits are not what this test is about, its token surviving the upgrade is).
    const sqlite = new Database(databasePath);
    const now = new Date();
    sqlite.prepare('UPDATE sessions SET last_seen_at = ?, expires_at = ?').run(now.toISOString(), new Date(now.getTime() + 3600_000).toISOString());
    sqlite.close();
    server = await startServerProcess(databasePath, { env: { DOCUMENTS_PATH: path.join(dir, 'documents'), PUBLIC_BASE_URL: 'http://localhost' } });
  }, 60_000);

  afterAll(async () => {
    if (server && server.child.exitCode === null) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('migrates to this release and loses no row', () => {
    const sqlite = new Database(databasePath, { readonly: true });
    try {
      expect(sqlite.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get()).toBe(journal.entries.length);
      expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(sqlite.pragma('foreign_key_check')).toEqual([]);
      // Tables added since may exist; every table of the fixture keeps its rows.
      const counts: Record<string, number> = {};
      for (const table of Object.keys(manifest.rowCounts).filter((name) => !name.startsWith('__')))
        counts[table] = sqlite.prepare(`SELECT count(*) FROM "${table}"`).pluck().get() as number;
      expect(counts).toEqual(Object.fromEntries(Object.entries(manifest.rowCounts).filter(([name]) => !name.startsWith('__'))));
    } finally {
      sqlite.close();
    }
  });

  it('keeps the organiser signed in, and the password still signs in', async () => {
    const signedIn = await fetch(`${server!.url}/organisasi`, { headers: { cookie: `sid=${organiser.sessionToken}` }, redirect: 'manual' });
    expect(signedIn.status).toBe(200);
    expect(await signedIn.text()).toContain('Rina Kartika');

    // The sign-in form, as a browser sends it: its token comes with the visitor cookie.
    const form = await fetch(`${server!.url}/masuk`);
    const visitor = form.headers.getSetCookie().map((line) => line.split(';')[0]).join('; ');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!;
    const signIn = await fetch(`${server!.url}/masuk`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: visitor, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, email: organiser.email, password: organiser.password }).toString(),
    });
    expect(signIn.status).toBe(303);
    expect(signIn.headers.getSetCookie().some((line) => /^sid=[^;]+/.test(line))).toBe(true);
  });

  it('accepts both API keys', async () => {
    const units = await api('/units');
    expect(units.status).toBe(200);
    expect(((await units.json()) as unknown[]).length).toBe(manifest.rowCounts.units);
    const own = await api(`/asistensi-periods/${unitKey.periodId}/bookings`, unitKey.key);
    expect(own.status).toBe(200);
    const bookings = (await own.json()) as { id: number; unitId: number }[];
    expect(bookings.map((b) => b.id)).toContain(unitKey.bookingId);
    expect(bookings.every((b) => b.unitId === unitKey.unitId)).toBe(true);
  });

  it('serves every feed at its address with the same UIDs and SEQUENCEs', async () => {
    for (const [feed, events] of Object.entries(manifest.feeds)) {
      const res = await fetch(`${server!.url}${feed}`);
      expect({ feed, status: res.status }).toEqual({ feed, status: 200 });
      const now = [...parseFeed(await res.text()).values()].map((event) => [event.uid, event.sequence] as const);
      expect(new Map(now)).toEqual(new Map(events.map((event) => [event.uid, event.sequence])));
    }
  });

  it('answers the sample records as before', async () => {
    for (const [url, record] of Object.entries(manifest.samples)) {
      const res = await api(url);
      expect(res.status).toBe(200);
      // Fields added since may appear; every field the earlier release answered is the same.
      expect(await res.json()).toMatchObject(record);
    }
    const own = await api(`/bookings/${unitKey.bookingId}`, unitKey.key);
    expect(await own.json()).toMatchObject(manifest.samples[`/bookings/${unitKey.bookingId}`]!);
  });

  it('downloads the draft document with the same bytes', async () => {
    const res = await api(manifest.document.url);
    expect(res.status).toBe(200);
    expect(createHash('sha256').update(Buffer.from(await res.arrayBuffer())).digest('hex')).toBe(manifest.document.sha256);
  });

  // Last: it restarts the server as the home government of a deployment hosting another.
  it.each(['host', 'path'])('keeps every feed address, UID, SEQUENCE and key as the home government of a deployment routed by %s', async (routing) => {
    server!.child.kill('SIGTERM');
    await server!.exited;
    const env = { DATABASE_PATH: databasePath, DOCUMENTS_PATH: path.join(dir, 'documents'), PUBLIC_BASE_URL: 'http://localhost' };
    if (routing === 'host') {
      // The home government is reached at the address the test fetches.
      expect((await runScript('create-tenant', ['--home', '--slug', 'banjarmasin', '--name', 'Kota Banjarmasin', '--kind', 'kota', '--host', '127.0.0.1'], env)).code).toBe(0);
      expect((await runScript('create-tenant', ['--slug', 'banjarbaru', '--name', 'Kota Banjarbaru', '--kind', 'kota', '--host', 'banjarbaru.example.go.id'], env)).code).toBe(0);
    }
    server = await startServerProcess(databasePath, { env: { ...env, TENANT_ROUTING: routing } });
    for (const [feed, events] of Object.entries(manifest.feeds)) {
      const res = await fetch(`${server.url}${feed}`);
      expect({ feed, status: res.status }).toEqual({ feed, status: 200 });
      const now = [...parseFeed(await res.text()).values()].map((event) => [event.uid, event.sequence] as const);
      expect(new Map(now)).toEqual(new Map(events.map((event) => [event.uid, event.sequence])));
    }
    expect((await api('/units')).status).toBe(200);
    expect((await api(`/asistensi-periods/${unitKey.periodId}/bookings`, unitKey.key)).status).toBe(200);
    // The other government knows none of it.
    const elsewhere = routing === 'path' ? await fetch(`${server.url}/g/banjarbaru/units`, { headers: { authorization: `Bearer ${organiserKey}` } }) : undefined;
    if (elsewhere) expect(elsewhere.status).toBe(401);
  }, 60_000);
});

it('refuses to start on a database written by a newer release, in words', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sop-newer-'));
  const databasePath = path.join(dir, 'sop.db');
  const child = { current: undefined as ReturnType<typeof spawn> | undefined };
  try {
    openDatabase(databasePath).close();
    const sqlite = new Database(databasePath);
    const newest = Math.max(...journal.entries.map((entry) => entry.when));
    sqlite.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run('a-migration-of-a-newer-release', newest + 86_400_000);
    sqlite.close();
    const before = fs.readFileSync(databasePath);

    const server = (child.current = spawn(process.execPath, [path.join(root, 'dist', 'src', 'server.js')], {
      cwd: root,
      env: { ...process.env, DATABASE_PATH: databasePath, PORT: String(await freePort()), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    }));
    let output = '';
    server.stdout!.on('data', (d) => (output += d));
    server.stderr!.on('data', (d) => (output += d));
    const code = await new Promise<number | null>((resolve) => server.once('exit', resolve));
    expect(code).toBe(78); // EX_CONFIG: the systemd unit does not restart it
    expect(code).not.toBeNull();
    expect(output).toMatch(NEWER_DATABASE);
    // Left as found: nothing migrated, nothing rewritten.
    expect(fs.readFileSync(databasePath).equals(before)).toBe(true);
  } finally {
    if (child.current && child.current.exitCode === null && child.current.signalCode === null) child.current.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 30_000);
