/**
 * A local mail catcher: a real SMTP server that keeps what it receives instead of passing it
 * on. The tests and the crash test start it in-process; for trying the service by hand:
 *   npm run mail-catcher                      (listens on 127.0.0.1:1025)
 *   SMTP_URL=smtp://127.0.0.1:1025 npm start  (in another terminal)
 * Each message is summarised on stdout and saved whole as data/mail/<n>.eml (open it with any
 * mail program to see the HTML and the calendar invitation).
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { parseArgs } from './cli';

export interface Received {
  /** The envelope's recipients. */
  to: string[];
  mail: ParsedMail;
  raw: string;
}

/**
 * Listens on `port` (0: a free one). `refuse(true)` answers every recipient with a temporary
 * failure (451), as a full or busy server would; `unknownMailbox` refuses one address for good.
 */
export async function startMailCatcher({ port = 0, onMessage }: { port?: number; onMessage?: (message: Received) => void } = {}) {
  const received: Received[] = [];
  const state = { refusing: false, unknown: new Set<string>() };
  const server = new SMTPServer({
    authOptional: true,
    // Plain text on a local port: nodemailer would otherwise upgrade and refuse a self-signed certificate.
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (state.unknown.has(address.address)) return callback(Object.assign(new Error('Recipient address rejected: User unknown'), { responseCode: 550 }));
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
            const message = { to: session.envelope.rcptTo.map((r) => r.address), mail, raw: raw.toString('utf8') };
            received.push(message);
            onMessage?.(message);
            callback();
          },
          (err: Error) => callback(err),
        );
      });
    },
  });
  // A sender that dies mid-message (the crash test kills servers) resets its connection: that
  // message never arrived, which is all there is to it.
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${address.port}`,
    received,
    refuse(refusing: boolean) {
      state.refusing = refusing;
    },
    /** Forgets what arrived and accepts everything again. */
    reset() {
      received.length = 0;
      state.refusing = false;
      state.unknown.clear();
    },
    /** Answers this address 550 (no such mailbox) from now on. */
    unknownMailbox(address: string) {
      state.unknown.add(address);
    },
    /** The messages to one address. */
    to: (to: string) => received.filter((r) => r.to.includes(to)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type MailCatcher = Awaited<ReturnType<typeof startMailCatcher>>;

if (require.main === module) {
  const args = parseArgs(process.argv.slice(2));
  const folder = path.resolve(args.folder ?? 'data/mail');
  fs.mkdirSync(folder, { recursive: true });
  let n = fs.readdirSync(folder).filter((f) => f.endsWith('.eml')).length;
  void startMailCatcher({
    port: Number(args.port ?? 1025),
    onMessage({ to, mail, raw }) {
      const file = path.join(folder, `${++n}.eml`);
      fs.writeFileSync(file, raw);
      const invitations = mail.attachments.filter((a) => a.contentType === 'text/calendar').length;
      console.log(`${new Date().toISOString()}  to ${to.join(', ')}  "${mail.subject}"${invitations ? `  (${invitations} invitation${invitations > 1 ? 's' : ''})` : ''}  -> ${file}`);
    },
  }).then((catcher) => console.error(`mail catcher listening: SMTP_URL=${catcher.url}; messages are saved in ${folder}`));
}
