import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { DateTime } from 'luxon';
import pino from 'pino';
import { systemActor } from '../../src/platform/actor';
import { clientFor } from '../helpers/app';
import { pageClient } from '../helpers/pages';
import { CITIES, hostedDeployment, organiserKeyOf, PROVINCE_HOST } from '../helpers/tenants';

/*
 * Many governments in one deployment (src/tenancy.ts): a province hosting two of its cities,
 * each with its own data under the same unit codes and NIPs, reached by host name or by path.
 */

/** The same unit code, NIP and programme name in every city, each named after its own city. */
async function seedCity(client: ReturnType<typeof clientFor>, send: (url: string) => string, headers: Record<string, string>, city: string) {
  const unit = await client.post(send('/units'), { code: 'DISHUB', name: `Dinas Perhubungan ${city}`, kind: 'dinas' }, headers);
  expect(unit.status).toBe(201);
  const person = await client.post(send('/participants'), { nip: '198001012006041001', name: `Pegawai ${city}`, unitId: unit.body.id }, headers);
  expect(person.status).toBe(201);
  const programme = await client.post(send('/programmes'), { name: `Penyusunan SOP ${city}` }, headers);
  expect(programme.status).toBe(201);
  return { unit: unit.body, person: person.body, programme: programme.body };
}

describe('TENANT_ROUTING=host', () => {
  it('gives each government its own units, officials and programmes under the same codes and NIPs', async () => {
    const d = await hostedDeployment('host');
    const seeded = [];
    for (const city of CITIES) {
      const client = clientFor(d.app, await organiserKeyOf(await d.tenant(city.slug)));
      seeded.push(await seedCity(client, (url) => url, { host: city.host }, city.name));
    }
    for (const [i, city] of CITIES.entries()) {
      const client = clientFor(d.app, await organiserKeyOf(await d.tenant(city.slug)));
      const units = await client.get('/units', { host: city.host });
      expect(units.body).toEqual([expect.objectContaining({ code: 'DISHUB', name: `Dinas Perhubungan ${city.name}` })]);
      const people = await client.get('/participants', { host: city.host });
      expect(people.body.map((p: { name: string }) => p.name)).toEqual([`Pegawai ${city.name}`]);
      const programme = await client.get(`/programmes/${seeded[i]!.programme.id}`, { host: city.host });
      expect(programme.body.name).toBe(`Penyusunan SOP ${city.name}`);
    }
  });

  it('keeps each government’s holiday calendar its own', async () => {
    const d = await hostedDeployment('host');
    const [banjarmasin, banjarbaru] = CITIES;
    const city = clientFor(d.app, await organiserKeyOf(await d.tenant(banjarmasin.slug)));
    const other = clientFor(d.app, await organiserKeyOf(await d.tenant(banjarbaru.slug)));
    const before = (await other.get('/holiday-calendars/2031', { host: banjarbaru.host })).body;
    const put = await city.put('/holiday-calendars/2031', { decree: 'Keputusan Wali Kota Banjarmasin', days: [{ date: '2031-09-24', name: 'Hari Jadi Kota Banjarmasin', kind: 'holiday' }] }, { host: banjarmasin.host });
    expect(put.status).toBe(200);
    expect(JSON.stringify((await city.get('/holiday-calendars/2031', { host: banjarmasin.host })).body)).toContain('Hari Jadi Kota Banjarmasin');
    expect((await other.get('/holiday-calendars/2031', { host: banjarbaru.host })).body).toEqual(before);
  });

  it('accepts a government’s key only at its own address, and answers 404 at an address no government has', async () => {
    const d = await hostedDeployment('host');
    const [banjarmasin, banjarbaru] = CITIES;
    const key = await organiserKeyOf(await d.tenant(banjarmasin.slug));
    const client = clientFor(d.app, key);
    expect((await client.get('/units', { host: banjarmasin.host })).status).toBe(200);
    expect((await client.get('/units', { host: banjarbaru.host })).status).toBe(401);
    expect((await client.get('/units', { host: PROVINCE_HOST })).status).toBe(401);
    const nowhere = await client.get('/units', { host: 'sleman.sop.kalselprov.go.id' });
    expect(nowhere.status).toBe(404);
    expect(nowhere.body.detail).toContain('sleman.sop.kalselprov.go.id');
    // A browser asking for a page there is told the same, not given a page of any government.
    const page = await clientFor(d.app).get('/masuk', { host: 'sleman.sop.kalselprov.go.id', accept: 'text/html' });
    expect([page.status, String(page.headers['content-type'])]).toEqual([404, 'application/problem+json; charset=utf-8']);
    // At the deployment's own address, a government is reached by its prefix too (one without a host name of its own is reached so).
    expect((await client.get('/g/banjarmasin/units', { host: PROVINCE_HOST })).status).toBe(200);
    // The deployment's own probes answer at any address.
    expect((await client.get('/health/live', { host: 'sleman.sop.kalselprov.go.id' })).status).toBe(200);
  });

  it('names each government on its pages and in its feed addresses, and keeps calendar UIDs apart', async () => {
    const d = await hostedDeployment('host');
    const uids: string[] = [];
    for (const city of CITIES) {
      const client = clientFor(d.app, await organiserKeyOf(await d.tenant(city.slug)));
      const page = await client.get('/masuk', { host: city.host, accept: 'text/html' });
      expect(page.status).toBe(200);
      expect(page.body).toContain(city.organisationName);
      for (const other of CITIES.filter((c) => c !== city)) expect(page.body).not.toContain(other.organisationName);
      const { programme } = await seedCity(client, (url) => url, { host: city.host }, city.name);
      const batch = await client.post(`/programmes/${programme.id}/batches`, { name: 'Angkatan I', days: [{ date: '2013-10-07', start: '08:00', end: '16:00' }] }, { host: city.host });
      expect(batch.status).toBe(201);
      expect(batch.body.calendarUrl).toBe(`https://${city.host}/calendars/batches/${batch.body.id}.ics`);
      const feed = await client.get(`/calendars/batches/${batch.body.id}.ics`, { host: city.host });
      expect(feed.status).toBe(200);
      uids.push(...[...String(feed.body).matchAll(/^UID:(.+)$/gm)].map((m) => m[1]!.trim()));
    }
    expect(uids.length).toBeGreaterThanOrEqual(2);
    expect(new Set(uids).size).toBe(uids.length);
    const home = await clientFor(d.app).get('/masuk', { host: PROVINCE_HOST, accept: 'text/html' });
    expect(home.body).toContain('Biro Organisasi Setda Provinsi Kalimantan Selatan');
  });

  it('never shows one government another’s names through any API answer', async () => {
    const d = await hostedDeployment('host');
    const [banjarmasin, banjarbaru] = CITIES;
    await seedCity(clientFor(d.app, await organiserKeyOf(await d.tenant(banjarmasin.slug))), (url) => url, { host: banjarmasin.host }, banjarmasin.name);
    const key = await organiserKeyOf(await d.tenant(banjarbaru.slug));
    await seedCity(clientFor(d.app, key), (url) => url, { host: banjarbaru.host }, banjarbaru.name);
    // Every GET route, each id the other city also has (both start at 1).
    let answered = 0;
    for (const route of d.app.routeTable.filter((r) => r.method === 'GET' && !r.page && !/^\/(health|metrics|docs)/.test(r.url))) {
      const url = route.url.replace(/:[A-Za-z]+/g, '1');
      const reply = await d.app.inject({ method: 'GET', url, headers: { host: banjarbaru.host, authorization: `Bearer ${key}` } });
      expect(reply.statusCode).toBeLessThan(500);
      if (reply.statusCode === 200) answered++;
      expect(reply.body).not.toContain('Banjarmasin');
    }
    expect(answered).toBeGreaterThan(10);
  });
});

describe('isolation', () => {
  it('serves the other governments when one’s database cannot be opened, and says which in the log', async () => {
    const d = await hostedDeployment('host');
    const broken = await d.app.tenancy.registry.register({ slug: 'tanahlaut', name: 'Kabupaten Tanah Laut', kind: 'kabupaten', parent: 'kalsel', host: 'tanahlaut.sop.kalselprov.go.id' }, async () => ({ database: d.app.tenancy.home.database.engine === 'postgres' ? 'sop_no_such_database' : `${d.folder}/not-a-folder/\u0000.db`, discard: async () => undefined }));
    expect(broken.slug).toBe('tanahlaut');
    const key = await organiserKeyOf(await d.tenant('banjarbaru'));
    expect((await clientFor(d.app).get('/units', { host: 'tanahlaut.sop.kalselprov.go.id' })).status).toBe(404);
    expect((await clientFor(d.app, key).get('/units', { host: CITIES[1].host })).status).toBe(200);
  });

  it('keeps each request with its own government when requests of two interleave, bodies and all', async () => {
    const d = await hostedDeployment('host');
    const clients = await Promise.all(CITIES.map(async (city) => ({ city, client: clientFor(d.app, await organiserKeyOf(await d.tenant(city.slug))) })));
    // Forty writes and reads at once, alternating cities: each must land in, and answer from, its own.
    await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        const { city, client } = clients[i % 2]!;
        const made = await client.post('/units', { code: `U${i}`, name: `Unit ${i} ${city.name}`, kind: 'dinas' }, { host: city.host });
        expect(made.status).toBe(201);
        const listed = await client.get('/units?limit=1000', { host: city.host });
        for (const unit of listed.body as { name: string }[]) expect(unit.name.endsWith(city.name)).toBe(true);
      }),
    );
    for (const { city, client } of clients) expect((await client.get('/units?limit=1000', { host: city.host })).body).toHaveLength(20);
  });

  it('never shows one government another’s names on any page its organiser opens', async () => {
    const d = await hostedDeployment('path');
    for (const city of CITIES) {
      const client = clientFor(d.app, await organiserKeyOf(await d.tenant(city.slug)));
      const { programme } = await seedCity(client, (url) => `/g/${city.slug}${url}`, {}, city.name);
      await client.post(`/g/${city.slug}/programmes/${programme.id}/batches`, { name: `Angkatan ${city.name}`, days: [{ date: '2013-10-07', start: '08:00', end: '16:00' }] });
      await client.post(`/g/${city.slug}/programmes/${programme.id}/asistensi-periods`, { name: `Asistensi ${city.name}`, startDate: '2013-10-21' });
    }
    const invited = await (await d.tenant('banjarbaru')).services.users.invite(systemActor, { role: 'organiser', email: 'ani@banjarbarukota.go.id', name: 'Ani Wijaya' });
    const link = new URL(invited.setPasswordUrl).pathname;
    expect(link.startsWith('/g/banjarbaru/')).toBe(true);
    const pages = pageClient(d.app);
    await pages.get(link);
    await pages.post(link, { password: 'kopi-pagi-di-martapura', confirm: 'kopi-pagi-di-martapura' });
    await pages.get('/g/banjarbaru/masuk');
    expect((await pages.post('/g/banjarbaru/masuk', { email: 'ani@banjarbarukota.go.id', password: 'kopi-pagi-di-martapura' })).status).toBe(303);
    let shown = 0;
    for (const route of d.app.routeTable.filter((r) => r.method === 'GET' && r.page)) {
      const url = `/g/banjarbaru${route.url.replace(/:format/, 'csv').replace(/:[A-Za-z]+/g, '1')}`;
      const reply = await pages.get(url);
      expect({ url, status: reply.status < 500 }).toEqual({ url, status: true });
      if (reply.status === 200) shown++;
      expect({ url, leaks: reply.body.includes('Banjarmasin') }).toEqual({ url, leaks: false });
    }
    expect(shown).toBeGreaterThan(20);
  });
});

describe('the overview of the governments below one', () => {
  it('gives the province each city’s programmes with the totals of the city’s own progress report, as JSON and XLSX', async () => {
    const d = await hostedDeployment('host');
    const own: Record<string, unknown[]> = {};
    for (const [i, city] of CITIES.entries()) {
      const client = clientFor(d.app, await organiserKeyOf(await d.tenant(city.slug)));
      const headers = { host: city.host };
      const { unit, programme } = await seedCity(client, (url) => url, headers, city.name);
      // The cities differ: Banjarbaru has a second unit, a draft received and a session booked.
      if (i === 1) {
        await client.post('/units', { code: 'BAPPEDA', name: 'Bappeda Kota Banjarbaru', kind: 'badan' }, headers);
        expect((await client.post(`/programmes/${programme.id}/drafts`, { unitId: unit.id, title: 'SOP Perizinan', sopCount: 4 }, headers)).status).toBe(201);
        const period = await client.post(`/programmes/${programme.id}/asistensi-periods`, { name: 'Asistensi SOP 2013', startDate: '2013-10-21' }, headers);
        const [slot] = (await client.get(`/asistensi-periods/${period.body.id}/slots`, headers)).body;
        expect((await client.post(`/asistensi-periods/${period.body.id}/bookings`, { unitId: unit.id, slotId: slot.id }, headers)).status).toBe(201);
      }
      own[city.slug] = [(await client.get(`/programmes/${programme.id}/progress`, headers)).body];
    }
    const province = clientFor(d.app, await organiserKeyOf(d.app.tenancy.home));
    const overview = await province.get('/governments/progress', { host: PROVINCE_HOST });
    expect(overview.status).toBe(200);
    expect(overview.body.map((g: { slug: string }) => g.slug)).toEqual(['banjarbaru', 'banjarmasin']);
    for (const government of overview.body) {
      expect(government).toMatchObject({ kind: 'kota', parent: 'kalsel' });
      const reports = own[government.slug] as { programmeId: number; programmeName: string; totals: object; units: { participantsAttended: number }[] }[];
      expect(government.programmes).toEqual(reports.map((r) => ({ programmeId: r.programmeId, programmeName: r.programmeName, totals: r.totals, unitsTrained: r.units.filter((u) => u.participantsAttended > 0).length })));
    }
    expect(overview.body[0].programmes[0].totals).toMatchObject({ units: 2, unitsWithDraft: 1, asistensi: { booked: 1, none: 1 } });
    // A city sees no government below it.
    const city = clientFor(d.app, await organiserKeyOf(await d.tenant('banjarbaru')));
    expect((await city.get('/governments/progress', { host: CITIES[1].host })).body).toEqual([]);

    const xlsx = await province.get('/governments/progress?format=xlsx&lang=en', { host: PROVINCE_HOST });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-disposition']).toBe('attachment; filename="governments-progress.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.raw.rawPayload as never);
    const rows: unknown[][] = [];
    workbook.getWorksheet('Governments')!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows[0]!.slice(0, 7)).toEqual(['Government', 'Kind', 'Answers to', 'Programme', 'Units', 'Units with an official trained', 'Units with a draft']);
    expect(rows.slice(1).map((r) => r.slice(0, 7))).toEqual([
      ['Kota Banjarbaru', 'City', 'kalsel', 'Penyusunan SOP Kota Banjarbaru', 2, 0, 1],
      ['Kota Banjarmasin', 'City', 'kalsel', 'Penyusunan SOP Kota Banjarmasin', 1, 0, 0],
    ]);
  });
});

describe('TENANT_ROUTING=path', () => {
  it('reaches each government under /g/<slug>, its links, redirects and cookies under the same prefix', async () => {
    const d = await hostedDeployment('path');
    const [banjarmasin, banjarbaru] = CITIES;
    const key = await organiserKeyOf(await d.tenant(banjarbaru.slug));
    const client = clientFor(d.app, key);
    await seedCity(client, (url) => `/g/banjarbaru${url}`, {}, banjarbaru.name);
    expect((await client.get('/g/banjarbaru/units')).body).toEqual([expect.objectContaining({ name: 'Dinas Perhubungan Kota Banjarbaru' })]);
    expect((await client.get('/g/banjarmasin/units')).status).toBe(401);
    expect((await client.get('/units')).status).toBe(401);
    expect((await client.get('/g/sleman/units')).status).toBe(404);
    expect((await clientFor(d.app).get('/g/sleman/masuk', { accept: 'text/html' })).status).toBe(404);

    const page = await clientFor(d.app).get('/g/banjarbaru/masuk', { accept: 'text/html' });
    expect(page.status).toBe(200);
    expect(page.body).toContain(banjarbaru.organisationName);
    const links = [...page.body.matchAll(/\b(?:href|action)="(\/[^"]*)"/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect(link.startsWith('/g/banjarbaru/')).toBe(true);
    // A session cookie that is not this government's is cleared at its prefix, never at the home's.
    const stale = await clientFor(d.app).get('/g/banjarbaru/masuk', { accept: 'text/html', cookie: 'sid=not-a-session-of-banjarbaru' });
    const cookies = [...[page.headers['set-cookie'] ?? []].flat(), ...[stale.headers['set-cookie'] ?? []].flat()];
    expect(cookies.some((cookie) => cookie.startsWith('sid=;'))).toBe(true);
    expect(cookies.length).toBeGreaterThan(0);
    for (const cookie of cookies) expect(cookie).toMatch(/Path=\/g\/banjarbaru(;|$)/);
    // A page that sends the visitor elsewhere sends them within the prefix.
    const away = await clientFor(d.app).get('/g/banjarbaru/unit', { accept: 'text/html' });
    expect(away.status).toBe(303);
    expect(away.headers.location).toMatch(/^\/g\/banjarbaru\/masuk/);
    // The home government keeps its addresses; the other city's are its own.
    expect((await clientFor(d.app).get('/masuk', { accept: 'text/html' })).body).toContain('Biro Organisasi Setda Provinsi Kalimantan Selatan');
    expect((await clientFor(d.app).get('/g/banjarmasin/masuk', { accept: 'text/html' })).body).toContain(banjarmasin.organisationName);
  });
});

describe('TENANT_ROUTING=single', () => {
  it('serves the home government alone at its addresses, whatever the registry holds', async () => {
    const d = await hostedDeployment('single');
    const home = d.app.tenancy.home;
    const key = await organiserKeyOf(home);
    const client = clientFor(d.app, key);
    expect((await client.get('/units', { host: CITIES[0].host })).status).toBe(200);
    expect((await client.get('/g/banjarmasin/units')).status).toBe(404);
    expect(d.app.tenancy.tenants()).toEqual([home]);
  });
});

describe('daily backups', () => {
  it('backs up each government at the daily time into a folder of its own, one after another (on PostgreSQL cron does it)', async () => {
    const onPostgres = (globalThis as { testOnPostgres?: boolean }).testOnPostgres === true;
    const d = await hostedDeployment('host');
    const zone = d.app.tenancy.home.services.settings.defaultTimezone;
    // A moment before the daily time: the timers are real, the clock the deployment's.
    d.clock.set(DateTime.fromISO('2013-09-03T02:00', { zone }).minus({ milliseconds: 200 }).toUTC().toISO()!);
    const taken: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void (JSON.parse(line).msg === 'backup taken' && taken.push(JSON.parse(line).tenant ?? 'kalsel')) });
    for (const city of CITIES) await d.tenant(city.slug);
    d.app.tenancy.start(logger);
    const backupsOf = (folder: string) => (fs.existsSync(folder) ? fs.readdirSync(folder).filter((name) => name.startsWith('sop-')) : []);
    const folders = [path.join(d.folder, 'backups'), ...CITIES.map((city) => path.join(d.folder, 'backups', city.slug))];
    if (onPostgres) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(folders.map(backupsOf)).toEqual([[], [], []]);
      return;
    }
    for (let waited = 0; taken.length < 3 && waited < 20_000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(taken.sort()).toEqual(['banjarbaru', 'banjarmasin', 'kalsel']);
    expect(folders.map((folder) => backupsOf(folder).length)).toEqual([1, 1, 1]);
  });
});
