import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface Received {
  /** The envelope's recipients. */
  to: string[];
  mail: ParsedMail;
  raw: string;
}

/**
 * A real SMTP server on a free local port that keeps what it receives, parsed by mailparser.
 * `refusing` answers every recipient with a temporary failure (451), as a full or busy
 * server would.
 */
export async function startMailCatcher() {
  const received: Received[] = [];
  const state = { refusing: false };
  const server = new SMTPServer({
    authOptional: true,
    // nodemailer would upgrade to TLS and refuse the test server's self-signed certificate.
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (state.refusing) return callback(Object.assign(new Error('Mailbox busy, try again later'), { responseCode: 451 }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then(
          (mail) => {
            received.push({ to: session.envelope.rcptTo.map((r) => r.address), mail, raw: raw.toString('utf8') });
            callback();
          },
          (err: Error) => callback(err),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refuse(refusing: boolean) {
      state.refusing = refusing;
    },
    /** The messages to one address. */
    to: (address: string) => received.filter((r) => r.to.includes(address)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type MailCatcher = Awaited<ReturnType<typeof startMailCatcher>>;

/** The text/calendar invitation of a message (nodemailer's icalEvent), or its calendar attachments. */
export const invitationsOf = (mail: ParsedMail) => mail.attachments.filter((a) => a.contentType === 'text/calendar').map((a) => ({ method: String(a.contentType && (a as { method?: string }).method), content: a.content.toString('utf8') }));
