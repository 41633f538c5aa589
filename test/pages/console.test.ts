import ExcelJS from 'exceljs';
import { buildTestApp, makeNip, type TestApp } from '../helpers/app';
import { pageClient, signedInPerson, textOf, type PageClient } from '../helpers/pages';

let t: TestApp;
let desk: PageClient;
beforeEach(async () => {
  t = await buildTestApp();
  desk = (await signedInPerson(t.app, t.organiser, { email: 'organisasi@banjarmasinkota.go.id', name: 'Bagian Organisasi', role: 'organiser' })).client;
});
afterEach(() => t.app.close());

const count = (table: string) => t.count(table);

describe('backups on the console', () => {
  it('says who takes the backups: nobody in a database in memory, cron on PostgreSQL', async () => {
    const onPostgres = (globalThis as { testOnPostgres?: boolean }).testOnPostgres === true;
    const home = textOf((await desk.get('/organisasi')).body);
    expect(home).toContain('Belum ada cadangan.');
    expect(home).toContain(
      onPostgres
        ? 'Pada PostgreSQL, server tidak membuat cadangan harian sendiri: administrator server menjadwalkan skrip cadangan lewat cron'
        : 'Server tidak membuat cadangan harian (BACKUP_TIME=off).',
    );
  });
});

describe('units on the console', () => {
  it('adds a unit, refusing a taken code next to the field and keeping what was typed', async () => {
    await desk.get('/organisasi/unit');
    const added = await desk.post('/organisasi/unit', { code: 'DISHUB', name: 'Dinas Perhubungan', kind: 'dinas', email: 'dishub@banjarmasinkota.go.id' });
    expect(added).toMatchObject({ status: 303, location: '/organisasi/unit?ok=unitAdded' });
    const list = textOf((await desk.follow(added)).body);
    expect(list).toContain('Unit kerja sudah ditambahkan.');
    expect(list).toContain('Dinas Perhubungan');

    const taken = await desk.post('/organisasi/unit', { code: 'dishub', name: 'Dinas Perhubungan Kedua', kind: 'dinas' });
    expect(taken.status).toBe(409);
    expect(taken.body).toContain('value="Dinas Perhubungan Kedua"');
    expect(taken.body).toMatch(/id="code-error"/);
    const blank = await desk.post('/organisasi/unit', { code: '', name: '', kind: 'planet' });
    expect(blank.status).toBe(400);
    expect(textOf(blank.body)).toContain('Wajib diisi.');
    expect(await count('units')).toBe(1);
  });
});

describe('units: filters, changes and imports', () => {
  it('filters units by name or code and kind, and changes one', async () => {
    await t.make.unit({ code: 'DISHUB', name: 'Dinas Perhubungan' });
    const camat = await t.make.unit({ code: 'KEC-BU', name: 'Kecamatan Banjarmasin Utara', kind: 'kecamatan' });
    const byKind = textOf((await desk.get('/organisasi/unit?jenis=kecamatan')).body);
    expect(byKind).toContain('Kecamatan Banjarmasin Utara');
    expect(byKind).not.toContain('Dinas Perhubungan');
    const bySearch = textOf((await desk.get('/organisasi/unit?cari=dishub')).body);
    expect(bySearch).toContain('Dinas Perhubungan');
    expect(bySearch).not.toContain('Kecamatan Banjarmasin Utara');

    await desk.get(`/organisasi/unit/${camat.id}`);
    const taken = await desk.post(`/organisasi/unit/${camat.id}`, { code: 'dishub', name: 'Kecamatan Banjarmasin Utara', kind: 'kecamatan', email: '' });
    expect(taken.status).toBe(409);
    expect(taken.body).toMatch(/id="code-error"/);
    const saved = await desk.post(`/organisasi/unit/${camat.id}`, { code: 'KEC-BU', name: 'Kec. Banjarmasin Utara', kind: 'kecamatan', email: 'kecbu@banjarmasinkota.go.id' });
    expect(saved).toMatchObject({ status: 303, location: '/organisasi/unit?ok=unitSaved' });
    expect(await t.sqlOne('select name, email from units where id = ?', camat.id)).toEqual({ name: 'Kec. Banjarmasin Utara', email: 'kecbu@banjarmasinkota.go.id' });
  });

  it('imports units from an Excel file, showing the bad line first, and officials of every unit from a CSV', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Unit');
    sheet.addRows([
      ['Kode', 'Nama', 'Jenis'],
      ['DISHUB', 'Dinas Perhubungan', 'Dinas'],
      ['SATPOLPP', 'Satuan Polisi Pamong Praja', 'Satpol PP'],
      ['KEC-BU', 'Kecamatan Banjarmasin Utara', 'Kabupaten'],
    ]);
    const xlsx = async () => Buffer.from(await workbook.xlsx.writeBuffer());
    const type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    await desk.get('/organisasi/unit/unggah');
    const bad = await desk.upload('/organisasi/unit/unggah', {}, { field: 'file', name: 'unit.xlsx', type, bytes: await xlsx() });
    expect(bad.status).toBe(422);
    expect(textOf(bad.body)).toContain('1 baris perlu diperbaiki. Belum ada yang disimpan.');
    expect(textOf(bad.body)).toContain("4 Jenis Jenis 'Kabupaten' tidak dikenal: Dinas, Badan,");
    expect(await count('units')).toBe(0);

    sheet.getCell('C4').value = 'Kecamatan';
    const preview = await desk.upload('/organisasi/unit/unggah', {}, { field: 'file', name: 'unit.xlsx', type, bytes: await xlsx() });
    expect(textOf(preview.body)).toContain('3 unit baru, 0 diperbarui, 0 tidak berubah.');
    expect(await count('units')).toBe(0);
    const csv = /name="csv" value="([^"]*)"/.exec(preview.body)![1]!.replace(/&#x?[0-9a-f]+;/gi, (e) => String.fromCharCode(e.startsWith('&#x') ? parseInt(e.slice(3), 16) : parseInt(e.slice(2), 10)));
    expect(await desk.post('/organisasi/unit/unggah/simpan', { csv })).toMatchObject({ status: 303, location: '/organisasi/unit?ok=unitsImported' });
    expect(await t.sql('select code, kind from units order by code')).toEqual([
      { code: 'DISHUB', kind: 'dinas' },
      { code: 'KEC-BU', kind: 'kecamatan' },
      { code: 'SATPOLPP', kind: 'satpol_pp' },
    ]);

    await desk.get('/organisasi/pejabat/unggah');
    const officials = `kode_unit,nip,nama\nDISHUB,${makeNip(1)},Ahmad Fauzi\nSATPOLPP,${makeNip(2)},Budi Santoso\nNOPE,${makeNip(3)},Citra\n`;
    const unknownUnit = await desk.upload('/organisasi/pejabat/unggah', {}, { field: 'file', name: 'pejabat.csv', type: 'text/csv', bytes: officials });
    expect(unknownUnit.status).toBe(422);
    expect(textOf(unknownUnit.body)).toMatch(/4 kode_unit/);
    const fixed = await desk.upload('/organisasi/pejabat/unggah', {}, { field: 'file', name: 'pejabat.csv', type: 'text/csv', bytes: officials.replace('NOPE', 'KEC-BU') });
    expect(textOf(fixed.body)).toContain('3 pejabat baru');
    const pdf = await desk.upload('/organisasi/pejabat/unggah', {}, { field: 'file', name: 'pejabat.pdf', type: 'application/pdf', bytes: '%PDF-1.4 not a list' });
    expect(pdf.status).toBe(415);
    // Files too short to recognise, and a damaged workbook, are refused in words, never a 500.
    await desk.get('/organisasi/unit/unggah');
    expect((await desk.upload('/organisasi/unit/unggah', {}, { field: 'file', name: 'a.csv', type: 'text/csv', bytes: 'ab' })).status).toBe(422);
    const broken = await desk.upload('/organisasi/unit/unggah', {}, { field: 'file', name: 'rusak.xlsx', type, bytes: Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(200, 7), Buffer.from('xl/workbook.xml')]) });
    expect(broken.status).toBe(422);
    expect(textOf(broken.body)).toContain('Berkas Excel ini tidak dapat dibaca.');
  });
});

describe('users on the console', () => {
  it('invites a unit operator and shows the one-time link to pass on by WhatsApp or email', async () => {
    const unit = await t.make.unit({ name: 'Dinas Perhubungan' });
    await desk.get(`/organisasi/pengguna/baru?unit=${unit.id}`);
    const noUnit = await desk.post('/organisasi/pengguna/baru', { name: 'Siti Rahmah', email: 'siti@dishub.example.go.id', role: 'unit', unitId: '' });
    expect(noUnit.status).toBe(400);
    expect(noUnit.body).toContain('value="siti@dishub.example.go.id"');
    expect(await count('users')).toBe(1);

    const invited = await desk.post('/organisasi/pengguna/baru', { name: 'Siti Rahmah', email: 'siti@dishub.example.go.id', role: 'unit', unitId: String(unit.id) });
    expect(invited.status).toBe(201);
    const link = /value="(https:\/\/sop\.banjarmasinkota\.go\.id\/sandi\/[A-Za-z0-9_-]{43})"/.exec(invited.body)![1]!;
    expect(invited.body).toContain(`href="https://wa.me/?text=`);
    expect(invited.body).toContain('href="mailto:siti@dishub.example.go.id?');
    expect(textOf(invited.body)).toContain('Kamis, 5 September 2013');
    expect(invited.headers['cache-control']).toContain('no-store');

    // The operator sets a password through it and lands on the unit portal.
    const operator = pageClient(t.app);
    await operator.get(new URL(link).pathname);
    expect(await operator.post(new URL(link).pathname, { password: 'kopi-pagi-di-martapura', confirm: 'kopi-pagi-di-martapura' })).toMatchObject({ status: 303 });
    await operator.get('/masuk');
    expect(await operator.post('/masuk', { email: 'siti@dishub.example.go.id', password: 'kopi-pagi-di-martapura' })).toMatchObject({ status: 303, location: '/unit' });

    const again = await desk.post('/organisasi/pengguna/baru', { name: 'Siti', email: 'SITI@dishub.example.go.id', role: 'unit', unitId: String(unit.id) });
    expect(again.status).toBe(409);
    expect(again.body).toMatch(/id="email-error"/);
  });

  it('issues a new link, and disabling a user ends their sessions', async () => {
    const unit = await t.make.unit();
    const { client: operator, user } = await signedInPerson(t.app, t.organiser, { email: 'op@example.go.id', name: 'Operator', role: 'unit', unitId: unit.id });
    expect((await operator.get('/unit')).status).toBe(200);

    const users = await desk.get('/organisasi/pengguna');
    expect(textOf(users.body)).toContain('op@example.go.id');
    const fresh = await desk.post(`/organisasi/pengguna/${user.id}/tautan`);
    expect(fresh.status).toBe(201);
    expect(fresh.body).toMatch(/\/sandi\/[A-Za-z0-9_-]{43}/);

    await desk.get('/organisasi/pengguna');
    expect(await desk.post(`/organisasi/pengguna/${user.id}/status`, { disabled: 'true' })).toMatchObject({ status: 303, location: '/organisasi/pengguna?ok=userUpdated' });
    // The disabled person is told the session ended.
    expect(await operator.get('/unit')).toMatchObject({ status: 303, location: '/masuk?lanjut=%2Funit&ok=sesi' });
    expect((await desk.post('/organisasi/pengguna/999/tautan')).status).toBe(404);
  });
});

describe('the drafts inbox', () => {
  it('lists the drafts of a programme and moves one to the next status', async () => {
    const unit = await t.make.unit({ name: 'Dinas Perhubungan' });
    const programme = await t.make.programme();
    const draft = await t.as(await t.unitKey(unit.id)).post(`/programmes/${programme.id}/drafts`, { unitId: unit.id, title: 'Draf SOP Dishub', sopCount: 8 });
    const url = `/organisasi/program/${programme.id}/draf`;
    const inbox = textOf((await desk.get(url)).body);
    expect(inbox).toContain('Dinas Perhubungan');
    expect(inbox).toContain('Draf SOP Dishub');

    const bad = await desk.post(url, { draftId: String(draft.body.id), [`status-${draft.body.id}`]: 'lenyap' });
    expect(bad.status).toBe(400);
    const moved = await desk.post(url, { draftId: String(draft.body.id), [`status-${draft.body.id}`]: 'received', [`notes-${draft.body.id}`]: 'Lengkapi SOP pelayanan parkir.' });
    expect(moved).toMatchObject({ status: 303, location: `${url}?ok=draftUpdated` });
    expect(await t.sqlOne('select status, notes from drafts')).toEqual({ status: 'received', notes: 'Lengkapi SOP pelayanan parkir.' });
    const backwards = await desk.post(url, { draftId: String(draft.body.id), [`status-${draft.body.id}`]: 'submitted' });
    expect(backwards.status).toBe(409);
    expect(textOf(backwards.body)).toContain('Status draf tidak dapat mundur.');
    expect(textOf((await desk.follow(moved)).body)).toContain('Status draf sudah diperbarui.');
  });

  it('keeps unit operators out of the console', async () => {
    const unit = await t.make.unit();
    const { client: operator } = await signedInPerson(t.app, t.organiser, { email: 'op@example.go.id', name: 'Operator', role: 'unit', unitId: unit.id });
    const page = await operator.get('/organisasi/unit');
    expect(page.status).toBe(403);
    expect(textOf(page.body)).toContain('Akun Anda tidak dapat membuka halaman ini.');
    await operator.get('/unit');
    expect((await operator.post('/organisasi/unit', { code: 'X', name: 'X', kind: 'dinas' })).status).toBe(403);
    expect(await count('units')).toBe(1);
  });
});
