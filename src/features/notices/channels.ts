import { createHmac } from 'node:crypto';
import type nodemailer from 'nodemailer';

/** One email as the outbox sends it. */
export interface Email {
  to: { name: string; address: string };
  subject: string;
  text: string;
  html: string;
  /** Stable across attempts, so the receiving side can recognise a repeat. */
  messageId: string;
  /** The invitation clients act on (Gmail, Outlook and Apple read it from the message itself). */
  invitation?: { method: 'REQUEST' | 'CANCEL'; content: string };
  /** Further invitations (one per batch day), as attachments. */
  attachments?: { filename: string; method: 'REQUEST' | 'CANCEL'; content: string }[];
  /**
   * A one-click unsubscribe address (RFC 8058): sent as `List-Unsubscribe` with
   * `List-Unsubscribe-Post`, so mail programs offer "unsubscribe" beside the sender.
   */
  unsubscribe?: string;
}

/** A webhook's answer other than 2xx. */
export class WebhookRefused extends Error {
  constructor(readonly status: number) {
    super(`webhook answered ${status}`);
  }
}

/**
 * A refusal that trying again cannot fix: the mail server refusing this recipient for good
 * (5xx to RCPT TO: no such mailbox), an address nodemailer cannot use, or a webhook's 4xx
 * other than 408 and 429. Everything else is retried: timeouts, 4xx answers, a wrong SMTP
 * password or a refused sender (a setting to fix, after which the notices still go out).
 */
export function isPermanent(err: unknown): boolean {
  if (err instanceof WebhookRefused) return err.status >= 400 && err.status < 500 && err.status !== 408 && err.status !== 429;
  const { code, command, responseCode, message } = err as { code?: string; command?: string; responseCode?: number; message?: string };
  if (code !== 'EENVELOPE') return false;
  return (command === 'RCPT TO' && (responseCode ?? 0) >= 500) || (command === 'API' && /^Invalid recipient/.test(message ?? ''));
}

/** A send cut at its deadline: a failed attempt, retried like any other. */
export class SendTimedOut extends Error {
  constructor(what: string, seconds: number) {
    super(`${what} did not finish within ${seconds} s`);
  }
}

/**
 * Runs one send with a hard deadline of its own: past it the send's signal aborts (the channel
 * closes the connection) and it fails with SendTimedOut. `cut` (shutdown) aborts it too, with
 * its own error. Socket timeouts alone are not enough: a server that trickles `250-` lines is
 * never silent.
 */
async function withDeadline(what: string, seconds: number, cut: AbortSignal, send: (signal: AbortSignal) => Promise<void>): Promise<void> {
  const attempt = new AbortController();
  let timedOut = false;
  const deadline = setTimeout(() => {
    timedOut = true;
    attempt.abort();
  }, seconds * 1000).unref();
  // A listener removed after each send: the worker's `cut` lives as long as the server.
  const onCut = () => attempt.abort();
  cut.addEventListener('abort', onCut, { once: true });
  if (cut.aborted) attempt.abort();
  try {
    await send(attempt.signal);
  } catch (err) {
    if (timedOut && !cut.aborted) throw new SendTimedOut(what, seconds);
    throw err;
  } finally {
    clearTimeout(deadline);
    cut.removeEventListener('abort', onCut);
  }
}

export interface Mailer {
  /** Sends one message within its deadline; `cut` aborts it (shutdown). */
  send(message: Email, cut: AbortSignal): Promise<void>;
  /** Closes the pooled connections (at shutdown). */
  close(): void;
}

export interface Channels {
  email?: Mailer;
  /** POSTs one notice within its deadline; `cut` aborts it (shutdown). */
  webhook?: (body: string, messageId: string, cut: AbortSignal) => Promise<void>;
}

/** Seconds a send may take (see Config's noticeDeadlines). */
export interface SendDeadlines {
  /** SMTP: connecting, the greeting, and each silence of the server. */
  smtpSeconds: number;
  /** One whole email, from taking a connection to the server's last answer. */
  emailSeconds: number;
  /** One whole webhook POST, its answer included. */
  webhookSeconds: number;
}

/** SMTP through nodemailer: smtp:// upgrades with STARTTLS when the server offers it, smtps:// is TLS throughout. */
export function smtpChannel(url: string, from: string, deadlines: Pick<SendDeadlines, 'smtpSeconds' | 'emailSeconds'>): Mailer {
  // Loaded here, not at start: only a server with SMTP_URL needs it.
  const { createTransport } = require('nodemailer') as typeof nodemailer;
  // A pool: the worker's email senders reuse a few connections instead of one handshake per message.
  const timeout = deadlines.smtpSeconds * 1000;
  const transport = createTransport({ url, pool: true, maxConnections: 4, connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout } as Parameters<typeof nodemailer.createTransport>[0]);
  // An aborted message's connection is closed by the pool (nodemailer's `signal`), freeing its place.
  const send = (m: Email, cut: AbortSignal) => withDeadline('the mail server', deadlines.emailSeconds, cut, async (signal) => {
    await transport.sendMail({
      signal,
      from,
      to: m.to,
      subject: m.subject,
      text: m.text,
      html: m.html,
      messageId: m.messageId,
      headers: {
        'Auto-Submitted': 'auto-generated',
        ...(m.unsubscribe ? { 'List-Unsubscribe': `<${m.unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : {}),
      },
      ...(m.invitation ? { icalEvent: { method: m.invitation.method, filename: 'undangan.ics', content: m.invitation.content } } : {}),
      attachments: (m.attachments ?? []).map((a) => ({ filename: a.filename, content: a.content, contentType: `text/calendar; charset=utf-8; method=${a.method}` })),
    });
  });
  return { send, close: () => transport.close() };
}

/** The signature header's value: `sha256=` and the hex HMAC-SHA256 of the exact body. */
export const webhookSignature = (secret: string, body: string) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

/** POSTs JSON, signed in `X-Signature-256`; anything but a 2xx answer, read whole within the deadline, is a failure to retry. */
export function webhookChannel(url: string, secret: string, deadlines: Pick<SendDeadlines, 'webhookSeconds'>): NonNullable<Channels['webhook']> {
  return (body, messageId, cut) => withDeadline('the webhook', deadlines.webhookSeconds, cut, async (signal) => {
    const answer = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-signature-256': webhookSignature(secret, body), 'x-notice-id': messageId },
      body,
      // A redirect would turn the POST into a GET whose 2xx proves nothing.
      redirect: 'error',
      signal,
    });
    await answer.body?.cancel().catch(() => {});
    if (!answer.ok) throw new WebhookRefused(answer.status);
  });
}
