import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../platform/errors';

/**
 * Counts failed authentications and calendar-token guesses per client (IP) with
 * @fastify/rate-limit. Once a client has failed `perMinute` times it gets 429 for everything
 * that needs a key or token, right or wrong, until its minute is over: a guesser learns
 * nothing from the answers.
 */
export function createFailureLimiter(app: FastifyInstance, perMinute: number) {
  const limiter = app.createRateLimit({ max: perMinute, timeWindow: 60_000, keyGenerator: (request) => request.ip });
  // Clients over the limit, until when: checking a request is then a map lookup, not a store read.
  const blockedUntil = new Map<string, number>();
  const tooMany = (retryAfterSeconds: number) =>
    new AppError(429, 'RATE_LIMITED', `Too many failed attempts from this client; try again in ${retryAfterSeconds} s`);

  return {
    /** Refuses a client that is over its limit. */
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
