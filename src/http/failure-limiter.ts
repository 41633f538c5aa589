import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../platform/errors';

/**
 * Counts one kind of failed credential (API keys, or calendar-feed tokens) per client (IP) with
 * @fastify/rate-limit. Each kind has its own limiter, so feed guesses never use up the budget of
 * API keys and the other way round. Only failures are counted and only failures are refused:
 * callers check a presented credential first (the secrets are 256-bit, so a valid one is never
 * a lucky guess) and ask the limiter only about wrong ones. Once a client has failed `perMinute`
 * times, every wrong credential of that kind gets 429 until its minute is over, whatever it is:
 * a guesser learns nothing from the answers.
 */
export function createFailureLimiter(app: FastifyInstance, perMinute: number, what: string) {
  // createRateLimit gives each limiter a store of its own.
  const limiter = app.createRateLimit({ max: perMinute, timeWindow: 60_000, keyGenerator: (request) => request.ip });
  // Clients over the limit, until when: checking a request is then a map lookup, not a store read.
  const blockedUntil = new Map<string, number>();
  const tooMany = (retryAfterSeconds: number) =>
    new AppError(429, 'RATE_LIMITED', `Too many failed ${what} from this client; try again in ${retryAfterSeconds} s`, undefined, { retryAfterSeconds });

  return {
    /** Refuses a client that is over its limit (ask only for a credential that failed). */
    check(request: FastifyRequest): void {
      const until = blockedUntil.get(request.ip);
      if (until === undefined) return;
      const left = until - Date.now();
      if (left > 0) throw tooMany(Math.ceil(left / 1000));
      blockedUntil.delete(request.ip);
    },
    /** Counts one failure; the one that reaches the limit blocks the client. */
    async fail(request: FastifyRequest): Promise<void> {
      const state = await limiter(request);
      if (state.isAllowed || state.remaining > 0) return;
      const now = Date.now();
      // Many guessing addresses must not grow the map for ever.
      if (blockedUntil.size >= 10_000) for (const [ip, until] of blockedUntil) if (until <= now) blockedUntil.delete(ip);
      blockedUntil.set(request.ip, now + state.ttl);
    },
  };
}

export type FailureLimiter = ReturnType<typeof createFailureLimiter>;
