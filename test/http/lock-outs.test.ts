import { PassThrough } from 'node:stream';
import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { ManualClock } from '../../src/platform/time';
import { systemActor } from '../../src/platform/actor';
import { BASE_URL, buildTestApp, clientFor, expectProblem, openTestDatabase, type TestApp } from '../helpers/app';
import { pageClient, signedInPerson, textOf, type PageClient } from '../helpers/pages';

/** Fair lock-outs: others' failures never lock out a browser or a key that is right. */

const PASSWORD = 'kopi-pagi-di-martapura';
const ORGANISER = { email: 'rina@banjarmasinkota.go.id', name: 'Rina Kartika', role: 'organiser' as const };

describe('signing in from a browser that signed in before (device cookie)', () => {
  let t: TestApp;
  beforeEach(async () => (t = await buildTestApp()));
  afterEach(() => t.app.close());

  const signIn = async (browser: PageClient, email: string, password: string) => {
    await browser.get('/masuk');
    return browser.post('/masuk', { email, password });
  };
  /** Five wrong passwords for the organiser's email, typed as an attacker would (any case, a trailing space). */
  const attack = async (from: PageClient) => {
    for (let i = 0; i < 5; i++) expect((await signIn(from, i % 2 ? ' RINA@Banjarmasinkota.go.id ' : 'rina@banjarmasinkota.go.id', `tebakan-ke-${i}`)).status).toBe(401);
  };

  it('gives the browser a long-lived signed device cookie at sign-in: HttpOnly, Secure, SameSite=Lax, only for the sign-in form', async () => {
    const { client, user } = await signedInPerson(t.app, t.organiser, ORGANISER);
    const device = client.jar.get('device');
    expect(device).toMatch(new RegExp(`^${user.id}\\.\\d+\\.[A-Za-z0-9_-]{43}\\.[A-Za-z0-9_-]{43}$`));
    await client.get('/akun');
    await client.post('/keluar');
    const again = await signIn(client, ORGANISER.email, PASSWORD);
    expect(again.status).toBe(303);
    const cookie = [again.headers['set-cookie']].flat().map(String).find((line) => line.startsWith('device='));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Secure/); // PUBLIC_BASE_URL is https in tests
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\/masuk/);
    expect(cookie).toMatch(/Max-Age=31536000/);
    // Signing out keeps it: it names the browser, not a session.
    expect(client.jar.get('device')).toBeDefined();
  });

  it("lets the organiser's browser in after an attacker's failures, while a browser without the cookie stays locked", async () => {
    const organiser = (await signedInPerson(t.app, t.organiser, ORGANISER)).client;
    organiser.jar.delete('sid'); // signed out, the device cookie kept
    await attack(pageClient(t.app, { ip: '10.9.9.9' }));
    // Locked for everyone else, at the organiser's own address too.
    const stranger = pageClient(t.app);
    const locked = await signIn(stranger, ORGANISER.email, PASSWORD);
    expect(locked.status).toBe(429);
    expect(textOf(locked.body)).toContain('Terlalu banyak percobaan masuk yang gagal. Coba lagi setelah Senin, 2 September 2013, 09.15 WITA.');
    expect(locked.headers['retry-after']).toBe(String(15 * 60));

    const known = await signIn(organiser, ORGANISER.email, PASSWORD);
    expect(known).toMatchObject({ status: 303, location: '/organisasi' });
    expect((await organiser.get('/organisasi')).status).toBe(200);
    // Still locked for everyone else: the organiser signing in does not reset the attacker's count.
    organiser.jar.delete('sid');
    expect((await signIn(stranger, ORGANISER.email, PASSWORD)).status).toBe(429);
    // ...and again, with the new device cookie it was given.
    expect((await signIn(organiser, ' Rina@Banjarmasinkota.go.id', PASSWORD)).status).toBe(303);
  });

  it('counts guesses sent at once before their passwords are checked: no more than five get an answer', async () => {
    const guessers = Array.from({ length: 20 }, (_, i) => pageClient(t.app, { ip: `10.8.0.${i + 1}` }));
    await Promise.all(guessers.map((browser) => browser.get('/masuk')));
    const answers = await Promise.all(guessers.map((browser, i) => browser.post('/masuk', { email: ORGANISER.email, password: `tebakan-serentak-${i}` })));
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 401)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(15);
  });

  it('takes back the attempt of a right password: four failures and a sign-in leave the count at four', async () => {
    await signedInPerson(t.app, t.organiser, ORGANISER);
    const office = pageClient(t.app, { ip: '10.7.0.1' });
    for (let i = 0; i < 4; i++) expect((await signIn(office, 'orang-lain@example.go.id', `salah-${i}`)).status).toBe(401);
    // From the same address, a right password on a fifth attempt (for another account) is let in and locks nothing.
    expect((await signIn(pageClient(t.app, { ip: '10.7.0.1' }), ORGANISER.email, PASSWORD)).status).toBe(303);
    expect((await signIn(office, 'orang-lain@example.go.id', 'salah-4')).status).toBe(401);
    expect((await signIn(office, 'orang-lain@example.go.id', 'salah-5')).status).toBe(429);
  });

  it("is not locked by its address's budget either, though others at that address are", async () => {
    const organiser = (await signedInPerson(t.app, t.organiser, ORGANISER)).client;
    organiser.jar.delete('sid');
    const office = pageClient(t.app);
    for (let i = 0; i < 30; i++) await signIn(office, `orang${i}@example.go.id`, 'salah-sandinya-ini');
    expect((await signIn(pageClient(t.app), ORGANISER.email, PASSWORD)).status).toBe(429);
    expect((await signIn(organiser, ORGANISER.email, PASSWORD)).status).toBe(303);
  });

  it("is locked by its own five failures (a stolen cookie allows no unlimited guessing), the account's other browsers not", async () => {
    const { client: first, user } = await signedInPerson(t.app, t.organiser, ORGANISER);
    first.jar.delete('sid');
    const second = pageClient(t.app);
    expect((await signIn(second, ORGANISER.email, PASSWORD)).status).toBe(303);
    second.jar.delete('sid');
    for (let i = 0; i < 5; i++) expect((await signIn(first, ORGANISER.email, `salah-${i}-sandinya`)).status).toBe(401);
    const locked = await signIn(first, ORGANISER.email, PASSWORD);
    expect(locked.status).toBe(429);
    expect(textOf(locked.body)).toContain('Terlalu banyak percobaan masuk yang gagal.');
    // Only that browser: the account, the address and the other browser are not locked.
    expect((await signIn(second, ORGANISER.email, PASSWORD)).status).toBe(303);
    expect((await signIn(pageClient(t.app), ORGANISER.email, PASSWORD)).status).toBe(303);
    t.clock.advance({ minutes: 16 });
    expect((await signIn(first, ORGANISER.email, PASSWORD)).status).toBe(303);
    expect(await t.sqlOne("select count(*) n from audit_log where action = 'user.signInFailed' and entity_id = ?", user.id)).toEqual({ n: 5 });
  });

  it('trusts no forged, altered, foreign, expired or retired cookie', async () => {
    const { client: organiser, user } = await signedInPerson(t.app, t.organiser, ORGANISER);
    const other = await signedInPerson(t.app, t.organiser, { email: 'ani@example.go.id', name: 'Ani', role: 'organiser' });
    const genuine = organiser.jar.get('device')!;
    const [id, issued, nonce, mac] = genuine.split('.') as [string, string, string, string];
    await attack(pageClient(t.app));
    const withCookie = async (cookie: string) => {
      const browser = pageClient(t.app);
      browser.jar.set('device', cookie);
      return (await signIn(browser, ORGANISER.email, PASSWORD)).status;
    };
    const flip = (text: string) => (text[0] === 'A' ? 'B' : 'A') + text.slice(1);
    expect(await withCookie(`${id}.${issued}.${flip(nonce)}.${mac}`)).toBe(429);
    expect(await withCookie(`${id}.${Number(issued) + 1}.${nonce}.${mac}`)).toBe(429);
    expect(await withCookie(`${id}.${issued}.${nonce}.${flip(mac)}`)).toBe(429);
    expect(await withCookie(`${other.user.id}.${issued}.${nonce}.${mac}`)).toBe(429);
    expect(await withCookie('sembarang')).toBe(429);
    // Another account's genuine cookie vouches for that account only.
    expect(await withCookie(other.client.jar.get('device')!)).toBe(429);
    expect(await withCookie(genuine)).toBe(303);
    // A year on, the cookie has expired.
    t.clock.advance({ days: 366 });
    await attack(pageClient(t.app));
    expect(await withCookie(genuine)).toBe(429);
    t.clock.advance({ minutes: 16 });
    // A new password (a reset after a theft) retires every browser's cookie.
    const fresh = pageClient(t.app);
    expect((await signIn(fresh, ORGANISER.email, PASSWORD)).status).toBe(303);
    const link = (await t.organiser.post(`/users/${user.id}/password-link`)).body.setPasswordUrl as string;
    await fresh.get(new URL(link).pathname);
    expect((await fresh.post(new URL(link).pathname, { password: 'sandi-baru-yang-panjang', confirm: 'sandi-baru-yang-panjang' })).status).toBe(303);
    await attack(pageClient(t.app));
    const retired = pageClient(t.app);
    retired.jar.set('device', fresh.jar.get('device')!);
    expect((await signIn(retired, ORGANISER.email, 'sandi-baru-yang-panjang')).status).toBe(429);
  });
});

async function appWith(env: Record<string, string>, log?: PassThrough) {
  const database = await openTestDatabase();
  const app = await buildApp({
    config: loadConfig({ PUBLIC_BASE_URL: BASE_URL, AUTH_FAILURES_PER_MINUTE: '3', ...env }),
    database,
    clock: new ManualClock('2013-10-01T00:00:00Z'),
    logger: log ? { stream: log } : false,
  });
  app.addHook('onClose', () => database.close());
  const key = (await app.services.access.create(systemActor, { role: 'organiser', label: 'x' })).key;
  return { app, key };
}

describe('API keys and feed addresses: separate budgets, and a valid one is never refused', () => {
  const WRONG_KEY = `sop_${'x'.repeat(43)}`;
  const guess = (i: number) => `/calendars/units/${String(i % 10).repeat(43)}.ics`;

  it('feed guesses do not stop a valid API key from the same address, nor make wrong keys 429', async () => {
    const { app, key } = await appWith({});
    try {
      const organiser = clientFor(app, key);
      const unit = (await organiser.post('/units', { code: 'FEED', name: 'Dinas Umpan', kind: 'dinas' })).body;
      const feed = new URL((await organiser.post(`/units/${unit.id}/calendar-token`, {})).body.url).pathname;
      for (let i = 0; i < 40; i++) await clientFor(app).get(guess(i));
      expectProblem(await clientFor(app).get(guess(41)), 429, 'RATE_LIMITED');
      expect((await organiser.get('/units')).status).toBe(200);
      expectProblem(await clientFor(app, WRONG_KEY).get('/units'), 401, 'UNAUTHENTICATED');
      expect((await clientFor(app).get(feed)).status).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('API-key failures do not block feeds; a valid key is never 429, a wrong one is, whatever it is', async () => {
    const { app, key } = await appWith({});
    try {
      const organiser = clientFor(app, key);
      const unit = (await organiser.post('/units', { code: 'FEED', name: 'Dinas Umpan', kind: 'dinas' })).body;
      const feed = new URL((await organiser.post(`/units/${unit.id}/calendar-token`, {})).body.url).pathname;
      for (let i = 0; i < 3; i++) expectProblem(await clientFor(app, WRONG_KEY).get('/units'), 401, 'UNAUTHENTICATED');
      // The guesser learns nothing: every wrong key, and none, is 429 now.
      const blocked = await clientFor(app, `sop_${'y'.repeat(43)}`).get('/units');
      expectProblem(blocked, 429, 'RATE_LIMITED');
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
      expect(blocked.body.detail).toMatch(/^Too many failed API keys from this client; try again in \d+ s$/);
      expectProblem(await clientFor(app).get('/units'), 429, 'RATE_LIMITED');
      expectProblem(await clientFor(app, 'Basic abc').get('/units'), 429, 'RATE_LIMITED');
      for (let i = 0; i < 5; i++) expect((await organiser.get('/units')).status).toBe(200);
      expect((await organiser.post('/units', { code: 'LAIN', name: 'Dinas Lain', kind: 'dinas' })).status).toBe(201);
      // Feeds keep their own budget: a valid one is served, a wrong guess is only 404.
      expect((await clientFor(app).get(feed)).status).toBe(200);
      expectProblem(await clientFor(app).get(guess(1)), 404, 'NOT_FOUND');
    } finally {
      await app.close();
    }
  });
});

describe('TRUST_PROXY', () => {
  const WRONG_KEY = { authorization: `Bearer sop_${'x'.repeat(43)}` };
  const from = (app: Awaited<ReturnType<typeof appWith>>['app'], remoteAddress: string, forwarded?: string) =>
    app.inject({ url: '/units', remoteAddress, headers: { ...WRONG_KEY, ...(forwarded ? { 'x-forwarded-for': forwarded } : {}) } });

  it.each([['a listed address', '10.0.0.5'], ['a CIDR', '10.0.0.0/24'], ['a list', '192.168.1.1, 10.0.0.5']])(
    'with %s, believes the proxy, and not a forged X-Forwarded-For from elsewhere',
    async (_name, trusted) => {
      const { app } = await appWith({ TRUST_PROXY: trusted });
      try {
        // A client reaching the server directly cannot pick a new address with each request.
        for (let i = 0; i < 3; i++) expect((await from(app, '198.51.100.9', `203.0.113.${i}`)).statusCode).toBe(401);
        expect((await from(app, '198.51.100.9', '203.0.113.99')).statusCode).toBe(429);
        // Through the proxy: the address it saw, not what the client wrote before it.
        for (let i = 0; i < 3; i++) expect((await from(app, '10.0.0.5', `198.51.100.${i}, 203.0.113.7`)).statusCode).toBe(401);
        expect((await from(app, '10.0.0.5', '198.51.100.50, 203.0.113.7')).statusCode).toBe(429);
        // Another client behind the same proxy is another address.
        expect((await from(app, '10.0.0.5', '203.0.113.8')).statusCode).toBe(401);
      } finally {
        await app.close();
      }
    },
  );

  it('warns at start when it is true (any client-sent X-Forwarded-For believed), not when it lists the proxies', async () => {
    const logged = async (trusted: string) => {
      const log = new PassThrough();
      const lines: string[] = [];
      log.on('data', (chunk: Buffer) => lines.push(...chunk.toString().split('\n').filter(Boolean)));
      const { app } = await appWith({ TRUST_PROXY: trusted }, log);
      await app.close();
      return lines.map((line) => JSON.parse(line) as { level: number; msg: string }).filter((line) => line.level === 40);
    };
    expect(await logged('true')).toEqual([expect.objectContaining({ msg: expect.stringMatching(/^TRUST_PROXY=true believes any client-sent X-Forwarded-For .*; list the proxy addresses instead/) })]);
    expect(await logged('10.0.0.5')).toEqual([]);
    expect(await logged('false')).toEqual([]);
  });
});

describe('the language switch', () => {
  let t: TestApp;
  beforeEach(async () => (t = await buildTestApp()));
  afterEach(() => t.app.close());
  const stored = (id: number) => t.sqlValue<string>('select language from users where id = ?', id);

  it("changes a signed-in account's language only by POST with the form token", async () => {
    const { client, user } = await signedInPerson(t.app, t.organiser, ORGANISER);
    const page = await client.get('/akun');
    // The frame offers a form (a button styled as the link), not a link.
    expect(page.body).toMatch(/<form method="post" action="\/bahasa\/en" class="inline-form"><input type="hidden" name="_csrf" value="[^"]+"\/><input type="hidden" name="kembali" value="\/akun"\/><button type="submit" class="link-button site-header__language" lang="en">English<\/button><\/form>/);
    expect(page.body).not.toContain('href="/bahasa/');

    // A link followed from another site: this browser's pages switch, the account does not.
    const followed = await client.get('/bahasa/en?kembali=%2Fakun', { 'sec-fetch-site': 'cross-site' });
    expect(followed).toMatchObject({ status: 303, location: '/akun' });
    expect((await client.get('/akun')).body).toContain('<html lang="en">');
    expect(await stored(user.id)).toBe('id');

    // A form from another site, or without the token, changes nothing.
    expect((await client.post('/bahasa/en', { kembali: '/akun' }, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await client.post('/bahasa/en', { _csrf: 'bukan-token', kembali: '/akun' })).status).toBe(403);
    expect(await stored(user.id)).toBe('id');

    await client.get('/akun');
    expect(await client.post('/bahasa/en', { kembali: '/akun' })).toMatchObject({ status: 303, location: '/akun' });
    expect(await stored(user.id)).toBe('en');
    expect((await t.organiser.get(`/users/${user.id}`)).body.language).toBe('en');
    await client.get('/akun');
    expect((await client.post('/bahasa/id', { kembali: 'https://evil.example' })).location).toBe('/');
    expect(await stored(user.id)).toBe('id');
    expect((await client.post('/bahasa/fr')).status).toBe(404);
  });

  it('stays a link for anonymous visitors, remembered in a cookie', async () => {
    const visitor = pageClient(t.app);
    const page = await visitor.get('/masuk');
    expect(page.body).toContain('<a class="site-header__language" href="/bahasa/en?kembali=%2Fmasuk" hreflang="en" lang="en">English</a>');
    expect(await visitor.get('/bahasa/en?kembali=%2Fmasuk')).toMatchObject({ status: 303, location: '/masuk' });
    expect((await visitor.get('/masuk')).body).toContain('<html lang="en">');
    expect(visitor.jar.get('lang')).toBe('en');
  });
});
