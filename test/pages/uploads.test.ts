import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { buildTestApp, expectProblem, type TestApp } from '../helpers/app';
import { signedInPerson, textOf, type PageClient } from '../helpers/pages';
import { xlsxBomb } from '../helpers/zip-bomb';

/**
 * Uploads cannot hurt the service (issue 20): a crafted workbook is refused in words with the
 * server alive; a refused or broken upload leaves nothing in the incoming folder, and leftovers
 * of a previous run are swept at start; a unit's draft documents stay within its quota per
 * programme; a cut-off multipart body is the client's error (400), not the server's.
 */
let t: TestApp;
let desk: PageClient;
let operator: PageClient;
let programme: { id: number };
let unit: { id: number };
beforeEach(async () => {
  t = await buildTestApp({ now: '2013-10-01T02:00:00Z' });
  desk = (await signedInPerson(t.app, t.organiser, { email: 'organisasi@example.go.id', name: 'Rina', role: 'organiser' })).client;
  programme = await t.make.programme();
  unit = await t.make.unit({ name: 'Dinas Perhubungan' });
  operator = (await signedInPerson(t.app, t.organiser, { email: 'operator@dishub.example.go.id', name: 'Budi', role: 'unit', unitId: unit.id })).client;
});
afterEach(() => t.app.close());

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const count = (table: string) => t.count(table);
const incoming = () => t.app.services.documents.incoming;
/** The documents kept (by content) in the documents folder. */
const stored = () => fs.readdirSync(path.dirname(incoming())).filter((name) => name !== 'incoming');
const leftovers = () => (fs.existsSync(incoming()) ? fs.readdirSync(incoming()) : []);
/** A small PDF, different for each n (kept by content: the same file twice is stored once). */
const pdf = (n: number, padding = 0) => Buffer.from(`%PDF-1.4\n% draf ${n}\n${'x'.repeat(padding)}\n%%EOF\n`);

/** A multipart body built part by part, to send what no browser would. */
class RawForm {
  readonly boundary = `----raw-${Math.random().toString(36).slice(2)}`;
  private parts: Buffer[] = [];
  field(name: string, value: string) {
    this.parts.push(Buffer.from(`--${this.boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
    return this;
  }
  file(name: string, filename: string, bytes: Buffer) {
    this.parts.push(Buffer.from(`--${this.boundary}\r\ncontent-disposition: form-data; name="${name}"; filename="${filename}"\r\ncontent-type: application/pdf\r\n\r\n`), bytes, Buffer.from('\r\n'));
    return this;
  }
  /** The whole body, closed; or cut off `cut` bytes before its end (no closing boundary). */
  body(cut = 0) {
    const whole = Buffer.concat([...this.parts, Buffer.from(`--${this.boundary}--\r\n`)]);
    return cut ? whole.subarray(0, whole.length - cut) : whole;
  }
  get contentType() {
    return `multipart/form-data; boundary=${this.boundary}`;
  }
}

const cookieOf = (client: PageClient) => [...client.jar].map(([k, v]) => `${k}=${v}`).join('; ');

/** Posts a raw multipart body with a signed-in browser's cookies. */
async function post(client: PageClient, url: string, form: RawForm, cut = 0) {
  const res = await t.app.inject({ method: 'POST', url, remoteAddress: '127.0.0.1', headers: { accept: 'text/html', cookie: cookieOf(client), 'content-type': form.contentType }, payload: form.body(cut) });
  return { status: res.statusCode, text: textOf(res.body) };
}

/** Waits (without timing anything) until `done` holds, for at most ten seconds. */
async function until(done: () => boolean) {
  for (let i = 0; i < 200 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  return done();
}

describe('a crafted workbook', () => {
  it('that declares 15 KB and inflates to 300 MB is refused in words, on the import page and by the API, and the server answers the next request', async () => {
    const bomb = await xlsxBomb(300);
    expect(bomb.length).toBeLessThan(400 * 1024);
    await desk.get('/organisasi/unit/unggah');
    const page = await desk.upload('/organisasi/unit/unggah', {}, { field: 'file', name: 'unit.xlsx', type: XLSX, bytes: bomb });
    expect(page.status).toBe(422);
    expect(textOf(page.body)).toContain('Berkas Excel ini tidak dapat dibaca.');
    expect((await t.organiser.get('/health')).status).toBe(200);

    // The API takes CSV text only: the workbook is refused by its type, or read as text that is not an import.
    expectProblem(await t.organiser.post('/units/import', bomb.toString('latin1'), { 'content-type': XLSX }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expect((await t.organiser.post('/units/import', bomb.toString('latin1'), { 'content-type': 'text/csv' })).status).toBe(422);
    expect((await t.organiser.get('/health')).status).toBe(200);
    expect(await count('units')).toBe(1);
  });
});

describe('refused uploads', () => {
  it('leave nothing in the incoming folder, whatever refused them', async () => {
    const url = `/unit/program/${programme.id}/draf`;
    const before = stored();
    await operator.get(url);
    const token = operator.csrf;
    const big = pdf(0, 21 * 1024 * 1024);
    const tooManyFields = new RawForm().field('_csrf', token).file('document', 'draf.pdf', pdf(1));
    for (let i = 0; i < 21; i++) tooManyFields.field(`extra${i}`, 'x');
    const refused = [
      // A second file part after the first.
      { form: new RawForm().field('_csrf', token).field('title', 'Draf').field('sopCount', '2').file('document', 'a.pdf', pdf(2)).file('document', 'b.pdf', pdf(3)), status: 413 },
      // More than 20 fields, after the file.
      { form: tooManyFields, status: 413 },
      // A file over 20 MB.
      { form: new RawForm().field('_csrf', token).field('title', 'Draf').field('sopCount', '2').file('document', 'besar.pdf', big), status: 413 },
      // The form token after the file (a forged form): refused before anything is written.
      { form: new RawForm().file('document', 'a.pdf', pdf(4)).field('_csrf', token), status: 403 },
      // A stale token.
      { form: new RawForm().field('_csrf', 'stale').file('document', 'a.pdf', pdf(5)), status: 403 },
      // Not a document.
      { form: new RawForm().field('_csrf', token).field('title', 'Draf').field('sopCount', '2').file('document', 'foto.pdf', Buffer.from('\x89PNG\r\n\x1a\nxxxx')), status: 415 },
      // A form with a field left out.
      { form: new RawForm().field('_csrf', token).field('title', '').field('sopCount', '2').file('document', 'a.pdf', pdf(6)), status: 400 },
      // A body cut off in the middle of the file.
      { form: new RawForm().field('_csrf', token).field('title', 'Draf').field('sopCount', '2').file('document', 'a.pdf', pdf(7, 200_000)), status: 400, cut: 100_000 },
    ];
    for (const { form, status, cut } of refused) {
      const answer = await post(operator, url, form, cut);
      expect({ status: answer.status, leftovers: leftovers() }).toEqual({ status, leftovers: [] });
    }
    // The page says what went wrong with the form, not only that something did.
    expect((await post(operator, url, tooManyFields)).text).toContain('Formulir ini mengirim lebih dari satu berkas atau terlalu banyak isian.');

    // A draft of a unit deactivated meanwhile, and one past the quota (see below), are refused by the service, after the file arrived.
    await t.organiser.patch(`/units/${unit.id}`, { active: false });
    expect((await post(operator, url, new RawForm().field('_csrf', token).field('title', 'Draf').field('sopCount', '2').file('document', 'a.pdf', pdf(8)))).status).toBe(409);
    await t.organiser.patch(`/units/${unit.id}`, { active: true });
    expect(leftovers()).toEqual([]);
    expect(await count('drafts')).toBe(0);
    // Nothing was kept in the documents folder either.
    expect(stored()).toEqual(before);
    expect((await t.organiser.get('/health')).status).toBe(200);
  });

  it('leave nothing when the client goes away in the middle of the file', async () => {
    const url = `/unit/program/${programme.id}/draf`;
    await operator.get(url);
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = new URL(address);
    const form = new RawForm().field('_csrf', operator.csrf).field('title', 'Draf').field('sopCount', '2');
    const head = Buffer.concat([form.body(`--${form.boundary}--\r\n`.length), Buffer.from(`--${form.boundary}\r\ncontent-disposition: form-data; name="document"; filename="a.pdf"\r\ncontent-type: application/pdf\r\n\r\n%PDF-1.4\n`)]);
    const socket = net.connect(Number(port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(
      `POST ${url} HTTP/1.1\r\nhost: 127.0.0.1\r\naccept: text/html\r\ncookie: ${cookieOf(operator)}\r\ncontent-type: ${form.contentType}\r\ncontent-length: ${head.length + 10 * 1024 * 1024}\r\n\r\n`,
    );
    socket.write(head);
    socket.write(Buffer.alloc(512 * 1024, 0x61));
    // The upload has started to arrive; then the client is gone.
    expect(await until(() => leftovers().length === 1)).toBe(true);
    socket.destroy();
    expect(await until(() => leftovers().length === 0)).toBe(true);
    expect(await count('drafts')).toBe(0);
  });

  it('that a previous run left behind are swept when the document store opens; an upload still arriving is not', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sop-leftovers-'));
    try {
      const inbox = path.join(folder, 'incoming');
      fs.mkdirSync(inbox);
      for (const name of ['.upload-killed-mid-file', '.upload-another']) {
        fs.writeFileSync(path.join(inbox, name), 'x'.repeat(1024));
        const hourAgo = new Date(Date.now() - 3600_000);
        fs.utimesSync(path.join(inbox, name), hourAgo, hourAgo);
      }
      fs.writeFileSync(path.join(inbox, '.upload-arriving'), 'x');
      fs.writeFileSync(path.join(folder, 'keep.txt'), 'not an upload');
      const other = await buildTestApp({ env: { DOCUMENTS_PATH: folder } });
      try {
        expect(fs.readdirSync(inbox)).toEqual(['.upload-arriving']);
        expect(fs.existsSync(path.join(folder, 'keep.txt'))).toBe(true);
      } finally {
        await other.app.close();
      }
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('a unit’s storage quota for draft documents', () => {
  it('refuses the 21st document in a programme, saying what is used and the limit, and writes nothing', async () => {
    const url = `/unit/program/${programme.id}/draf`;
    for (let n = 1; n <= 20; n++) {
      await operator.get(url);
      expect((await operator.upload(url, { title: `Draf ${n}`, sopCount: '1' }, { field: 'document', name: `draf-${n}.pdf`, type: 'application/pdf', bytes: pdf(n) })).status).toBe(303);
    }
    const kept = stored();
    // The page says what is used before anything is refused.
    expect(textOf((await operator.get(url)).body)).toMatch(/Unit Anda menyimpan 20 dari 20 berkas draf di program ini \([\d,]+ B dari 100 MB\)\./);
    const refused = await operator.upload(url, { title: 'Draf 21', sopCount: '1' }, { field: 'document', name: 'draf-21.pdf', type: 'application/pdf', bytes: pdf(21) });
    expect(refused.status).toBe(409);
    expect(textOf(refused.body)).toContain('Unit ini sudah menyimpan 20 berkas draf (');
    expect(textOf(refused.body)).toContain('Batasnya 20 berkas dan 100 MB per unit per program');
    expect(textOf(refused.body)).toContain('Kirim draf ini tanpa berkas');
    // What was typed is kept.
    expect(refused.body).toMatch(/name="title"[^>]*value="Draf 21"/);
    expect(await count('drafts')).toBe(20);
    expect(stored()).toEqual(kept);
    expect(leftovers()).toEqual([]);

    // A draft without a file is still taken; another programme has its own quota.
    expect((await operator.upload(url, { title: 'Draf 21', sopCount: '1' })).status).toBe(303);
    const next = await t.make.programme({ name: 'Penyusunan SOP 2014' });
    await operator.get(`/unit/program/${next.id}/draf`);
    expect((await operator.upload(`/unit/program/${next.id}/draf`, { title: 'Draf 1', sopCount: '1' }, { field: 'document', name: 'draf-21.pdf', type: 'application/pdf', bytes: pdf(21) })).status).toBe(303);
  });
});

describe('a unit’s storage quota in bytes', () => {
  let small: TestApp;
  beforeEach(async () => {
    small = await buildTestApp({ now: '2013-10-01T02:00:00Z', env: { DRAFT_QUOTA_MEGABYTES: '1' } });
  });
  afterEach(() => small.app.close());

  it('refuses a file that would pass it, on the unit’s page and the organiser’s record page, in either language; two at once cannot both pass', async () => {
    const own = await small.make.programme();
    const dishub = await small.make.unit({ name: 'Dinas Perhubungan' });
    const unitPage = (await signedInPerson(small.app, small.organiser, { email: 'operator@dishub.example.go.id', name: 'Budi', role: 'unit', unitId: dishub.id })).client;
    const organiserPage = (await signedInPerson(small.app, small.organiser, { email: 'organisasi@example.go.id', name: 'Rina', role: 'organiser' })).client;
    const url = `/unit/program/${own.id}/draf`;
    await unitPage.get(url);
    expect((await unitPage.upload(url, { title: 'Draf 1', sopCount: '1' }, { field: 'document', name: 'draf-1.pdf', type: 'application/pdf', bytes: pdf(1, 700 * 1024) })).status).toBe(303);

    expect(textOf((await unitPage.get(url)).body)).toContain('Unit Anda menyimpan 1 dari 20 berkas draf di program ini (700 KB dari 1 MB).');
    const refused = await unitPage.upload(url, { title: 'Draf 2', sopCount: '1' }, { field: 'document', name: 'draf-2.pdf', type: 'application/pdf', bytes: pdf(2, 400 * 1024) });
    expect(refused.status).toBe(409);
    expect(textOf(refused.body)).toContain('Unit ini sudah menyimpan 1 berkas draf (700 KB) di program ini. Batasnya 20 berkas dan 1 MB per unit per program');

    const record = `/organisasi/program/${own.id}/draf/catat`;
    await organiserPage.get('/bahasa/en');
    await organiserPage.get(record);
    const recorded = await organiserPage.upload(record, { unitId: String(dishub.id), title: 'Draf 2', sopCount: '1', receivedAt: '2013-10-01' }, { field: 'document', name: 'pindaian.pdf', type: 'application/pdf', bytes: pdf(3, 400 * 1024) });
    expect(recorded.status).toBe(409);
    expect(textOf(recorded.body)).toContain('This unit already keeps 1 draft files (700 KB) in this programme. The limit is 20 files and 1 MB per unit and programme');
    expect(textOf(recorded.body)).toContain('Record this draft without its file.');
    expect(await small.sqlOne('select count(*) n from drafts')).toEqual({ n: 1 });

    // Two files of 200 KB sent at once with 300 KB left: one is kept, the other refused.
    const pair = await Promise.all(
      [4, 5].map(async (n) => {
        const client = (await signedInPerson(small.app, small.organiser, { email: `operator${n}@dishub.example.go.id`, name: `Operator ${n}`, role: 'unit', unitId: dishub.id })).client;
        await client.get(url);
        return client;
      }),
    ).then((clients) => Promise.all(clients.map((client, i) => client.upload(url, { title: `Draf ${i}`, sopCount: '1' }, { field: 'document', name: 'draf.pdf', type: 'application/pdf', bytes: pdf(10 + i, 200 * 1024) }))));
    expect(pair.map((answer) => answer.status).sort()).toEqual([303, 409]);
    expect(await small.sqlOne('select count(*) n, sum(document_size) bytes from drafts')).toEqual({ n: 2, bytes: expect.any(Number) });
    expect(fs.readdirSync(small.app.services.documents.incoming)).toEqual([]);
  });
});

describe('a malformed multipart body', () => {
  it('cut off in the middle of a part answers 400 on the pages, and the API refuses multipart by its type, never a 500', async () => {
    await operator.get(`/unit/program/${programme.id}/draf`);
    const draft = new RawForm().field('_csrf', operator.csrf).field('title', 'Draf').field('sopCount', '2').file('document', 'a.pdf', pdf(1, 4096));
    const cut = await post(operator, `/unit/program/${programme.id}/draf`, draft, 2000);
    expect(cut.status).toBe(400);
    expect(cut.text).toContain('Draf SOP');
    expect(cut.text).toContain('Kiriman formulir terputus atau rusak. Pilih berkasnya lagi, lalu kirim ulang.');

    await desk.get('/organisasi/unit/unggah');
    const units = new RawForm().field('_csrf', desk.csrf).file('file', 'unit.csv', Buffer.from('code,name,kind\nDINKES,Dinas Kesehatan,dinas\n'.repeat(50)));
    expect((await post(desk, '/organisasi/unit/unggah', units, 300)).status).toBe(400);
    // A header that never ends.
    const broken = Buffer.from(`--xyz\r\ncontent-disposition: form-data; name="_csrf"\r\n`);
    const res = await t.app.inject({ method: 'POST', url: '/organisasi/unit/unggah', remoteAddress: '127.0.0.1', headers: { accept: 'text/html', cookie: cookieOf(desk), 'content-type': 'multipart/form-data; boundary=xyz' }, payload: broken });
    expect(res.statusCode).toBe(400);

    const api = await t.app.inject({ method: 'POST', url: `/programmes/${programme.id}/drafts`, headers: { authorization: `Bearer ${t.organiserKey}`, 'content-type': draft.contentType }, payload: draft.body(2000) });
    expect(api.statusCode).toBe(415);
    expect(api.json()).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    expect(await count('drafts')).toBe(0);
    expect(leftovers()).toEqual([]);
  });
});
