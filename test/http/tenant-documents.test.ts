import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { LightMyRequestResponse } from 'fastify';
import { startMailCatcher, type MailCatcher, type Received } from '../../scripts/mail-catcher';
import { clientFor } from '../helpers/app';
import { contentLines } from '../helpers/ics';
import { pageClient, type PageClient } from '../helpers/pages';
import { pdfPages } from '../helpers/pdf';
import { CITIES, hostedDeployment, organiserKeyOf, PROVINCE_HOST, type Deployment } from '../helpers/tenants';

/*
 * Many governments in one deployment, swept by content (docs/tenants-plan.md, still to do 2):
 * the files each government serves (calendar feeds, PDFs, spreadsheets, uploaded documents)
 * and the emails it sends. Both cities hold the same shape of data, the same unit code, NIPs
 * and ids (each database counts from 1), every name carrying the city's own marker word: each
 * document must show its own city's (so the test can fail) and never a word of the other's.
 * The word is the city's name itself, which its marker, organisation name and host name all
 * contain, so one search covers them.
 */

type City = (typeof CITIES)[number];
const MARKER: Record<City['slug'], string> = { banjarmasin: 'Banjarmasinia', banjarbaru: 'Banjarbaruna' };
const otherOf = (city: City) => CITIES.find((c) => c !== city)!;
const WORD: Record<City['slug'], RegExp> = { banjarmasin: /banjarmasin/i, banjarbaru: /banjarbaru/i };
const NIPS = ['198001012006041001', '198502022010012002'];
const PASSWORD = 'kopi-pagi-di-martapura';

/** Where in `text` the other city shows, with its surroundings; null when it does not. */
function leakOf(text: string, other: City, secrets: readonly string[] = []): string | null {
  const found = WORD[other.slug].exec(text) ?? secrets.map((secret) => ({ index: text.indexOf(secret), 0: secret })).find((m) => m.index >= 0);
  return found ? text.slice(Math.max(0, found.index - 60), found.index + found[0].length + 60) : null;
}

/** Asserts a document of `city` names none of the other city (nor its ids, where they differ): said with the document's name when it fails. */
function expectOwnOnly(city: City, where: string, text: string, secrets: Record<string, string[]> = {}) {
  const other = otherOf(city);
  expect({ where, leak: leakOf(text, other, secrets[other.slug] ?? []) }).toEqual({ where, leak: null });
}

/** The API of one city at its own address (its host name, or its /g/<slug> prefix), with its organiser key. */
function cityApi(d: Deployment, city: City, routing: 'host' | 'path', key: string) {
  const at = (url: string) => (routing === 'path' ? `/g/${city.slug}${url}` : url);
  const headers: Record<string, string> = routing === 'host' ? { host: city.host } : {};
  const client = clientFor(d.app, key);
  /** The request's reply, which must have worked. */
  const sure = async (what: string, reply: Promise<{ status: number; body: any }>, status: number) => {
    const { status: got, body } = await reply;
    expect({ what, status: got, body: got === status ? 'ok' : body }).toEqual({ what, status, body: 'ok' });
    return body;
  };
  return {
    city,
    key,
    get: (url: string) => sure(`GET ${url}`, client.get(at(url), headers), 200),
    post: (url: string, body: unknown = {}, status = 201) => sure(`POST ${url}`, client.post(at(url), body, headers), status),
    put: (url: string, body: unknown) => sure(`PUT ${url}`, client.put(at(url), body, headers), 200),
    /** A file (feed, PDF, spreadsheet) as it is served, which must be served. */
    async file(url: string, extra: Record<string, string> = {}, withKey = true): Promise<LightMyRequestResponse> {
      const reply = await d.app.inject({ method: 'GET', url: at(url), headers: { ...headers, ...(withKey ? { authorization: `Bearer ${key}` } : {}), ...extra } });
      expect({ url, status: reply.statusCode, body: reply.statusCode === 200 ? 'ok' : reply.body }).toEqual({ url, status: 200, body: 'ok' });
      return reply;
    },
  };
}
type CityApi = ReturnType<typeof cityApi>;

/**
 * One city's programme, the same shape in each: a unit, two officials (the same NIPs), a
 * two-day batch both are enrolled in, an asistensi period with the unit booked, a draft (and,
 * given mailboxes, the unit's address and an operator invited); every name with the city's
 * marker. Ids are equal in both cities.
 */
async function seedCity(api: CityApi, mailbox?: { unit: string; operator: string }) {
  const m = MARKER[api.city.slug];
  const unit = await api.post('/units', { code: 'DISHUB', name: `Dinas Perhubungan ${m}`, kind: 'dinas', ...(mailbox ? { email: mailbox.unit } : {}) });
  const people = [];
  for (const [i, nip] of NIPS.entries())
    people.push(await api.post('/participants', { nip, name: `${['Rahmat', 'Dewi'][i]} ${m}`, position: `Kepala Bidang ${m}`, unitId: unit.id }));
  const programme = await api.post('/programmes', {
    name: `Penyusunan SOP ${m}`,
    draftDeadline: '2013-11-29',
    signatoryName: `Drs. Penandatangan ${m}`,
    signatoryPosition: `Kepala Bagian Organisasi ${m}`,
    signatoryNip: '197001011990031001',
  });
  const batch = await api.post(`/programmes/${programme.id}/batches`, {
    name: `Angkatan ${m}`,
    venue: `Aula ${m}`,
    capacity: 10,
    unitQuota: 10,
    days: [
      { date: '2013-10-07', start: '08:00', end: '16:00' },
      { date: '2013-10-08', start: '08:00', end: '16:00' },
    ],
  });
  const enrolments = [];
  for (const person of people) enrolments.push(await api.post(`/batches/${batch.id}/enrolments`, { participantId: person.id }));
  const period = await api.post(`/programmes/${programme.id}/asistensi-periods`, { name: `Asistensi ${m}`, startDate: '2013-10-21', workingDays: 3, location: `Ruang Rapat ${m}` });
  const [slot] = await api.get(`/asistensi-periods/${period.id}/slots`);
  const booking = await api.post(`/asistensi-periods/${period.id}/bookings`, { unitId: unit.id, slotId: slot.id });
  const draft = await api.post(`/programmes/${programme.id}/drafts`, { unitId: unit.id, title: `SOP Perizinan ${m}`, sopCount: 3 });
  const operator = mailbox && (await api.post('/users', { email: mailbox.operator, name: `Operator ${m}`, role: 'unit', unitId: unit.id }));
  return { unit, people, programme, batch, enrolments, period, booking, draft, operator };
}
type Seeded = Awaited<ReturnType<typeof seedCity>>;

/** Both cities seeded alike at their own addresses, one after the other. */
async function bothCities(d: Deployment, routing: 'host' | 'path', mailboxes?: (city: City) => { unit: string; operator: string }) {
  const cities: { api: CityApi; seeded: Seeded }[] = [];
  for (const city of CITIES) {
    const api = cityApi(d, city, routing, await organiserKeyOf(await d.tenant(city.slug)));
    cities.push({ api, seeded: await seedCity(api, mailboxes?.(city)) });
  }
  // Equal ids by construction: a leak of an id is invisible, the names are what tell.
  expect(cities[0]!.seeded.booking.id).toBe(cities[1]!.seeded.booking.id);
  return cities;
}

/** Every official of the batch present on both days (the batch over: 8 October 2013, 17:00 WITA), so certificates can be printed. */
async function attendEveryDay(d: Deployment, cities: { api: CityApi; seeded: Seeded }[]) {
  d.clock.set('2013-10-08T17:00:00+08:00');
  for (const { api, seeded } of cities)
    for (const date of ['2013-10-07', '2013-10-08']) await api.put(`/batches/${seeded.batch.id}/attendance`, { date, present: seeded.enrolments.map((e) => e.id) });
}

/** A feed's text as a calendar app reads it: lines unfolded (a fold may cut a word), TEXT escapes undone. */
const calendarText = (body: string) =>
  contentLines(body)
    .join('\n')
    .replace(/\\n/gi, '\n')
    .replace(/\\([,;\\])/g, '$1');
const uidsOf = (body: string) => contentLines(body).filter((l) => l.startsWith('UID:')).map((l) => l.slice(4));
/** The deployment id of each database, which its UIDs carry after the `@`. */
const deploymentOf = (uid: string) => uid.slice(uid.indexOf('@') + 1);

/** Every text of a PDF: what a viewer shows (page text) and the raw file (its Info dictionary: author, title, subject). */
async function pdfText(reply: LightMyRequestResponse) {
  expect(String(reply.headers['content-type'])).toBe('application/pdf');
  const raw = reply.rawPayload;
  expect(raw.subarray(0, 5).toString()).toBe('%PDF-');
  const pages = (await pdfPages(raw)).join('\n');
  return { pages, raw: raw.toString('latin1'), hexRaw: raw.toString('latin1').replace(/\s+/g, '') };
}

/** The other city's word as PDFKit writes a non-ASCII string (UTF-16BE in hex): a search of the raw file in that form too. */
const utf16Hex = (word: string) => Buffer.from(`\ufeff${word}`, 'utf16le').swap16().toString('hex').slice(4);

/** Every part of an XLSX file as text (cells, sheet names, document properties) and its cells' values. */
async function xlsxText(reply: LightMyRequestResponse) {
  const zip = await JSZip.loadAsync(reply.rawPayload);
  const parts = await Promise.all(Object.values(zip.files).filter((f) => !f.dir).map(async (f) => `${f.name}\n${await f.async('string')}`));
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(reply.rawPayload as never);
  const cells: string[] = [];
  workbook.eachSheet((sheet) => {
    cells.push(sheet.name);
    sheet.eachRow((row) => row.eachCell((cell) => cells.push(cell.text)));
  });
  return { parts: parts.join('\n'), cells };
}

describe('calendar feeds', () => {
  it('serve each government’s programme, batch, unit and booking feeds with its own names, organiser and UIDs', async () => {
    const d = await hostedDeployment('host');
    const cities = await bothCities(d, 'host');
    const feeds: Record<string, { name: string; body: string; etag: string }[]> = {};
    const uids: Record<string, string[]> = {};
    // The two cities' feeds are asked in turn, each id once per city, so a cache shared between them would answer the second with the first's.
    for (const kind of ['programme', 'batch', 'unit', 'booking'] as const)
      for (const { api, seeded } of cities) {
        let url: string;
        if (kind === 'programme') url = `/calendars/programmes/${seeded.programme.id}.ics`;
        else if (kind === 'batch') url = `/calendars/batches/${seeded.batch.id}.ics`;
        else if (kind === 'booking') url = `/bookings/${seeded.booking.id}.ics`;
        else {
          const issued = await api.post(`/units/${seeded.unit.id}/calendar-token`);
          expect(issued.url.startsWith(`https://${api.city.host}/calendars/units/`)).toBe(true);
          url = new URL(issued.url).pathname;
        }
        const reply = await api.file(url, {}, kind === 'booking');
        expect(String(reply.headers['content-type'])).toMatch(/^text\/calendar/);
        (feeds[api.city.slug] ??= []).push({ name: url, body: reply.body, etag: String(reply.headers.etag) });
        (uids[api.city.slug] ??= []).push(...uidsOf(reply.body));
      }

    // Each government's UIDs are its own: none is also the other's, nor carries its deployment id.
    const deployments = Object.fromEntries(CITIES.map((c) => [c.slug, [...new Set(uids[c.slug]!.map(deploymentOf))]]));
    for (const city of CITIES) {
      expect(deployments[city.slug]).toHaveLength(1);
      for (const uid of uids[otherOf(city).slug]!) expect(uids[city.slug]).not.toContain(uid);
    }
    expect(deployments.banjarmasin![0]).not.toBe(deployments.banjarbaru![0]);

    for (const { api } of cities) {
      const m = MARKER[api.city.slug];
      for (const [i, feed] of feeds[api.city.slug]!.entries()) {
        const text = calendarText(feed.body);
        // Where its data is: the programme, batch and venue, the unit and its session.
        const expected = [
          [`Penyusunan SOP ${m}`, `Angkatan ${m}`, `Aula ${m}`],
          [`Angkatan ${m}`, `Aula ${m}`],
          [`Dinas Perhubungan ${m}`, `Angkatan ${m}`, `Asistensi draf SOP Dinas Perhubungan ${m}`, `Ruang Rapat ${m}`, `Rahmat ${m}`],
          [`Dinas Perhubungan ${m}`, `Ruang Rapat ${m}`, api.city.organisationName],
        ][i]!;
        for (const words of expected) expect({ feed: feed.name, has: words, found: text.includes(words) }).toEqual({ feed: feed.name, has: words, found: true });
        // The organiser named is the city's own, with an address at its own host.
        for (const line of contentLines(feed.body).filter((l) => l.startsWith('ORGANIZER')))
          expect({ feed: feed.name, line, own: line.includes(api.city.organisationName) && line.endsWith(`@${api.city.host}`) }).toEqual({ feed: feed.name, line, own: true });
        expectOwnOnly(api.city, `${api.city.slug} ${feed.name}`, text, deployments);
      }
      // Same ids, different contents: an ETag of one government never stands for the other's feed.
      const other = feeds[otherOf(api.city).slug]!;
      feeds[api.city.slug]!.forEach((feed, i) => expect(feed.etag).not.toBe(other[i]!.etag));
    }

    // A feed address belongs to its own government's address: the other's token, and a booking with the other's key, are not found there.
    const [banjarmasin, banjarbaru] = cities;
    const foreignToken = feeds.banjarmasin![2]!.name;
    expect((await d.app.inject({ method: 'GET', url: foreignToken, headers: { host: banjarbaru!.api.city.host } })).statusCode).toBe(404);
    expect((await d.app.inject({ method: 'GET', url: `/bookings/${banjarmasin!.seeded.booking.id}.ics`, headers: { host: banjarbaru!.api.city.host, authorization: `Bearer ${banjarmasin!.api.key}` } })).statusCode).toBe(401);
  });
});

describe('PDFs and spreadsheets from the API', () => {
  it('print each government’s attendance sheet, invitation, asistensi schedule, certificate and progress report with its own names only', async () => {
    const d = await hostedDeployment('host');
    const cities = await bothCities(d, 'host');
    await attendEveryDay(d, cities);

    const pdfs = (s: Seeded) => [
      { url: `/batches/${s.batch.id}/attendance-sheet.pdf?day=1`, has: ['Rahmat', 'Dewi', 'Angkatan', 'Aula', 'Dinas Perhubungan', 'Kepala Bidang'] },
      { url: `/units/${s.unit.id}/invitation.pdf?programmeId=${s.programme.id}`, has: ['Dinas Perhubungan', 'Rahmat', 'Dewi', 'Aula', 'Ruang Rapat'] },
      { url: `/asistensi-periods/${s.period.id}/schedule.pdf`, has: ['Asistensi', 'Ruang Rapat', 'Dinas Perhubungan'] },
      { url: `/enrolments/${s.enrolments[0]!.id}/certificate.pdf`, has: ['Rahmat', 'Angkatan', 'Drs. Penandatangan', 'Kepala Bagian Organisasi'] },
    ];
    const sheets = (s: Seeded) => [`/programmes/${s.programme.id}/progress?format=xlsx`, `/programmes/${s.programme.id}/progress?format=xlsx&lang=en`];
    let printed = 0;
    // In turn, and then both cities at once: the PDFs and workbooks are made in one worker pool the governments share.
    for (const together of [false, true]) {
      const documents = async ({ api, seeded }: (typeof cities)[number]) => {
        const m = MARKER[api.city.slug];
        for (const { url, has } of pdfs(seeded)) {
          const { pages, raw, hexRaw } = await pdfText(await api.file(url));
          for (const words of [...has.map((w) => `${w} ${m}`), api.city.organisationName, `Penyusunan SOP ${m}`])
            expect({ url, has: words, found: pages.includes(words) }).toEqual({ url, has: words, found: true });
          expectOwnOnly(api.city, `${api.city.slug} ${url}`, pages);
          expectOwnOnly(api.city, `${api.city.slug} ${url} (the file)`, raw);
          expect(hexRaw.toLowerCase()).not.toContain(utf16Hex(otherOf(api.city).name.split(' ')[1]!));
          expect(raw).toContain(`(${api.city.organisationName})`);
          printed++;
        }
        for (const url of sheets(seeded)) {
          const { parts, cells } = await xlsxText(await api.file(url));
          for (const words of [`Dinas Perhubungan ${m}`, 'DISHUB']) expect({ url, has: words, found: cells.includes(words) }).toEqual({ url, has: words, found: true });
          expectOwnOnly(api.city, `${api.city.slug} ${url}`, cells.join('\n'));
          expectOwnOnly(api.city, `${api.city.slug} ${url} (every part of the file)`, parts);
          printed++;
        }
        const csv = await api.file(`/programmes/${seeded.programme.id}/progress?format=csv`);
        expect(csv.body).toContain(`Dinas Perhubungan ${m}`);
        expectOwnOnly(api.city, `${api.city.slug} progress CSV`, csv.body);
        // A city oversees no government: its overview workbook has no row of the other.
        expectOwnOnly(api.city, `${api.city.slug} governments XLSX`, (await xlsxText(await api.file('/governments/progress?format=xlsx'))).parts);
      };
      if (together) await Promise.all(cities.map(documents));
      else for (const city of cities) await documents(city);
    }
    expect(printed).toBe(2 * 2 * (4 + 2));

    // The province's overview names both, each row with its own city's programme only.
    const province = clientFor(d.app, await organiserKeyOf(d.app.tenancy.home));
    const overview = await d.app.inject({ method: 'GET', url: '/governments/progress?format=xlsx&lang=en', headers: { host: PROVINCE_HOST, authorization: `Bearer ${province.key}` } });
    expect(overview.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(overview.rawPayload as never);
    const rows: string[] = [];
    workbook.getWorksheet('Governments')!.eachRow((row, n) => n > 1 && rows.push((row.values as unknown[]).slice(1).join(' | ')));
    expect(rows).toHaveLength(2);
    for (const city of CITIES) {
      const row = rows.find((r) => r.startsWith(city.name))!;
      expect(row).toContain(`Penyusunan SOP ${MARKER[city.slug]}`);
      expectOwnOnly(city, `the province's overview, row of ${city.slug}`, row);
    }
  });
});

/** Signs a person in at a government's prefix through their set-password link (path routing: every page under /g/<slug>). */
async function signedIn(d: Deployment, city: City, invitedUrl: string, email: string): Promise<PageClient> {
  const pages = pageClient(d.app);
  const link = new URL(invitedUrl).pathname;
  expect(link.startsWith(`/g/${city.slug}/sandi/`)).toBe(true);
  await pages.get(link);
  expect((await pages.post(link, { password: PASSWORD, confirm: PASSWORD })).status).toBe(303);
  await pages.get(`/g/${city.slug}/masuk`);
  expect((await pages.post(`/g/${city.slug}/masuk`, { email, password: PASSWORD })).status).toBe(303);
  return pages;
}

describe('downloads from the pages', () => {
  it('give each government’s organiser and unit operator its own printouts, spreadsheets and draft documents under its prefix', async () => {
    const d = await hostedDeployment('path');
    const cities = await bothCities(d, 'path');
    // The batch over first: the clock's jump would end sessions begun before it.
    await attendEveryDay(d, cities);
    const browsers = [];
    for (const { api, seeded } of cities) {
      const slug = api.city.slug;
      const organiser = await api.post('/users', { email: `organisasi@${slug}.test`, name: `Petugas ${MARKER[slug]}`, role: 'organiser' });
      const operator = await api.post('/users', { email: `dishub@${slug}.test`, name: `Operator ${MARKER[slug]}`, role: 'unit', unitId: seeded.unit.id });
      browsers.push({ organiser: await signedIn(d, api.city, organiser.setPasswordUrl, `organisasi@${slug}.test`), operator: await signedIn(d, api.city, operator.setPasswordUrl, `dishub@${slug}.test`) });
    }
    // Each operator sends a draft with a document of its own (the same id in both cities), then the other city's does.
    for (const [i, { api, seeded }] of cities.entries()) {
      const { operator } = browsers[i]!;
      const url = `/g/${api.city.slug}/unit/program/${seeded.programme.id}/draf`;
      await operator.get(url);
      const bytes = Buffer.from(`%PDF-1.4\n% draf SOP Perhubungan ${MARKER[api.city.slug]}\n%%EOF\n`);
      const sent = await operator.upload(url, { title: `SOP Terminal ${MARKER[api.city.slug]}`, sopCount: '2' }, { field: 'document', name: `draf-${MARKER[api.city.slug]}.pdf`, type: 'application/pdf', bytes });
      expect(sent.status).toBe(303);
    }

    let downloaded = 0;
    for (const [i, { api, seeded }] of cities.entries()) {
      const { organiser, operator } = browsers[i]!;
      const m = MARKER[api.city.slug];
      const prefix = `/g/${api.city.slug}`;
      const download = async (browser: PageClient, url: string, type: string) => {
        const reply = await d.app.inject({ method: 'GET', url: `${prefix}${url}`, headers: { cookie: [...browser.jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
        expect({ url, status: reply.statusCode, type: String(reply.headers['content-type']).split(';')[0] }).toEqual({ url, status: 200, type });
        downloaded++;
        return reply;
      };
      const printouts = [
        { browser: organiser, url: `/organisasi/angkatan/${seeded.batch.id}/daftar-hadir.pdf?hari=2`, has: [`Rahmat ${m}`, `Aula ${m}`] },
        { browser: organiser, url: `/organisasi/asistensi/${seeded.period.id}/jadwal.pdf`, has: [`Dinas Perhubungan ${m}`, `Asistensi ${m}`] },
        { browser: organiser, url: `/organisasi/pendaftaran/${seeded.enrolments[1]!.id}/sertifikat.pdf`, has: [`Dewi ${m}`, `Drs. Penandatangan ${m}`] },
        { browser: organiser, url: `/organisasi/unit/${seeded.unit.id}/undangan.pdf?program=${seeded.programme.id}`, has: [`Dinas Perhubungan ${m}`, `Ruang Rapat ${m}`] },
        { browser: operator, url: `/unit/program/${seeded.programme.id}/undangan.pdf`, has: [`Dinas Perhubungan ${m}`, `Rahmat ${m}`] },
      ];
      for (const { browser, url, has } of printouts) {
        const { pages, raw } = await pdfText(await download(browser, url, 'application/pdf'));
        for (const words of [...has, api.city.organisationName]) expect({ url, has: words, found: pages.includes(words) }).toEqual({ url, has: words, found: true });
        expectOwnOnly(api.city, `${api.city.slug} ${url}`, pages);
        expectOwnOnly(api.city, `${api.city.slug} ${url} (the file)`, raw);
      }
      const xlsx = await xlsxText(await download(organiser, `/organisasi/program/${seeded.programme.id}/progres.xlsx`, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'));
      expect(xlsx.cells).toContain(`Dinas Perhubungan ${m}`);
      expectOwnOnly(api.city, `${api.city.slug} progres.xlsx`, xlsx.parts);
      const csv = (await download(organiser, `/organisasi/program/${seeded.programme.id}/progres.csv`, 'text/csv')).body;
      expect(csv).toContain(`Dinas Perhubungan ${m}`);
      expectOwnOnly(api.city, `${api.city.slug} progres.csv`, csv);
      // The import templates hold no government's data: served all the same, naming neither.
      for (const url of ['/organisasi/unit/unggah/contoh.xlsx', '/organisasi/pejabat/unggah/contoh.xlsx'])
        expectOwnOnly(api.city, `${api.city.slug} ${url}`, (await xlsxText(await download(organiser, url, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'))).parts);

      // The draft sent with a file: its own bytes, under its own name, from its own documents.
      const withFile = (await api.get(`/programmes/${seeded.programme.id}/drafts`)).find((draft: { title: string }) => draft.title === `SOP Terminal ${m}`);
      expect(withFile.id).toBe(cities[0]!.seeded.draft.id + 1);
      const document = await api.file(`/drafts/${withFile.id}/document`);
      expect(document.body).toBe(`%PDF-1.4\n% draf SOP Perhubungan ${m}\n%%EOF\n`);
      expect(String(document.headers['content-disposition'])).toContain(`draf-${m}.pdf`);
      // The inbox page lists it, and nothing of the other city's.
      const inbox = await organiser.get(`${prefix}/organisasi/program/${seeded.programme.id}/draf`);
      expect(inbox.body).toContain(`SOP Terminal ${m}`);
      expectOwnOnly(api.city, `${api.city.slug} drafts inbox`, inbox.body);
    }
    expect(downloaded).toBe(2 * (5 + 2 + 2));
  });
});

describe('emails', () => {
  // Closed after the deployment is (afterEach), whose mail connections it would otherwise wait for.
  let mail: MailCatcher;
  beforeAll(async () => (mail = await startMailCatcher()));
  afterAll(() => mail.close());

  it('come from each government in its own name, about its own units, with links to its own address and invitations with its own UIDs', async () => {
    const d = await hostedDeployment('host', { SMTP_URL: mail.url });
    // Each city's mailboxes are its own (the recipient says which city sent it); their names say nothing of the city.
    const mailboxes = (city: City) => ({ unit: `dishub@kota-${CITIES.indexOf(city) + 1}.test`, operator: `operator@kota-${CITIES.indexOf(city) + 1}.test` });
    const cities = await bothCities(d, 'host', mailboxes);
    // Past the enrolment notices' bundling window, then every government sends what is due.
    d.clock.set(d.clock.now().plus({ seconds: 601 }).toISO()!);
    for (const city of CITIES) await (await d.tenant(city.slug)).services.notices.deliverDue();

    const byCity: Record<string, Received[]> = {};
    const uids: Record<string, string[]> = {};
    for (const city of CITIES) {
      const boxes = mailboxes(city);
      const received = mail.received.filter((r) => r.to.some((to) => to === boxes.unit || to === boxes.operator));
      byCity[city.slug] = received;
      for (const r of received) {
        // Every recipient of a message is the same city's.
        expect(r.to.every((to) => to === boxes.unit || to === boxes.operator)).toBe(true);
        const calendars = r.mail.attachments.filter((a) => a.contentType === 'text/calendar').map((a) => a.content.toString('utf8'));
        (uids[city.slug] ??= []).push(...calendars.flatMap(uidsOf));
        const headers = JSON.stringify([...r.mail.headers]);
        const text = [headers, r.mail.subject, r.mail.text, r.mail.html, ...calendars.map(calendarText), ...r.mail.attachments.map((a) => a.filename ?? '')].join('\n');
        const where = `${city.slug} email "${r.mail.subject}" to ${r.to.join(', ')}`;
        expect({ where, from: r.mail.from!.value[0]!.name, signed: r.mail.text!.includes(city.organisationName) }).toEqual({ where, from: city.organisationName, signed: true });
        expect({ where, own: text.includes(MARKER[city.slug]) }).toEqual({ where, own: true });
        // Every link goes to the city's own address (but the time zone's definition, the same for everyone).
        const links = [...text.matchAll(/https?:\/\/[^\s"'<>)\]]+/g)].map((m) => new URL(m[0]).host).filter((host) => host !== 'www.tzurl.org' && host !== 'tzurl.org');
        for (const link of links) expect({ where, link }).toEqual({ where, link: city.host });
        expectOwnOnly(city, where, text);
      }
    }
    // The same data, the same emails: the set-password link, the enrolments, the booking.
    const kinds = (slug: string) => byCity[slug]!.map((r) => r.mail.subject!.split(MARKER[slug as City['slug']]).join('X')).sort();
    expect(byCity.banjarmasin!.length).toBeGreaterThanOrEqual(3);
    expect(kinds('banjarbaru')).toEqual(kinds('banjarmasin'));
    expect(mail.received).toHaveLength(byCity.banjarmasin!.length + byCity.banjarbaru!.length);
    const setPassword = byCity.banjarbaru!.find((r) => r.mail.text!.includes('/sandi/'));
    expect(setPassword!.mail.text).toContain(`https://${CITIES[1].host}/sandi/`);
    // The booking's invitation has the UID its feed gives it (asked only now: a feed served first would hide a UID made before the database's id was read),
    // so each city's invitations carry its own database's id and never meet the other's.
    for (const { api, seeded } of cities) {
      const [inFeed] = uidsOf((await api.file(`/bookings/${seeded.booking.id}.ics`)).body);
      expect({ city: api.city.slug, invitation: uids[api.city.slug]!.find((uid) => uid.startsWith(`booking-${seeded.booking.id}@`)) }).toEqual({ city: api.city.slug, invitation: inFeed });
    }
    expect(uids.banjarmasin!.length).toBeGreaterThan(0);
    for (const uid of uids.banjarbaru!) expect(uids.banjarmasin).not.toContain(uid);
    const messageIds = mail.received.map((r) => r.mail.messageId);
    expect(new Set(messageIds).size).toBe(messageIds.length);
  });
});
