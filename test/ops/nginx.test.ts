import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { createContainer } from '../../src/container';
import { systemActor } from '../../src/platform/actor';
import { openDatabase } from '../../src/platform/database';
import { MAX_DOCUMENT_BYTES } from '../../src/platform/documents';
import { systemClock } from '../../src/platform/time';
import { freePort, startServerProcess } from '../../scripts/server-process';

/**
 * Debian's nginx with the shipped site (scripts/deploy/nginx.conf) in front of the real server:
 * the site's own locations and proxy settings, only made plain HTTP on loopback ports (see
 * testSite). Pages, forms with their token, uploads, feeds with ETag/304, and per-address
 * limits that count the client nginx saw, not nginx and not a forged X-Forwarded-For.
 */
jest.setTimeout(60_000);

const root = path.join(__dirname, '..', '..');
const SITE = path.join(root, 'scripts', 'deploy', 'nginx.conf');
const CADDYFILE = path.join(root, 'scripts', 'deploy', 'Caddyfile');
const PASSWORD = 'kopi-pagi-di-martapura';
const EMAIL = 'rina@example.go.id';
/** The API key failures one address may send (AUTH_FAILURES_PER_MINUTE) in this test. */
const KEY_FAILURES = 5;

function requireTool(command: string, install: string) {
  if (spawnSync(command, ['-v']).error) throw new Error(`${command} is not installed: ${install}`);
}

/**
 * The shipped site as the test runs it, by clear substitutions that must each apply: the
 * HTTPS server listens in plain HTTP on a loopback port (no certificate lines), the port 80
 * server on another, the upstream is the test's server, the ACME folder a temporary one.
 */
function testSite(site: string, { httpsPort, httpPort, upstreamPort, acmeRoot }: { httpsPort: number; httpPort: number; upstreamPort: number; acmeRoot: string }) {
  const substitutions: [RegExp, string][] = [
    [/^(\s*)server 127\.0\.0\.1:3000;/m, `$1server 127.0.0.1:${upstreamPort};`],
    [/^(\s*)listen 80;/m, `$1listen 127.0.0.1:${httpPort};`],
    [/^(\s*)listen 443 ssl http2;/m, `$1listen 127.0.0.1:${httpsPort};`],
    [/^\s*listen \[::\]:.*\n/gm, ''],
    [/^\s*ssl_.*\n/gm, ''],
    [/\/var\/www\/letsencrypt/g, acmeRoot],
  ];
  return substitutions.reduce((text, [pattern, replacement]) => {
    if (!pattern.test(text)) throw new Error(`the site no longer has ${pattern}: update the test's substitutions`);
    return text.replace(pattern, replacement);
  }, site);
}

/** An nginx of its own: everything it writes (pid, logs, temporary bodies) in `dir`. */
function mainConfig(dir: string, site: string) {
  return [
    // As root the master would hand the workers to "nobody", who cannot write in `dir`.
    process.getuid?.() === 0 ? 'user root;' : '',
    'worker_processes 1;',
    `pid ${dir}/nginx.pid;`,
    `error_log ${dir}/error.log info;`,
    'events { worker_connections 256; }',
    'http {',
    '  include /etc/nginx/mime.types;',
    `  access_log ${dir}/access.log;`,
    ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((kind) => `  ${kind}_temp_path ${dir}/${kind};`),
    `  include ${site};`,
    '}',
  ].join('\n');
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One HTTP request from a chosen loopback address (the whole of 127/8 is this machine). */
function send(url: string, { method = 'GET', headers = {}, body, from = '127.0.0.1' }: { method?: string; headers?: Record<string, string>; body?: Buffer; from?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const request = http.request(url, { method, headers: { ...headers, ...(body ? { 'content-length': String(body.length) } : {}) }, localAddress: from, agent: false }, (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    // A proxy that refuses a large body answers before reading all of it: the answer counts.
    request.on('error', (error) => (answered ? undefined : reject(error)));
    request.end(body);
  });
}

/** A browser through the proxy: keeps its cookies and the last page's form token. */
function browser(base: string, origin: string) {
  const jar = new Map<string, string>();
  let csrf = '';
  async function go(method: string, url: string, body?: { type: string; bytes: Buffer }) {
    const res = await send(`${base}${url}`, {
      method,
      headers: {
        accept: 'text/html',
        ...(jar.size ? { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } : {}),
        // A browser's form post says where it comes from: the public address (PUBLIC_BASE_URL).
        ...(body ? { 'content-type': body.type, origin } : {}),
      },
      body: body?.bytes,
    });
    for (const line of [res.headers['set-cookie'] ?? []].flat()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
    csrf = /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1] ?? csrf;
    return res;
  }
  return {
    get: (url: string) => go('GET', url),
    post: (url: string, fields: Record<string, string>) =>
      go('POST', url, { type: 'application/x-www-form-urlencoded', bytes: Buffer.from(new URLSearchParams({ _csrf: csrf, ...fields }).toString()) }),
    /** A multipart form as a browser sends it: the token first, then the fields, then the file. */
    upload: (url: string, fields: Record<string, string>, file: { field: string; name: string; type: string; bytes: Buffer }) => {
      const boundary = `----nginx-test-${Date.now()}`;
      const parts = Object.entries({ _csrf: csrf, ...fields }).map(([name, value]) => Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
      const bytes = Buffer.concat([
        ...parts,
        Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${file.field}"; filename="${file.name}"\r\ncontent-type: ${file.type}\r\n\r\n`),
        file.bytes,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return go('POST', url, { type: `multipart/form-data; boundary=${boundary}`, bytes });
    },
  };
}

/** A PDF of about `size` bytes, different for each `n`. */
const pdf = (n: number, size: number) => Buffer.concat([Buffer.from(`%PDF-1.4\n% draf ${n}\n`), Buffer.alloc(size, 'x'), Buffer.from('\n%%EOF\n')]);

/** The visible text of a page, roughly: enough to find a sentence in it. */
const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('the nginx site in front of the real server', () => {
  let dir: string;
  let nginx: ChildProcess | undefined;
  let server: Awaited<ReturnType<typeof startServerProcess>> | undefined;
  let base: string;
  let redirectBase: string;
  let world: { key: string; linkPath: string; programmeId: number; unitId: number };

  beforeAll(async () => {
    requireTool('nginx', 'apt-get install -y nginx-light');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sop-nginx-'));
    const file = path.join(dir, 'sop.db');
    const database = openDatabase(file);
    const services = createContainer({ database, clock: systemClock });
    const programme = await services.programmes.create(systemActor, { name: 'Penyusunan SOP Kota Banjarmasin', timezone: 'Asia/Makassar' });
    const day = DateTime.now().plus({ weeks: 5 }).startOf('week').toISODate()!;
    await services.batches.create(systemActor, programme.id, { name: 'Angkatan I', capacity: 50, unitQuota: 3, days: [{ date: day, start: '08:00', end: '16:00' }] });
    const unit = await services.units.create(systemActor, { code: 'DISHUB', name: 'Dinas Perhubungan', kind: 'dinas' });
    const organiser = await services.users.invite(systemActor, { role: 'organiser', email: EMAIL, name: 'Rina Kartika' });
    const key = (await services.access.create(systemActor, { role: 'organiser', label: 'nginx test' })).key;
    database.close();
    world = { key, linkPath: new URL(organiser.setPasswordUrl).pathname, programmeId: programme.id, unitId: unit.id };

    const [httpsPort, httpPort, upstreamPort] = [await freePort(), await freePort(), await freePort()];
    base = `http://127.0.0.1:${httpsPort}`;
    redirectBase = `http://127.0.0.1:${httpPort}`;
    server = await startServerProcess(file, {
      port: upstreamPort,
      env: { TRUST_PROXY: '127.0.0.1', AUTH_FAILURES_PER_MINUTE: String(KEY_FAILURES), PUBLIC_BASE_URL: base, DOCUMENTS_PATH: path.join(dir, 'documents') },
    });

    const acmeRoot = path.join(dir, 'acme');
    fs.mkdirSync(path.join(acmeRoot, '.well-known', 'acme-challenge'), { recursive: true });
    fs.writeFileSync(path.join(acmeRoot, '.well-known', 'acme-challenge', 'token-1'), 'proof-1');
    for (const kind of ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) fs.mkdirSync(path.join(dir, kind));
    fs.writeFileSync(path.join(dir, 'site.conf'), testSite(fs.readFileSync(SITE, 'utf8'), { httpsPort, httpPort, upstreamPort, acmeRoot }));
    fs.writeFileSync(path.join(dir, 'nginx.conf'), mainConfig(dir, path.join(dir, 'site.conf')));
    let output = '';
    nginx = spawn('nginx', ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: ['ignore', 'pipe', 'pipe'] });
    nginx.stdout!.on('data', (d) => (output += d));
    nginx.stderr!.on('data', (d) => (output += d));
    for (let i = 0; ; i++) {
      try {
        await send(`${base}/health`);
        break;
      } catch {
        const log = fs.existsSync(path.join(dir, 'error.log')) ? fs.readFileSync(path.join(dir, 'error.log'), 'utf8') : '';
        if (i > 250 || nginx.exitCode !== null) throw new Error(`nginx did not start:\n${output}\n${log}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    }
  });

  afterAll(async () => {
    for (const child of [nginx, server?.child]) {
      if (!child || child.exitCode !== null || child.signalCode !== null) continue;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('redirects plain HTTP to HTTPS and serves the ACME challenge from its folder', async () => {
    const redirected = await send(`${redirectBase}/masuk?lanjut=%2Forganisasi`);
    expect(redirected.status).toBe(301);
    expect(redirected.headers.location).toBe('https://127.0.0.1/masuk?lanjut=%2Forganisasi');
    const challenge = await send(`${redirectBase}/.well-known/acme-challenge/token-1`);
    expect(challenge).toMatchObject({ status: 200, body: 'proof-1' });
  });

  it('serves pages and form posts with their token: set a password, sign in, a forged post refused', async () => {
    const rina = browser(base, base);
    const signInPage = await rina.get('/masuk');
    expect(signInPage.status).toBe(200);
    expect(signInPage.headers['content-type']).toMatch(/^text\/html/);

    expect((await rina.get(world.linkPath)).status).toBe(200);
    expect((await rina.post(world.linkPath, { password: PASSWORD, confirm: PASSWORD })).status).toBe(303);
    await rina.get('/masuk');
    const signedIn = await rina.post('/masuk', { email: EMAIL, password: PASSWORD });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.location).toBe('/organisasi');
    const desk = await rina.get('/organisasi');
    expect(desk.status).toBe(200);
    expect(desk.body).toContain('Rina Kartika');

    // The same form without its token, through the same proxy: refused.
    const forged = await send(`${base}/masuk`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base }, body: Buffer.from(`email=${EMAIL}&password=${PASSWORD}`) });
    expect(forged.status).toBe(403);
  });

  it('takes an upload of a few hundred KB, lets the server refuse a file just over 20 MB in words, and stops a larger body itself', async () => {
    const rina = browser(base, base);
    await rina.get('/masuk');
    expect((await rina.post('/masuk', { email: EMAIL, password: PASSWORD })).status).toBe(303);
    const form = `/organisasi/program/${world.programmeId}/draf/catat`;
    const fields = { unitId: String(world.unitId), title: 'Draf SOP Lalu Lintas', sopCount: '12', receivedAt: DateTime.now().setZone('Asia/Makassar').toISODate()! };
    const document = (bytes: Buffer) => ({ field: 'document', name: 'draf.pdf', type: 'application/pdf', bytes });

    expect((await rina.get(form)).status).toBe(200);
    const kept = await rina.upload(form, fields, document(pdf(1, 300 * 1024)));
    expect(kept.status).toBe(303);
    expect(kept.headers.location).toMatch(new RegExp(`^/organisasi/program/${world.programmeId}/draf`));
    const inbox = await rina.get(`/organisasi/program/${world.programmeId}/draf`);
    expect(textOf(inbox.body)).toContain('Draf SOP Lalu Lintas');

    // Past the server's limit but within nginx's: the server's own page, the reason by the field.
    await rina.get(form);
    const justOver = await rina.upload(form, fields, document(pdf(2, MAX_DOCUMENT_BYTES + 512 * 1024)));
    expect(justOver.status).toBe(413);
    expect(textOf(justOver.body)).toContain('Berkas lebih besar dari 20 MB.');

    // Far past it: nginx refuses before the server sees a byte, in words too.
    const far = await rina.upload(form, fields, document(pdf(3, 25 * 1024 * 1024)));
    expect(far.status).toBe(413);
    expect(far.body).toContain('Berkas terlalu besar: paling besar 20 MB.');
    expect(fs.readdirSync(path.join(dir, 'documents')).filter((name) => name.endsWith('.pdf'))).toHaveLength(1);
  });

  it('passes a feed’s ETag, Last-Modified and Cache-Control through and answers 304 to pollers, compressed or not', async () => {
    const feed = `/calendars/programmes/${world.programmeId}.ics`;
    const direct = await send(`${server!.url}${feed}`);
    const proxied = await send(`${base}${feed}`);
    expect(proxied.status).toBe(200);
    expect(proxied.body).toBe(direct.body);
    expect(proxied.body).toContain('Angkatan I');
    for (const header of ['etag', 'last-modified', 'cache-control', 'content-type']) {
      expect(proxied.headers[header]).toBeDefined();
      expect(proxied.headers[header]).toBe(direct.headers[header]);
    }
    const again = await send(`${base}${feed}`, { headers: { 'if-none-match': proxied.headers.etag! } });
    expect(again).toMatchObject({ status: 304, body: '' });
    expect(again.headers.etag).toBe(direct.headers.etag);

    // Compressed by nginx, its ETag weakened: the poller sends that back and still gets 304.
    const gzipped = await send(`${base}${feed}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.headers.etag).toBe(`W/${direct.headers.etag}`);
    const gzippedAgain = await send(`${base}${feed}`, { headers: { 'accept-encoding': 'gzip', 'if-none-match': gzipped.headers.etag! } });
    expect(gzippedAgain.status).toBe(304);
  });

  it('counts per-address limits on the client nginx saw, never on nginx nor on a forged X-Forwarded-For', async () => {
    const units = (from: string, key: string, forged: string) =>
      send(`${base}/units`, { from, headers: { authorization: `Bearer ${key}`, 'x-forwarded-for': forged, accept: 'application/json' } });
    const wrongKey = 'sk_wrong_key_from_a_guesser';
    // Set, not appended: a client's own header never reaches the server, whatever TRUST_PROXY says.
    expect(fs.readFileSync(SITE, 'utf8')).toMatch(/^\s*proxy_set_header X-Forwarded-For \$remote_addr;/m);

    // 127.0.0.2 guesses keys, claiming to be 203.0.113.9, until it is refused.
    const statuses: number[] = [];
    for (let i = 0; i <= KEY_FAILURES; i++) statuses.push((await units('127.0.0.2', wrongKey, '203.0.113.9')).status);
    expect(statuses).toEqual([...Array<number>(KEY_FAILURES).fill(401), 429]);
    // Another forged address does not get it a fresh budget: it is 127.0.0.2 that is counted.
    expect((await units('127.0.0.2', wrongKey, '198.51.100.7')).status).toBe(429);

    // 127.0.0.3, through the same nginx and sending the same forged header, is a client of its own.
    expect((await units('127.0.0.3', wrongKey, '203.0.113.9')).status).toBe(401);
    expect((await units('127.0.0.3', world.key, '203.0.113.9')).status).toBe(200);
  });
});

describe('the Caddyfile', () => {
  it('is a valid Caddy configuration that proxies as the nginx site does', () => {
    requireTool('caddy', 'apt-get install -y caddy');
    const caddyfile = fs.readFileSync(CADDYFILE, 'utf8');
    expect(caddyfile).toMatch(/reverse_proxy 127\.0\.0\.1:3000/);
    expect(caddyfile).toMatch(/header_up X-Forwarded-For \{remote_host\}/);
    expect(caddyfile).toMatch(/max_size 21MiB/);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sop-caddy-'));
    try {
      // validate loads every module (TLS included) without binding ports or asking for certificates.
      const env = { ...process.env, HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir };
      const result = spawnSync('caddy', ['validate', '--config', CADDYFILE, '--adapter', 'caddyfile'], { env, encoding: 'utf8' });
      expect({ status: result.status, output: result.stderr }).toMatchObject({ status: 0 });
      // The check can fail: a misspelt directive is refused.
      const broken = path.join(dir, 'Caddyfile');
      fs.writeFileSync(broken, caddyfile.replace('reverse_proxy', 'reverse_proxi'));
      expect(spawnSync('caddy', ['validate', '--config', broken, '--adapter', 'caddyfile'], { env, encoding: 'utf8' }).status).not.toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

// Keep the shipped site loadable by nginx as it is (TLS, HTTP/2, IPv6 lines included), with a
// throwaway certificate where certbot's would be.
describe('the shipped nginx site, unchanged but for its certificate', () => {
  it('passes nginx -t', () => {
    requireTool('nginx', 'apt-get install -y nginx-light');
    requireTool('openssl', 'apt-get install -y openssl');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sop-nginx-t-'));
    try {
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=sop.example.go.id', '-keyout', `${dir}/privkey.pem`, '-out', `${dir}/fullchain.pem`], { stdio: 'ignore' });
      const site = fs.readFileSync(SITE, 'utf8');
      expect(site).toContain('/etc/letsencrypt/live/sop.example.go.id/');
      fs.writeFileSync(path.join(dir, 'site.conf'), site.replaceAll('/etc/letsencrypt/live/sop.example.go.id', dir));
      fs.writeFileSync(path.join(dir, 'nginx.conf'), mainConfig(dir, path.join(dir, 'site.conf')));
      const result = spawnSync('nginx', ['-t', '-p', dir, '-c', path.join(dir, 'nginx.conf')], { encoding: 'utf8' });
      expect({ status: result.status, output: result.stderr }).toMatchObject({ status: 0 });
      expect(result.stderr).toContain('syntax is ok');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
