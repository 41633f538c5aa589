import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { systemActor } from '../../src/platform/actor';
import { ManualClock } from '../../src/platform/time';
import { startMailCatcher } from '../../scripts/mail-catcher';
import { BASE_URL, buildTestApp, clientFor, openTestDatabase, testQueries } from '../helpers/app';
import { startStallingMailServer } from '../helpers/stalling-mail-server';

const UNIT_MAIL = 'dishub@banjarmasinkota.go.id';
const quiet = { warn: () => {} };

type Delivery = { channel: string; status: string; attempts: number; lastError: string | null; nextAttemptAt: string; messageId: string };

it('cuts a send the mail server stalls (250- lines, never the last) at EMAIL_SEND_SECONDS, counts it failed and retries it', async () => {
  const smtp = await startStallingMailServer();
  // Socket timeouts far off: the send's own deadline is what ends it.
  const t = await buildTestApp({ now: '2013-09-30T01:00:00Z', env: { SMTP_URL: smtp.url, SMTP_TIMEOUT_SECONDS: '30', EMAIL_SEND_SECONDS: '1' } });
  try {
    const unit = await t.make.unit({ code: 'DISHUB' });
    await t.app.services.users.invite(systemActor, { email: 'rahmat@banjarmasinkota.go.id', name: 'Rahmat', role: 'unit', unitId: unit.id });
    expect(await t.app.services.notices.deliverDue()).toBe(1);
    expect(smtp.stalled).toHaveLength(1);
    const delivery = () => (t.organiser.get('/notices') as Promise<{ body: { deliveries: Delivery[] }[] }>).then((r) => r.body[0]!.deliveries[0]!);
    expect(await delivery()).toMatchObject({ status: 'pending', attempts: 1, lastError: 'the mail server did not finish within 1 s', nextAttemptAt: '2013-09-30T01:01:00.000Z' });

    // Retried on the usual schedule, with the same Message-ID, once the server answers.
    smtp.stall(false);
    t.clock.set('2013-09-30T01:01:00Z');
    expect(await t.app.services.notices.deliverDue()).toBe(1);
    const sent = await delivery();
    expect(sent).toMatchObject({ status: 'sent', attempts: 2 });
    expect(smtp.accepted).toEqual([sent.messageId]);
  } finally {
    await t.app.close();
    await smtp.close();
  }
});

it('posts the webhook while the mail server stalls; closing waits at most NOTICE_SHUTDOWN_SECONDS and the next start sends the email', async () => {
  const smtp = await startStallingMailServer();
  const hooked: string[] = [];
  const receiver = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      hooked.push(String(request.headers['x-notice-id']));
      response.statusCode = 204;
      response.end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const database = await openTestDatabase();
  const clock = new ManualClock('2013-09-30T01:00:00Z');
  const env = {
    PUBLIC_BASE_URL: BASE_URL,
    DEFAULT_TIMEZONE: 'WITA',
    WEBHOOK_URL: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`,
    WEBHOOK_SECRET: 'rahasia-gateway-wa-2013',
    // Long enough that the email is still stalled when the webhook arrives and when closing starts.
    EMAIL_SEND_SECONDS: '60',
    NOTICE_SHUTDOWN_SECONDS: '1',
  };
  const first = await buildApp({ config: loadConfig({ ...env, SMTP_URL: smtp.url }), database, clock, logger: false });
  const mail = await startMailCatcher();
  let closed = false;
  try {
    const organiser = clientFor(first, (await first.services.access.create(systemActor, { role: 'organiser', label: 'Bagian Organisasi' })).key);
    first.services.notices.start(quiet);
    const unit = (await organiser.post('/units', { code: 'DISHUB', name: 'Dinas Perhubungan', kind: 'dinas', email: UNIT_MAIL })).body;
    const programme = (await organiser.post('/programmes', { name: 'Penyusunan SOP 2013' })).body;
    const draft = (await organiser.post(`/programmes/${programme.id}/drafts`, { unitId: unit.id, title: 'SOP Dinas Perhubungan', sopCount: 12 })).body;
    expect((await organiser.patch(`/drafts/${draft.id}`, { status: 'reviewed' })).status).toBe(200);

    await smtp.stalling(1);
    while (hooked.length === 0) await new Promise((r) => setTimeout(r, 20));
    const deliveries = async () => ((await organiser.get('/notices')).body as { deliveries: Delivery[] }[]).flatMap((n) => n.deliveries);
    const email = (await deliveries()).find((d) => d.channel === 'email')!;
    // The webhook went out while the email was still held, not yet tried to the end.
    expect(email).toMatchObject({ status: 'pending', attempts: 0 });
    expect(hooked).toHaveLength(1);

    const closing = performance.now();
    await first.close();
    closed = true;
    expect(performance.now() - closing).toBeLessThan(5000);
    // Left for the next start: still pending, no attempt counted, due now (not after the lease).
    const left = await testQueries(database).sql('SELECT channel, status, attempts, next_attempt_at AS "nextAttemptAt", message_id AS "messageId" FROM notice_deliveries ORDER BY id');
    expect(left).toEqual([
      { channel: 'email', status: 'pending', attempts: 0, nextAttemptAt: '2013-09-30T01:00:00.000Z', messageId: email.messageId },
      { channel: 'webhook', status: 'sent', attempts: 1, nextAttemptAt: expect.any(String), messageId: hooked[0] },
    ]);

    const second = await buildApp({ config: loadConfig({ ...env, SMTP_URL: mail.url }), database, clock, logger: false });
    try {
      expect(await second.services.notices.deliverDue()).toBe(1);
      expect(mail.received.map((r) => r.mail.messageId)).toEqual([email.messageId]);
    } finally {
      await second.close();
    }
  } finally {
    if (!closed) await first.close();
    await database.close();
    await mail.close();
    await smtp.close();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  }
}, 20_000);

it('cuts a webhook that never answers at WEBHOOK_SEND_SECONDS and retries it, while the email goes out', async () => {
  let answering = false;
  const hooked: string[] = [];
  const receiver = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      hooked.push(String(request.headers['x-notice-id']));
      if (!answering) return; // holds the request open, answering nothing
      response.statusCode = 204;
      response.end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const mail = await startMailCatcher();
  const env = { SMTP_URL: mail.url, WEBHOOK_URL: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`, WEBHOOK_SECRET: 'rahasia-gateway-wa-2013', WEBHOOK_SEND_SECONDS: '1' };
  const t = await buildTestApp({ now: '2013-09-30T01:00:00Z', env });
  try {
    const unit = await t.make.unit({ code: 'DISHUB', email: UNIT_MAIL });
    const programme = await t.make.programme();
    const draft = (await t.organiser.post(`/programmes/${programme.id}/drafts`, { unitId: unit.id, title: 'SOP Dinas Perhubungan', sopCount: 12 })).body;
    await t.organiser.patch(`/drafts/${draft.id}`, { status: 'reviewed' });
    expect(await t.app.services.notices.deliverDue()).toBe(2);
    const deliveries = async () => ((await t.organiser.get('/notices')).body as { deliveries: Delivery[] }[]).flatMap((n) => n.deliveries);
    const [email, webhook] = await deliveries();
    expect(email).toMatchObject({ channel: 'email', status: 'sent', attempts: 1 });
    expect(webhook).toMatchObject({ channel: 'webhook', status: 'pending', attempts: 1, lastError: 'the webhook did not finish within 1 s', nextAttemptAt: '2013-09-30T01:01:00.000Z' });
    expect(mail.received.map((r) => r.mail.messageId)).toEqual([email!.messageId]);

    answering = true;
    t.clock.set('2013-09-30T01:01:00Z');
    expect(await t.app.services.notices.deliverDue()).toBe(1);
    expect((await deliveries())[1]).toMatchObject({ status: 'sent', attempts: 2 });
    expect(hooked).toEqual([webhook!.messageId, webhook!.messageId]);
  } finally {
    await t.app.close();
    await mail.close();
    receiver.closeAllConnections();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  }
});
