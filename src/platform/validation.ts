import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { FieldError } from './errors';
import { SAFE_NAME_PATTERN, SAFE_TEXT_PATTERN } from './schemas';

// verbose: errors carry their schema, so a failed pattern can quote the field's description.
const common = { removeAdditional: false, useDefaults: true, strict: true, verbose: true } as const;
// TypeBox adds these annotation keywords to schemas; they carry no validation.
const annotations: string[] = [];

/** At most this many field errors in an answer. */
export const MAX_FIELD_ERRORS = 20;
/** Data with more values than this is reported by its first error only. */
const LARGE = 2000;

/** Whether `data` holds more than LARGE values, counted without allocating. */
function isLarge(data: unknown): boolean {
  let seen = 0;
  const walk = (value: unknown): boolean => {
    if (++seen > LARGE) return true;
    if (Array.isArray(value)) return value.some(walk);
    if (value !== null && typeof value === 'object') return Object.values(value).some(walk);
    return false;
  };
  return walk(data);
}

/**
 * Validators that do bounded work whatever arrives: a first pass stops at the first error;
 * only data of a sane size is checked again for every error (at most MAX_FIELD_ERRORS are
 * kept), so a body of 125,000 wrong array items costs one error, not 125,000 of them.
 */
class BoundedAjv {
  private readonly first: Ajv;
  private readonly every: Ajv;

  constructor(coerceTypes: boolean | 'array') {
    const build = (allErrors: boolean) => {
      const ajv = new Ajv({ ...common, allErrors, coerceTypes });
      addFormats(ajv);
      for (const keyword of annotations) ajv.addKeyword(keyword);
      return ajv;
    };
    this.first = build(false);
    this.every = build(true);
  }

  /** Compiled once per process by content: every app instance (tests build hundreds) declares equal schemas anew. */
  private readonly compiled = new Map<string, ValidateFunction>();

  compile<T = unknown>(schema: object): ValidateFunction<T> {
    const key = JSON.stringify(schema);
    let validate = this.compiled.get(key);
    if (!validate) this.compiled.set(key, (validate = this.build(schema)));
    return validate as ValidateFunction<T>;
  }

  /**
   * Compiled when first used, not when the route is declared: a server starts without
   * compiling the schemas of routes nobody calls (every route is called in the tests).
   */
  private build<T>(schema: object): ValidateFunction<T> {
    let first: ValidateFunction<T> | undefined;
    let every: ValidateFunction<T> | undefined;
    const validate = ((data: unknown) => {
      first ??= this.first.compile<T>(schema);
      if (first(data)) return true;
      every ??= this.every.compile<T>(schema);
      const errors = isLarge(data) || every(data) ? first.errors : every.errors;
      validate.errors = (errors ?? []).slice(0, MAX_FIELD_ERRORS);
      return false;
    }) as ValidateFunction<T>;
    return validate;
  }
}

/** Bodies are JSON: a string is never silently turned into a number. */
export const bodyAjv = new BoundedAjv(false);
/** Params and query strings arrive as text, so they are coerced to the declared types. */
export const textAjv = new BoundedAjv('array');

const FORMAT_MESSAGES: Record<string, string> = {
  date: 'must be a real date YYYY-MM-DD',
  'date-time': 'must be an ISO date-time with offset, e.g. 2013-10-07T08:00:00+08:00',
  email: 'must be an email address',
};

/** Turns ajv errors into `{path, message}` with a path that names the field, e.g. `/body/days/0/date`. */
export function toFieldErrors(errors: ErrorObject[], root: string): FieldError[] {
  const seen = new Set<string>();
  const result: FieldError[] = [];
  for (const error of errors) {
    let path = `${root}${error.instancePath}`;
    let message = error.message ?? 'is invalid';
    if (error.keyword === 'required') path += `/${(error.params as { missingProperty: string }).missingProperty}`;
    if (error.keyword === 'additionalProperties') {
      path += `/${(error.params as { additionalProperty: string }).additionalProperty}`;
      message = 'is not a known field';
    }
    if (error.keyword === 'required') message = 'is required';
    if (error.keyword === 'format') message = FORMAT_MESSAGES[(error.params as { format: string }).format] ?? message;
    if (error.keyword === 'pattern') {
      const pattern = (error.params as { pattern: string }).pattern;
      if (pattern === SAFE_TEXT_PATTERN || pattern === SAFE_NAME_PATTERN)
        message = /\S/.test(String(error.data)) ? 'must not contain control characters (only tab and newline)' : 'must not be blank';
      else if (error.parentSchema?.description) message = `must be ${error.parentSchema.description}`;
    }
    if (error.keyword === 'enum')
      message = `must be one of: ${(error.params as { allowedValues: string[] }).allowedValues.join(', ')} (got ${JSON.stringify(error.data)})`;
    // anyOf/oneOf repeat the same failure per branch; one line per field is enough.
    if (error.keyword === 'anyOf' || error.keyword === 'oneOf') continue;
    // One message per field: the first is the most specific (a nullable field's failed
    // format comes before its "must be null" alternative).
    if (!seen.has(path)) {
      seen.add(path);
      result.push({ path, message });
    }
  }
  return result;
}
