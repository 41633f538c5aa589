import { buildTestApp, expectProblem, type TestApp } from '../helpers/app';
import { pageClient, signedInPerson, textOf } from '../helpers/pages';

let t: TestApp;
beforeEach(async () => (t = await buildTestApp()));
afterEach(() => t.app.close());

const count = (table: string) => t.count(table);
const audit = (action: string) => t.sql<{ user_id: number | null; key_id: number | null; entity_id: number }>('select * from audit_log where action = ? order by id', action);
const PASSWORD = 'kopi-pagi-di-martapura';

describe('POST /users and the set-password link', () => {
  it('invites a unit operator with a one-time link that sets an argon2id password', async () => {
    const unit = await t.make.unit({ name: 'Dinas Perhubungan' });
    const invited = await t.organiser.post('/users', { email: 'Operator@Dishub.example.go.id', name: 'Siti Rahmah', role: 'unit', unitId: unit.id });
    expect(invited.status).toBe(201);
    expect(invited.body).toMatchObject({ role: 'unit', unitId: unit.id, status: 'invited', language: 'id', linkExpiresAt: '2013-09-05T01:00:00Z' });
    expect(invited.body.setPasswordUrl).toMatch(/^https:\/\/sop\.banjarmasinkota\.go\.id\/sandi\/[A-Za-z0-9_-]{43}$/);
    // Only the hash of the link is stored.
    const token = invited.body.setPasswordUrl.split('/').pop();
    expect(JSON.stringify(await t.sql('select * from password_links'))).not.toContain(token);

    const browser = pageClient(t.app);
    const page = await browser.get(`/sandi/${token}`);
    expect(page.status).toBe(200);
    expect(textOf(page.body)).toContain('Akun untuk Siti Rahmah (Operator@Dishub.example.go.id)');
    const set = await browser.post(`/sandi/${token}`, { password: PASSWORD, confirm: PASSWORD });
    expect(set).toMatchObject({ status: 303, location: '/masuk?ok=sandi' });
    const stored = (await t.sqlOne<{ status: string; password_hash: string }>('select status, password_hash from users where id = ?', invited.body.id))!;
    expect(stored.status).toBe('active');
    expect(stored.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);

    // Single use.
    expect((await browser.get(`/sandi/${token}`)).status).toBe(410);
    expect((await browser.post(`/sandi/${token}`, { password: 'lain-lagi-sandinya', confirm: 'lain-lagi-sandinya' })).status).toBe(410);
    expect(await audit('user.invite')).toHaveLength(1);
    expect(await audit('user.setPassword')).toEqual([expect.objectContaining({ user_id: invited.body.id, entity_id: invited.body.id })]);
  });

  it('refuses weak passwords in words, keeping nothing', async () => {
    const invited = await t.organiser.post('/users', { email: 'budi@example.go.id', name: 'Budi', role: 'organiser' });
    const path = new URL(invited.body.setPasswordUrl).pathname;
    const browser = pageClient(t.app);
    await browser.get(path);
    const cases: [string, string, string][] = [
      ['pendek', 'pendek', 'Kata sandi minimal 10 karakter.'],
      ['password123', 'password123', 'terlalu umum'],
      ['bismillah2024!', 'bismillah2024!', 'terlalu umum'],
      ['1234567890', '1234567890', 'terlalu umum'],
      ['Indonesia2024!!', 'Indonesia2024!!', 'terlalu umum'],
      ['sangat-panjang-dan-aman', 'tidak-sama', 'Kedua kata sandi tidak sama.'],
    ];
    for (const [password, confirm, message] of cases) {
      const refused = await browser.post(path, { password, confirm });
      expect({ password, status: refused.status }).toEqual({ password, status: refused.status >= 400 && refused.status < 500 ? refused.status : 'not a 4xx' });
      expect(textOf(refused.body)).toContain(message);
      expect(refused.body).not.toContain(password === confirm ? `value="${password}"` : 'never');
    }
    expect(await t.sqlValue('select status from users')).toBe('invited');
    // The email's name is not a password either.
    const likeEmail = await browser.post(path, { password: 'budi@example.go.id', confirm: 'budi@example.go.id' });
    expect(textOf(likeEmail.body)).toContain('tidak boleh memuat alamat email');
  });

  it('refuses passwords made of the deployment’s own words: the organisation’s, the programmes’, the year, "sop", "jadwal"', async () => {
    // A deployment of another kabupaten, in 2027.
    await t.app.close();
    t = await buildTestApp({ now: '2027-03-01T01:00:00Z', env: { ORGANISATION_NAME: 'Bagian Organisasi Setda Kota Banjarbaru' } });
    await t.organiser.post('/programmes', { name: 'Penyusunan SOP Kota Banjarbaru' });
    const invited = await t.organiser.post('/users', { email: 'budi@example.go.id', name: 'Budi', role: 'organiser' });
    const path = new URL(invited.body.setPasswordUrl).pathname;
    const browser = pageClient(t.app);
    await browser.get(path);
    for (const password of ['banjarbaru2027', 'jadwalsop2027', 'Penyusunan SOP 2027', 'Setda-Banjarbaru-2026!', 'organisasikota1234', '2027 2027 2027']) {
      const refused = await browser.post(path, { password, confirm: password });
      expect({ password, status: refused.status }).toEqual({ password, status: 422 });
      expect(textOf(refused.body)).toContain('terlalu umum dan mudah ditebak (nama instansi, nama program, tahun, “sop” atau “jadwal” dengan angka pun ditebak lebih dulu)');
    }
    expect(await t.sqlValue('select status from users where email = ?', 'budi@example.go.id')).toBe('invited');
    // Other words with them are a password.
    expect(await browser.post(path, { password: 'jadwal-kopi-di-tepi-sungai', confirm: 'jadwal-kopi-di-tepi-sungai' })).toMatchObject({ status: 303 });
  });

  it('answers in the person’s language', async () => {
    const invited = await t.organiser.post('/users', { email: 'ani@example.go.id', name: 'Ani', role: 'organiser' });
    const browser = pageClient(t.app, { acceptLanguage: 'en-GB,en;q=0.9' });
    const page = await browser.get(new URL(invited.body.setPasswordUrl).pathname);
    expect(page.body).toContain('<html lang="en">');
    expect(textOf(page.body)).toContain('The account of Ani (ani@example.go.id)');
  });

  it('validates invitations and is organiser-only', async () => {
    const unit = await t.make.unit();
    expectProblem(await t.organiser.post('/users', { email: 'not-an-email', name: 'X', role: 'organiser' }), 400, 'VALIDATION_FAILED');
    expectProblem(await t.organiser.post('/users', { email: 'x@example.go.id', name: 'X', role: 'unit' }), 400, 'VALIDATION_FAILED');
    expectProblem(await t.organiser.post('/users', { email: 'x@example.go.id', name: 'X', role: 'organiser', unitId: unit.id }), 400, 'VALIDATION_FAILED');
    expectProblem(await t.organiser.post('/users', { email: 'x@example.go.id', name: 'X', role: 'unit', unitId: 999 }), 422, 'REFERENCE_NOT_FOUND');
    expect((await t.organiser.post('/users', { email: 'x@example.go.id', name: 'X', role: 'organiser' })).status).toBe(201);
    expectProblem(await t.organiser.post('/users', { email: 'X@EXAMPLE.go.id', name: 'Y', role: 'organiser' }), 409, 'EMAIL_TAKEN');
    expectProblem(await t.as(await t.unitKey(unit.id)).post('/users', { email: 'y@example.go.id', name: 'Y', role: 'organiser' }), 403, 'FORBIDDEN');
    expect(await count('users')).toBe(1);
    expect(await count('password_links')).toBe(1);
  });

  it('gives a new link that replaces the old one, and none to a disabled account', async () => {
    const invited = await t.organiser.post('/users', { email: 'ani@example.go.id', name: 'Ani', role: 'organiser' });
    const again = await t.organiser.post(`/users/${invited.body.id}/password-link`);
    expect(again.status).toBe(201);
    const browser = pageClient(t.app);
    expect((await browser.get(new URL(invited.body.setPasswordUrl).pathname)).status).toBe(410);
    expect((await browser.get(new URL(again.body.setPasswordUrl).pathname)).status).toBe(200);
    expect((await t.organiser.patch(`/users/${invited.body.id}`, { disabled: true })).body.status).toBe('disabled');
    expect((await browser.get(new URL(again.body.setPasswordUrl).pathname)).status).toBe(410);
    expectProblem(await t.organiser.post(`/users/${invited.body.id}/password-link`), 409, 'USER_DISABLED');
    expect((await t.organiser.patch(`/users/${invited.body.id}`, { disabled: false })).body.status).toBe('invited');
    expectProblem(await t.organiser.post('/users/999/password-link'), 404, 'NOT_FOUND');
  });

  it('expires links after 72 hours', async () => {
    const invited = await t.organiser.post('/users', { email: 'ani@example.go.id', name: 'Ani', role: 'organiser' });
    t.clock.advance({ hours: 72, minutes: 1 });
    expect((await pageClient(t.app).get(new URL(invited.body.setPasswordUrl).pathname)).status).toBe(410);
  });
});

describe('signing in', () => {
  it('signs in with a session cookie that is httpOnly, SameSite=Lax and Secure over https', async () => {
    const { client, user } = await signedInPerson(t.app, t.organiser, { email: 'ani@example.go.id', name: 'Ani', role: 'organiser' });
    const cookie = [client.jar.get('sid')];
    expect(cookie[0]).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const sessions = await t.sql<{ token_hash: string; user_id: number }>('select * from sessions');
    expect(sessions).toEqual([expect.objectContaining({ user_id: user.id })]);
    expect(sessions[0]!.token_hash).not.toBe(cookie[0]);
    const account = await client.get('/akun');
    expect(account.status).toBe(200);
    expect(textOf(account.body)).toContain('ani@example.go.id');
    expect(await audit('user.signIn')).toHaveLength(1);
  });

  it('sets the cookie attributes', async () => {
    await t.organiser.post('/users', { email: 'ani@example.go.id', name: 'Ani', role: 'organiser' });
    const invited = (await t.organiser.post('/users/1/password-link')).body;
    const browser = pageClient(t.app);
    await browser.get(new URL(invited.setPasswordUrl).pathname);
    await browser.post(new URL(invited.setPasswordUrl).pathname, { password: PASSWORD, confirm: PASSWORD });
    await browser.get('/masuk');
    const res = await browser.post('/masuk', { email: 'ANI@example.go.id', password: PASSWORD });
    expect(res.status).toBe(303);
    expect(res.location).toBe('/organisasi');
    const sid = [res.headers['set-cookie']].flat().find((c) => String(c).startsWith('sid='));
    expect(sid).toMatch(/HttpOnly/);
    expect(sid).toMatch(/SameSite=Lax/);
    expect(sid).toMatch(/Secure/); // PUBLIC_BASE_URL is https in tests
    expect(sid).toMatch(/Max-Age=43200/);
  });

  it('says the same for an unknown email and a wrong password, and locks after five failures', async () => {
    const { password } = await signedInPerson(t.app, t.organiser, { email: 'ani@example.go.id', name: 'Ani', role: 'organiser' });
    const browser = pageClient(t.app);
    await browser.get('/masuk');
    const unknown = await browser.post('/masuk', { email: 'nobody@example.go.id', password });
    const wrong = await browser.post('/masuk', { email: 'ani@example.go.id', password: 'salah-sandinya-ini' });
    expect([unknown.status, wrong.status]).toEqual([401, 401]);
    const message = (html: string) => /<div class="error-summary"[\s\S]*?<\/div>/.exec(html)?.[0];
    expect(message(unknown.body)).toBe(message(wrong.body));
    expect(textOf(wrong.body)).toContain('Email atau kata sandi salah.');
    expect(wrong.body).toContain('value="ani@example.go.id"');
    expect(wrong.body).not.toContain('salah-sandinya-ini');
    for (let i = 0; i < 4; i++) await browser.post('/masuk', { email: 'ani@example.go.id', password: `salah-${i}-sandinya` });
    // Locked: even the right password is refused, with the time it ends (in WITA, the test default zone).
    const locked = await browser.post('/masuk', { email: 'ani@example.go.id', password });
    expect(locked.status).toBe(429);
    expect(textOf(locked.body)).toContain('Coba lagi setelah Senin, 2 September 2013, 09.15 WITA');
    // An unknown email is locked the same way: nobody learns which emails have accounts.
    for (let i = 0; i < 5; i++) await browser.post('/masuk', { email: 'nobody@example.go.id', password: `salah-${i}-sandinya` });
    expect((await browser.post('/masuk', { email: 'nobody@example.go.id', password })).status).toBe(429);
    t.clock.advance({ minutes: 16 });
    expect((await browser.post('/masuk', { email: 'ani@example.go.id', password })).status).toBe(303);
    expect((await audit('user.signInFailed')).length).toBeGreaterThanOrEqual(5);
  });

  it('limits failures per address too', async () => {
    const browser = pageClient(t.app, { ip: '10.1.1.1' });
    await browser.get('/masuk');
    for (let i = 0; i < 30; i++) await browser.post('/masuk', { email: `orang${i}@example.go.id`, password: 'salah-sandinya-ini' });
    expect((await browser.post('/masuk', { email: 'lain@example.go.id', password: 'salah-sandinya-ini' })).status).toBe(429);
    const elsewhere = pageClient(t.app, { ip: '10.1.1.2' });
    await elsewhere.get('/masuk');
    expect((await elsewhere.post('/masuk', { email: 'lain@example.go.id', password: 'salah-sandinya-ini' })).status).toBe(401);
  });

  it('refuses a disabled account with the same answer and ends its sessions', async () => {
    const { client, user, password } = await signedInPerson(t.app, t.organiser, { email: 'ani@example.go.id', name: 'Ani', role: 'organiser' });
    await t.organiser.patch(`/users/${user.id}`, { disabled: true });
    expect(await count('sessions')).toBe(0);
    expect((await client.get('/akun')).status).toBe(303);
    await client.get('/masuk');
    const refused = await client.post('/masuk', { email: 'ani@example.go.id', password });
    expect(refused.status).toBe(401);
    expect(textOf(refused.body)).toContain('Email atau kata sandi salah.');
  });

  it('sends a stranger to sign in and back where they were going, but never to another site', async () => {
    const browser = pageClient(t.app);
    const res = await browser.get('/akun');
    expect(res).toMatchObject({ status: 303, location: '/masuk?lanjut=%2Fakun' });
    const page = await browser.get('/masuk?lanjut=//evil.example/x');
    expect(page.body).toContain('name="lanjut" value/>');
    await signedInPerson(t.app, t.organiser, { email: 'ani@example.go.id', name: 'Ani', role: 'organiser' });
    await browser.get('/masuk?lanjut=%2Fakun');
    const signedIn = await browser.post('/masuk', { email: 'ani@example.go.id', password: PASSWORD, lanjut: '/akun' });
    expect(signedIn.location).toBe('/akun');
    const evil = pageClient(t.app);
    await evil.get('/masuk');
    expect((await evil.post('/masuk', { email: 'ani@example.go.id', password: PASSWORD, lanjut: 'https://evil.example/' })).location).toBe('/organisasi');
  });

  it('ends sessions after 2 idle hours, and after 12 hours however active', async () => {
    const { client } = await signedInPerson(t.app, t.organiser, { email: 'ani@example.go.id', name: 'Ani', role: 'organiser' });
    t.clock.advance({ minutes: 119 });
    expect((await client.get('/akun')).status).toBe(200);
    for (let i = 0; i < 5; i++) {
      t.clock.advance({ minutes: 110 });
      expect((await client.get('/akun')).status).toBe(200);
    }
    t.clock.advance({ minutes: 110 }); // 12 h 19 min after signing in
    expect((await client.get('/akun')).status).toBe(303);
    const idle = (await signedInPerson(t.app, t.organiser, { email: 'budi@example.go.id', name: 'Budi', role: 'organiser' })).client;
    t.clock.advance({ minutes: 121 });
    expect((await idle.get('/akun')).status).toBe(303);
  });
});

describe('forms and sessions', () => {
  it('refuses a form without its token, or from another site, writing nothing', async () => {
    const { client, user } = await signedInPerson(t.app, t.organiser, { email: 'ani@example.go.id', name: 'Ani', role: 'organiser' });
    const before = await count('audit_log');
    const missing = await client.post('/keluar-semua', { _csrf: '' });
    expect(missing.status).toBe(403);
    expect(textOf(missing.body)).toContain('Formulir ini sudah kedaluwarsa');
    const stale = await client.post('/keluar-semua', { _csrf: 'a'.repeat(64) });
    expect(stale.status).toBe(403);
    await client.get('/akun');
    const crossSite = await client.post('/keluar-semua', {}, { origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);
    expect(await count('sessions')).toBe(1);
    expect(await count('audit_log')).toBe(before);
    expect((await client.post('/keluar-semua')).status).toBe(303);
    expect(await count('sessions')).toBe(0);
    expect(await audit('user.signOutEverywhere')).toEqual([expect.objectContaining({ user_id: user.id })]);
  });

  it('sends a form from an ended session to sign in, then back to the page the form was on', async () => {
    const { client } = await signedInPerson(t.app, t.organiser, { email: 'ani@example.go.id', name: 'Ani', role: 'organiser' });
    await client.get('/akun');
    t.clock.advance({ minutes: 121 });
    const late = await client.post('/keluar-semua', {}, { referer: 'https://sop.banjarmasinkota.go.id/akun' });
    expect(late).toMatchObject({ status: 303, location: '/masuk?lanjut=%2Fakun&ok=sesi' });
    expect(textOf((await client.follow(late)).body)).toContain('Sesi Anda berakhir. Silakan masuk lagi.');
  });

  it('changing the password ends every other session, keeps this one', async () => {
    const first = await signedInPerson(t.app, t.organiser, { email: 'ani@example.go.id', name: 'Ani', role: 'organiser' });
    const second = pageClient(t.app);
    await second.get('/masuk');
    expect((await second.post('/masuk', { email: 'ani@example.go.id', password: first.password })).status).toBe(303);
    expect(await count('sessions')).toBe(2);
    await first.client.get('/akun');
    const wrong = await first.client.post('/akun/sandi', { currentPassword: 'bukan-sandinya', password: 'sandi-baru-yang-panjang', confirm: 'sandi-baru-yang-panjang' });
    expect(wrong.status).toBe(422);
    expect(textOf(wrong.body)).toContain('Kata sandi sekarang salah.');
    const changed = await first.client.post('/akun/sandi', { currentPassword: first.password, password: 'sandi-baru-yang-panjang', confirm: 'sandi-baru-yang-panjang' });
    expect(changed).toMatchObject({ status: 303, location: '/akun?ok=sandi-diganti' });
    expect((await first.client.get('/akun')).status).toBe(200);
    expect((await second.get('/akun')).status).toBe(303);
    expect(await count('sessions')).toBe(1);
  });

  it('signs out', async () => {
    const { client } = await signedInPerson(t.app, t.organiser, { email: 'ani@example.go.id', name: 'Ani', role: 'organiser' });
    await client.get('/akun');
    expect(await client.post('/keluar')).toMatchObject({ status: 303, location: '/masuk?ok=keluar' });
    expect(await count('sessions')).toBe(0);
    expect((await client.get('/akun')).status).toBe(303);
  });

  it('remembers the language chosen, for the person too (by the frame\'s form; test/http/lock-outs.test.ts has the rest)', async () => {
    const { client, user } = await signedInPerson(t.app, t.organiser, { email: 'ani@example.go.id', name: 'Ani', role: 'organiser' });
    await client.get('/akun');
    const switched = await client.post('/bahasa/en', { kembali: '/akun' });
    expect(switched).toMatchObject({ status: 303, location: '/akun' });
    expect((await client.get('/akun')).body).toContain('<html lang="en">');
    expect((await t.organiser.get(`/users/${user.id}`)).body.language).toBe('en');
    expect((await client.get('/bahasa/fr')).status).toBe(404);
    expect((await client.get('/bahasa/id?kembali=https://evil.example')).location).toBe('/');
  });

  it('answers a browser with pages for unknown addresses, and API clients with problems', async () => {
    const page = await pageClient(t.app).get('/tidak-ada');
    expect(page.status).toBe(404);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(textOf(page.body)).toContain('Halaman tidak ditemukan');
    expectProblem(await t.organiser.get('/tidak-ada'), 404, 'NOT_FOUND');
  });

  it('sends pages with a strict content security policy and no caching', async () => {
    const page = await pageClient(t.app).get('/masuk');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain("style-src 'self'");
    expect(page.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).not.toMatch(/<script>|style="/);
  });
});
