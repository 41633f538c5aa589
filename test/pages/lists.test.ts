import type { NewNotice } from '../../src/features/outbox/outbox.service';
import { buildTestApp, type TestApp } from '../helpers/app';
import { pageClient, signedInPerson, textOf, type PageClient } from '../helpers/pages';

/**
 * Lists for a room: the notices page and the change log a page of 25 at a time with their
 * filters kept, the change log in words, and a unit's coming-up list grouped by day and event.
 */

let t: TestApp;
let desk: PageClient;
beforeEach(async () => {
  t = await buildTestApp({ now: '2013-09-02T01:00:00Z' });
  desk = (await signedInPerson(t.app, t.organiser, { email: 'organisasi@contoh.go.id', name: 'Rina Kartika', role: 'organiser' })).client;
});
afterEach(() => t.app.close());

const record = async (notice: NewNotice) => (await t.app.services.uow.write(async () => await t.app.services.outbox.record(notice)))!;
const page = async (client: PageClient, url: string) => {
  const reply = await client.get(url);
  expect({ url, status: reply.status }).toEqual({ url, status: 200 });
  return { body: reply.body, text: textOf(reply.body) };
};
/** The hrefs of the pagination's links, decoded. */
const links = (body: string) => {
  const nav = /<nav class="pagination"[\s\S]*?<\/nav>/.exec(body)?.[0] ?? '';
  return {
    previous: /href="([^"]+)" rel="prev"/.exec(nav)?.[1]?.replace(/&amp;/g, '&'),
    next: /href="([^"]+)" rel="next"/.exec(nav)?.[1]?.replace(/&amp;/g, '&'),
    nav,
  };
};

describe('the notices page, 25 a page', () => {
  it('pages the filtered list with previous and next links that keep the filters, in both languages', async () => {
    const dishub = await t.make.unit({ code: 'DISHUB', name: 'Dinas Perhubungan', email: 'dishub@contoh.go.id' });
    const dinkes = await t.make.unit({ code: 'DINKES', name: 'Dinas Kesehatan', email: 'dinkes@contoh.go.id' });
    // 60 daily summaries for Dishub (dated so each can be told apart), 5 for Dinkes.
    for (let i = 1; i <= 60; i++) await record({ facts: { kind: 'summary_daily', date: `2013-${String(Math.ceil(i / 28) + 9).padStart(2, '0')}-${String(((i - 1) % 28) + 1).padStart(2, '0')}`, drafts: [], requests: [], cancellations: [] }, to: { unitId: dishub.id } });
    for (let i = 0; i < 5; i++) await record({ facts: { kind: 'summary_daily', date: '2013-09-30', drafts: [], requests: [], cancellations: [] }, to: { unitId: dinkes.id } });
    const base = `/organisasi/pemberitahuan?unit=${dishub.id}&jenis=summary_daily`;

    const first = await page(desk, base);
    expect(first.body.match(/kirim-ulang/g)).toHaveLength(25);
    expect(first.text).toContain('Menampilkan 1–25 dari 60');
    expect(first.text).toContain('Halaman 1 dari 3');
    expect(first.text).not.toContain('Dinas Kesehatan Menunggu');
    expect(links(first.body)).toMatchObject({ previous: undefined, next: `${base}&halaman=2` });
    const second = await page(desk, `${base}&halaman=2`);
    expect(second.body.match(/kirim-ulang/g)).toHaveLength(25);
    expect(second.text).toContain('Menampilkan 26–50 dari 60');
    expect(second.text).toContain('Halaman 2 dari 3');
    expect(links(second.body)).toMatchObject({ previous: base, next: `${base}&halaman=3` });
    const third = await page(desk, `${base}&halaman=3`);
    expect(third.body.match(/kirim-ulang/g)).toHaveLength(10);
    expect(third.text).toContain('Menampilkan 51–60 dari 60');
    expect(links(third.body)).toMatchObject({ previous: `${base}&halaman=2`, next: undefined });
    // No row is on two pages, and together they are all 60.
    const ids = (body: string) => [...body.matchAll(/href="\/organisasi\/pemberitahuan\/(\d+)"/g)].map((m) => m[1]);
    expect(new Set([...ids(first.body), ...ids(second.body), ...ids(third.body)]).size).toBe(60);
    // The filters stay chosen on every page.
    expect(third.body).toMatch(new RegExp(`<option value="${dishub.id}" selected>Dinas Perhubungan</option>`));
    // A page past the last says nothing matches and leads back to the last.
    const beyond = await page(desk, `${base}&halaman=9`);
    expect(beyond.text).toContain('Tidak ada pemberitahuan yang cocok.');
    expect(links(beyond.body).previous).toBe(`${base}&halaman=3`);
    // A list that fits one page has no pagination.
    expect(links((await page(desk, `/organisasi/pemberitahuan?unit=${dinkes.id}`)).body).nav).toBe('');
    // A resend from page 2 comes back to page 2 with its filters.
    const resend = /action="(\/organisasi\/pemberitahuan\/\d+\/kirim-ulang[^"]*)"/.exec(second.body)![1]!.replace(/&amp;/g, '&');
    expect(resend).toContain(`unit=${dishub.id}&jenis=summary_daily&halaman=2`);
    expect(await desk.post(resend)).toMatchObject({ status: 303, location: `${base}&halaman=2&ok=noticeResent` });

    await desk.get('/bahasa/en');
    const english = await page(desk, `${base}&halaman=2`);
    expect(english.text).toContain('Showing 26–50 of 60');
    expect(english.text).toContain('Page 2 of 3');
    expect(english.body).toMatch(/rel="prev" aria-label="Previous page \(1\)">‹ Previous<\/a>/);
    expect(english.body).toMatch(/rel="next" aria-label="Next page \(3\)">Next ›<\/a>/);
    expect(links(english.body)).toMatchObject({ previous: base, next: `${base}&halaman=3` });
  });

  it('refuses a page that is not a number', async () => {
    expect((await desk.get('/organisasi/pemberitahuan?halaman=0')).status).toBe(404);
    expect((await desk.get('/organisasi/pemberitahuan?halaman=dua')).status).toBe(404);
  });
});

describe('the change log', () => {
  it('pages 25 entries at a time, keeping who, what and when in the links, in both languages', async () => {
    for (let i = 1; i <= 30; i++) await t.make.unit({ code: `UNIT${i}`, name: `Kantor Nomor ${i}` });
    await t.make.programme();
    const base = '/organisasi/catatan?tindakan=unit.create&data=unit&dari=2013-09-02&sampai=2013-09-02';
    const first = await page(desk, base);
    expect(first.text.match(/Unit kerja ditambahkan/g)?.length).toBe(25 + 1); // the rows, and the filter's chosen option
    expect(first.text).toContain('Menampilkan 1–25 dari 30');
    expect(first.text).toContain('Halaman 1 dari 2');
    expect(first.text).not.toContain('Program dibuat Program #');
    expect(links(first.body)).toMatchObject({ previous: undefined, next: `${base}&halaman=2` });
    const second = await page(desk, `${base}&halaman=2`);
    expect(second.text).toContain('Menampilkan 26–30 dari 30');
    expect(second.text).toContain('Halaman 2 dari 2');
    expect(links(second.body)).toMatchObject({ previous: base, next: undefined });
    // The oldest five: the first units made.
    expect(second.text).toContain('Unit kerja #1 ');
    expect(first.text).not.toContain('Unit kerja #1 ');

    await desk.get('/bahasa/en');
    const english = await page(desk, `${base}&halaman=2`);
    expect(english.text).toContain('Showing 26–30 of 30');
    expect(english.text).toContain('Page 2 of 2');
    expect(english.text).toContain('Work unit added');
    expect(links(english.body)).toMatchObject({ previous: base });
    // Without a filter everything is counted: 30 units, a programme, the organiser's account.
    const all = await page(desk, '/organisasi/catatan');
    expect(all.text).toMatch(/Showing 1–25 of \d+/);
  });

  it('says actions, records and fields in words, in both languages', async () => {
    const unit = await t.make.unit({ code: 'DISKOMINFO', name: 'Dinas Kominfo' });
    await t.organiser.patch(`/units/${unit.id}`, { name: 'Dinas Komunikasi dan Informatika' });
    const programme = await t.make.programme({ publicCalendar: false });
    expect((await t.organiser.patch(`/programmes/${programme.id}`, { publicCalendar: true })).status).toBe(200);
    const period = await t.organiser.post(`/programmes/${programme.id}/asistensi-periods`, { name: 'Asistensi SOP', startDate: '2013-10-21' });
    expect(period.status).toBe(201);

    const id = await page(desk, '/organisasi/catatan');
    expect(id.text).toContain(`Unit kerja diubah Unit kerja #${unit.id} Rincian Nama Dinas Kominfo Dinas Komunikasi dan Informatika`);
    expect(id.text).toContain(`Periode asistensi dibuat Periode asistensi #${period.body.id}`);
    expect(id.text).toMatch(new RegExp(`Program diubah Program #${programme.id} Rincian .*?Halaman publik tidak ya`));
    expect(id.text).toContain('Kata sandi dibuat');
    // No internal code is shown where the catalogue has words.
    expect(id.text).not.toMatch(/unit\.update|asistensiPeriod|booking\.autoSchedule|user\.setPassword/);
    // The filters offer the actions and records in words, by their code.
    expect(id.body).toContain('<option value="unit.update">Unit kerja diubah</option>');
    expect(id.body).toContain('<option value="asistensiPeriod">Periode asistensi</option>');
    const chosen = await page(desk, '/organisasi/catatan?tindakan=unit.update');
    expect(chosen.body).toContain('<option value="unit.update" selected>Unit kerja diubah</option>');
    expect(chosen.text).toMatch(/Unit kerja diubah Unit kerja #/);
    expect(chosen.text).not.toMatch(/Periode asistensi dibuat Periode asistensi #/);

    await desk.get('/bahasa/en');
    const en = await page(desk, '/organisasi/catatan');
    expect(en.text).toContain(`Work unit changed Work unit #${unit.id} Details Name Dinas Kominfo Dinas Komunikasi dan Informatika`);
    expect(en.text).toContain(`Asistensi period created Asistensi period #${period.body.id}`);
    expect(en.text).toMatch(new RegExp(`Programme changed Programme #${programme.id} Details .*?Public page no yes`));
    expect(en.body).toContain('<option value="unit.update">Work unit changed</option>');
  });

  it('falls back to the stored code for an action or field the catalogue does not know', async () => {
    const now = '2013-09-02T01:00:00.000Z';
    await t.sqlRun("insert into audit_log (at, key_id, user_id, request_id, role, action, entity, entity_id, before, after) values (?, null, null, null, 'system', 'robot.dance', 'robot', 7, ?, ?)", now, JSON.stringify({ moves: 1, name: 'R2' }), JSON.stringify({ moves: 2, name: 'R2' }));
    const text = (await page(desk, '/organisasi/catatan')).text;
    expect(text).toContain('robot.dance robot #7 Rincian moves 1 2');
  });
});

describe('a unit’s coming-up list', () => {
  it('has a line per batch day with the number of the unit’s officials in it, a line per session, and drops what has ended', async () => {
    const unit = await t.make.unit({ code: 'DISHUB', name: 'Dinas Perhubungan' });
    const email = 'operator@dishub.contoh.go.id';
    const { client: operator, password } = await signedInPerson(t.app, t.organiser, { email, name: 'Siti Rahmah', role: 'unit', unitId: unit.id });
    let client = operator;
    /** Weeks pass between the looks: a new sign-in each time (sessions last hours). */
    const signInAgain = async (language?: string) => {
      client = pageClient(t.app, language ? { acceptLanguage: language } : {});
      await client.get('/masuk');
      expect((await client.post('/masuk', { email, password })).status).toBe(303);
    };
    const programme = await t.make.programme();
    const batch = await t.make.batch(programme.id, { name: 'Angkatan I', capacity: 10, unitQuota: 5 });
    const names = ['Rahmat Hidayat', 'Ahmad Fauzi', 'Dewi Lestari'];
    for (const name of names) {
      const official = await t.make.participant(unit.id, { name });
      expect((await t.organiser.post(`/batches/${batch.id}/enrolments`, { participantId: official.id })).status).toBe(201);
    }
    const period = (await t.organiser.post(`/programmes/${programme.id}/asistensi-periods`, { name: 'Asistensi SOP', startDate: '2013-10-21' })).body;
    const slots = (await t.organiser.get(`/asistensi-periods/${period.id}/slots`)).body as { id: number; date: string; start: string }[];
    const draft = (await t.organiser.post(`/programmes/${programme.id}/drafts`, { unitId: unit.id, title: 'Draf SOP Dishub', sopCount: 8 })).body;
    await t.organiser.patch(`/drafts/${draft.id}`, { status: 'received' });
    const slot = slots.find((s) => s.date === '2013-10-22' && s.start === '09:00')!;
    expect((await t.organiser.post(`/asistensi-periods/${period.id}/bookings`, { unitId: unit.id, slotId: slot.id })).status).toBe(201);

    const comingUp = (text: string) => text.slice(text.indexOf('Yang akan datang'));
    const home = comingUp((await page(client, '/unit')).text);
    expect(home).toContain('Senin, 7 Oktober 2013, 08.00–16.00 WITA: Angkatan I, hari ke-1: 3 pejabat Rahmat Hidayat, Ahmad Fauzi, Dewi Lestari');
    expect(home).toContain('Selasa, 8 Oktober 2013, 08.00–16.00 WITA: Angkatan I, hari ke-2: 3 pejabat');
    expect(home).toContain('Selasa, 22 Oktober 2013, 09.00–12.00 WITA: Asistensi draf SOP');
    // One line per day, not one per official.
    expect(home.match(/Angkatan I, hari ke-1/g)).toHaveLength(1);

    // The first day ends at 16.00 WITA (08.00 UTC): then it is gone, the second day stays.
    t.clock.set('2013-10-07T08:00:00Z');
    await signInAgain();
    const later = comingUp((await page(client, '/unit')).text);
    expect(later).not.toContain('hari ke-1');
    expect(later).toContain('Angkatan I, hari ke-2: 3 pejabat');

    await client.get('/bahasa/en');
    const english = (await page(client, '/unit')).text;
    expect(english).toContain('Coming up');
    expect(english.slice(english.indexOf('Coming up'))).toContain('Tuesday, 8 October 2013, 08:00–16:00 WITA: Angkatan I, day 2: 3 officials Rahmat Hidayat, Ahmad Fauzi, Dewi Lestari');

    // After the session, nothing is left.
    t.clock.set('2013-10-23T00:00:00Z');
    await signInAgain();
    await client.get('/bahasa/en');
    expect((await page(client, '/unit')).text).toContain('Nothing scheduled yet.');
  });
});
