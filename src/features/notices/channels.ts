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

export interface Mailer {
  send(message: Email): Promise<void>;
  /** Closes the pooled connections (at shutdown). */
  close(): void;
}

export interface Channels {
  email?: Mailer;
  webhook?: (body: string, messageId: string) => Promise<void>;
}

/** SMTP through nodemailer: smtp:// upgrades with STARTTLS when the server offers it, smtps:// is TLS throughout. */
export function smtpChannel(url: string, from: string): Mailer {
  // Loaded here, not at start: only a server with SMTP_URL needs it.
  const { createTransport } = require('nodemailer') as typeof nodemailer;
  // A pool: the worker's senders reuse a few connections instead of one handshake per message.
  const transport = createTransport({ url, pool: true, maxConnections: 4, connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 30_000 } as Parameters<typeof nodemailer.createTransport>[0]);
  const send = async (m: Email) => {
    await transport.sendMail({
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
  };
  return { send, close: () => transport.close() };
}

/** The signature header's value: `sha256=` and the hex HMAC-SHA256 of the exact body. */
export const webhookSignature = (secret: string, body: string) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

/** POSTs JSON, signed in `X-Signature-256`; anything but a 2xx answer within 15 s is a failure to retry. */
export function webhookChannel(url: string, secret: string): NonNullable<Channels['webhook']> {
  return async (body, messageId) => {
    const answer = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-signature-256': webhookSignature(secret, body), 'x-notice-id': messageId },
      body,
      // A redirect would turn the POST into a GET whose 2xx proves nothing.
      redirect: 'error',
      signal: AbortSignal.timeout(15_000),
    });
    await answer.body?.cancel().catch(() => {});
    if (!answer.ok) throw new WebhookRefused(answer.status);
  };
}
