import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server that takes a whole message and then stalls: after the final dot it sends
 * a `250-` continuation line every `trickleMs` and never the last line, so no socket timeout
 * ever fires (a slow relay, or a tarpit). `stall(false)` makes it accept messages at once.
 */
export async function startStallingMailServer({ trickleMs = 100 }: { trickleMs?: number } = {}) {
  const state = { stalling: true };
  /** Message-IDs of the messages it is stalling on, and of those it accepted. */
  const stalled: string[] = [];
  const accepted: string[] = [];
  const server: SMTPServer = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    closeTimeout: 100,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const messageId = /^Message-ID:\s*(\S+)/im.exec(Buffer.concat(chunks).toString('utf8'))?.[1] ?? '';
        if (!state.stalling) {
          accepted.push(messageId);
          return callback();
        }
        stalled.push(messageId);
        const socket = [...server.connections].find((c) => c.session === session)!._socket;
        const trickle = setInterval(() => socket.writable && socket.write('250-still checking your message\r\n'), trickleMs);
        socket.once('close', () => clearInterval(trickle));
      });
    },
  });
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    stalled,
    accepted,
    stall(stalling: boolean) {
      state.stalling = stalling;
    },
    /** Resolves once it holds `count` messages (the jest timeout bounds the wait). */
    async stalling(count = 1) {
      while (stalled.length < count) await new Promise((r) => setTimeout(r, 20));
    },
    close() {
      for (const c of server.connections) c._socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type StallingMailServer = Awaited<ReturnType<typeof startStallingMailServer>>;
