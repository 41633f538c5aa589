import { buildTestApp, type TestApp } from '../helpers/app';
import { seedPeriod } from '../helpers/asistensi';
import { signedInPerson, textOf, type PageClient } from '../helpers/pages';

/**
 * A unit's page (its officials, enrolments, drafts, sessions, requests, operators and notices),
 * deactivating and reactivating it with what that means shown first, and the drafts inbox:
 * a draft that came on paper recorded with its date, a submitted one accepted in one click.
 */

let t: TestApp;
let desk: PageClient;
beforeEach(async () => {
  t = await buildTestApp({ now: '2013-10-01T02:00:00Z' });
  desk = (await signedInPerson(t.app, t.organiser, { email: 'organisasi@example.go.id', name: 'Rina', role: 'organiser' })).client;
});
afterEach(() => t.app.close());

const count = (table: string) => t.count(table);
const link = (html: string, href: string) => html.includes(`href="${href}"`);

describe('a unit’s page', () => {
  it('shows its officials, enrolments, drafts, sessions, requests, operators and notices, each leading to its own page', async () => {
    const { programme, period, slot } = await seedPeriod(t);
    const batch = await t.make.batch(programme.id, { name: 'Angkatan I' });
    const unit = await t.make.unit({ code: 'DISHUB', name: 'Dinas Perhubungan', email: 'dishub@example.go.id' });
    const official = await t.make.participant(unit.id, { name: 'Ahmad Fauzi', position: 'Kepala Seksi Angkutan' });
    await t.organiser.post(`/batches/${batch.id}/enrolments`, { participantId: official.id });
    await t.as(await t.unitKey(unit.id)).post(`/programmes/${programme.id}/drafts`, { title: 'Draf SOP Lalu Lintas', sopCount: 8 });
    const booking = (await t.organiser.post(`/asistensi-periods/${period.id}/bookings`, { unitId: unit.id, slotId: slot('2013-10-22').id })).body;
    await t.organiser.delete(`/bookings/${booking.id}`);
    await t.organiser.post(`/asistensi-periods/${period.id}/requests`, { unitId: unit.id, preferredDates: ['2013-10-23'] });
    const operator = (await t.organiser.post('/users', { email: 'siti@dishub.example.go.id', name: 'Siti Rahmah', role: 'unit', unitId: unit.id })).body;
    const other = await t.make.unit({ name: 'Dinas Lain' });
    await t.make.participant(other.id, { name: 'Pegawai Unit Lain' });
    const notice = await t.sqlValue<number>('select id from notices where unit_id = ? order by id desc', unit.id);

    const page = await desk.get(`/organisasi/unit/${unit.id}`);
    expect(page.status).toBe(200);
    const text = textOf(page.body);
    for (const words of [
      'Pejabat (1)',
      'Ahmad Fauzi',
      official.nip.replace(/^(\d{8})(\d{6})(\d)(\d{3})$/, '$1 $2 $3 $4'),
      'Kepala Seksi Angkutan',
      'Penyusunan SOP 2013',
      'Angkatan I',
      'Terdaftar',
      'Draf SOP Lalu Lintas',
      'Terkirim, menunggu diterima',
      'Selasa, 22 Oktober 2013',
      'Dibatalkan',
      'Rabu, 23 Oktober 2013',
      'Menunggu',
      'Akun operator (1)',
      'Siti Rahmah',
      'Jadwal asistensi dibatalkan',
    ])
      expect({ words, shown: text.includes(words) }).toEqual({ words, shown: true });
    expect(text).not.toContain('Pegawai Unit Lain');
    for (const href of [
      `/organisasi/pejabat/${official.id}`,
      `/organisasi/angkatan/${batch.id}`,
      `/organisasi/asistensi/${period.id}`,
      `/organisasi/program/${programme.id}/draf`,
      `/organisasi/pemberitahuan/${notice}`,
      `/organisasi/pemberitahuan?unit=${unit.id}`,
      `/organisasi/pengguna/baru?unit=${unit.id}`,
      `/organisasi/unit/${unit.id}/nonaktifkan`,
      `/organisasi/asistensi/${period.id}/pesan?unitId=${unit.id}`,
    ])
      expect({ href, linked: link(page.body, href) }).toEqual({ href, linked: true });
    expect(page.body).toContain(`action="/organisasi/pengguna/${operator.id}/tautan"`);
    const enrolment = await t.sqlValue<number>('select id from enrolments where participant_id = ?', official.id);
    expect(link(page.body, `/organisasi/pendaftaran/${enrolment}/pindah`)).toBe(true);
    expect(link(page.body, `/organisasi/pendaftaran/${enrolment}/batal`)).toBe(true);

    // The form is on the page too, and still saves.
    expect(await desk.post(`/organisasi/unit/${unit.id}`, { code: 'DISHUB', name: 'Dinas Perhubungan Kota', kind: 'dinas', email: '' })).toMatchObject({
      status: 303,
      location: '/organisasi/unit?ok=unitSaved',
    });
    const bad = await desk.post(`/organisasi/unit/${unit.id}`, { code: 'ada spasi', name: 'X', kind: 'dinas' });
    expect(bad.status).toBe(400);
    expect(textOf(bad.body)).toContain('Ahmad Fauzi');

    // In English too.
    await desk.get('/bahasa/en');
    const english = textOf((await desk.get(`/organisasi/unit/${unit.id}`)).body);
    for (const words of ['Officials (1)', 'Batch enrolments', 'Enrolled', 'Asistensi sessions', 'Cancelled', 'Session requests', 'Operator accounts (1)', 'Latest notices'])
      expect({ words, shown: english.includes(words) }).toEqual({ words, shown: true });
    expect((await desk.get('/organisasi/unit/9999')).status).toBe(404);
  });

  it('says what deactivating means and what stays before doing it, then hides the unit, refuses new things for it, and reactivates it', async () => {
    const { programme, period, slot } = await seedPeriod(t);
    const batch = await t.make.batch(programme.id);
    const unit = await t.make.unit({ code: 'DAMKAR', name: 'Dinas Pemadam Kebakaran' });
    await t.make.unit({ code: 'DINKES', name: 'Dinas Kesehatan' });
    const official = await t.make.participant(unit.id);
    await t.organiser.post(`/batches/${batch.id}/enrolments`, { participantId: official.id });
    await t.organiser.post(`/asistensi-periods/${period.id}/bookings`, { unitId: unit.id, slotId: slot('2013-10-21').id });
    const { client: operator } = await signedInPerson(t.app, t.organiser, { email: 'op@damkar.example.go.id', name: 'Operator Damkar', role: 'unit', unitId: unit.id });

    const audited = await count('audit_log');
    const confirm = await desk.get(`/organisasi/unit/${unit.id}/nonaktifkan`);
    expect(confirm.status).toBe(200);
    const said = textOf(confirm.body);
    expect(said).toContain('Nonaktifkan Dinas Pemadam Kebakaran?');
    expect(said).toContain('1 pendaftaran angkatan yang masih berlaku');
    expect(said).toContain('1 jadwal asistensi yang masih terjadwal');
    expect(said).toContain('1 akun operator');
    expect(said).toContain('Operatornya tetap dapat masuk dan membaca');
    expect(await count('audit_log')).toBe(audited);
    expect(await t.sqlValue<string | null>('select deactivated_at from units where id = ?', unit.id)).toBeNull();

    // A form post without its choice changes nothing.
    expect((await desk.post(`/organisasi/unit/${unit.id}/status`, {})).status).toBe(400);
    const done = await desk.post(`/organisasi/unit/${unit.id}/status`, { active: 'false' });
    expect(done).toMatchObject({ status: 303, location: `/organisasi/unit/${unit.id}?ok=unitDeactivated` });
    const page = textOf((await desk.follow(done)).body);
    expect(page).toContain('Unit kerja sudah dinonaktifkan.');
    expect(page).toContain('Nonaktif');
    expect(page).toContain('Unit ini dinonaktifkan sejak');
    expect(page).toContain('Unit nonaktif tidak dapat mendapat operator baru.');
    expect((await desk.get(`/organisasi/unit/${unit.id}/nonaktifkan`)).location).toBe(`/organisasi/unit/${unit.id}`);

    // The list hides it unless asked.
    expect(textOf((await desk.get('/organisasi/unit')).body)).not.toContain('Dinas Pemadam Kebakaran');
    const inactive = textOf((await desk.get('/organisasi/unit?status=nonaktif')).body);
    expect(inactive).toContain('Dinas Pemadam Kebakaran');
    expect(inactive).not.toContain('Dinas Kesehatan');
    expect(textOf((await desk.get('/organisasi/unit?status=semua')).body)).toMatch(/Dinas Pemadam Kebakaran Nonaktif/);

    // Inviting an operator for it is refused, saying why and how to undo it, beside the unit field.
    expect(textOf((await desk.get('/organisasi/pengguna/baru')).body)).not.toContain('Dinas Pemadam Kebakaran');
    const invite = await desk.post('/organisasi/pengguna/baru', { name: 'Budi', email: 'budi@damkar.example.go.id', role: 'unit', unitId: String(unit.id) });
    expect(invite.status).toBe(409);
    expect(textOf(invite.body)).toContain('Dinas Pemadam Kebakaran sudah dinonaktifkan');
    expect(textOf(invite.body)).toContain('dapat mengaktifkannya lagi di halaman unit');

    // Its operator still signs in and reads, and is told why a new draft is refused.
    expect((await operator.get('/unit')).status).toBe(200);
    expect((await operator.get(`/unit/program/${programme.id}/draf`)).status).toBe(200);
    const sent = await operator.upload(`/unit/program/${programme.id}/draf`, { title: 'Draf SOP Damkar', sopCount: '4' });
    expect(sent.status).toBe(409);
    expect(textOf(sent.body)).toContain('Dinas Pemadam Kebakaran sudah dinonaktifkan');
    await operator.get('/bahasa/en');
    const english = await operator.upload(`/unit/program/${programme.id}/draf`, { title: 'Draf SOP Damkar', sopCount: '4' });
    expect(textOf(english.body)).toContain('Dinas Pemadam Kebakaran has been deactivated');
    expect(await count('drafts')).toBe(0);

    // Reactivated from its page.
    await desk.get(`/organisasi/unit/${unit.id}`);
    expect(await desk.post(`/organisasi/unit/${unit.id}/status`, { active: 'true' })).toMatchObject({ status: 303, location: `/organisasi/unit/${unit.id}?ok=unitReactivated` });
    expect(textOf((await desk.get('/organisasi/unit')).body)).toContain('Dinas Pemadam Kebakaran');
    expect(await t.sqlValue<string | null>('select deactivated_at from units where id = ?', unit.id)).toBeNull();
  });
});

describe('the drafts inbox', () => {
  it('records a draft that came on paper with the day it came, in the programme’s zone, and refuses what is wrong beside its field', async () => {
    const programme = await t.make.programme({ timezone: 'WITA' });
    const unit = await t.make.unit({ name: 'Dinas Perhubungan' });
    const gone = await t.make.unit({ name: 'Dinas Lama' });
    await t.organiser.patch(`/units/${gone.id}`, { active: false });
    const url = `/organisasi/program/${programme.id}/draf/catat`;

    const inbox = await desk.get(`/organisasi/program/${programme.id}/draf`);
    expect(link(inbox.body, url)).toBe(true);
    const form = await desk.get(url);
    expect(form.status).toBe(200);
    // Today in the programme's zone (10.00 WITA on 1 October), and only active units to choose from.
    expect(form.body).toMatch(/name="receivedAt"[^>]*value="2013-10-01"/);
    expect(textOf(form.body)).toContain('Dinas Perhubungan');
    expect(textOf(form.body)).not.toContain('Dinas Lama');

    // Blank, a future date, and a file that is not a document: each said beside its field.
    const blank = await desk.upload(url, { unitId: '', title: '', sopCount: '', receivedAt: '' });
    expect(blank.status).toBe(400);
    for (const field of ['unitId', 'title', 'sopCount', 'receivedAt']) expect(blank.body).toContain(`href="#${field}"`);
    const future = await desk.upload(url, { unitId: String(unit.id), title: 'Draf SOP', sopCount: '3', receivedAt: '02/10/2013' });
    expect(future.status).toBe(400);
    expect(textOf(future.body)).toContain('Tanggal diterima tidak boleh setelah hari ini (Selasa, 1 Oktober 2013).');
    const picture = await desk.upload(url, { unitId: String(unit.id), title: 'Draf SOP', sopCount: '3', receivedAt: '2013-10-01' }, { field: 'document', name: 'foto.png', type: 'image/png', bytes: Buffer.from('\x89PNG\r\n\x1a\nxxxx') });
    expect(picture.status).toBe(415);
    expect(textOf(picture.body)).toContain('Berkas harus PDF, DOCX atau XLSX.');
    const inactive = await desk.upload(url, { unitId: String(gone.id), title: 'Draf SOP', sopCount: '3', receivedAt: '2013-10-01' });
    expect(inactive.status).toBe(409);
    expect(textOf(inactive.body)).toContain('Dinas Lama sudah dinonaktifkan');
    expect(await count('drafts')).toBe(0);

    // A draft that came on 27 September (typed as Indonesians write it), with its scan; one that came today.
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
    const paper = await desk.upload(url, { unitId: String(unit.id), title: 'Draf SOP Lalu Lintas', sopCount: '12', receivedAt: '27/09/2013' }, { field: 'document', name: 'pindaian.pdf', type: 'application/pdf', bytes: pdf });
    expect(paper).toMatchObject({ status: 303, location: `/organisasi/program/${programme.id}/draf?ok=draftRecorded` });
    await desk.get(url);
    await desk.upload(url, { unitId: String(unit.id), title: 'Draf SOP Parkir', sopCount: '2', receivedAt: '2013-10-01' });
    expect(await t.sql('select title, status, received_at "receivedAt", document_name document from drafts order by id')).toEqual([
      // Midnight of 27 September in Makassar.
      { title: 'Draf SOP Lalu Lintas', status: 'received', receivedAt: '2013-09-26T16:00:00.000Z', document: 'pindaian.pdf' },
      { title: 'Draf SOP Parkir', status: 'received', receivedAt: '2013-10-01T02:00:00.000Z', document: null },
    ]);
    const listed = textOf((await desk.follow(paper)).body);
    expect(listed).toContain('Draf sudah dicatat sebagai diterima.');
    expect(listed).toContain('Jumat, 27 September 2013');
    // The same service call as the API: the audit log has the organiser's record of it.
    expect(await t.sqlValue("select count(*) n from audit_log where action = 'draft.create'")).toBe(2);
  });

  it('accepts a submitted draft in one click, and only a draft of that programme', async () => {
    const programme = await t.make.programme();
    const otherProgramme = await t.make.programme({ name: 'Program Lain' });
    const unit = await t.make.unit({ name: 'Dinas Perhubungan' });
    const unitKey = t.as(await t.unitKey(unit.id));
    const draft = (await unitKey.post(`/programmes/${programme.id}/drafts`, { title: 'Draf SOP Dishub', sopCount: 8 })).body;
    const elsewhere = (await unitKey.post(`/programmes/${otherProgramme.id}/drafts`, { title: 'Draf Lain', sopCount: 1 })).body;
    const url = `/organisasi/program/${programme.id}/draf`;

    const inbox = await desk.get(url);
    expect(inbox.body).toContain(`action="${url}/${draft.id}/terima"`);
    expect(inbox.body).toContain('aria-label="Terima Draf SOP Dishub dari Dinas Perhubungan"');
    expect(textOf(inbox.body)).toContain('Belum diterima');

    expect((await desk.post(`${url}/${elsewhere.id}/terima`)).status).toBe(404);
    t.clock.advance({ hours: 1 });
    const accepted = await desk.post(`${url}/${draft.id}/terima`);
    expect(accepted).toMatchObject({ status: 303, location: `${url}?ok=draftAccepted` });
    expect(await t.sqlOne('select status, received_at "receivedAt" from drafts where id = ?', draft.id)).toEqual({ status: 'received', receivedAt: '2013-10-01T03:00:00.000Z' });
    const after = await desk.follow(accepted);
    expect(textOf(after.body)).toContain('Draf sudah diterima.');
    expect(after.body).not.toContain(`action="${url}/${draft.id}/terima"`);
    // The unit is told, as when the API accepts it.
    expect(await t.sqlValue("select count(*) n from notices where kind = 'draft_status'")).toBe(1);

    // A draft already further along is not taken back.
    await t.organiser.patch(`/drafts/${draft.id}`, { status: 'reviewed' });
    const backwards = await desk.post(`${url}/${draft.id}/terima`);
    expect(backwards.status).toBe(409);
    expect(textOf(backwards.body)).toContain('Status draf tidak dapat mundur.');
  });
});
