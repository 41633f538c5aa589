import { isPermanent, webhookSignature, WebhookRefused } from '../../src/features/notices/channels';
import { htmlBody, noticeText, plainText, type NoticeContext } from '../../src/features/notices/notice-text';
import { MAX_ATTEMPTS, NOTICE_KINDS, retryDelaySeconds, SWITCHABLE, wants } from '../../src/features/outbox/outbox.rules';

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
