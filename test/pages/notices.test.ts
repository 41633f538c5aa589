import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { MAX_ATTEMPTS, retryDelaySeconds, SWITCHABLE } from '../../src/features/outbox/outbox.rules';
import type { NewNotice } from '../../src/features/outbox/outbox.service';
import { systemActor } from '../../src/platform/actor';
import { openDatabase } from '../../src/platform/database';
import { ManualClock } from '../../src/platform/time';
import { BASE_URL, buildTestApp, clientFor, type TestApp } from '../helpers/app';
import { signedInPerson, textOf, type PageClient } from '../helpers/pages';

/** The console's notices page (the outbox as the organiser reads it) and each person's choices. */

let t: TestApp;
let desk: PageClient;
let operator: PageClient;
let unitA: { id: number };
let unitB: { id: number };
let programme: { id: number };

beforeEach(async () => {
  // Each notice on its own, at once (enrolment news is otherwise held NOTICE_BATCHING_SECONDS for more).
  t = await buildTestApp({ env: { NOTICE_BATCHING_SECONDS: '0' } });
  unitA = await t.make.unit({ code: 'DISHUB', name: 'Dinas Perhubungan', email: 'dishub@banjarmasinkota.go.id' });
  unitB = await t.make.unit({ code: 'DINKES', name: 'Dinas Kesehatan', email: 'dinkes@banjarmasinkota.go.id' });
  programme = await t.make.programme({ timezone: 'WITA' });
  desk = (await signedInPerson(t.app, t.organiser, { email: 'organisasi@banjarmasinkota.go.id', name: 'Rina Kartika', role: 'organiser' })).client;
  operator = (await signedInPerson(t.app, t.organiser, { email: 'operator@dishub.example.go.id', name: 'Operator Dishub', role: 'unit', unitId: unitA.id })).client;
});
afterEach(() => t.app.close());

const outbox = () => t.app.services.outbox;
const record = async (notice: NewNotice) => (await t.app.services.uow.write(async () => await outbox().record(notice)))!;
const slot = { date: '2013-10-21', start: '09:00', end: '11:00' };
const bookingConfirmed = async (unitId: number) => await record({ facts: { kind: 'booking_confirmed', bookingId: 1, periodId: 1, slot }, to: { unitId }, programmeId: programme.id });
const enrolmentConfirmed = async (unitId: number) => await record({ facts: { kind: 'enrolment_confirmed', batchId: 1, officials: ['Dewi Anggraini', 'Rahmat Hidayat'] }, to: { unitId }, programmeId: programme.id });

/** One attempt at every due email delivery of this notice (others the claim takes are left to their lease). */
async function attempt(noticeId: number, outcome: { ok: true } | { ok: false; error: string }) {
  for (let claimed = await outbox().claimNext(['email'], 60); claimed; claimed = await outbox().claimNext(['email'], 60)) if (claimed.notice.id === noticeId) await outbox().settle(claimed.delivery, outcome);
}

/**
 * Fails every delivery of the notice until it is given up; the clock is put back after (sessions
 * stay live). It starts once the leases of earlier claims have run out.
 */
async function failForGood(noticeId: number, error: string) {
  const start = t.clock.now().toISO()!;
  t.clock.advance({ minutes: 1 });
  for (let n = 1; n <= MAX_ATTEMPTS; n++) {
    await attempt(noticeId, { ok: false, error: `${error} (${n})` });
    t.clock.advance({ minutes: retryDelaySeconds(n, 60) / 60 });
  }
  t.clock.set(start);
}

const deliveries = (noticeId: number) =>
  t.sql<{ address: string; status: string; attempts: number; lastError: string | null }>('select address, status, attempts, last_error "lastError" from notice_deliveries where notice_id = ? order by id', noticeId);

describe('the notices page', () => {
  it('lists notices newest first: when, kind, unit, each recipient’s state, and the counts', async () => {
    const booking = await bookingConfirmed(unitA.id);
    const enrolment = await enrolmentConfirmed(unitB.id);
    await attempt(booking, { ok: true });
    await failForGood(enrolment, 'connect ECONNREFUSED 10.0.0.25:25');

    const page = await desk.get('/organisasi/pemberitahuan');
    expect(page.status).toBe(200);
    const text = textOf(page.body);
    // Newest first: the enrolment (recorded second) before the booking.
    expect(text.indexOf('Pendaftaran peserta dikonfirmasi')).toBeLessThan(text.indexOf('Jadwal asistensi dikonfirmasi'));
    expect(text).toContain('Jadwal asistensi dikonfirmasi Senin, 21 Oktober 2013, 09.00–11.00 WITA Senin, 2 September 2013, 09.00 WITA Dinas Perhubungan Terkirim Operator Dishub');
    expect(text).toMatch(/Terkirim Dinas Perhubungan <dishub@banjarmasinkota\.go\.id> Email · dicoba 1 kali · terkirim Senin, 2 September 2013, 09\.00 WITA/);
    expect(text).toMatch(/Terkirim Operator Dishub <operator@dishub\.example\.go\.id>/);
    expect(text).toContain('Pendaftaran peserta dikonfirmasi Dewi Anggraini, Rahmat Hidayat');
    expect(text).toContain(`Gagal Dinas Kesehatan <dinkes@banjarmasinkota.go.id> Email · dicoba ${MAX_ATTEMPTS} kali Kesalahan terakhir: connect ECONNREFUSED 10.0.0.25:25 (${MAX_ATTEMPTS})`);
    // The headline counts deliveries by status, each a link to the list filtered by it.
    const counts = await outbox().counts();
    expect(counts.failed).toBe(1);
    expect(counts.sent).toBe(2);
    expect(text).toContain(`${counts.pending ?? 0} Menunggu ${counts.sent} Terkirim ${counts.failed} Gagal`);
    expect(page.body).toContain('href="/organisasi/pemberitahuan?status=failed"');
    // A resend form on every notice, and the console's home links here, saying what failed.
    expect(page.body).toContain(`action="/organisasi/pemberitahuan/${booking}/kirim-ulang"`);
    const home = await desk.get('/organisasi');
    expect(home.body).toContain('href="/organisasi/pemberitahuan"');
    expect(textOf(home.body)).toContain('1 pengiriman gagal.');
  });

  it('filters by unit, kind and status, pages, and takes a blank filter as all', async () => {
    const booking = await bookingConfirmed(unitA.id);
    const enrolment = await enrolmentConfirmed(unitB.id);
    await record({ facts: { kind: 'draft_status', draftId: 1, title: 'Draf SOP Bidang Lalu Lintas', status: 'received', notes: null }, to: { unitId: unitA.id }, programmeId: programme.id });
    await attempt(booking, { ok: true });
    await failForGood(enrolment, 'mailbox unavailable');
    const shown = async (query: string) => {
      const reply = await desk.get(`/organisasi/pemberitahuan${query}`);
      expect(reply.status).toBe(200);
      const text = textOf(reply.body);
      return { booking: text.includes('Jadwal asistensi dikonfirmasi Senin, 21 Oktober 2013'), enrolment: text.includes('Pendaftaran peserta dikonfirmasi Dewi'), draft: text.includes('Draf SOP Bidang Lalu Lintas: Diterima'), text, body: reply.body };
    };

    expect(await shown(`?unit=${unitA.id}`)).toMatchObject({ booking: true, enrolment: false, draft: true });
    expect(await shown(`?unit=${unitB.id}`)).toMatchObject({ booking: false, enrolment: true, draft: false });
    expect(await shown('?jenis=draft_status')).toMatchObject({ booking: false, enrolment: false, draft: true });
    expect(await shown('?status=failed')).toMatchObject({ booking: false, enrolment: true, draft: false });
    expect(await shown('?status=sent')).toMatchObject({ booking: true, enrolment: false, draft: false });
    // Pending: the draft notice (nothing tried yet), not the sent booking nor the failed enrolment.
    expect(await shown(`?status=pending&unit=${unitA.id}`)).toMatchObject({ booking: false, enrolment: false, draft: true });
    // The form sends every select; "all" is blank.
    const all = await shown(`?unit=&jenis=&status=`);
    expect(all).toMatchObject({ booking: true, enrolment: true, draft: true });
    // The filters keep what was chosen.
    const chosen = await shown(`?unit=${unitB.id}&jenis=enrolment_confirmed&status=failed`);
    expect(chosen.body).toMatch(new RegExp(`<option value="${unitB.id}" selected>Dinas Kesehatan</option>`));
    expect(chosen.body).toContain('<option value="enrolment_confirmed" selected>Pendaftaran peserta dikonfirmasi</option>');
    expect(chosen.body).toContain('<option value="failed" selected>Gagal</option>');
    expect(chosen.text).toContain('Pendaftaran peserta dikonfirmasi Dewi');
    expect((await shown('?jenis=summary_daily')).text).toContain('Tidak ada pemberitahuan yang cocok.');
    expect((await desk.get('/organisasi/pemberitahuan?jenis=gossip')).status).toBe(404);
    expect((await desk.get('/organisasi/pemberitahuan?status=lost')).status).toBe(404);

    // Twenty-five a page, newest first, with links both ways that keep the filters (see also lists.test.ts).
    for (let i = 0; i < 26; i++) await record({ facts: { kind: 'summary_daily', date: '2013-09-02', drafts: [], requests: [], cancellations: [] }, to: { unitId: unitA.id } });
    const first = await shown(`?unit=${unitA.id}`);
    expect(first.body.match(/kirim-ulang/g)).toHaveLength(25);
    expect(first.body).toContain(`href="/organisasi/pemberitahuan?unit=${unitA.id}&amp;halaman=2"`);
    const second = await shown(`?unit=${unitA.id}&halaman=2`);
    expect(second).toMatchObject({ booking: true, draft: true });
    expect(second.body).toContain(`href="/organisasi/pemberitahuan?unit=${unitA.id}"`);
    expect(second.text).toContain('Sebelumnya');
    expect(second.text).toContain('Halaman 2 dari 2');
    expect(second.text).not.toContain('Berikutnya');
  });

  it('resends a notice: its failed delivery waits to be sent again, and the list keeps its filter', async () => {
    const enrolment = await enrolmentConfirmed(unitB.id);
    await failForGood(enrolment, 'mailbox unavailable');
    expect(await deliveries(enrolment)).toEqual([{ address: 'dinkes@banjarmasinkota.go.id', status: 'failed', attempts: MAX_ATTEMPTS, lastError: `mailbox unavailable (${MAX_ATTEMPTS})` }]);

    await desk.get('/organisasi/pemberitahuan?status=failed');
    const resent = await desk.post(`/organisasi/pemberitahuan/${enrolment}/kirim-ulang?status=failed`);
    expect(resent).toMatchObject({ status: 303, location: '/organisasi/pemberitahuan?status=failed&ok=noticeResent' });
    expect(await deliveries(enrolment)).toEqual([{ address: 'dinkes@banjarmasinkota.go.id', status: 'pending', attempts: 0, lastError: null }]);
    const after = textOf((await desk.follow(resent)).body);
    expect(after).toContain('Pemberitahuan akan dikirim ulang ke semua penerimanya.');
    expect(after).toContain('Tidak ada pemberitahuan yang cocok.');
    const log = await t.sql(`select action, entity_id "entityId" from audit_log where action = 'notice.resend'`);
    expect(log).toEqual([{ action: 'notice.resend', entityId: enrolment }]);

    // From the notice's own page, back to it.
    await desk.get(`/organisasi/pemberitahuan/${enrolment}`);
    expect(await desk.post(`/organisasi/pemberitahuan/${enrolment}/kirim-ulang?rincian=1`)).toMatchObject({ status: 303, location: `/organisasi/pemberitahuan/${enrolment}?ok=noticeResent` });
    expect((await desk.post('/organisasi/pemberitahuan/999999/kirim-ulang')).status).toBe(404);
  });

  it('says in a sentence why a used set-password link cannot be resent, on the page the form was on', async () => {
    const person = { id: await t.sqlValue<number>("select id from users where email = 'operator@dishub.example.go.id'") };
    // A link notice whose link is no longer kept (wiped once sent).
    const link = await record({ facts: { kind: 'account_link', purpose: 'invite', expiresAt: '2013-09-05T01:00:00Z' }, to: { userId: person.id }, unitId: unitA.id });
    await desk.get('/organisasi/pemberitahuan?jenis=account_link');
    const refused = await desk.post(`/organisasi/pemberitahuan/${link}/kirim-ulang?jenis=account_link`);
    expect(refused.status).toBe(409);
    const text = textOf(refused.body);
    expect(text).toContain('Ada yang perlu diperbaiki Tautan buat kata sandi tidak disimpan setelah terkirim, jadi tidak dapat dikirim ulang. Buat tautan baru untuk orang itu di halaman Pengguna.');
    // The list as it was, filter kept.
    expect(refused.body).toContain('<option value="account_link" selected>Tautan buat kata sandi</option>');
    expect(text).toContain('Tautan buat kata sandi Undangan, berlaku sampai Kamis, 5 September 2013, 09.00 WITA');

    await desk.get(`/organisasi/pemberitahuan/${link}`);
    const fromDetail = await desk.post(`/organisasi/pemberitahuan/${link}/kirim-ulang?rincian=1`);
    expect(fromDetail.status).toBe(409);
    expect(textOf(fromDetail.body)).toContain('Tautan buat kata sandi tidak disimpan setelah terkirim');
    expect(fromDetail.body).toContain(`<h1>Pemberitahuan #${link}: Tautan buat kata sandi</h1>`);
    expect((await deliveries(link)).every((d) => d.status === 'pending' && d.attempts === 0)).toBe(true);

    // In English too.
    await desk.get('/bahasa/en?kembali=/akun');
    const english = await desk.post(`/organisasi/pemberitahuan/${link}/kirim-ulang`);
    expect(textOf(english.body)).toContain('A set-password link is not kept once it has been sent, so it cannot be sent again.');
  });

  it('shows a notice’s page with each delivery’s attempts', async () => {
    const booking = await record({
      facts: { kind: 'booking_moved', bookingId: 1, periodId: 1, slot: { date: '2013-10-22', start: '13:00', end: '15:00' }, from: slot },
      to: { unitId: unitA.id },
      programmeId: programme.id,
    });
    await attempt(booking, { ok: false, error: '421 try again later' });
    t.clock.advance({ minutes: 5 });
    await attempt(booking, { ok: true });
    const page = await desk.get(`/organisasi/pemberitahuan/${booking}`);
    expect(page.status).toBe(200);
    const text = textOf(page.body);
    expect(text).toContain(`Pemberitahuan #${booking}: Jadwal asistensi dipindah`);
    expect(text).toContain('Tentang Senin, 21 Oktober 2013, 09.00–11.00 WITA → Selasa, 22 Oktober 2013, 13.00–15.00 WITA');
    expect(text).toContain('Program Penyusunan SOP 2013');
    expect(text).toContain('Riwayat percobaan Waktu Hasil Kesalahan Senin, 2 September 2013, 09.00 WITA Gagal 421 try again later Senin, 2 September 2013, 09.05 WITA Berhasil —');
    expect((await desk.get('/organisasi/pemberitahuan/999999')).status).toBe(404);
  });

  it('says at the top when email is not configured, and not when it is', async () => {
    const banner = 'Pengiriman email belum diatur. Pemberitahuan tetap dicatat dan menunggu di sini; semuanya akan terkirim setelah SMTP_URL diisi dan layanan dijalankan ulang.';
    const notice = await bookingConfirmed(unitA.id);
    expect(textOf((await desk.get('/organisasi/pemberitahuan')).body)).toContain(banner);
    expect(textOf((await desk.get(`/organisasi/pemberitahuan/${notice}`)).body)).toContain(banner);

    // An app with SMTP_URL set (nothing listens there: nothing here waits on a send).
    const database = openDatabase(':memory:');
    const documents = fs.mkdtempSync(path.join(os.tmpdir(), 'sop-documents-'));
    const app = await buildApp({
      config: loadConfig({ PUBLIC_BASE_URL: BASE_URL, DEFAULT_TIMEZONE: 'WITA', SMTP_URL: 'smtp://127.0.0.1:9', DOCUMENTS_PATH: documents }),
      database,
      clock: new ManualClock('2013-09-02T01:00:00Z'),
      logger: false,
    });
    try {
      const key = (await app.services.access.create(systemActor, { role: 'organiser', label: 'Bagian Organisasi' })).key;
      const configured = (await signedInPerson(app, clientFor(app, key), { email: 'rina@banjarmasinkota.go.id', name: 'Rina', role: 'organiser' })).client;
      const page = textOf((await configured.get('/organisasi/pemberitahuan')).body);
      expect(page).toContain('Pemberitahuan');
      expect(page).not.toContain('belum diatur');
    } finally {
      await app.close();
      fs.rmSync(documents, { recursive: true, force: true });
    }
  });

  it('is the organiser’s alone: a unit operator is refused (403), changing nothing', async () => {
    const notice = await enrolmentConfirmed(unitA.id);
    await failForGood(notice, 'mailbox unavailable');
    expect((await operator.get('/organisasi/pemberitahuan')).status).toBe(403);
    expect((await operator.get(`/organisasi/pemberitahuan/${notice}`)).status).toBe(403);
    await operator.get('/akun');
    expect((await operator.post(`/organisasi/pemberitahuan/${notice}/kirim-ulang`)).status).toBe(403);
    expect((await deliveries(notice)).map((d) => d.status)).toEqual(['failed', 'failed']);
  });
});

describe('email notice choices on the account page', () => {
  it('lets a unit operator switch a kind off, and that operator no longer gets it', async () => {
    const page = await operator.get('/akun');
    const text = textOf(page.body);
    expect(text).toContain('Pemberitahuan email Pilih pemberitahuan yang ingin Anda terima di operator@dishub.example.go.id.');
    expect(text).toContain('email unit kerja (bila diisi) tetap menerima semua pemberitahuan unit');
    // Every kind a unit may switch, ticked until chosen otherwise; the set-password link and the daily summary are not offered.
    for (const kind of SWITCHABLE.unit) expect(page.body).toMatch(new RegExp(`<input type="checkbox" id="jenis-${kind}" name="jenis" value="${kind}" checked`));
    expect(page.body).not.toContain('value="account_link"');
    expect(page.body).not.toContain('value="summary_daily"');

    const kept = SWITCHABLE.unit.filter((k) => k !== 'booking_moved');
    const saved = await operator.post('/akun/pemberitahuan', { jenis: [...kept] });
    expect(saved).toMatchObject({ status: 303, location: '/akun?ok=pemberitahuan' });
    const after = await operator.follow(saved);
    expect(textOf(after.body)).toContain('Pilihan pemberitahuan email sudah disimpan.');
    expect(after.body).toMatch(/<input type="checkbox" id="jenis-booking_moved" name="jenis" value="booking_moved"\s*\/?>/);
    expect(after.body).toMatch(/id="jenis-booking_confirmed" name="jenis" value="booking_confirmed" checked/);
    const user = { id: await t.sqlValue<number>("select id from users where email = 'operator@dishub.example.go.id'") };
    expect((await outbox().preferences(user.id, 'unit')).filter((p) => !p.enabled)).toEqual([{ kind: 'booking_moved', enabled: false }]);

    // A move now goes to the unit's mailbox only; a confirmation still to both.
    const moved = await record({ facts: { kind: 'booking_moved', bookingId: 1, periodId: 1, slot, from: slot }, to: { unitId: unitA.id } });
    expect((await deliveries(moved)).map((d) => d.address)).toEqual(['dishub@banjarmasinkota.go.id']);
    expect((await deliveries(await bookingConfirmed(unitA.id))).map((d) => d.address)).toEqual(['operator@dishub.example.go.id', 'dishub@banjarmasinkota.go.id']);

    // Nothing ticked switches every kind off; a kind that is not one is refused.
    await operator.post('/akun/pemberitahuan', {});
    expect((await outbox().preferences(user.id, 'unit')).every((p) => !p.enabled)).toBe(true);
    const refused = await operator.post('/akun/pemberitahuan', { jenis: 'gossip' });
    expect(refused.status).toBe(400);
    expect(textOf(refused.body)).toContain('Pilih salah satu.');
  });

  it('lets an organiser switch the daily summary on', async () => {
    const page = await desk.get('/akun');
    expect(page.body).toMatch(/<input type="checkbox" id="jenis-summary_daily" name="jenis" value="summary_daily" aria-describedby="jenis-summary_daily-hint"\s*\/?>/);
    expect(textOf(page.body)).toContain('Ringkasan harian Sekali sehari: draf SOP yang masuk, permintaan jadwal, dan pembatalan.');
    expect(page.body.match(/name="jenis"/g)).toHaveLength(1);
    expect(textOf(page.body)).not.toContain('email unit kerja');

    const organisers = async () => (await deliveries(await record({ facts: { kind: 'summary_daily', date: '2013-09-02', drafts: [], requests: [], cancellations: [] }, to: { organisers: true } }))).map((d) => d.address);
    expect(await organisers()).toEqual([]);
    const saved = await desk.post('/akun/pemberitahuan', { jenis: 'summary_daily' });
    expect(saved).toMatchObject({ status: 303, location: '/akun?ok=pemberitahuan' });
    const after = await desk.follow(saved);
    expect(after.body).toMatch(/id="jenis-summary_daily" name="jenis" value="summary_daily" checked/);
    expect(await organisers()).toEqual(['organisasi@banjarmasinkota.go.id']);
  });
});
