import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../lib/errors';

/**
 * Counts failed authentications and calendar-token guesses per client (IP) with
 * @fastify/rate-limit. Once a client has failed `perMinute` times it gets 429 for everything
 * that needs a key or token, right or wrong, until the minute is over: a guesser learns
 * nothing from the answers.
 */
export function createFailureLimiter(app: FastifyInstance, perMinute: number) {
  const limiter = app.createRateLimit({ max: perMinute, timeWindow: 60_000, keyGenerator: (request) => request.ip });
  const tooMany = (retryAfterSeconds: number) =>
    new AppError(429, 'RATE_LIMITED', `Too many failed attempts from this client; try again in ${retryAfterSeconds} s`);

  return {
    /** Refuses a client that is over its limit, without counting this request. */
    async check(request: FastifyRequest): Promise<void> {
      const state = await limiter(request, { increment: false });
      if (!state.isAllowed && state.remaining === 0) throw tooMany(state.ttlInSeconds);
    },
    /** Counts one failure. */
    async fail(request: FastifyRequest): Promise<void> {
      await limiter(request);
    },
  };
}

export type FailureLimiter = ReturnType<typeof createFailureLimiter>;
