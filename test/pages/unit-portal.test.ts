import { buildTestApp, makeNip, type TestApp } from '../helpers/app';
import { seedPeriod } from '../helpers/asistensi';
import { signedInPerson, textOf, type PageClient } from '../helpers/pages';

let t: TestApp;
beforeEach(async () => (t = await buildTestApp({ now: '2013-09-02T01:00:00Z' })));
afterEach(() => t.app.close());

const count = (table: string) => t.count(table);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

async function operatorOf(unitName = 'Dinas Perhubungan', email = 'operator@dishub.example.go.id') {
  const unit = await t.make.unit({ name: unitName });
  const { client } = await signedInPerson(t.app, t.organiser, { email, name: 'Siti Rahmah', role: 'unit', unitId: unit.id });
  return { unit, client };
}

const text = async (client: PageClient, url: string) => {
  const page = await client.get(url);
  expect({ url, status: page.status }).toEqual({ url, status: 200 });
  return textOf(page.body);
};

describe('the unit home page', () => {
  it('says what to do next for each programme and what is coming', async () => {
    const { unit, client } = await operatorOf();
    const programme = await t.make.programme({ draftDeadline: '2013-11-15' });
    const batch = await t.make.batch(programme.id, { name: 'Angkatan I' });
    const official = await t.make.participant(unit.id, { name: 'Rahmat Hidayat' });
    await t.organiser.post(`/batches/${batch.id}/enrolments`, { participantId: official.id });

    const home = await text(client, '/unit');
    expect(home).toContain('Dinas Perhubungan');
    expect(home).toContain('Penyusunan SOP 2013');
    expect(home).toContain('1 pejabat terdaftar.');
    expect(home).toContain('1 terdaftar.');
    expect(home).toContain('Belum ada draf terkirim.');
    // Coming up: the batch days, in the programme's zone, as Indonesians write them.
    expect(home).toContain('Senin, 7 Oktober 2013');
    expect(home).toContain('Angkatan I, hari ke-1');
    expect(home).toContain('08.00–16.00 WITA');
  });

  it('sends anyone not signed in to the sign-in page, and an organiser away', async () => {
    const anonymous = await t.app.inject({ method: 'GET', url: '/unit', headers: { accept: 'text/html' } });
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe('/masuk?lanjut=%2Funit');
    const { client } = await signedInPerson(t.app, t.organiser, { email: 'org@example.go.id', name: 'Org', role: 'organiser' });
    expect((await client.get('/unit')).status).toBe(403);
  });
});

describe('officials', () => {
  it('adds, edits and removes an official, refusing bad fields in words and keeping what was typed', async () => {
    const { client } = await operatorOf();
    await client.get('/unit/pejabat/baru');
    const bad = await client.post('/unit/pejabat/baru', { nip: '12345', name: 'Rahmat Hidayat', position: 'Kepala Bidang' });
    expect(bad.status).toBe(400);
    expect(textOf(bad.body)).toContain('NIP');
    expect(bad.body).toContain('value="Rahmat Hidayat"');
    expect(bad.body).toMatch(/aria-invalid="true"[^>]*name="nip"|name="nip"[^>]*aria-invalid="true"/);
    expect(await count('participants')).toBe(0);

    const nip = makeNip(7);
    const added = await client.post('/unit/pejabat/baru', { nip, name: 'Rahmat Hidayat', position: 'Kepala Bidang', email: '', phone: '' });
    expect(added).toMatchObject({ status: 303, location: '/unit/pejabat?ok=officialAdded' });
    const list = await client.follow(added);
    expect(textOf(list.body)).toContain('Pejabat sudah ditambahkan.');
    expect(textOf(list.body)).toContain('Rahmat Hidayat');

    const duplicate = await client.post('/unit/pejabat/baru', { nip, name: 'Orang Lain' });
    expect(duplicate.status).toBe(409);
    expect(textOf(duplicate.body)).toContain('NIP');
    expect(await count('participants')).toBe(1);

    const id = await t.sqlValue<number>('select id from participants');
    await client.get(`/unit/pejabat/${id}`);
    const edited = await client.post(`/unit/pejabat/${id}`, { nip, name: 'Rahmat Hidayat, S.E.', position: '' });
    expect(edited).toMatchObject({ status: 303, location: '/unit/pejabat?ok=officialSaved' });
    expect(await t.sqlOne('select name, position from participants')).toEqual({ name: 'Rahmat Hidayat, S.E.', position: null });

    await client.get(`/unit/pejabat/${id}`);
    expect(await client.post(`/unit/pejabat/${id}/hapus`)).toMatchObject({ status: 303, location: '/unit/pejabat?ok=officialRemoved' });
    expect(await count('participants')).toBe(0);
  });

  it('previews a CSV, showing every bad line before anything is saved, then saves the fixed one', async () => {
    const { client } = await operatorOf();
    await client.get('/unit/pejabat/unggah');
    const badCsv = `nip,nama,jabatan\n${makeNip(1)},Ahmad Fauzi,Sekretaris\n12345,Budi Santoso,Kepala Bidang\n${makeNip(3)},,Kasubbag\n`;
    const checked = await client.upload('/unit/pejabat/unggah', {}, { field: 'file', name: 'pejabat.csv', type: 'text/csv', bytes: badCsv });
    expect(checked.status).toBe(422);
    const problems = textOf(checked.body);
    expect(problems).toContain('2 baris perlu diperbaiki. Belum ada yang disimpan.');
    expect(problems).toContain("3 nip NIP '12345' tidak valid");
    expect(problems).toContain('4 nama Nama wajib diisi.');
    expect(problems).not.toMatch(/\b2 (nip|nama)\b/);
    expect(await count('participants')).toBe(0);

    const goodCsv = badCsv.replace('12345', makeNip(2)).replace(',,Kasubbag', ',Citra Lestari,Kasubbag');
    const preview = await client.upload('/unit/pejabat/unggah', {}, { field: 'file', name: 'pejabat.csv', type: 'text/csv', bytes: goodCsv });
    expect(preview.status).toBe(200);
    expect(textOf(preview.body)).toContain('3 pejabat baru');
    expect(await count('participants')).toBe(0);

    const csv = /name="csv" value="([^"]*)"/.exec(preview.body)![1]!.replace(/&#10;|&#x0?a;/gi, '\n');
    const saved = await client.post('/unit/pejabat/unggah/simpan', { csv: csv.includes('\n') ? csv : goodCsv });
    expect(saved).toMatchObject({ status: 303, location: '/unit/pejabat?ok=imported' });
    expect(await t.sql('select name from participants order by name')).toEqual([{ name: 'Ahmad Fauzi' }, { name: 'Budi Santoso' }, { name: 'Citra Lestari' }]);
  });

  it('refuses an upload without a file, and a file that is too large, in words', async () => {
    const { client } = await operatorOf();
    await client.get('/unit/pejabat/unggah');
    const none = await client.upload('/unit/pejabat/unggah', {});
    expect(none.status).toBe(400);
    expect(textOf(none.body)).toContain('Pilih berkas');
    const huge = await client.upload('/unit/pejabat/unggah', {}, { field: 'file', name: 'besar.csv', type: 'text/csv', bytes: Buffer.alloc(3 * 1024 * 1024, 'a') });
    expect(huge.status).toBe(413);
    expect(textOf(huge.body)).toMatch(/MB/);
  });

  it('shows another unit’s official as a page that does not exist', async () => {
    const { client } = await operatorOf();
    const other = await t.make.unit({ name: 'Dinas Kesehatan' });
    const theirs = await t.make.participant(other.id, { name: 'Dewi Anggraini' });
    const page = await client.get(`/unit/pejabat/${theirs.id}`);
    expect(page.status).toBe(404);
    expect(textOf(page.body)).not.toContain('Dewi Anggraini');
    expect((await client.get('/unit/pejabat/bukan-angka')).status).toBe(404);
  });
});

describe('enrolment', () => {
  it('enrols officials into batches the unit may join, shows the waitlist position, and cancels', async () => {
    const { unit, client } = await operatorOf();
    const programme = await t.make.programme();
    const batch = await t.make.batch(programme.id, { name: 'Angkatan I', capacity: 3, unitQuota: 3 });
    const neighbour = await t.make.participant((await t.make.unit({ name: 'Dinas Kesehatan' })).id, { name: 'Dewi Anggraini' });
    await t.organiser.post(`/batches/${batch.id}/enrolments`, { participantId: neighbour.id });
    await t.make.batch(programme.id, { name: 'Angkatan Camat', eligibleUnitKinds: ['kecamatan'] });
    const officials = [await t.make.participant(unit.id, { name: 'Ahmad Fauzi' }), await t.make.participant(unit.id, { name: 'Budi Santoso' }), await t.make.participant(unit.id, { name: 'Citra Lestari' })];
    const url = `/unit/program/${programme.id}/angkatan`;

    const page = await text(client, url);
    expect(page).toContain('Angkatan I');
    expect(page).not.toContain('Angkatan Camat');
    expect(page).toContain('Sisa kursi: 2 dari 3. Kursi unit Anda: 0 dari 3.');

    for (const [i, official] of officials.entries()) {
      const enrolled = await client.post(url, { batchId: String(batch.id), [`participantId-${batch.id}`]: String(official.id) });
      expect(enrolled).toMatchObject({ status: 303, location: `${url}?ok=${i < 2 ? 'enrolled' : 'waitlisted'}` });
      await client.follow(enrolled);
    }
    const after = await text(client, url);
    expect(after).toContain('Citra Lestari Daftar tunggu no. 1');

    const again = await client.post(url, { batchId: String(batch.id), [`participantId-${batch.id}`]: String(officials[0]!.id) });
    expect(again.status).toBe(409);
    expect(textOf(again.body)).toContain('sudah terdaftar');

    const enrolmentId = await t.sqlValue<number>('select id from enrolments where participant_id = ?', officials[0]!.id);
    expect(await client.post(`${url}/batal`, { enrolmentId: String(enrolmentId) })).toMatchObject({ status: 303, location: `${url}?ok=enrolmentCancelled` });
    // The waitlisted official took the seat.
    expect(await t.sqlOne('select status from enrolments where participant_id = ?', officials[2]!.id)).toEqual({ status: 'confirmed' });
  });

  it('refuses to enrol another unit’s official (404) and a batch of another programme', async () => {
    const { client } = await operatorOf();
    const other = await t.make.unit();
    const programme = await t.make.programme();
    const batch = await t.make.batch(programme.id);
    const theirs = await t.make.participant(other.id);
    const url = `/unit/program/${programme.id}/angkatan`;
    await client.get(url);
    const foreign = await client.post(url, { batchId: String(batch.id), [`participantId-${batch.id}`]: String(theirs.id) });
    expect(foreign.status).toBe(422);
    expect(textOf(foreign.body)).not.toContain(theirs.nip);
    const otherProgramme = await t.make.programme({ name: 'Program lain' });
    expect((await client.post(`/unit/program/${otherProgramme.id}/angkatan`, { batchId: String(batch.id), [`participantId-${batch.id}`]: String(theirs.id) })).status).toBe(404);
    expect(await count('enrolments')).toBe(0);
  });
});

describe('drafts', () => {
  it('submits a draft with a PDF, shows its status as the organiser moves it, and serves the document to its unit only', async () => {
    const { unit, client } = await operatorOf();
    const programme = await t.make.programme();
    const url = `/unit/program/${programme.id}/draf`;
    await client.get(url);

    const notPdf = await client.upload(url, { title: 'Draf SOP Dishub', sopCount: '8' }, { field: 'document', name: 'draf.pdf', type: 'application/pdf', bytes: 'bukan pdf sama sekali' });
    expect(notPdf.status).toBe(415);
    expect(textOf(notPdf.body)).toContain('Berkas harus PDF, DOCX atau XLSX.');
    expect(notPdf.body).toContain('value="Draf SOP Dishub"');
    expect(await count('drafts')).toBe(0);

    const noTitle = await client.upload(url, { title: '', sopCount: '8' });
    expect(noTitle.status).toBe(400);
    expect(await count('drafts')).toBe(0);

    const sent = await client.upload(url, { title: 'Draf SOP Dishub', sopCount: '8' }, { field: 'document', name: 'Draf SOP Perhubungan.pdf', type: 'application/pdf', bytes: PDF });
    expect(sent).toMatchObject({ status: 303, location: `${url}?ok=draftSent` });
    const draft = (await t.sqlOne<{ id: number; unitId: number; status: string; sha: string }>('select id, unit_id "unitId", status, document_sha256 sha from drafts'))!;
    expect(draft).toMatchObject({ unitId: unit.id, status: 'submitted', sha: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(textOf((await client.follow(sent)).body)).toContain('Draf SOP Dishub 8 Terkirim, menunggu diterima Senin, 2 September 2013, 09.00 WITA');
    // The home page does not tell a unit whose draft waits for the organiser to send one again.
    const waiting = await text(client, '/unit');
    expect(waiting).toContain('Draf SOP terkirim');
    expect(waiting).toContain('menunggu diterima');
    expect(waiting).not.toContain('Kirim draf SOP');

    await t.organiser.patch(`/drafts/${draft.id}`, { status: 'received' });
    expect(await text(client, url)).toMatch(/Draf SOP Dishub.*Diterima/);

    const download = await client.get(`/dokumen/draf/${draft.id}`);
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toContain("filename*=UTF-8''Draf%20SOP%20Perhubungan.pdf");
    expect(download.body).toBe(PDF.toString());

    const stranger = await operatorOf('Dinas Kesehatan', 'operator@dinkes.example.go.id');
    expect((await stranger.client.get(`/dokumen/draf/${draft.id}`)).status).toBe(404);
  });
});

describe('asistensi', () => {
  const windows = { bookingOpensAt: '2013-10-07T08:00:00+08:00', priorityUntil: '2013-10-11T00:00:00+08:00', cancelNoticeHours: 24 };

  it('explains the priority window and its end, then books, moves and cancels', async () => {
    t.clock.set('2013-10-08T10:00:00+08:00');
    const { unit, client } = await operatorOf();
    const { programme, slot } = await seedPeriod(t, windows);
    const url = `/unit/program/${programme.id}/asistensi`;

    const page = await text(client, url);
    expect(page).toContain('Jumat, 11 Oktober 2013, 00.00 WITA');
    expect(page).toMatch(/Senin, 21 Oktober 2013.*09\.00–/);
    expect(page).toContain('24 jam');

    const periodId = /name="periodId" value="(\d+)"/.exec((await client.get(url)).body)![1]!;
    const refused = await client.post(`${url}/pesan`, { periodId, slotId: String(slot('2013-10-22').id) });
    expect(refused.status).toBe(403);
    expect(textOf(refused.body)).toContain('Sampai Jumat, 11 Oktober 2013, 00.00 WITA, hanya unit yang draf SOP-nya sudah diterima');
    expect(await count('bookings')).toBe(0);

    // The organiser receives the unit's draft: now it may book.
    const draft = await t.organiser.post(`/programmes/${programme.id}/drafts`, { unitId: unit.id, title: 'Draf SOP Dishub', sopCount: 8 });
    await t.organiser.patch(`/drafts/${draft.body.id}`, { status: 'received' });
    const booked = await client.post(`${url}/pesan`, { periodId, slotId: String(slot('2013-10-22').id) });
    expect(booked).toMatchObject({ status: 303, location: `${url}?ok=booked` });
    const own = textOf((await client.follow(booked)).body);
    expect(own).toContain('Jadwal asistensi sudah dipesan.');
    expect(own).toMatch(/Jadwal Anda Selasa, 22 Oktober 2013, 09\.00–/);

    const bookingId = await t.sqlValue<number>('select id from bookings');
    const moved = await client.post(`${url}/pindah`, { bookingId: String(bookingId), slotId: String(slot('2013-10-23', '13:00').id) });
    expect(moved).toMatchObject({ status: 303, location: `${url}?ok=moved` });
    expect(textOf((await client.follow(moved)).body)).toMatch(/Jadwal Anda Rabu, 23 Oktober 2013, 13\.00–/);

    const cancelled = await client.post(`${url}/batal`, { bookingId: String(bookingId) });
    expect(cancelled).toMatchObject({ status: 303, location: `${url}?ok=bookingCancelled` });
    expect(await t.sqlOne('select status from bookings')).toEqual({ status: 'cancelled' });
  });

  it('says in words when the slot was just taken or the notice is too short', async () => {
    t.clock.set('2013-10-11T08:00:00+08:00');
    const { client } = await operatorOf();
    const { programme, period, slot } = await seedPeriod(t, windows);
    const url = `/unit/program/${programme.id}/asistensi`;
    const rival = await t.make.unit({ name: 'Dinas Kesehatan' });
    await t.as(await t.unitKey(rival.id)).post(`/asistensi-periods/${period.id}/bookings`, { unitId: rival.id, slotId: slot('2013-10-21').id });

    await client.get(url);
    const taken = await client.post(`${url}/pesan`, { periodId: String(period.id), slotId: String(slot('2013-10-21').id) });
    expect(taken.status).toBe(409);
    expect(textOf(taken.body)).toContain('Jadwal ini baru saja dipesan unit lain. Pilih jadwal lain.');
    // The grid shows the slot as taken, without the other unit's name.
    expect(textOf(taken.body)).not.toContain('Dinas Kesehatan');

    const booked = await client.post(`${url}/pesan`, { periodId: String(period.id), slotId: String(slot('2013-10-22').id) });
    expect(booked.status).toBe(303);
    t.clock.set('2013-10-21T10:00:00+08:00'); // 23 hours before the session (the session idles out past 2 hours: sign in again)
    await client.get('/masuk');
    await client.post('/masuk', { email: 'operator@dishub.example.go.id', password: 'kopi-pagi-di-martapura' });
    await client.get(url);
    const late = await client.post(`${url}/batal`, { bookingId: String(await t.sqlValue<number>('select id from bookings where slot_id = ?', slot('2013-10-22').id)) });
    expect(late.status).toBe(409);
    expect(textOf(late.body)).toContain('24 jam');
    expect(await t.sqlOne('select count(*) n from bookings where status = ?', 'active')).toEqual({ n: 2 });
  });

  it('asks for a slot with preferred dates and withdraws the request', async () => {
    t.clock.set('2013-10-11T08:00:00+08:00');
    const { client } = await operatorOf();
    const { programme, period } = await seedPeriod(t, windows);
    const url = `/unit/program/${programme.id}/asistensi`;
    await client.get(url);
    const bad = await client.post(`${url}/minta`, { periodId: String(period.id), preferredDates: ['2013-10-24', '2013-13-40'], notes: 'Pagi & <siang>' });
    expect(bad.status).toBe(400);
    // What was typed comes back, escaped.
    expect(bad.body).toMatch(/value="2013-10-24" checked/);
    expect(bad.body).toContain('>Pagi &amp; &lt;siang></textarea>');
    expect(bad.body).toContain('<a href="#preferredDates">');
    expect(bad.body).toMatch(/<fieldset[^>]* id="preferredDates"/);
    expect(await count('asistensi_requests')).toBe(0);

    const asked = await client.post(`${url}/minta`, { periodId: String(period.id), preferredDates: ['2013-10-24', '2013-10-25'], notes: 'Pagi hari lebih baik' });
    expect(asked).toMatchObject({ status: 303, location: `${url}?ok=requested` });
    const page = textOf((await client.follow(asked)).body);
    expect(page).toContain('24 Okt');
    const requestId = /name="requestId" value="(\d+)"/.exec((await client.get(url)).body)![1]!;
    expect(await client.post(`${url}/tarik`, { requestId })).toMatchObject({ status: 303, location: `${url}?ok=requestWithdrawn` });
    expect(await t.sqlOne('select status from asistensi_requests')).toEqual({ status: 'withdrawn' });
  });
});

describe('the calendar page', () => {
  it('issues the private feed address once, as webcal link, copy field and QR code, and the address serves the calendar', async () => {
    const { client } = await operatorOf();
    const before = await text(client, '/unit/kalender');
    expect(before).not.toContain('webcal://');
    const issued = await client.post('/unit/kalender');
    expect(issued.status).toBe(200);
    const webcal = /href="(webcal:\/\/[^"]+)"/.exec(issued.body)![1]!;
    expect(webcal).toMatch(/^webcal:\/\/sop\.banjarmasinkota\.go\.id\/calendars\/units\/[^/]+\.ics$/);
    expect(issued.body).toMatch(/<img class="qr" src="data:image\/svg\+xml;/);
    expect(textOf(issued.body)).toContain('Google Calendar');
    // Steps for Android phones beside Google, Outlook and iPhone: Google Calendar's website, or the ICSx⁵ app.
    expect(textOf(issued.body)).toContain('Android dengan Google Calendar: aplikasinya tidak dapat menambah kalender dari alamat, jadi tambahkan lewat situs web.');
    expect(textOf(issued.body)).toContain('Android dengan aplikasi ICSx⁵ (gratis di Google Play atau F-Droid');
    expect(issued.headers['cache-control']).toContain('no-store');

    const feed = await t.app.inject({ method: 'GET', url: new URL(webcal.replace('webcal:', 'https:')).pathname });
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toContain('text/calendar');
    expect(feed.body).toContain('BEGIN:VCALENDAR');

    // Later visits say when it was made, never the address itself; a new one retires the old.
    const later = await client.get('/unit/kalender');
    expect(later.body).not.toContain(webcal);
    await client.post('/unit/kalender');
    expect((await t.app.inject({ method: 'GET', url: new URL(webcal.replace('webcal:', 'https:')).pathname })).statusCode).toBe(410);
  });
});

describe('language', () => {
  it('serves the portal in English when chosen, remembered on the account', async () => {
    const { client } = await operatorOf();
    await client.get('/unit');
    const switched = await client.post('/bahasa/en', { kembali: '/unit/pejabat' });
    expect(switched).toMatchObject({ status: 303, location: '/unit/pejabat' });
    const page = await client.get('/unit/pejabat');
    expect(page.body).toContain('<html lang="en">');
    expect(textOf(page.body)).toContain('Officials');
    expect(await t.sqlOne('select language from users where role = ?', 'unit')).toEqual({ language: 'en' });
  });
});
