import type { FastifyRequest } from 'fastify';
import type { DateTime } from 'luxon';
import { AppError } from '../platform/errors';
import type { Clock } from '../platform/time';

const WINDOW_SECONDS = 60;

/** Counts one failure of a subject in the database, answering the failures in its window and when that ends. */
export type CountFailure = (subject: string, windowSeconds: number) => Promise<{ failures: number; windowEndsAt: DateTime }>;

/**
 * Counts one kind of failed credential (API keys, or calendar-feed tokens) per client (IP), in
 * the database, so every process behind the proxy draws on one budget. Each kind has its own
 * budget, so feed guesses never use up that of API keys and the other way round. Only failures
 * are counted and only failures are refused: callers check a presented credential first (the
 * secrets are 256-bit, so a valid one is never a lucky guess) and ask the limiter only about
 * wrong ones. Once a client has failed `perMinute` times in a minute, every wrong credential of
 * that kind gets 429 until its minute is over, whatever it is: a guesser learns nothing from the
 * answers.
 */
export function createFailureLimiter(options: { kind: string; what: string; perMinute: number; count: CountFailure; clock: Clock }) {
  const { kind, what, perMinute, count, clock } = options;
  // Clients over the limit, until when: a blocked client's requests are then a map lookup, not a
  // database write. Another process learns of the block at that client's next failure there.
  const blockedUntil = new Map<string, number>();
  const tooMany = (retryAfterSeconds: number) =>
    new AppError(429, 'RATE_LIMITED', `Too many failed ${what} from this client; try again in ${retryAfterSeconds} s`, undefined, { retryAfterSeconds });

  return {
    /** Refuses a client that is over its limit (ask only for a credential that failed). */
    check(request: FastifyRequest): void {
      const until = blockedUntil.get(request.ip);
      if (until === undefined) return;
      const left = until - clock.now().toMillis();
      if (left > 0) throw tooMany(Math.ceil(left / 1000));
      blockedUntil.delete(request.ip);
    },
    /** Counts one failure; the one that reaches the limit blocks the client. */
    async fail(request: FastifyRequest): Promise<void> {
      const { failures, windowEndsAt } = await count(`failed-${kind}:${request.ip}`, WINDOW_SECONDS);
      if (failures < perMinute) return;
      const now = clock.now().toMillis();
      // Many guessing addresses must not grow the map for ever.
      if (blockedUntil.size >= 10_000) for (const [ip, until] of blockedUntil) if (until <= now) blockedUntil.delete(ip);
      blockedUntil.set(request.ip, windowEndsAt.toMillis());
    },
  };
}

export type FailureLimiter = ReturnType<typeof createFailureLimiter>;
