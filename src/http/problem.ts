import { STATUS_CODES } from 'node:http';
import type { FastifyError } from 'fastify';
import { AppError, type FieldError } from '../platform/errors';
import { toFieldErrors } from '../platform/validation';
import type { ProblemBody } from '../platform/schemas';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Fastify's own request errors, by their code, as our stable codes. */
const FASTIFY_CODES: Record<string, { status: number; code: string; detail?: string }> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'PAYLOAD_TOO_LARGE' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'MALFORMED_JSON', detail: 'The body is empty but the content type is JSON' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'MALFORMED_JSON' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'BAD_REQUEST' },
  FST_ERR_CTP_EMPTY_TYPE: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  FST_ERR_CTP_INVALID_TYPE: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
};

export function problem(status: number, code: string, detail: string, errors?: FieldError[], extensions?: Record<string, unknown>): ProblemBody {
  return {
    ...extensions,
    type: `urn:sop-scheduler:problem:${code.toLowerCase().replace(/_/g, '-')}`,
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail,
    code,
    ...(errors && errors.length ? { errors } : {}),
  };
}

/**
 * Any thrown error as a problem body; anything unexpected becomes a 500 that reveals nothing.
 * `accepts`: the content types the route takes, named when a client sent another.
 */
export function toProblem(error: unknown, { accepts }: { accepts?: readonly string[] } = {}): ProblemBody {
  if (error instanceof AppError) return problem(error.status, error.code, error.message, error.errors, error.extensions);
  const e = error as FastifyError & { validationContext?: string };
  if (e.validation) {
    const errors = toFieldErrors(e.validation as never, `/${e.validationContext ?? 'body'}`);
    const summary = errors.map((f) => `${f.path} ${f.message}`).join('; ');
    return problem(400, 'VALIDATION_FAILED', `The request is invalid: ${summary}`, errors);
  }
  const known = e.code ? FASTIFY_CODES[e.code] : undefined;
  if (known?.status === 415 && accepts)
    return problem(415, known.code, `This route takes ${accepts.join(' or ')}; the request was sent as ${e.message.match(/'([^']*)'/)?.[1] ?? 'another type'}`, undefined, { accepts });
  if (known) return problem(known.status, known.code, known.detail ?? e.message);
  if (e instanceof SyntaxError && e.statusCode === 400) return problem(400, 'MALFORMED_JSON', e.message);
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500)
    return problem(e.statusCode, e.statusCode === 429 ? 'RATE_LIMITED' : 'BAD_REQUEST', e.message);
  return problem(500, 'INTERNAL_ERROR', 'An unexpected error occurred; it has been logged');
}
