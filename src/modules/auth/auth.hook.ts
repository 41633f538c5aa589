import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, forbidden } from '../../lib/errors';
import type { KeysService } from '../keys/keys.service';
import type { FailureLimiter } from './failure-limiter';
import type { Actor } from './actor';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
  }
  interface FastifyContextConfig {
    /** Unit keys may call this route (services still limit them to their own unit). Default: organisers only. */
    allowUnit?: boolean;
  }
}

const unauthenticated = (detail: string) => new AppError(401, 'UNAUTHENTICATED', detail);

/**
 * Authenticates `Authorization: Bearer <key>` before anything else runs (no body parsing or
 * validation for strangers) and refuses unit keys on organiser-only routes.
 */
export function authenticate(keys: KeysService, failures: FailureLimiter) {
  return async function (request: FastifyRequest, reply: FastifyReply) {
    failures.check(request);
    const header = request.headers.authorization;
    const match = header ? /^Bearer +([A-Za-z0-9_-]{1,200})$/.exec(header) : null;
    const actor = match ? keys.authenticate(match[1]!) : undefined;
    if (!actor) {
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
