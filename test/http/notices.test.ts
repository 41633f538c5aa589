import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { systemActor } from '../../src/platform/actor';
import { webhookSignature } from '../../src/features/notices/channels';
import { MAX_ATTEMPTS } from '../../src/features/outbox/outbox.rules';
import { buildTestApp, clientFor, expectProblem, type TestApp } from '../helpers/app';
import { seedPeriod } from '../helpers/asistensi';
import { contentLines, parseFeed, rawProblems } from '../helpers/ics';
import { startMailCatcher, type MailCatcher, type Received } from '../../scripts/mail-catcher';

const UNIT_MAIL = 'dishub@banjarmasinkota.go.id';
const OPERATOR = 'rahmat@banjarmasinkota.go.id';
const FROM = 'Bagian Organisasi <organisasi@banjarmasinkota.go.id>';

let mail: MailCatcher;
let t: TestApp;
beforeAll(async () => (mail = await startMailCatcher()));
afterAll(() => mail.close());
beforeEach(async () => {
  mail.reset();
  // Monday 30 September 2013, 09:00 WITA.
  t = await buildTestApp({ now: '2013-09-30T01:00:00Z', env: { SMTP_URL: mail.url, MAIL_FROM: FROM } });
});
afterEach(() => t.app.close());

const services = () => t.app.services;
const deliver = () => services().notices.deliverDue();
const notices = () => t.sql<{ kind: string; unitId: number | null }>('SELECT kind, unit_id AS "unitId" FROM notices ORDER BY id');
const calendarOf = (r: Received) => r.mail.attachments.filter((a) => a.contentType === 'text/calendar').map((a) => a.content.toString('utf8'));
/** Sends what is due once the enrolment window (NOTICE_BATCHING_SECONDS, 600 by default) has passed. */
async function afterTheWindow() {
  t.clock.set(t.clock.now().plus({ seconds: 601 }).toISO()!);
  await deliver();
}

/** A unit with its own mailbox and one operator reading English; the seed's period; a private feed. */
async function world() {
  const { programme, period, slot } = await seedPeriod(t, { location: 'Ruang Rapat Bagian Organisasi' });
  await t.organiser.patch(`/programmes/${programme.id}`, { organiserEmail: 'organisasi@banjarmasinkota.go.id' });
  const unit = await t.make.unit({ code: 'DISHUB', name: 'Dinas Perhubungan', email: UNIT_MAIL });
  const operator = await services().users.invite(systemActor, { email: OPERATOR, name: 'Rahmat Hidayat', role: 'unit', unitId: unit.id, language: 'en' });
  const unitKey = await t.unitKey(unit.id);
  const feedUrl = new URL((await t.as(unitKey).post(`/units/${unit.id}/calendar-token`)).body.url as string).pathname;
  const feedEvent = async (uid: string) => parseFeed((await t.as().get(feedUrl)).body as string).get(uid)!;
  return { programme, period, slot, unit, operator, unitKey, feedEvent };
}

describe('notices by email', () => {
  it('tells the unit its booking in each reader’s language, with an invitation that matches the feed', async () => {
    const w = await world();
    const booked = await t.as(w.unitKey).post(`/asistensi-periods/${w.period.id}/bookings`, { slotId: w.slot('2013-10-21').id });
    expect(booked.status).toBe(201);
    expect(await deliver()).toBe(3); // the operator's set-password link, then the booking to the unit's mailbox and to the operator

    // The outbox shows what was sent, never the link itself.
    const listed = JSON.stringify([(await t.organiser.get('/notices')).body, (await t.organiser.get('/notices/1')).body]);
    expect(listed).not.toContain('/sandi/');
    expect(listed).not.toContain('secret');
    const [link] = mail.to(OPERATOR).filter((r) => r.mail.subject!.includes('password'));
    expect(link!.mail.subject).toBe('Set your password for the SOP schedule');
    expect(link!.mail.text).toContain(w.operator.setPasswordUrl);
    expect(link!.mail.text).toMatch(/It works once, until Thursday, 3 October 2013, 09.00 WITA\./);
    expect(calendarOf(link!)).toEqual([]);

    const [toUnit] = mail.to(UNIT_MAIL);
    expect(toUnit!.mail.from!.value).toEqual([{ name: 'Bagian Organisasi', address: 'organisasi@banjarmasinkota.go.id' }]);
    expect(toUnit!.mail.subject).toBe('Jadwal asistensi SOP Dinas Perhubungan: Senin, 21 Oktober 2013');
    expect(toUnit!.mail.text).toContain('Yth. Dinas Perhubungan,');
    expect(toUnit!.mail.text).toContain('Asistensi draf SOP Dinas Perhubungan terjadwal pada Senin, 21 Oktober 2013, 09.00–12.00 WITA.');
    expect(toUnit!.mail.text).toContain('Tempat: Ruang Rapat Bagian Organisasi.');
    expect(toUnit!.mail.text).toContain(`Buka jadwal asistensi: https://sop.banjarmasinkota.go.id/unit/program/${w.programme.id}/asistensi`);
    expect(toUnit!.mail.html).toContain('<html lang="id">');
    expect(toUnit!.mail.headers.get('auto-submitted')).toBe('auto-generated');

    const [toOperator] = mail.to(OPERATOR).filter((r) => r !== link);
    expect(toOperator!.mail.subject).toBe('SOP asistensi for Dinas Perhubungan: Monday, 21 October 2013');
    expect(toOperator!.mail.text).toContain('Dear Rahmat Hidayat,');

    const [invitation] = calendarOf(toUnit!);
    expect(rawProblems(invitation!, { feed: false, method: 'REQUEST' })).toEqual([]);
    const [event] = [...parseFeed(invitation!).values()];
    const inFeed = await w.feedEvent(event!.uid);
    expect(event!.uid).toBe(inFeed.uid);
    expect(event!.sequence).toBe(inFeed.sequence);
    expect(event!.localStart('Asia/Makassar')).toBe('2013-10-21T09:00');
    const lines = contentLines(invitation!);
    expect(lines).toContainEqual(expect.stringMatching(/^ORGANIZER;CN="?Bagian Organisasi"?:mailto:organisasi@banjarmasinkota.go.id$/));
    expect(lines.filter((l) => l.startsWith('ATTENDEE'))).toEqual([expect.stringMatching(new RegExp(`CN="?Dinas Perhubungan"?.*:mailto:${UNIT_MAIL}$`, "i"))]);
    expect(toUnit!.raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/i);
  });

  it('gives an invitation its feed’s UID even when nothing has read a feed since the start', async () => {
    const { period, slot } = await seedPeriod(t);
    const unit = await t.make.unit({ code: 'DISHUB', email: UNIT_MAIL });
    const booked = await t.organiser.post(`/asistensi-periods/${period.id}/bookings`, { unitId: unit.id, slotId: slot('2013-10-21').id });
    await deliver();
    const [event] = [...parseFeed(calendarOf(mail.to(UNIT_MAIL)[0]!)[0]!).values()];
    expect(event!.uid).toMatch(/^booking-\d+@[0-9a-f-]{8,}\.sop$/);
    expect(parseFeed((await t.organiser.get(`/bookings/${booked.body.id}.ics`)).body as string).get(event!.uid)).toBeDefined();
  });

  it('moves, cancels and displaces with REQUEST and CANCEL at the feed’s SEQUENCE, with the reason and what to do next', async () => {
    const w = await world();
    const first = (await t.as(w.unitKey).post(`/asistensi-periods/${w.period.id}/bookings`, { slotId: w.slot('2013-10-21').id })).body;
    expect((await t.as(w.unitKey).patch(`/bookings/${first.id}`, { slotId: w.slot('2013-10-22').id })).status).toBe(200);
    await deliver();
    const moved = mail.to(UNIT_MAIL).find((r) => r.mail.subject!.includes('dipindah'))!;
    expect(moved.mail.text).toContain('dipindah dari Senin, 21 Oktober 2013, 09.00–12.00 WITA ke Selasa, 22 Oktober 2013, 09.00–12.00 WITA');
    const [movedEvent] = [...parseFeed(calendarOf(moved)[0]!).values()];
    expect(movedEvent!.sequence).toBe((await w.feedEvent(movedEvent!.uid)).sequence);
    expect(movedEvent!.localStart('Asia/Makassar')).toBe('2013-10-22T09:00');

    mail.received.length = 0;
    expect((await t.as(w.unitKey).delete(`/bookings/${first.id}`)).status).toBe(200);
    const second = (await t.as(w.unitKey).post(`/asistensi-periods/${w.period.id}/bookings`, { slotId: w.slot('2013-10-23').id })).body;
    expect((await t.organiser.post(`/asistensi-periods/${w.period.id}/closures`, { date: '2013-10-23', reason: 'Rapat paripurna DPRD' })).status).toBe(201);
    await deliver();
    const cancelled = mail.to(UNIT_MAIL).find((r) => r.mail.subject === 'Jadwal asistensi Dinas Perhubungan dibatalkan')!;
    const cancellation = calendarOf(cancelled)[0]!;
    expect(rawProblems(cancellation, { feed: false, method: 'CANCEL' })).toEqual([]);
    expect(cancellation).toContain('STATUS:CANCELLED');
    expect(cancelled.raw).toMatch(/method=CANCEL/i);

    const displaced = mail.to(UNIT_MAIL).find((r) => r.mail.subject!.includes('tergeser'))!;
    expect(displaced.mail.text).toContain('Bagian Organisasi menutup Rabu, 23 Oktober 2013 (Rapat paripurna DPRD)');
    expect(displaced.mail.text).toContain('didahulukan saat Bagian Organisasi menjadwalkan ulang');
    const [gone] = [...parseFeed(calendarOf(displaced)[0]!).values()];
    expect(gone!.uid).toContain(`booking-${second.id}@`);
    expect(gone!.status).toBe('CANCELLED');
    expect(gone!.sequence).toBe((await w.feedEvent(gone!.uid)).sequence);

    // Auto-schedule gives the displaced unit a new slot, and tells it.
    mail.received.length = 0;
    const scheduled = await t.organiser.post(`/asistensi-periods/${w.period.id}/auto-schedule`, {});
    expect(scheduled.body.assignments).toHaveLength(1);
    await deliver();
    expect(mail.to(UNIT_MAIL).map((r) => r.mail.text)).toEqual([expect.stringContaining('Bagian Organisasi menjadwalkan asistensi draf SOP Dinas Perhubungan pada')]);
    expect(calendarOf(mail.to(UNIT_MAIL)[0]!)[0]).toContain('METHOD:REQUEST');
  });

  it('tells enrolments (with one invitation per batch day), the waiting list, promotions and draft status', async () => {
    const w = await world();
    const batch = await t.make.batch(w.programme.id, { name: 'Angkatan I', venue: 'Aula Kayuh Baimbai', capacity: 2, unitQuota: 2 });
    const [ahmad, siti] = [await t.make.participant(w.unit.id, { name: 'Ahmad Fauzi' }), await t.make.participant(w.unit.id, { name: 'Siti Aminah' })];
    const elsewhere = await t.make.participant((await t.make.unit({ code: 'DLH' })).id);
    await t.organiser.post(`/batches/${batch.id}/enrolments`, { participantId: ahmad.id });
    // Enrolment news waits NOTICE_BATCHING_SECONDS (600) for more of the same unit.
    await deliver();
    expect(mail.to(UNIT_MAIL)).toEqual([]);
    await afterTheWindow();
    const bySubject = (start: string) => mail.to(UNIT_MAIL).find((r) => r.mail.subject!.startsWith(start));
    const enrolled = bySubject('Peserta');
    const seatElsewhere = (await t.organiser.post(`/batches/${batch.id}/enrolments`, { participantId: elsewhere.id })).body;
    expect((await t.organiser.post(`/batches/${batch.id}/enrolments`, { participantId: siti.id })).body.status).toBe('waitlisted');
    await afterTheWindow();
    const waiting = bySubject('Daftar tunggu');
    expect(enrolled!.mail.subject).toBe(`Peserta Angkatan I dikonfirmasi - Penyusunan SOP 2013`);
    expect(enrolled!.mail.text).toContain('- Ahmad Fauzi');
    expect(enrolled!.mail.text).toContain('- Hari 1: Senin, 7 Oktober 2013, 08.00–16.00 WITA');
    expect(enrolled!.mail.text).toContain('Tempat: Aula Kayuh Baimbai.');
    const days = calendarOf(enrolled!);
    expect(days).toHaveLength(2);
    for (const day of days) expect(rawProblems(day, { feed: false, method: 'REQUEST' })).toEqual([]);
    const dayOne = [...parseFeed(days[0]!).values()][0]!;
    expect(dayOne.uid).toBe(`batch-${batch.id}-day-1@${dayOne.uid.split('@')[1]}`);
    expect(dayOne.sequence).toBe((await w.feedEvent(dayOne.uid)).sequence);
    expect(waiting!.mail.subject).toBe('Daftar tunggu Angkatan I - Penyusunan SOP 2013');
    expect(waiting!.mail.text).toContain('- Siti Aminah');
    expect(calendarOf(waiting!)).toEqual([]);

    mail.received.length = 0;
    await t.organiser.delete(`/enrolments/${seatElsewhere.id}`);
    const draft = (await t.as(w.unitKey).post(`/programmes/${w.programme.id}/drafts`, { title: 'SOP Dinas Perhubungan', sopCount: 12 })).body;
    await t.organiser.patch(`/drafts/${draft.id}`, { status: 'received', notes: 'Lengkapi bagan alir SOP perizinan' });
    await afterTheWindow();
    const [promoted, status] = [bySubject('Peserta'), bySubject('Draf SOP')];
    expect(promoted!.mail.text).toContain('naik dari daftar tunggu');
    expect(promoted!.mail.text).toContain('- Siti Aminah');
    expect(status!.mail.subject).toBe('Draf SOP Dinas Perhubungan: Diterima');
    expect(status!.mail.text).toContain('Catatan Bagian Organisasi: Lengkapi bagan alir SOP perizinan');
    expect(status!.mail.text).toContain(`/unit/program/${w.programme.id}/draf`);
  });

  it('writes nothing for a refused or rolled-back change, nor for a dry run', async () => {
    const w = await world();
    const other = await t.make.unit({ code: 'DLH', email: 'dlh@banjarmasinkota.go.id' });
    await t.as(w.unitKey).post(`/asistensi-periods/${w.period.id}/bookings`, { slotId: w.slot('2013-10-21').id });
    const before = (await notices()).length;
    expectProblem(await t.organiser.post(`/asistensi-periods/${w.period.id}/bookings`, { unitId: other.id, slotId: w.slot('2013-10-21').id }), 409, 'SLOT_TAKEN');
    await t.organiser.post(`/asistensi-periods/${w.period.id}/requests`, { unitId: other.id });
    const requested = (await notices()).length;
    expect(requested).toBe(before);
    expect((await t.organiser.post(`/asistensi-periods/${w.period.id}/auto-schedule`, { dryRun: true })).body.assignments).toHaveLength(1);
    await expect(
      services().uow.write(async () => {
        await services().bookings.cancel(systemActor, 1);
        throw new Error('something after the cancellation failed');
      }),
    ).rejects.toThrow('something after');
    expect((await notices()).length).toBe(requested);
    await deliver();
    expect(mail.to('dlh@banjarmasinkota.go.id')).toEqual([]);
    expect(mail.to(UNIT_MAIL).map((r) => r.mail.subject)).toEqual(['Jadwal asistensi SOP Dinas Perhubungan: Senin, 21 Oktober 2013']);
  });

  it('keeps notices pending while the mail server refuses, retries with growing waits, and sends once with the same Message-ID', async () => {
    const w = await world();
    mail.refuse(true);
    await t.as(w.unitKey).post(`/asistensi-periods/${w.period.id}/bookings`, { slotId: w.slot('2013-10-21').id });
    await deliver();
    const [notice] = (await t.organiser.get(`/notices?kind=booking_confirmed`)).body;
    const toUnit = () => notice.deliveries.find((d: { address: string }) => d.address === UNIT_MAIL);
    expect(toUnit()).toMatchObject({ status: 'pending', attempts: 1, lastError: expect.stringContaining('Mailbox busy'), nextAttemptAt: '2013-09-30T01:01:00.000Z' });
    t.clock.set('2013-09-30T01:01:00Z');
    await deliver();
    const again = (await t.organiser.get(`/notices/${notice.id}`)).body;
    const d = again.deliveries.find((x: { address: string }) => x.address === UNIT_MAIL);
    expect(d).toMatchObject({ status: 'pending', attempts: 2, nextAttemptAt: '2013-09-30T01:03:00.000Z' });
    expect(d.attemptLog).toEqual([
      { at: '2013-09-30T01:00:00.000Z', ok: false, error: expect.stringContaining('451') },
      { at: '2013-09-30T01:01:00.000Z', ok: false, error: expect.stringContaining('451') },
    ]);
    expect(mail.received).toEqual([]);
    mail.refuse(false);
    await deliver(); // not yet due
    expect(mail.received).toEqual([]);
    t.clock.set('2013-09-30T01:03:00Z');
    await deliver();
    expect(mail.to(UNIT_MAIL)).toHaveLength(1);
    expect(mail.to(UNIT_MAIL)[0]!.mail.messageId).toBe(d.messageId);
    expect((await t.organiser.get(`/notices/${notice.id}`)).body.deliveries.find((x: { address: string }) => x.address === UNIT_MAIL)).toMatchObject({ status: 'sent', attempts: 3, sentAt: '2013-09-30T01:03:00.000Z' });
  });

  it('gives up at once on an address the mail server does not know, and goes on with the others', async () => {
    const w = await world();
    mail.unknownMailbox(UNIT_MAIL);
    await t.as(w.unitKey).post(`/asistensi-periods/${w.period.id}/bookings`, { slotId: w.slot('2013-10-21').id });
    await deliver();
    const [notice] = (await t.organiser.get('/notices?kind=booking_confirmed')).body;
    expect(notice.deliveries.map((d: { address: string; status: string; attempts: number }) => [d.address, d.status, d.attempts])).toEqual([
      [OPERATOR, 'sent', 1],
      [UNIT_MAIL, 'failed', 1],
    ]);
    expect(notice.deliveries[1].lastError).toContain('550');
  });

  it('gives up after the last attempt; an organiser resends with the same Message-ID', async () => {
    const w = await world();
    mail.refuse(true);
    await t.as(w.unitKey).post(`/asistensi-periods/${w.period.id}/bookings`, { slotId: w.slot('2013-10-21').id });
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      await deliver();
      t.clock.set(t.clock.now().plus({ hours: 7 }).toISO()!);
    }
    const failed = (await t.organiser.get('/notices?status=failed')).body;
    expect(failed.map((n: { kind: string }) => n.kind).sort()).toEqual(['account_link', 'booking_confirmed']);
    const booking = failed.find((n: { kind: string }) => n.kind === 'booking_confirmed');
    expect(booking.deliveries.every((d: { status: string; attempts: number }) => d.status === 'failed' && d.attempts === MAX_ATTEMPTS)).toBe(true);
    mail.refuse(false);
    const resent = await t.organiser.post(`/notices/${booking.id}/resend`);
    expect(resent.body.deliveries.map((d: { status: string }) => d.status)).toEqual(['pending', 'pending']);
    await deliver();
    expect(mail.to(UNIT_MAIL).map((r) => r.mail.messageId)).toEqual([booking.deliveries.find((d: { address: string }) => d.address === UNIT_MAIL).messageId]);
    // A set-password link is not kept once it failed for good: the organiser issues a new one.
    const link = failed.find((n: { kind: string }) => n.kind === 'account_link');
    expectProblem(await t.organiser.post(`/notices/${link.id}/resend`), 409, 'LINK_NOT_KEPT');
    expectProblem(await t.as(w.unitKey).get('/notices'), 403, 'FORBIDDEN');
    expectProblem(await t.organiser.get('/notices?status=lost'), 400, 'VALIDATION_FAILED');
    expectProblem(await t.organiser.post('/notices/999/resend'), 404, 'NOT_FOUND');
  });

  it('filters the outbox by unit, kind and status', async () => {
    const w = await world();
    const other = await t.make.unit({ code: 'DLH', email: 'dlh@banjarmasinkota.go.id' });
    await t.as(w.unitKey).post(`/asistensi-periods/${w.period.id}/bookings`, { slotId: w.slot('2013-10-21').id });
    await t.organiser.post(`/asistensi-periods/${w.period.id}/bookings`, { unitId: other.id, slotId: w.slot('2013-10-22').id });
    const kinds = async (query: string) => ((await t.organiser.get(`/notices?${query}`)).body as { kind: string; unitId: number }[]).map((n) => `${n.kind}:${n.unitId}`);
    expect(await kinds(`unitId=${other.id}`)).toEqual([`booking_confirmed:${other.id}`]);
    expect(await kinds('kind=account_link')).toEqual([`account_link:${w.unit.id}`]);
    expect(await kinds('status=pending')).toHaveLength(3);
    await deliver();
    expect(await kinds('status=pending')).toEqual([]);
    expect(await kinds('status=sent&limit=1')).toEqual([`booking_confirmed:${other.id}`]);
  });

  it('sends a new set-password link in place of one that never went out', async () => {
    const w = await world();
    mail.refuse(true);
    await deliver();
    const again = await services().users.newLink(systemActor, w.operator.id);
    expect((await t.organiser.get('/notices?kind=account_link')).body).toHaveLength(1);
    mail.refuse(false);
    t.clock.set('2013-09-30T01:05:00Z');
    await deliver();
    const [message] = mail.to(OPERATOR);
    expect(message!.mail.text).toContain(again.setPasswordUrl);
    expect(message!.mail.text).not.toContain(w.operator.setPasswordUrl);
    expect(mail.to(OPERATOR)).toHaveLength(1);
  });

  it('never sends a set-password link that was used or has expired', async () => {
    const w = await world();
    mail.refuse(true);
    await deliver();
    // The organiser passed the link on by WhatsApp and the operator used it.
    await services().sessions.setPassword(new URL(w.operator.setPasswordUrl).pathname.split('/').pop()!, 'kata-sandi-yang-panjang-2013');
    expect((await t.organiser.get('/notices?kind=account_link')).body).toEqual([]);
    const other = await services().users.invite(systemActor, { email: 'siti@banjarmasinkota.go.id', name: 'Siti', role: 'unit', unitId: w.unit.id });
    mail.refuse(false);
    t.clock.set('2013-10-03T01:00:00Z'); // 72 hours later
    await deliver();
    expect(mail.received.map((r) => `${r.to} ${r.mail.subject}`)).toEqual([]);
    const [expired] = (await t.organiser.get('/notices?kind=account_link')).body;
    expect(expired).toMatchObject({ userId: other.id, deliveries: [{ status: 'failed', attempts: 1, lastError: 'expired: the set-password link no longer works' }] });
  });

  it('leaves out people who switched a kind off; the unit mailbox still gets it', async () => {
    const w = await world();
    const operator = { keyId: null, userId: w.operator.id, role: 'unit' as const, unitId: w.unit.id };
    await services().outbox.setPreferences(operator, 'unit', (await services().outbox.preferences(w.operator.id, 'unit')).flatMap((p) => (p.kind === 'booking_confirmed' ? [] : [p.kind])));
    await t.as(w.unitKey).post(`/asistensi-periods/${w.period.id}/bookings`, { slotId: w.slot('2013-10-21').id });
    await deliver();
    expect(mail.to(OPERATOR).map((r) => r.mail.subject)).toEqual(['Set your password for the SOP schedule']);
    expect(mail.to(UNIT_MAIL)).toHaveLength(1);
  });
});

describe('scheduled notices', () => {
  it('reminds the working day before each session and batch day, once, from 07.00 local time', async () => {
    const w = await world();
    const batch = await t.make.batch(w.programme.id, { name: 'Angkatan II', days: [{ date: '2013-10-21', start: '08:00', end: '16:00' }] });
    await t.organiser.post(`/batches/${batch.id}/enrolments`, { participantId: (await t.make.participant(w.unit.id, { name: 'Ahmad Fauzi' })).id });
    await t.as(w.unitKey).post(`/asistensi-periods/${w.period.id}/bookings`, { slotId: w.slot('2013-10-21').id });
    const reminders = async () => (await notices()).filter((n) => n.kind.startsWith('reminder_')).map((n) => n.kind);
    await deliver();
    // Friday 18 October, 06.59 WITA: too early. Monday's events are reminded on Friday, not at the weekend.
    t.clock.set('2013-10-17T22:59:00Z');
    expect(await services().noticeScheduler.scheduleReminders()).toBe(0);
    t.clock.set('2013-10-17T23:00:00Z');
    expect(await services().noticeScheduler.scheduleReminders()).toBe(2);
    expect(await services().noticeScheduler.scheduleReminders()).toBe(0);
    t.clock.set('2013-10-19T23:00:00Z'); // Sunday
    expect(await services().noticeScheduler.scheduleReminders()).toBe(0);
    expect((await reminders()).sort()).toEqual(['reminder_batch_day', 'reminder_booking']);
    mail.received.length = 0;
    await deliver();
    const subjects = mail
      .to(UNIT_MAIL)
      .map((r) => r.mail.subject!)
      .filter((subject) => subject.startsWith('Pengingat'))
      .sort();
    expect(subjects).toEqual(['Pengingat: Angkatan II hari ke-1, Senin, 21 Oktober 2013', 'Pengingat: asistensi SOP Dinas Perhubungan, Senin, 21 Oktober 2013']);
    expect(mail.to(UNIT_MAIL).find((r) => r.mail.subject!.includes('Angkatan II'))!.mail.text).toContain('- Ahmad Fauzi');
  });

  it('skips national holidays: a session after cuti bersama is reminded on the working day before it', async () => {
    // 2013: Idul Adha on Tuesday 15 October, cuti bersama on Monday 14 October (SKB 2013).
    const holidays = (await services().holidays.between('2013-10-14', '2013-10-15')).days;
    expect([...holidays.keys()]).toEqual(['2013-10-14', '2013-10-15']);
    const w = await world();
    const batch = await t.make.batch(w.programme.id, { name: 'Angkatan III', days: [{ date: '2013-10-16', start: '08:00', end: '16:00' }] });
    await t.organiser.post(`/batches/${batch.id}/enrolments`, { participantId: (await t.make.participant(w.unit.id)).id });
    t.clock.set('2013-10-10T23:30:00Z'); // Friday 11 October, 07.30 WITA
    expect(await services().noticeScheduler.scheduleReminders()).toBe(1);
  });

  it('sends the daily summary only to organisers who asked for it', async () => {
    const w = await world();
    const rina = await services().users.invite(systemActor, { email: 'rina@banjarmasinkota.go.id', name: 'Rina', role: 'organiser' });
    const asRina = { keyId: null, userId: rina.id, role: 'organiser' as const, unitId: null };
    expect(await services().outbox.preferences(rina.id, 'organiser')).toEqual([{ kind: 'summary_daily', enabled: false }]);
    await t.as(w.unitKey).post(`/programmes/${w.programme.id}/drafts`, { title: 'SOP Dinas Perhubungan', sopCount: 12 });
    t.clock.set('2013-09-30T23:30:00Z'); // Tuesday 07.30 WITA
    expect(await services().noticeScheduler.scheduleSummary()).toBe(false);
    // Active organisers only: Rina sets her password, then asks for the summary.
    await t.sqlRun("UPDATE users SET status = 'active', password_hash = 'x' WHERE id = ?", rina.id);
    await services().outbox.setPreferences(asRina, 'organiser', ['summary_daily']);
    expect(await services().noticeScheduler.scheduleSummary()).toBe(true);
    expect(await services().noticeScheduler.scheduleSummary()).toBe(false);
    mail.received.length = 0;
    await deliver();
    const [summary] = mail.to('rina@banjarmasinkota.go.id').filter((r) => r.mail.subject!.startsWith('Ringkasan'));
    expect(summary!.mail.subject).toBe('Ringkasan harian SOP, Senin, 30 September 2013');
    expect(summary!.mail.text).toContain('Draf baru (1):');
    expect(summary!.mail.text).toContain('- Dinas Perhubungan: SOP Dinas Perhubungan');
  });
});

describe('without SMTP_URL', () => {
  it('keeps notices pending in the outbox and sends nothing', async () => {
    const quiet = await buildTestApp({ now: '2013-09-30T01:00:00Z' });
    try {
      const unit = await quiet.make.unit({ email: UNIT_MAIL });
      await quiet.app.services.users.invite(systemActor, { email: OPERATOR, name: 'Rahmat', role: 'unit', unitId: unit.id });
      expect(quiet.app.services.notices.emailEnabled).toBe(false);
      expect(await quiet.app.services.notices.deliverDue()).toBe(0);
      expect((await quiet.organiser.get('/notices?status=pending')).body).toHaveLength(1);
      expect(mail.received).toEqual([]);
    } finally {
      await quiet.app.close();
    }
  });
});

describe('the webhook', () => {
  it('posts each notice as signed JSON, and retries until the receiver accepts', async () => {
    const secret = 'rahasia-gateway-wa-2013';
    const bodies: { body: string; signature: string | undefined; valid: boolean }[] = [];
    let accept = false;
    const receiver = createServer((request: IncomingMessage, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (c: Buffer) => chunks.push(c));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const signature = request.headers['x-signature-256'] as string | undefined;
        bodies.push({ body, signature, valid: signature === webhookSignature(secret, body) });
        response.statusCode = accept ? 204 : 503;
        response.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const hooked = await buildTestApp({
      now: '2013-09-30T01:00:00Z',
      env: { WEBHOOK_URL: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`, WEBHOOK_SECRET: secret },
    });
    try {
      const unit = await hooked.make.unit({ name: 'Dinas Perhubungan', email: UNIT_MAIL });
      const operator = await hooked.app.services.users.invite(systemActor, { email: OPERATOR, name: 'Rahmat', role: 'unit', unitId: unit.id });
      const programme = await hooked.make.programme();
      const draft = (await hooked.organiser.post(`/programmes/${programme.id}/drafts`, { unitId: unit.id, title: 'SOP Dinas Perhubungan', sopCount: 12 })).body;
      await hooked.organiser.patch(`/drafts/${draft.id}`, { status: 'reviewed' });
      await hooked.app.services.notices.deliverDue();
      expect(bodies).toHaveLength(1);
      const [notice, link] = (await hooked.organiser.get('/notices')).body;
      expect(notice.deliveries.find((d: { channel: string }) => d.channel === 'webhook')).toMatchObject({ status: 'pending', attempts: 1, lastError: 'webhook answered 503' });
      // A one-time link goes to its owner's mailbox only, never through a gateway.
      expect(link.kind).toBe('account_link');
      expect(link.deliveries.map((d: { channel: string }) => d.channel)).toEqual(['email']);
      accept = true;
      hooked.clock.set('2013-09-30T01:01:00Z');
      await hooked.app.services.notices.deliverDue();
      expect(bodies).toHaveLength(2);
      expect(bodies.every((b) => b.valid)).toBe(true);
      expect(bodies[0]!.signature).toMatch(/^sha256=[0-9a-f]{64}$/);
      const sent = JSON.parse(bodies[1]!.body);
      expect(sent).toMatchObject({
        kind: 'draft_status',
        programme: { id: programme.id, name: 'Penyusunan SOP 2013' },
        unit: { id: unit.id, name: 'Dinas Perhubungan' },
        recipients: [
          { name: 'Rahmat', email: OPERATOR, language: 'id' },
          { name: 'Dinas Perhubungan', email: UNIT_MAIL, language: 'id' },
        ],
        subject: 'Draf SOP Dinas Perhubungan: Sudah direviu',
        link: `https://sop.banjarmasinkota.go.id/unit/program/${programme.id}/draf`,
      });
      expect(sent.text).toContain('Status draf SOP "SOP Dinas Perhubungan" kini: Sudah direviu.');
      expect(operator.id).toBeGreaterThan(0);
      expect(bodies[0]!.body).toBe(bodies[1]!.body);
    } finally {
      await hooked.app.close();
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    }
  });
});

describe('fewer, better emails', () => {
  const notPasswordLinks = (to: string) => mail.to(to).filter((r) => !/password|kata sandi/i.test(r.mail.subject!));
  const uidsOf = (r: Received) => calendarOf(r).map((c) => [...parseFeed(c).values()][0]!);

  it('gives three enrolments of one unit within a minute one message per address, each batch day’s invitation once', async () => {
    const w = await world();
    // A second operator reads the unit's own mailbox: that address gets one copy.
    await services().users.invite(systemActor, { email: UNIT_MAIL, name: 'Sekretariat Dishub', role: 'unit', unitId: w.unit.id });
    const first = await t.make.batch(w.programme.id, { name: 'Angkatan I', venue: 'Aula Kayuh Baimbai' });
    const second = await t.make.batch(w.programme.id, { name: 'Angkatan II', days: [{ date: '2013-10-09', start: '08:00', end: '12:00' }] });
    const names = ['Ahmad Fauzi', 'Siti Aminah', 'Budi Santoso'];
    const [ahmad, siti, budi] = await Promise.all(names.map((name) => t.make.participant(w.unit.id, { name })));
    await deliver(); // the set-password links
    mail.received.length = 0;
    for (const [participant, batch] of [
      [ahmad!, first],
      [siti!, first],
      [budi!, second],
    ] as const) {
      expect((await t.organiser.post(`/batches/${batch.id}/enrolments`, { participantId: participant.id })).status).toBe(201);
      t.clock.advance({ minutes: 0.3 });
      await deliver();
    }
    expect(mail.received).toEqual([]);

    // Two senders (or a restarted server): each takes one address's whole bundle, and nothing is left to a third.
    t.clock.set('2013-09-30T01:11:00Z');
    const outbox = services().outbox;
    const claims = [await outbox.claimNext(['email'], 120), await outbox.claimNext(['email'], 120), await outbox.claimNext(['email'], 120)];
    expect(claims.map((c) => c?.bundle.length)).toEqual([3, 3, undefined]);
    expect(new Set(claims[0]!.bundle.map((b) => b.delivery.address.toLowerCase()))).toEqual(new Set([claims[0]!.delivery.address.toLowerCase()]));
    // Neither sent: their lease runs out and the next look sends them.
    t.clock.set('2013-09-30T01:13:01Z');
    await deliver();

    const [toUnit] = notPasswordLinks(UNIT_MAIL);
    const [toOperator] = notPasswordLinks(OPERATOR);
    expect([notPasswordLinks(UNIT_MAIL).length, notPasswordLinks(OPERATOR).length]).toEqual([1, 1]);
    expect(toUnit!.mail.subject).toBe('Perubahan peserta workshop SOP Dinas Perhubungan - Penyusunan SOP 2013');
    expect(toOperator!.mail.subject).toBe('Workshop participants of Dinas Perhubungan changed - Penyusunan SOP 2013');
    expect(toUnit!.mail.text).toContain('Angkatan I: terdaftar:\n- Ahmad Fauzi\n- Siti Aminah');
    expect(toUnit!.mail.text).toContain('Angkatan II: terdaftar:\n- Budi Santoso');
    // Each day once, as the unit's feed shows it (two days of Angkatan I, one of Angkatan II).
    const events = uidsOf(toUnit!);
    expect(events.map((e) => e.uid.split('@')[0]).sort()).toEqual([`batch-${first.id}-day-1`, `batch-${first.id}-day-2`, `batch-${second.id}-day-1`].sort());
    for (const day of calendarOf(toUnit!)) expect(rawProblems(day, { feed: false, method: 'REQUEST' })).toEqual([]);
    for (const e of events) expect(e.sequence).toBe((await w.feedEvent(e.uid)).sequence);
    expect(uidsOf(toOperator!).map((e) => e.uid).sort()).toEqual(events.map((e) => e.uid).sort());
    // Every enrolment notice's deliveries are sent, under the Message-ID of the first.
    const enrolmentNotices = (await t.organiser.get('/notices?kind=enrolment_confirmed')).body as { deliveries: { status: string; messageId: string; address: string }[] }[];
    expect(enrolmentNotices).toHaveLength(3);
    expect(enrolmentNotices.flatMap((n) => n.deliveries.map((d) => d.status))).toEqual(Array(6).fill('sent'));
    const firstOf = (address: string) => enrolmentNotices.at(-1)!.deliveries.find((d) => d.address.toLowerCase() === address)!.messageId;
    expect([toUnit!.mail.messageId, toOperator!.mail.messageId]).toEqual([firstOf(UNIT_MAIL), firstOf(OPERATOR)]);
  });

  it('sends each enrolment at once with NOTICE_BATCHING_SECONDS=0', async () => {
    await t.app.close();
    t = await buildTestApp({ now: '2013-09-30T01:00:00Z', env: { SMTP_URL: mail.url, MAIL_FROM: FROM, NOTICE_BATCHING_SECONDS: '0' } });
    const w = await world();
    const batch = await t.make.batch(w.programme.id, { name: 'Angkatan I' });
    for (const name of ['Ahmad Fauzi', 'Siti Aminah']) await t.organiser.post(`/batches/${batch.id}/enrolments`, { participantId: (await t.make.participant(w.unit.id, { name })).id });
    await deliver();
    expect(notPasswordLinks(UNIT_MAIL).map((r) => r.mail.subject)).toEqual(['Peserta Angkatan I dikonfirmasi - Penyusunan SOP 2013', 'Peserta Angkatan I dikonfirmasi - Penyusunan SOP 2013']);
  });

  it('cancels the batch days in calendars when a unit’s last official there is cancelled, and updates them while others stay', async () => {
    const w = await world();
    const batch = await t.make.batch(w.programme.id, { name: 'Angkatan I', venue: 'Aula Kayuh Baimbai' });
    const [ahmad, siti] = await Promise.all(['Ahmad Fauzi', 'Siti Aminah'].map((name) => t.make.participant(w.unit.id, { name })));
    const seats = [];
    for (const p of [ahmad!, siti!]) seats.push((await t.organiser.post(`/batches/${batch.id}/enrolments`, { participantId: p.id })).body);
    await afterTheWindow();
    const invited = uidsOf(notPasswordLinks(UNIT_MAIL)[0]!);
    mail.received.length = 0;

    expect((await t.organiser.delete(`/enrolments/${seats[0].id}`)).status).toBe(200);
    await afterTheWindow();
    const [update] = mail.to(UNIT_MAIL);
    expect(update!.mail.subject).toBe('Pendaftaran Angkatan I dibatalkan - Penyusunan SOP 2013');
    expect(update!.mail.text).toContain('Pendaftaran pejabat Dinas Perhubungan berikut di Angkatan I dibatalkan.\n\nUndangan kalender untuk setiap hari terlampir.');
    expect(update!.mail.text).toContain('- Ahmad Fauzi');
    expect(uidsOf(update!).map((e) => [e.status, e.description.includes('Siti Aminah'), e.description.includes('Ahmad Fauzi')])).toEqual([
      ['CONFIRMED', true, false],
      ['CONFIRMED', true, false],
    ]);

    mail.received.length = 0;
    expect((await t.as(w.unitKey).delete(`/enrolments/${seats[1].id}`)).status).toBe(200);
    await afterTheWindow();
    const [cancelled] = mail.to(UNIT_MAIL);
    expect(cancelled!.mail.subject).toBe('Pendaftaran Angkatan I dibatalkan - Penyusunan SOP 2013');
    expect(cancelled!.mail.text).toContain('Undangan kalender terlampir menghapus hari workshop yang dibatalkan dari kalender Anda.');
    expect(cancelled!.raw).toMatch(/method=CANCEL/i);
    const days = calendarOf(cancelled!);
    for (const day of days) expect(rawProblems(day, { feed: false, method: 'CANCEL' })).toEqual([]);
    const gone = uidsOf(cancelled!);
    expect(gone.map((e) => e.uid).sort()).toEqual(invited.map((e) => e.uid).sort());
    expect(gone.every((e) => e.status === 'CANCELLED' && e.sequence >= invited[0]!.sequence)).toBe(true);

    // A waiting place cancelled: nothing was in the calendar, so no invitation goes.
    mail.received.length = 0;
    const full = await t.make.batch(w.programme.id, { name: 'Angkatan Penuh', capacity: 1, unitQuota: 1 });
    await t.organiser.post(`/batches/${full.id}/enrolments`, { participantId: (await t.make.participant((await t.make.unit({ code: 'DLH' })).id)).id });
    const waiting = (await t.organiser.post(`/batches/${full.id}/enrolments`, { participantId: ahmad!.id })).body;
    await t.organiser.delete(`/enrolments/${waiting.id}`);
    await afterTheWindow();
    const [told] = mail.to(UNIT_MAIL);
    expect(told!.mail.subject).toBe('Pendaftaran Angkatan Penuh dibatalkan - Penyusunan SOP 2013');
    expect(calendarOf(told!)).toEqual([]);
  });

  it('sends the updated invitation when a batch’s days, a period’s place, a programme’s organiser email or zone change', async () => {
    const w = await world();
    const batch = await t.make.batch(w.programme.id, { name: 'Angkatan I' });
    await t.organiser.post(`/batches/${batch.id}/enrolments`, { participantId: (await t.make.participant(w.unit.id, { name: 'Ahmad Fauzi' })).id });
    const booking = (await t.as(w.unitKey).post(`/asistensi-periods/${w.period.id}/bookings`, { slotId: w.slot('2013-10-21').id })).body;
    await afterTheWindow();
    mail.received.length = 0;
    const feedSequence = async (e: { uid: string }) => (await w.feedEvent(e.uid)).sequence;

    // The batch keeps its first day, later: day 1 is updated, day 2 (gone) cancelled.
    expect((await t.organiser.patch(`/batches/${batch.id}`, { days: [{ date: '2013-10-07', start: '09:00', end: '15:00' }] })).status).toBe(200);
    await deliver();
    const [days] = mail.to(UNIT_MAIL);
    expect(days!.mail.subject).toBe('Jadwal Angkatan I berubah - Penyusunan SOP 2013');
    expect(days!.mail.text).toContain('Kini:\n- Hari 1: Senin, 7 Oktober 2013, 09.00–15.00 WITA');
    const [dayOne, dayTwo] = uidsOf(days!);
    expect([dayOne!.uid.split('@')[0], dayOne!.status, dayOne!.localStart('Asia/Makassar')]).toEqual([`batch-${batch.id}-day-1`, 'CONFIRMED', '2013-10-07T09:00']);
    expect(dayOne!.sequence).toBe(await feedSequence(dayOne!));
    expect(dayOne!.sequence).toBeGreaterThan(0);
    expect([dayTwo!.uid.split('@')[0], dayTwo!.status]).toEqual([`batch-${batch.id}-day-2`, 'CANCELLED']);

    mail.received.length = 0;
    expect((await t.organiser.patch(`/asistensi-periods/${w.period.id}`, { location: 'Aula Kayuh Baimbai' })).status).toBe(200);
    await deliver();
    const [place] = mail.to(UNIT_MAIL);
    expect(place!.mail.subject).toBe('Tempat asistensi SOP Dinas Perhubungan berubah');
    expect(place!.mail.text).toContain('Tempat Asistensi SOP 2013 berubah dari Ruang Rapat Bagian Organisasi menjadi Aula Kayuh Baimbai.');
    const [moved] = uidsOf(place!);
    expect([moved!.uid.split('@')[0], moved!.location, moved!.sequence]).toEqual([`booking-${booking.id}`, 'Aula Kayuh Baimbai', await feedSequence(moved!)]);

    mail.received.length = 0;
    expect((await t.organiser.patch(`/programmes/${w.programme.id}`, { organiserEmail: 'sop@banjarmasinkota.go.id' })).status).toBe(200);
    await deliver();
    const [organiser] = mail.to(UNIT_MAIL);
    expect(organiser!.mail.text).toContain('dengan alamat sop@banjarmasinkota.go.id');
    const invitations = calendarOf(organiser!);
    expect(invitations).toHaveLength(2); // the batch day and the session
    for (const invitation of invitations) {
      expect(contentLines(invitation)).toContainEqual(expect.stringMatching(/^ORGANIZER;CN="?Bagian Organisasi"?:mailto:sop@banjarmasinkota.go.id$/));
      const [event] = [...parseFeed(invitation).values()];
      expect(event!.sequence).toBe(await feedSequence(event!));
    }
    expect(uidsOf(organiser!).find((e) => e.uid.startsWith('booking-'))!.sequence).toBeGreaterThan(moved!.sequence);

    mail.received.length = 0;
    expect((await t.organiser.patch(`/programmes/${w.programme.id}`, { timezone: 'WIB' })).status).toBe(200);
    await deliver();
    const [zone] = mail.to(UNIT_MAIL);
    expect(zone!.mail.subject).toBe('Zona waktu jadwal Penyusunan SOP 2013 berubah');
    const session = uidsOf(zone!).find((e) => e.uid.startsWith('booking-'))!;
    expect([session.localStart('Asia/Jakarta'), session.sequence]).toEqual(['2013-10-21T09:00', await feedSequence(session)]);
  });

  it('drops a reminder whose booking was cancelled, and lets none arrive once its session has begun', async () => {
    const w = await world();
    const booking = (await t.as(w.unitKey).post(`/asistensi-periods/${w.period.id}/bookings`, { slotId: w.slot('2013-10-21').id })).body;
    await deliver();
    t.clock.set('2013-10-17T23:00:00Z'); // Friday 07.00 WITA
    expect(await services().noticeScheduler.scheduleReminders()).toBe(1);
    expect((await t.as(w.unitKey).delete(`/bookings/${booking.id}`)).status).toBe(200);
    mail.received.length = 0;
    await deliver();
    expect(mail.received.map((r) => r.mail.subject).sort()).toEqual(['Asistensi of Dinas Perhubungan cancelled', 'Jadwal asistensi Dinas Perhubungan dibatalkan']);
    expect((await notices()).filter((n) => n.kind === 'reminder_booking')).toEqual([]);

    // Booked again, reminded while the mail server refuses, and still refusing until the session starts.
    const again = (await t.as(w.unitKey).post(`/asistensi-periods/${w.period.id}/bookings`, { slotId: w.slot('2013-10-21', '13:00').id })).body;
    mail.refuse(true);
    expect(await services().noticeScheduler.scheduleReminders()).toBe(1);
    await deliver();
    mail.refuse(false);
    t.clock.set('2013-10-21T05:00:00Z'); // Monday 13.00 WITA
    mail.received.length = 0;
    await deliver();
    expect(mail.received.filter((r) => r.mail.subject!.startsWith('Pengingat') || r.mail.subject!.startsWith('Reminder'))).toEqual([]);
    const [reminder] = (await t.organiser.get('/notices?kind=reminder_booking')).body;
    expect(reminder.facts.bookingId).toBe(again.id);
    expect(reminder.deliveries.map((d: { status: string; lastError: string }) => [d.status, d.lastError])).toEqual([
      ['failed', 'expired: the session it reminds of has begun'],
      ['failed', 'expired: the session it reminds of has begun'],
    ]);
  });

  it('writes the daily summary’s cancellations with the day in words', async () => {
    const w = await world();
    const rina = await services().users.invite(systemActor, { email: 'rina@banjarmasinkota.go.id', name: 'Rina', role: 'organiser' });
    await t.sqlRun("UPDATE users SET status = 'active', password_hash = 'x' WHERE id = ?", rina.id);
    await services().outbox.setPreferences({ keyId: null, userId: rina.id, role: 'organiser', unitId: null }, 'organiser', ['summary_daily']);
    const booking = (await t.as(w.unitKey).post(`/asistensi-periods/${w.period.id}/bookings`, { slotId: w.slot('2013-10-21').id })).body;
    await t.as(w.unitKey).delete(`/bookings/${booking.id}`);
    t.clock.set('2013-09-30T23:30:00Z');
    expect(await services().noticeScheduler.scheduleSummary()).toBe(true);
    mail.received.length = 0;
    await deliver();
    const [summary] = mail.to('rina@banjarmasinkota.go.id').filter((r) => r.mail.subject!.startsWith('Ringkasan'));
    expect(summary!.mail.text).toContain('Pembatalan (1):\n- Dinas Perhubungan: Senin, 21 Oktober 2013, 09.00–12.00 WITA');
  });
});

describe('one-click unsubscribe (RFC 8058)', () => {
  /** The List-Unsubscribe address of a received message, unfolded; undefined when it has none. */
  const unsubscribeOf = (r: Received) => /^List-Unsubscribe: <([^>]+)>/im.exec(r.raw.replace(/\r\n[ \t]+/g, ' ').replace(/< /g, '<'))?.[1]?.replace(/\s+/g, '');
  const post = (path: string, payload: string) => t.app.inject({ method: 'POST', url: path, payload, headers: { 'content-type': 'application/x-www-form-urlencoded' } });

  it('lets a person switch off the kind an email tells with one click, for themselves only', async () => {
    const w = await world();
    const booking = (await t.as(w.unitKey).post(`/asistensi-periods/${w.period.id}/bookings`, { slotId: w.slot('2013-10-21').id })).body;
    await deliver();
    const [link] = mail.to(OPERATOR).filter((r) => r.mail.subject!.includes('password'));
    const [booked] = mail.to(OPERATOR).filter((r) => r !== link);
    const [toUnit] = mail.to(UNIT_MAIL);
    // Only on what a person can switch off: not on a set-password link, not to the unit's own mailbox.
    expect([unsubscribeOf(link!), unsubscribeOf(toUnit!)]).toEqual([undefined, undefined]);
    expect(toUnit!.raw).not.toMatch(/List-Unsubscribe/i);
    const address = unsubscribeOf(booked!)!;
    expect(address).toMatch(new RegExp(`^https://sop\\.banjarmasinkota\\.go\\.id/berhenti-email/${w.operator.id}\\.booking_confirmed\\.[A-Za-z0-9_-]{43}$`));
    expect(booked!.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r$/m);
    expect(booked!.mail.text).toContain('You can switch this kind of notice off on your Account page: https://sop.banjarmasinkota.go.id/akun');
    expect(booked!.mail.html).toContain('href="https://sop.banjarmasinkota.go.id/akun"');
    expect(toUnit!.mail.text).not.toContain('/akun');
    const path = new URL(address).pathname;

    // A link cannot be bent to another kind or another person.
    const [, kind, mac] = path.split('/').pop()!.split('.');
    const colleague = await services().users.invite(systemActor, { email: 'siti@banjarmasinkota.go.id', name: 'Siti', role: 'unit', unitId: w.unit.id });
    for (const forged of [`${w.operator.id}.booking_cancelled.${mac}`, `${colleague.id}.${kind}.${mac}`, `${w.operator.id}.${kind}.${'A'.repeat(43)}`, 'x'])
      expectProblem(await clientFor(t.app).post(`/berhenti-email/${forged}`, 'List-Unsubscribe=One-Click', { 'content-type': 'application/x-www-form-urlencoded' }), 404, 'NOT_FOUND');

    // The page says what the link stops.
    const page = await t.app.inject({ method: 'GET', url: path, headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Tautan ini menghentikan email pemberitahuan berikut untuk Rahmat Hidayat (rahmat@banjarmasinkota.go.id):');
    expect(page.body).toContain('<li>Jadwal asistensi dikonfirmasi</li>');

    // The mail program's one click: no sign-in, no form token.
    const clicked = await post(path, 'List-Unsubscribe=One-Click');
    expect([clicked.statusCode, clicked.json()]).toEqual([200, { kinds: [{ kind: 'booking_confirmed', enabled: false }] }]);
    expect((await services().outbox.preferences(w.operator.id, 'unit')).filter((p) => !p.enabled)).toEqual([{ kind: 'booking_confirmed', enabled: false }]);
    const audited = await t.sql(`SELECT user_id AS "userId" FROM audit_log WHERE action = 'user.noticePreferences'`);
    expect(audited).toEqual([{ userId: w.operator.id }]);
    // Again: nothing more changes; from the page's button, back to the page, which says it is done.
    const again = await post(path, '');
    expect([again.statusCode, again.headers.location]).toEqual([303, path]);
    expect(await t.sqlOne("SELECT count(*) AS n FROM audit_log WHERE action = 'user.noticePreferences'")).toEqual({ n: 1 });
    expect((await t.app.inject({ method: 'GET', url: path, headers: { accept: 'text/html' } })).body).toContain('Email sudah dihentikan');

    // The next confirmation reaches the unit's mailbox, not the operator; other kinds still do.
    mail.received.length = 0;
    await t.as(w.unitKey).delete(`/bookings/${booking.id}`);
    await t.as(w.unitKey).post(`/asistensi-periods/${w.period.id}/bookings`, { slotId: w.slot('2013-10-22').id });
    await deliver();
    expect(mail.to(OPERATOR).map((r) => r.mail.subject)).toEqual(['Asistensi of Dinas Perhubungan cancelled']);
    expect(mail.to(UNIT_MAIL)).toHaveLength(2);
  });
});
