import { buildTestApp, type SqlParam, type TestApp } from '../helpers/app';
import { seedPeriod } from '../helpers/asistensi';
import { signedInPerson, textOf, type PageClient } from '../helpers/pages';

/** The seed period runs 21 October to 1 November 2013 (09.00 and 13.00 WITA). */
let t: TestApp;
let desk: PageClient;
beforeEach(async () => {
  t = await buildTestApp({ now: '2013-10-01T01:00:00Z' });
  desk = (await signedInPerson(t.app, t.organiser, { email: 'organisasi@pemda.example.go.id', name: 'Rina', role: 'organiser' })).client;
});
afterEach(() => t.app.close());

/** Reads a page in English (the account's language switch), then back to Indonesian. */
async function inEnglish(read: () => Promise<{ body: string }>) {
  await desk.get('/bahasa/en');
  const reply = await read();
  await desk.get('/bahasa/id');
  return reply;
}

const row = (sql: string, ...args: SqlParam[]) => t.sqlOne(sql, ...args);
const windows = { bookingOpensAt: '2013-10-07T08:00:00+08:00', priorityUntil: '2013-10-11T00:00:00+08:00', bookingClosesAt: '2013-10-18T16:00:00+08:00', priorityCutoff: '2013-10-04T23:59:00+08:00' };
const editForm = (fields: Record<string, string> = {}) => ({
  name: 'Asistensi SOP 2013',
  location: '',
  bookingOpensAt: '2013-10-07T08:00',
  priorityUntil: '2013-10-11T00:00',
  bookingClosesAt: '2013-10-18T16:00',
  priorityCutoff: '2013-10-04T23:59',
  cancelNoticeHours: '24',
  'slotStart-1': '09:00',
  'slotEnd-1': '12:00',
  'slotStart-2': '13:00',
  'slotEnd-2': '16:00',
  ...fields,
});

describe('changing a period from its page', () => {
  it('shows the period as it is, refuses windows out of order beside the field in both languages, and saves a window change at once', async () => {
    const { period } = await seedPeriod(t, windows);
    const url = `/organisasi/asistensi/${period.id}/ubah`;
    const form = await desk.get(url);
    expect(form.status).toBe(200);
    expect(form.body).toContain('value="2013-10-11T00:00"');
    expect(form.body).toContain('value="2013-10-04T23:59"');
    expect(form.body).toContain('value="13:00"');
    expect(textOf(form.body)).toContain('Berlaku untuk hari mulai Selasa, 1 Oktober 2013'.replace('Selasa, 1 Oktober', 'Senin, 21 Oktober'));

    const bad = await desk.post(url, editForm({ priorityUntil: '2013-10-05T00:00', aksi: 'simpan' }));
    expect(bad.status).toBe(400);
    expect(bad.body).toMatch(/id="priorityUntil-error"[^>]*>Masa prioritas tidak boleh berakhir sebelum pemesanan dibuka\./);
    const english = await inEnglish(async () => {
      await desk.get(url);
      return desk.post(url, editForm({ bookingClosesAt: '2013-10-09T00:00', aksi: 'simpan' }));
    });
    expect(textOf(english.body)).toContain('Booking cannot close before the priority period ends.');
    const typo = await desk.post(url, editForm({ bookingOpensAt: 'besok pagi', 'slotEnd-2': '12.30', aksi: 'simpan' }));
    expect(typo.body).toMatch(/id="bookingOpensAt-error"/);
    // Every field's problem at once: the date typed and the session that ends before it starts ("12.30" read as 12:30).
    expect(typo.body).toMatch(/id="slotEnd-2-error"[^>]*>Jam selesai harus sesudah jam mulai\./);
    const overlap = await desk.post(url, editForm({ 'slotStart-3': '11:00', 'slotEnd-3': '12:30', aksi: 'simpan' }));
    expect(overlap.body).toMatch(/id="slotStart-3-error"[^>]*>Sesi ini bertumpang tindih dengan sesi lain\./);
    expect(await row('select name, priority_until from asistensi_periods')).toEqual({ name: 'Asistensi SOP 2013', priority_until: '2013-10-10T16:00:00.000Z' });

    // Windows and the name move no session: saved without a second look.
    const saved = await desk.post(url, editForm({ name: 'Asistensi Gelombang 1', priorityUntil: '2013-10-14T08:00', location: 'Aula Setda', aksi: 'simpan' }));
    expect(saved).toMatchObject({ status: 303, location: `/organisasi/asistensi/${period.id}?ok=periodSaved` });
    expect(textOf((await desk.follow(saved)).body)).toContain('Perubahan periode asistensi sudah disimpan.');
    expect(await row('select name, location, priority_until from asistensi_periods')).toEqual({ name: 'Asistensi Gelombang 1', location: 'Aula Setda', priority_until: '2013-10-14T00:00:00.000Z' });
  });

  it('shows which sessions a change of slot times moves or removes, and saves it only as shown', async () => {
    const { period, slot } = await seedPeriod(t);
    const dishub = await t.make.unit({ name: 'Dinas Perhubungan' });
    const dinkes = await t.make.unit({ name: 'Dinas Kesehatan' });
    await t.organiser.post(`/asistensi-periods/${period.id}/bookings`, { unitId: dishub.id, slotId: slot('2013-10-22', '09:00').id });
    await t.organiser.post(`/asistensi-periods/${period.id}/bookings`, { unitId: dinkes.id, slotId: slot('2013-10-23', '13:00').id });
    const url = `/organisasi/asistensi/${period.id}/ubah`;
    await desk.get(url);
    const change = editForm({ bookingOpensAt: '', priorityUntil: '', bookingClosesAt: '', priorityCutoff: '', 'slotStart-1': '08.00', 'slotEnd-1': '11.30', 'slotStart-2': '', 'slotEnd-2': '' });

    const preview = await desk.post(url, { ...change, aksi: 'pratinjau' });
    expect(preview.status).toBe(200);
    const text = textOf(preview.body);
    expect(text).toContain('1 jadwal berganti jam (unit diberi tahu lewat email): Dinas Perhubungan: Selasa, 22 Oktober 2013, 09.00–12.00 WITA menjadi 08.00–11.30 WITA');
    expect(text).toContain('1 jadwal kehilangan sesinya (unit diberi tahu, dan didahulukan saat penjadwalan otomatis): Dinas Kesehatan: Rabu, 23 Oktober 2013, 13.00–16.00 WITA');
    expect(await row('select count(*) n from slots where start_time = ?', '08:00')).toEqual({ n: 0 });

    // Saving without having seen the effect shows it first.
    const unseen = await desk.post(url, { ...change, aksi: 'simpan' });
    expect(unseen.status).toBe(409);
    expect(textOf(unseen.body)).toContain('Perubahan ini menggeser jadwal unit.');
    const fingerprint = /name="pratinjau" value="([0-9a-f]+)"/.exec(preview.body)![1]!;
    const saved = await desk.post(url, { ...change, aksi: 'simpan', pratinjau: fingerprint });
    expect(saved).toMatchObject({ status: 303, location: `/organisasi/asistensi/${period.id}?ok=periodSaved` });
    expect(await row('select b.status, s.start_time, s.end_time from bookings b join slots s on s.id = b.slot_id where b.unit_id = ?', dishub.id)).toEqual({ status: 'active', start_time: '08:00', end_time: '11:30' });
    expect(await row('select status from bookings where unit_id = ?', dinkes.id)).toEqual({ status: 'displaced' });
  });

  it('keeps the slot times of the days that have come and asks for nothing when every day has come', async () => {
    const { period } = await seedPeriod(t);
    t.clock.set('2013-11-02T10:00:00+08:00');
    const page = await desk.get(`/organisasi/asistensi/${period.id}/ubah`);
    expect(page.body).not.toContain('name="slotStart-1"');
    const saved = await desk.post(`/organisasi/asistensi/${period.id}/ubah`, editForm({ bookingOpensAt: '', priorityUntil: '', bookingClosesAt: '', priorityCutoff: '', 'slotStart-1': '07:00', aksi: 'simpan' }));
    expect(saved.status).toBe(303);
    expect(await row('select count(*) n from slots where start_time = ?', '07:00')).toEqual({ n: 0 });
  });
});

describe('reopening a closed day', () => {
  it('lists the closed days, shows what reopening adds and releases, then reopens', async () => {
    const { period } = await seedPeriod(t);
    await t.organiser.post(`/asistensi-periods/${period.id}/closures`, { date: '2013-10-24', reason: 'Rapat paripurna DPRD' });
    const page = textOf((await desk.get(`/organisasi/asistensi/${period.id}`)).body);
    expect(page).toContain('Hari yang ditutup Kamis, 24 Oktober 2013: Rapat paripurna DPRD Buka kembali');

    const confirm = await desk.get(`/organisasi/asistensi/${period.id}/buka?tanggal=2013-10-24`);
    const text = textOf(confirm.body);
    expect(text).toContain('Tanggal ini menjadi hari kerja periode lagi, dengan sesi 09.00–12.00 WITA, 13.00–16.00 WITA');
    expect(text).toContain('Supaya jumlah hari kerja tetap, Senin, 4 November 2013 tidak lagi termasuk periode.');
    expect((await desk.get(`/organisasi/asistensi/${period.id}/buka?tanggal=2013-10-25`)).status).toBe(404);

    const reopened = await desk.post(`/organisasi/asistensi/${period.id}/buka`, { date: '2013-10-24' });
    expect(reopened).toMatchObject({ status: 303, location: `/organisasi/asistensi/${period.id}?ok=dayReopened` });
    expect((await t.organiser.get(`/asistensi-periods/${period.id}`)).body.closedDates).toEqual([]);
  });

  it('says why a day cannot be reopened while the day it would release is booked, and offers no button', async () => {
    const { period } = await seedPeriod(t);
    await t.organiser.post(`/asistensi-periods/${period.id}/closures`, { date: '2013-10-24', reason: 'Rapat' });
    const slots = (await t.organiser.get(`/asistensi-periods/${period.id}/slots?date=2013-11-04`)).body;
    const unit = await t.make.unit();
    await t.organiser.post(`/asistensi-periods/${period.id}/bookings`, { unitId: unit.id, slotId: slots[0].id });
    const confirm = await desk.get(`/organisasi/asistensi/${period.id}/buka?tanggal=2013-10-24`);
    expect(confirm.status).toBe(409);
    expect(textOf(confirm.body)).toContain('hari yang dilepas sebagai gantinya sudah dipesan unit');
    expect(confirm.body).not.toContain('Buka kembali tanggal ini</button>');
    const english = await inEnglish(() => desk.get(`/organisasi/asistensi/${period.id}/buka?tanggal=2013-10-24`));
    expect(textOf(english.body)).toContain('the day it would release is booked by a unit');
  });
});

describe('booking for a unit that phoned in', () => {
  it('books past the priority window (recorded), moves, and cancels after a confirmation; only active units are offered', async () => {
    t.clock.set('2013-10-08T10:00:00+08:00');
    // A week later: the morning's session has idled out.
    desk = (await signedInPerson(t.app, t.organiser, { email: 'meja@pemda.example.go.id', name: 'Meja', role: 'organiser' })).client;
    const { period, slot } = await seedPeriod(t, windows);
    const dishub = await t.make.unit({ name: 'Dinas Perhubungan' });
    const gone = await t.make.unit({ name: 'Kantor Lama' });
    await t.organiser.patch(`/units/${gone.id}`, { active: false });
    const url = `/organisasi/asistensi/${period.id}/pesan`;

    const choose = await desk.get(url);
    expect(choose.body).toContain(`<option value="${dishub.id}">Dinas Perhubungan</option>`);
    expect(choose.body).not.toContain('Kantor Lama');
    const chosen = await desk.get(`${url}?unitId=${dishub.id}`);
    const text = textOf(chosen.body);
    expect(text).toContain('Pilih sesi kosong untuk Dinas Perhubungan.');
    expect(text).toContain('Unit ini tidak dapat memesan sendiri sekarang: masa prioritas');

    const booked = await desk.post(url, { unitId: String(dishub.id), slotId: String(slot('2013-10-22').id) });
    expect(booked).toMatchObject({ status: 303, location: `${url}?unitId=${dishub.id}&ok=booked` });
    const audit = (await t.organiser.get('/audit?entity=booking')).body;
    expect(audit[0]).toMatchObject({ action: 'booking.create', after: { unitId: dishub.id, overrides: ['PRIORITY_WINDOW'] } });
    const withBooking = await desk.follow(booked);
    expect(textOf(withBooking.body)).toContain('Dinas Perhubungan sudah punya jadwal: Selasa, 22 Oktober 2013, 09.00–12.00 WITA.');
    expect(withBooking.body).toContain('aria-label="Pindahkan Dinas Perhubungan ke Rabu, 23 Oktober 2013, 09.00–12.00 WITA"');
    expect((await desk.get(url)).body).toContain(`Dinas Perhubungan (punya jadwal Selasa, 22 Oktober 2013, 09.00–12.00 WITA)`);

    const bookingId = (await row('select id from bookings') as { id: number }).id;
    const moved = await desk.post(`/organisasi/asistensi/${period.id}/pindah`, { bookingId: String(bookingId), slotId: String(slot('2013-10-23').id) });
    expect(moved).toMatchObject({ status: 303, location: `${url}?unitId=${dishub.id}&ok=moved` });
    expect(await row('select s.date from bookings b join slots s on s.id = b.slot_id')).toEqual({ date: '2013-10-23' });

    // The period page leads from the unit's slot to the desk.
    expect((await desk.get(`/organisasi/asistensi/${period.id}`)).body).toContain(`href="${url}?unitId=${dishub.id}"`);

    const confirm = await desk.get(`/organisasi/asistensi/${period.id}/batal?pesanan=${bookingId}`);
    expect(textOf(confirm.body)).toContain('Jadwal Dinas Perhubungan pada Rabu, 23 Oktober 2013, 09.00–12.00 WITA dibatalkan dan sesinya menjadi kosong.');
    expect(await row('select status from bookings')).toEqual({ status: 'active' });
    const cancelled = await desk.post(`/organisasi/asistensi/${period.id}/batal`, { bookingId: String(bookingId) });
    expect(cancelled).toMatchObject({ status: 303, location: `${url}?unitId=${dishub.id}&ok=bookingCancelled` });
    expect(await row('select status from bookings')).toEqual({ status: 'cancelled' });
    expect((await desk.get(`/organisasi/asistensi/${period.id}/batal?pesanan=${bookingId}`)).status).toBe(404);
  });

  it('says in words when the slot was just taken, and keeps bookings of another period out', async () => {
    const { period, slot } = await seedPeriod(t);
    const [a, b] = [await t.make.unit({ name: 'Dinas A' }), await t.make.unit({ name: 'Dinas B' })];
    await t.organiser.post(`/asistensi-periods/${period.id}/bookings`, { unitId: a.id, slotId: slot('2013-10-22').id });
    await desk.get(`/organisasi/asistensi/${period.id}/pesan?unitId=${b.id}`);
    const taken = await desk.post(`/organisasi/asistensi/${period.id}/pesan`, { unitId: String(b.id), slotId: String(slot('2013-10-22').id) });
    expect(taken.status).toBe(409);
    expect(textOf(taken.body)).toContain('Jadwal ini baru saja dipesan unit lain. Pilih jadwal lain.');
    const other = await seedPeriod(t);
    const elsewhere = (await row('select id from bookings') as { id: number }).id;
    expect((await desk.get(`/organisasi/asistensi/${other.period.id}/batal?pesanan=${elsewhere}`)).status).toBe(404);
    expect((await desk.post(`/organisasi/asistensi/${other.period.id}/batal`, { bookingId: String(elsewhere) })).status).toBe(404);
  });
});

describe('a new period before today', () => {
  const periodForm = (startDate: string) => ({ name: 'Asistensi susulan', startDate, workingDays: '3', 'slotStart-1': '09:00', 'slotEnd-1': '12:00', cancelNoticeHours: '24', skipWeekends: 'true', useNationalHolidays: 'true' });

  it('asks for a confirmation, in both languages, then creates it', async () => {
    const programme = await t.make.programme({ timezone: 'WITA' });
    const url = `/organisasi/program/${programme.id}/asistensi/baru`;
    await desk.get(url);
    const asked = await desk.post(url, { ...periodForm('2013-09-23'), aksi: 'simpan' });
    expect(asked.status).toBe(400);
    expect(asked.body).toMatch(/id="confirmPast-error"[^>]*>Hari pertama sudah lewat\./);
    expect(textOf(asked.body)).toContain('Ya, periode ini memang dimulai Senin, 23 September 2013, sebelum hari ini');
    const english = await inEnglish(async () => {
      await desk.get(url);
      return desk.post(url, { ...periodForm('2013-09-23'), aksi: 'simpan' });
    });
    await desk.get(url);
    expect(textOf(english.body)).toContain('The first day has passed.');
    expect(await row('select count(*) n from asistensi_periods')).toEqual({ n: 0 });
    // Today (1 October in WITA) is not before today.
    expect((await desk.post(url, { ...periodForm('2013-10-01'), name: 'Hari ini', aksi: 'simpan' })).status).toBe(303);
    const created = await desk.post(url, { ...periodForm('2013-09-23'), confirmPast: 'true', aksi: 'simpan' });
    expect(created.status).toBe(303);
    expect(await row('select count(*) n from asistensi_periods')).toEqual({ n: 2 });
  });
});

describe("the unit's asistensi page", () => {
  async function operator(fields: { unitName?: string } = {}) {
    const unit = await t.make.unit({ name: fields.unitName ?? 'Dinas Perhubungan' });
    const { client } = await signedInPerson(t.app, t.organiser, { email: `operator${unit.id}@dishub.example.go.id`, name: 'Operator', role: 'unit', unitId: unit.id });
    return { unit, client };
  }
  const bookButtons = (html: string) => (html.match(/action="\/unit\/program\/\d+\/asistensi\/pesan"/g) ?? []).length;

  it('tells a unit whose draft awaits acceptance why it cannot book in the priority window, never to send a draft, and shows no Pesan button', async () => {
    t.clock.set('2013-10-08T10:00:00+08:00');
    const { unit, client } = await operator();
    const { programme } = await seedPeriod(t, { ...windows, priorityCutoff: null });
    await t.as(await t.unitKey(unit.id)).post(`/programmes/${programme.id}/drafts`, { title: 'Draf SOP Dishub', sopCount: 8 });
    const url = `/unit/program/${programme.id}/asistensi`;
    const page = await client.get(url);
    const text = textOf(page.body);
    expect(text).toContain('Sampai Jumat, 11 Oktober 2013, 00.00 WITA, hanya unit yang draf SOP-nya sudah diterima Bagian Organisasi yang dapat memesan.');
    expect(text).toContain('Draf SOP unit Anda sudah dikirim (Selasa, 8 Oktober 2013, 10.00 WITA) dan menunggu diterima Bagian Organisasi. Begitu draf diterima, Anda dapat langsung memesan.');
    expect(text).not.toMatch(/Kirim draf/i);
    expect(bookButtons(page.body)).toBe(0);
    // No partner set: no partner named.
    expect(text).toContain('Asistensi adalah pendampingan penyusunan draf SOP oleh Bagian Organisasi. Setiap unit mendapat satu jadwal.');

    await client.get('/bahasa/en');
    const english = textOf((await client.get(url)).body);
    expect(english).toContain('is waiting for Bagian Organisasi to receive it. As soon as it is received, you may book.');
    expect(english).not.toMatch(/send (it|the draft|your draft)/i);
  });

  it('names the programme’s asistensi partner, says when booking opens or closed, and the priority for units without a draft', async () => {
    const { client } = await operator();
    const { programme } = await seedPeriod(t, windows);
    await t.organiser.patch(`/programmes/${programme.id}`, { asistensiPartner: 'Biro Organisasi Setda Provinsi' });
    const url = `/unit/program/${programme.id}/asistensi`;
    const before = await client.get(url);
    expect(textOf(before.body)).toContain('oleh Bagian Organisasi bersama Biro Organisasi Setda Provinsi.');
    expect(textOf(before.body)).toContain('Pemesanan belum dibuka. Anda dapat memesan mulai Senin, 7 Oktober 2013, 08.00 WITA.');
    expect(textOf(before.body)).toContain('Unit Anda belum mengirim draf SOP. Kirim draf agar diterima lebih dulu, atau pesan mulai Jumat, 11 Oktober 2013, 00.00 WITA.');
    expect(before.body).toContain(`href="/unit/program/${programme.id}/draf"`);
    expect(bookButtons(before.body)).toBe(0);

    t.clock.set('2013-10-19T08:00:00+08:00');
    const { client: later } = await operator({ unitName: 'Dinas Kesehatan' });
    const closed = await later.get(url);
    expect(textOf(closed.body)).toContain('Pemesanan sudah ditutup.');
    expect(bookButtons(closed.body)).toBe(0);
  });

  it('offers Pesan once the window is open to the unit, and no Pindah or Batalkan once its session is too close', async () => {
    t.clock.set('2013-10-12T09:00:00+08:00');
    const { unit, client } = await operator();
    const { programme, period, slot } = await seedPeriod(t, { ...windows, bookingClosesAt: '2013-10-30T16:00:00+08:00' });
    const url = `/unit/program/${programme.id}/asistensi`;
    expect(bookButtons((await client.get(url)).body)).toBe(20);
    await t.as(await t.unitKey(unit.id)).post(`/asistensi-periods/${period.id}/bookings`, { slotId: slot('2013-10-22').id });
    const booked = await client.get(url);
    expect(textOf(booked.body)).toContain('Anda dapat memindah atau membatalkan jadwal ini sampai Senin, 21 Oktober 2013, 09.00 WITA.');
    expect(booked.body).toContain('Pindah ke sini');
    expect(booked.body).toContain('Batalkan jadwal');

    t.clock.set('2013-10-21T09:30:00+08:00');
    const { client: again } = await signedInPerson(t.app, t.organiser, { email: 'kedua@dishub.example.go.id', name: 'Operator Kedua', role: 'unit', unitId: unit.id });
    const late = await again.get(url);
    expect(textOf(late.body)).toContain('Jadwal ini tidak dapat lagi dipindah atau dibatalkan sendiri (batasnya Senin, 21 Oktober 2013, 09.00 WITA). Hubungi Bagian Organisasi bila ada perubahan.');
    expect(late.body).not.toContain('Pindah ke sini');
    expect(late.body).not.toContain('Batalkan jadwal</button>');
  });
});
