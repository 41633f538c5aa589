import { buildTestApp, type TestApp } from '../helpers/app';
import { seedPeriod } from '../helpers/asistensi';
import { signedInPerson, textOf, type PageClient } from '../helpers/pages';

let t: TestApp;
let desk: PageClient;
beforeEach(async () => {
  t = await buildTestApp({ now: '2013-10-01T01:00:00Z' });
  desk = (await signedInPerson(t.app, t.organiser, { email: 'organisasi@banjarmasinkota.go.id', name: 'Rina', role: 'organiser' })).client;
});
afterEach(() => t.app.close());

const count = (table: string) => t.count(table);
const periodForm = (fields: Record<string, string> = {}) => ({
  name: 'Asistensi SOP 2013',
  startDate: '2013-10-07',
  workingDays: '10',
  'slotStart-1': '09:00',
  'slotEnd-1': '12:00',
  'slotStart-2': '13:00',
  'slotEnd-2': '16:00',
  location: 'Ruang Rapat Bagian Organisasi',
  bookingOpensAt: '2013-10-02T08:00',
  priorityUntil: '',
  bookingClosesAt: '',
  cancelNoticeHours: '24',
  skipWeekends: 'true',
  useNationalHolidays: 'true',
  ...fields,
});

describe('asistensi on the console', () => {
  it('previews the working days of a new period (the skipped days and why) before creating it', async () => {
    const programme = await t.make.programme({ timezone: 'WITA' });
    const url = `/organisasi/program/${programme.id}/asistensi/baru`;
    await desk.get(url);
    const preview = await desk.post(url, { ...periodForm(), aksi: 'pratinjau' });
    expect(preview.status).toBe(200);
    const text = textOf(preview.body);
    expect(text).toContain('10 hari kerja, Senin, 7 Oktober 2013 sampai Selasa, 22 Oktober 2013.');
    expect(text).toContain('Hari yang dilewati Sabtu, 12 Oktober 2013: akhir pekan Minggu, 13 Oktober 2013: akhir pekan Senin, 14 Oktober 2013: cuti bersama (Cuti Bersama Hari Raya Idul Adha 1434 Hijriyah) Selasa, 15 Oktober 2013: libur nasional (Hari Raya Idul Adha 1434 Hijriyah)');
    expect(preview.body).toContain('value="Ruang Rapat Bagian Organisasi"');
    expect(await count('asistensi_periods')).toBe(0);
    expect(await count('slots')).toBe(0);

    const bad = await desk.post(url, { ...periodForm({ 'slotEnd-2': '16.75', bookingOpensAt: 'besok' }), aksi: 'simpan' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatch(/id="slotEnd-2-error"/);
    expect(bad.body).toMatch(/id="bookingOpensAt-error"/);

    const created = await desk.post(url, { ...periodForm(), aksi: 'simpan' });
    expect(created).toMatchObject({ status: 303, location: expect.stringMatching(/^\/organisasi\/asistensi\/\d+\?ok=periodCreated$/) });
    expect(await t.sqlOne('select location, booking_opens_at from asistensi_periods')).toEqual({ location: 'Ruang Rapat Bagian Organisasi', booking_opens_at: '2013-10-02T00:00:00.000Z' });
    expect(await count('slots')).toBe(20);
  });

  it('closes a day (showing whom it displaces), then auto-schedules the displaced unit as a preview and commits it', async () => {
    const { period, slot } = await seedPeriod(t);
    const dishub = await t.make.unit({ name: 'Dinas Perhubungan' });
    await t.organiser.post(`/asistensi-periods/${period.id}/bookings`, { unitId: dishub.id, slotId: slot('2013-10-22').id });
    const page = await desk.get(`/organisasi/asistensi/${period.id}`);
    expect(textOf(page.body)).toMatch(/Selasa, 22 Oktober 2013 09\.00–12\.00 WITA Dinas Perhubungan/);

    const close = await desk.get(`/organisasi/asistensi/${period.id}/tutup?tanggal=2013-10-22`);
    expect(textOf(close.body)).toContain('1 pesanan akan dibatalkan: Dinas Perhubungan: 09.00–12.00 WITA');
    expect(await t.sqlOne('select status from bookings')).toEqual({ status: 'active' });
    const noReason = await desk.post(`/organisasi/asistensi/${period.id}/tutup`, { date: '2013-10-22', reason: '' });
    expect(noReason.status).toBe(400);

    const closed = await desk.post(`/organisasi/asistensi/${period.id}/tutup`, { date: '2013-10-22', reason: 'Rapat paripurna DPRD' });
    expect(closed).toMatchObject({ status: 303, location: `/organisasi/asistensi/${period.id}/jadwal-otomatis?ok=dayClosed` });
    expect(await t.sqlOne('select status from bookings')).toEqual({ status: 'displaced' });
    const preview = await desk.follow(closed);
    const plan = textOf(preview.body);
    expect(plan).toContain('Hari itu sudah ditutup.');
    expect(plan).toMatch(/1 unit akan mendapat jadwal Dinas Perhubungan: Senin, 21 Oktober 2013, 09\.00–12\.00 WITA/);
    expect(await count('bookings')).toBe(1);

    const fingerprint = /name="plan" value="([0-9a-f]+)"/.exec(preview.body)![1]!;
    expect((await desk.post(`/organisasi/asistensi/${period.id}/jadwal-otomatis`, { plan: 'not-this-plan' })).status).toBe(409);
    expect(await desk.post(`/organisasi/asistensi/${period.id}/jadwal-otomatis`, { plan: fingerprint })).toMatchObject({ status: 303, location: `/organisasi/asistensi/${period.id}?ok=autoScheduled` });
    expect(await t.sqlOne("select count(*) n from bookings where status = 'active'")).toEqual({ n: 1 });
  });

  it('records walk-ins and asistensi attendance, refusing a bad one in words', async () => {
    const { period, slot } = await seedPeriod(t);
    const dishub = await t.make.unit({ name: 'Dinas Perhubungan' });
    const dinkes = await t.make.unit({ name: 'Dinas Kesehatan' });
    const booking = (await t.organiser.post(`/asistensi-periods/${period.id}/bookings`, { unitId: dishub.id, slotId: slot('2013-10-21').id })).body as { id: number };
    t.clock.set('2013-10-21T13:00:00+08:00');
    await desk.get('/masuk');
    await desk.post('/masuk', { email: 'organisasi@banjarmasinkota.go.id', password: 'kopi-pagi-di-martapura' });
    const url = `/organisasi/asistensi/${period.id}`;
    await desk.get(url);

    const future = await desk.post(`${url}/datang`, { unitId: String(dinkes.id), date: '2013-10-25' });
    expect(future.status).toBeGreaterThanOrEqual(400);
    expect(future.status).toBeLessThan(500);
    expect(await count('walk_ins')).toBe(0);
    expect(await desk.post(`${url}/datang`, { unitId: String(dinkes.id), date: '2013-10-21', notes: 'Datang bersama sekretaris' })).toMatchObject({ status: 303, location: `${url}?ok=walkInRecorded` });
    expect(textOf((await desk.get(url)).body)).toContain('Senin, 21 Oktober 2013: Dinas Kesehatan (Datang bersama sekretaris)');

    expect(await desk.post(`${url}/hadir`, { present: [String(booking.id)] })).toMatchObject({ status: 303 });
    expect(await t.sqlOne('select attended from bookings')).toEqual({ attended: 1 });
    expect(await desk.post(`${url}/hadir`, {})).toMatchObject({ status: 303 });
    expect(await t.sqlOne('select attended from bookings')).toEqual({ attended: 0 });
  });

  it('keeps each session’s notes, shown under it on the period’s page, refusing notes too long and a session of another period', async () => {
    const { period, slot } = await seedPeriod(t);
    const other = await seedPeriod(t);
    const dishub = await t.make.unit({ name: 'Dinas Perhubungan' });
    const booking = (await t.organiser.post(`/asistensi-periods/${period.id}/bookings`, { unitId: dishub.id, slotId: slot('2013-10-21').id })).body as { id: number };
    const url = `/organisasi/asistensi/${period.id}`;
    const page = await desk.get(url);
    const link = `${url}/catatan/${booking.id}`;
    expect(page.body).toContain(`href="${link}"`);
    expect(textOf(page.body)).toContain('Tulis catatan');
    const form = textOf((await desk.get(link)).body);
    expect(form).toContain('Catatan sesi Dinas Perhubungan');
    expect(form).toContain('Senin, 21 Oktober 2013');

    const tooLong = await desk.post(link, { notes: 'x'.repeat(4001) });
    expect(tooLong.status).toBe(400);
    expect(await t.sqlOne('select notes from bookings')).toEqual({ notes: null });
    const posted = await desk.post(link, { notes: 'Alur perizinan dipecah menjadi dua SOP.\nBawa draf revisi.' });
    expect(posted).toMatchObject({ status: 303, location: `${url}?ok=notesSaved` });
    const saved = await desk.follow(posted);
    expect(textOf(saved.body)).toContain('Catatan sesi sudah disimpan.');
    expect(textOf(saved.body)).toContain('Alur perizinan dipecah menjadi dua SOP.');
    expect(textOf(saved.body)).toContain('Ubah catatan');
    expect((await t.organiser.get(`/bookings/${booking.id}`)).body.notes).toBe('Alur perizinan dipecah menjadi dua SOP.\nBawa draf revisi.');
    // Emptied: the notes are gone.
    await desk.get(link);
    expect(await desk.post(link, { notes: '  ' })).toMatchObject({ status: 303 });
    expect(await t.sqlOne('select notes from bookings')).toEqual({ notes: null });
    // Someone else (the partner province) writes between the reading and the saving: the save is
    // refused, naming what they wrote, and what was typed stays in the box.
    await desk.get(link);
    await t.organiser.put(`/bookings/${booking.id}/notes`, { notes: 'Catatan dari Biro Organisasi.' });
    const late = await desk.post(link, { notes: 'Catatan saya.', before: '' });
    expect(late.status).toBe(409);
    expect(textOf(late.body)).toContain('Catatan sesi ini baru saja diubah orang lain menjadi: “Catatan dari Biro Organisasi.”');
    expect(late.body).toContain('>Catatan saya.</textarea>');
    expect((await t.organiser.get(`/bookings/${booking.id}`)).body.notes).toBe('Catatan dari Biro Organisasi.');
    // The session is this period's only.
    expect((await desk.get(`/organisasi/asistensi/${other.period.id}/catatan/${booking.id}`)).status).toBe(404);
  });
});
