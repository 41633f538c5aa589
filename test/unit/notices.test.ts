import { isPermanent, webhookSignature, WebhookRefused } from '../../src/features/notices/channels';
import { htmlBody, noticeText, plainText, type NoticeContext } from '../../src/features/notices/notice-text';
import { bundleKey, bundleNews, MAX_ATTEMPTS, NOTICE_KINDS, retryDelaySeconds, SWITCHABLE, wants } from '../../src/features/outbox/outbox.rules';

describe('outbox rules', () => {
  it('doubles the wait from the base, at most six hours, so every attempt together spans about a day and a half', () => {
    expect([1, 2, 3, 4].map((n) => retryDelaySeconds(n, 60))).toEqual([60, 120, 240, 480]);
    expect(retryDelaySeconds(12, 60)).toBe(6 * 3600);
    const total = Array.from({ length: MAX_ATTEMPTS - 1 }, (_, i) => retryDelaySeconds(i + 1, 60)).reduce((a, b) => a + b, 0);
    expect(total / 3600).toBeGreaterThan(24);
    expect(total / 3600).toBeLessThan(48);
  });

  it('sends set-password links always, the daily summary only on request, the rest unless switched off', () => {
    expect(wants('account_link', false)).toBe(true);
    expect(wants('summary_daily', undefined)).toBe(false);
    expect(wants('summary_daily', true)).toBe(true);
    expect(wants('booking_moved', undefined)).toBe(true);
    expect(wants('booking_moved', false)).toBe(false);
    expect(SWITCHABLE.unit).not.toContain('account_link');
    expect(SWITCHABLE.unit).not.toContain('summary_daily');
    expect(SWITCHABLE.organiser).toEqual(['summary_daily']);
  });
});

describe('channels', () => {
  it('gives up on a refused address or a rejected webhook call, and retries the rest', () => {
    const smtp = (message: string, fields: object) => Object.assign(new Error(message), fields);
    expect(isPermanent(smtp('550 5.1.1 unknown', { code: 'EENVELOPE', command: 'RCPT TO', responseCode: 550 }))).toBe(true);
    expect(isPermanent(smtp('Invalid recipient "x"', { code: 'EENVELOPE', command: 'API' }))).toBe(true);
    expect(isPermanent(smtp('451 busy', { code: 'EENVELOPE', command: 'RCPT TO', responseCode: 451 }))).toBe(false);
    // A setting to fix (the sender refused, a wrong password): the notices wait for it.
    expect(isPermanent(smtp('553 sender refused', { code: 'EENVELOPE', command: 'MAIL FROM', responseCode: 553 }))).toBe(false);
    expect(isPermanent(smtp('535 auth failed', { code: 'EAUTH', command: 'AUTH PLAIN', responseCode: 535 }))).toBe(false);
    expect(isPermanent(smtp('ECONNREFUSED', { code: 'ECONNREFUSED' }))).toBe(false);
    expect(isPermanent(new WebhookRefused(404))).toBe(true);
    expect(isPermanent(new WebhookRefused(429))).toBe(false);
    expect(isPermanent(new WebhookRefused(503))).toBe(false);
    expect(isPermanent(Object.assign(new Error('not found'), { status: 404 }))).toBe(false);
  });

  it('signs the exact body with HMAC-SHA256', () => {
    // echo -n '{"a":1}' | openssl dgst -sha256 -hmac rahasia
    expect(webhookSignature('rahasia', '{"a":1}')).toBe('sha256=08836e62b4f33c64dcda4ca602ea06519a05339dcda19c9f03451d6097a6083b');
  });
});

describe('notice wording', () => {
  const context = (facts: NoticeContext['facts']): NoticeContext => ({
    facts,
    organisation: 'Bagian Organisasi Setda Kota Banjarmasin',
    programme: { name: 'Penyusunan SOP 2013' },
    zone: 'Asia/Makassar',
    unitName: 'Dinas Perhubungan',
    recipientName: 'Dinas Perhubungan',
    mailbox: true,
    link: 'https://sop.banjarmasinkota.go.id/unit/program/1/asistensi',
    location: 'Ruang Rapat <Lantai 2>',
  });

  it('words every kind in Indonesian and English', () => {
    const slot = { date: '2013-10-21', start: '09:00', end: '12:00' };
    const facts: NoticeContext['facts'][] = [
      { kind: 'account_link', purpose: 'invite', expiresAt: '2013-10-24T01:00:00Z' },
      { kind: 'enrolment_confirmed', batchId: 1, officials: ['Ahmad'] },
      { kind: 'enrolment_waitlisted', batchId: 1, officials: ['Ahmad'] },
      { kind: 'enrolment_promoted', batchId: 1, officials: ['Ahmad'] },
      { kind: 'enrolment_cancelled', batchId: 1, officials: ['Ahmad'], seated: true },
      { kind: 'schedule_changed', change: { what: 'location', periodId: 1, period: 'Asistensi SOP 2013', from: null, to: 'Aula' } },
      { kind: 'booking_confirmed', bookingId: 1, periodId: 1, slot },
      { kind: 'booking_moved', bookingId: 1, periodId: 1, slot, from: slot },
      { kind: 'booking_cancelled', bookingId: 1, periodId: 1, slot },
      { kind: 'booking_displaced', bookingId: 1, periodId: 1, slot, reason: 'Rapat paripurna' },
      { kind: 'booking_auto_scheduled', bookingId: 1, periodId: 1, slot },
      { kind: 'draft_status', draftId: 1, title: 'SOP', status: 'reviewed', notes: null },
      { kind: 'reminder_booking', bookingId: 1, periodId: 1, slot },
      { kind: 'reminder_batch_day', batchId: 1, day: 1, date: '2013-10-21', officials: ['Ahmad'] },
      { kind: 'summary_daily', date: '2013-10-21', drafts: ['Dinas Perhubungan: SOP'], requests: [], cancellations: [] },
    ];
    expect(facts.map((f) => f.kind).sort()).toEqual([...NOTICE_KINDS].sort());
    for (const f of facts) {
      const id = noticeText(context(f), 'id');
      const en = noticeText(context(f), 'en');
      expect(id.subject).not.toBe(en.subject);
      expect(id.greeting).toBe('Yth. Dinas Perhubungan,');
      expect(en.greeting).toBe('Dear Dinas Perhubungan,');
      expect(plainText(id)).toContain(`: ${id.action.url}`);
    }
  });

  it('escapes every value in the HTML body', () => {
    const text = noticeText(context({ kind: 'booking_confirmed', bookingId: 1, periodId: 1, slot: { date: '2013-10-21', start: '09:00', end: '12:00' } }), 'id');
    const html = htmlBody(text, 'id');
    expect(html).toContain('Ruang Rapat &lt;Lantai 2&gt;');
    expect(html).not.toContain('<Lantai 2>');
    expect(html).toContain('<html lang="id">');
  });
});

describe('enrolment news told together', () => {
  it('ties one unit’s enrolment news to one address, for email only and only while batching is on', () => {
    const where = { programmeId: 1, unitId: 7 };
    expect(bundleKey('enrolment_confirmed', 'email', where, ' DisHub@Banjarmasinkota.go.id', 600)).toBe('enrolments:1:7:dishub@banjarmasinkota.go.id');
    expect(bundleKey('enrolment_cancelled', 'email', where, 'dishub@banjarmasinkota.go.id', 600)).toBe(bundleKey('enrolment_waitlisted', 'email', where, 'DISHUB@banjarmasinkota.go.id', 60));
    expect(bundleKey('booking_confirmed', 'email', where, 'dishub@banjarmasinkota.go.id', 600)).toBeNull();
    expect(bundleKey('enrolment_confirmed', 'webhook', where, 'webhook', 600)).toBeNull();
    expect(bundleKey('enrolment_confirmed', 'email', where, 'dishub@banjarmasinkota.go.id', 0)).toBeNull();
  });

  it('tells each official once per batch, as the last news of them says', () => {
    const news = bundleNews([
      { kind: 'enrolment_confirmed', batchId: 1, officials: ['Ahmad', 'Siti'] },
      { kind: 'enrolment_waitlisted', batchId: 2, officials: ['Budi'] },
      { kind: 'enrolment_cancelled', batchId: 1, officials: ['Siti'], seated: true },
      { kind: 'enrolment_promoted', batchId: 2, officials: ['Budi'] },
      { kind: 'enrolment_cancelled', batchId: 3, officials: ['Dewi'], seated: false },
    ]);
    expect(news).toEqual([
      { batchId: 1, officials: { confirmed: ['Ahmad'], waitlisted: [], promoted: [], cancelled: ['Siti'] }, seatGiven: true, seatLost: true },
      { batchId: 2, officials: { confirmed: [], waitlisted: [], promoted: ['Budi'], cancelled: [] }, seatGiven: true, seatLost: false },
      { batchId: 3, officials: { confirmed: [], waitlisted: [], promoted: [], cancelled: ['Dewi'] }, seatGiven: false, seatLost: false },
    ]);
  });

  const base = {
    organisation: 'Bagian Organisasi',
    programme: { name: 'Penyusunan SOP 2013' },
    zone: 'Asia/Makassar',
    unitName: 'Dinas Perhubungan',
    recipientName: 'Rahmat',
    mailbox: false,
    link: 'https://sop.example.go.id/unit/program/1/angkatan',
    settingsUrl: 'https://sop.example.go.id/akun',
  };
  const batches = new Map([
    [1, { name: 'Angkatan I', venue: 'Aula Kayuh Baimbai', days: [{ date: '2013-10-07', start: '08:00', end: '16:00' }, { date: '2013-10-08', start: '08:00', end: '16:00' }] }],
    [2, { name: 'Angkatan II', venue: null, days: [{ date: '2013-10-14', start: '08:00', end: '12:00' }] }],
  ]);

  it('words several batches and outcomes as one list of changes, with the days of each batch attended', () => {
    const facts = [
      { kind: 'enrolment_confirmed' as const, batchId: 1, officials: ['Ahmad Fauzi'] },
      { kind: 'enrolment_confirmed' as const, batchId: 1, officials: ['Siti Aminah'] },
      { kind: 'enrolment_waitlisted' as const, batchId: 2, officials: ['Budi Santoso'] },
    ];
    const text = noticeText({ ...base, facts: facts[0]!, enrolments: { facts, batches, attending: new Set([1]) } }, 'id');
    expect(text.subject).toBe('Perubahan peserta workshop SOP Dinas Perhubungan - Penyusunan SOP 2013');
    expect(text.lists).toEqual([
      { title: 'Angkatan I: terdaftar', lines: ['Ahmad Fauzi', 'Siti Aminah'] },
      { title: 'Angkatan I: jadwal', lines: ['Hari 1: Senin, 7 Oktober 2013, 08.00–16.00 WITA', 'Hari 2: Selasa, 8 Oktober 2013, 08.00–16.00 WITA', 'Tempat: Aula Kayuh Baimbai.'] },
      { title: 'Angkatan II: daftar tunggu', lines: ['Budi Santoso'] },
      { title: 'Angkatan II: jadwal', lines: ['Hari 1: Senin, 14 Oktober 2013, 08.00–12.00 WITA'] },
    ]);
    expect(text.paragraphs).toEqual([
      'Berikut perubahan pendaftaran pejabat Dinas Perhubungan di workshop penyusunan SOP.',
      'Pejabat di daftar tunggu naik sesuai urutan bila ada kursi kosong, dan Anda akan diberi tahu.',
      'Undangan kalender untuk setiap hari terlampir.',
    ]);
    // The person's Account page closes the message, as a link in HTML.
    expect(plainText(text)).toContain('dapat dimatikan di halaman Akun: https://sop.example.go.id/akun');
    expect(htmlBody(text, 'id')).toContain('<a href="https://sop.example.go.id/akun"');
  });

  it('words one cancellation on its own, saying the days leave the calendar once nobody of the unit attends', () => {
    const facts = [{ kind: 'enrolment_cancelled' as const, batchId: 1, officials: ['Ahmad Fauzi'], seated: true }];
    const gone = noticeText({ ...base, facts: facts[0]!, enrolments: { facts, batches, attending: new Set() } }, 'en');
    expect(gone.subject).toBe('Enrolment in Angkatan I cancelled - Penyusunan SOP 2013');
    expect(gone.paragraphs).toEqual(['The enrolment of these officials of Dinas Perhubungan in Angkatan I was cancelled.', 'The attached calendar invitations remove the cancelled workshop days from your calendar.']);
    const stays = noticeText({ ...base, facts: facts[0]!, enrolments: { facts, batches, attending: new Set([1]) } }, 'id');
    expect(stays.paragraphs).toEqual(['Pendaftaran pejabat Dinas Perhubungan berikut di Angkatan I dibatalkan.', 'Undangan kalender untuk setiap hari terlampir.']);
  });

  it('writes the daily summary’s cancellations with the date in words and the local times', () => {
    const text = noticeText(
      {
        ...base,
        facts: {
          kind: 'summary_daily',
          date: '2013-10-20',
          drafts: [],
          requests: [],
          cancellations: ['Dinas Lama: 2013-10-21 09:00', { unit: 'Dinas Perhubungan', date: '2013-10-21', start: '09:00', end: '12:00', zone: 'Asia/Makassar' }],
        },
      },
      'id',
    );
    expect(text.lists).toEqual([{ title: 'Pembatalan (2)', lines: ['Dinas Lama: 2013-10-21 09:00', 'Dinas Perhubungan: Senin, 21 Oktober 2013, 09.00–12.00 WITA'] }]);
  });
});
