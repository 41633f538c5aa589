/** One field-level problem, with a JSON-pointer-like path such as `/body/days/0/date`. */
export interface FieldError {
  path: string;
  message: string;
  line?: number;
}

/**
 * An error the API answers with a problem+json body. `code` is stable and documented;
 * clients switch on it, never on `detail`.
 */
export class AppError extends Error {
  readonly status: number;
  readonly code: string;
  readonly errors?: FieldError[];
  /** What would work, as extra members of the problem body (e.g. when a window ends). */
  readonly extensions?: Record<string, unknown>;

  constructor(status: number, code: string, message: string, errors?: FieldError[], extensions?: Record<string, unknown>) {
    // An expected refusal, answered and never logged: capturing a stack trace for it cost
    // more than the rest of a refused booking.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = limit;
    this.name = 'AppError';
    this.status = status;
    this.code = code;
    this.errors = errors;
    this.extensions = extensions;
  }
}

export const notFound = (entity: string, id: number | string) =>
  new AppError(404, 'NOT_FOUND', `${entity} ${id} does not exist`);

export const forbidden = (message = 'This key may not do that') => new AppError(403, 'FORBIDDEN', message);

export const conflict = (code: string, message: string, extensions?: Record<string, unknown>) => new AppError(409, code, message, undefined, extensions);

/**
 * A request that is well-formed JSON but wrong on one field. `why` (e.g. `{ reason: 'NIP', nipPart: 'sex' }`)
 * names the rule that refused it, as members of the problem body: the pages say it in words.
 */
export const invalidField = (path: string, message: string, why?: { reason: string } & Record<string, string>) =>
  new AppError(400, 'VALIDATION_FAILED', message, [{ path, message }], why);

/** A body field that refers to a row that does not exist (or that the caller may not see). */
export const unknownReference = (path: string, entity: string, id: number) =>
  new AppError(422, 'REFERENCE_NOT_FOUND', `${entity} ${id} does not exist`, [
    { path, message: `${entity} ${id} does not exist` },
  ]);

/** For a refusal to wait out (locked, the workers busy): when to come back, as a Retry-After value. */
export function retryAfterOf(error: unknown): string | undefined {
  const seconds = error instanceof AppError ? error.extensions?.retryAfterSeconds : undefined;
  return typeof seconds === 'number' ? String(seconds) : undefined;
}
