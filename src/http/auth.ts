import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../platform/actor';
import { AppError, forbidden } from '../platform/errors';
import type { FailureLimiter } from './failure-limiter';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
  }
  interface FastifyContextConfig {
    /** Unit keys may call this route (services still limit them to their own unit). Default: organisers only. */
    allowUnit?: boolean;
    /** A web page (src/pages): signed in by cookie, answered in HTML, left out of the API docs. */
    page?: boolean;
    /** A page form that sends files (multipart): its token is checked by readUpload. */
    upload?: boolean;
  }
}

const unauthenticated = (detail: string) => new AppError(401, 'UNAUTHENTICATED', detail);

/**
 * Authenticates `Authorization: Bearer <key>` before anything else runs (no body parsing or
 * validation for strangers) and refuses unit keys on organiser-only routes. A valid key is
 * always let in, whatever others failed from the same address; only a request without a valid
 * key meets the limiter of failed keys.
 */
export function authenticate(actorOfKey: (secret: string) => Promise<Actor | undefined>, failures: FailureLimiter) {
  return async function (request: FastifyRequest, reply: FastifyReply) {
    const header = request.headers.authorization;
    const match = header ? /^Bearer +([A-Za-z0-9_-]{1,200})$/.exec(header) : null;
    const actor = match ? await actorOfKey(match[1]!) : undefined;
    if (!actor) {
      failures.check(request);
      if (header) await failures.fail(request);
      reply.header('WWW-Authenticate', 'Bearer');
      throw unauthenticated(
        !header ? 'Send your API key as Authorization: Bearer <key>' : match ? 'Unknown or revoked API key' : 'The Authorization header must be "Bearer <key>"',
      );
    }
    request.actor = { ...actor, requestId: request.id };
    if (actor.role !== 'organiser' && !request.routeOptions.config.allowUnit) throw forbidden('Only organiser keys may do this');
  };
}
