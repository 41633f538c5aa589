import type { Static, TObject } from '@sinclair/typebox';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { AppError } from '../platform/errors';
import type { PageContext } from './context';
import type { FormProblem, Typed } from './components/form';
import { isRefusalCode, refusalText } from './refusals.text';
import { formatInstant } from '../platform/format';

/** Form fields arrive as strings: this Ajv turns "3" into 3 and one checkbox into a list. */
const formAjv = addFormats(new Ajv({ allErrors: true, coerceTypes: 'array', useDefaults: true, strict: false }), ['email', 'date', 'date-time']);
const compiled = new WeakMap<TObject, ValidateFunction>();

export type { Typed } from './components/form';

/**
 * The fields of a posted form checked against the same TypeBox schema as the API: blanks are
 * left out (or null with `blank: 'null'`, to clear a field), text is trimmed. Either the value
 * or the problem to show beside each field.
 */
export function readForm<S extends TObject>(
  schema: S,
  body: unknown,
  ctx: PageContext,
  options: { blank?: 'omit' | 'null' } = {},
): { ok: true; value: Static<S>; typed: Typed } | { ok: false; problem: FormProblem; typed: Typed } {
  const typed: Typed = {};
  const input: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    if (name === '_csrf' || !(name in schema.properties)) continue;
    const value = Array.isArray(raw) ? raw.map(String) : String(raw);
    typed[name] = value;
    const trimmed = Array.isArray(value) ? value.map((v) => v.trim()).filter(Boolean) : value.trim();
    if (trimmed === '' || (Array.isArray(trimmed) && trimmed.length === 0)) {
      if (options.blank === 'null') input[name] = null;
      continue;
    }
    input[name] = trimmed;
  }
  let validate = compiled.get(schema);
  if (!validate) compiled.set(schema, (validate = formAjv.compile(schema)));
  if (validate(input)) return { ok: true, value: input as Static<S>, typed };
  const fields: Record<string, string> = {};
  for (const error of validate.errors ?? []) {
    const field = error.keyword === 'required' ? String(error.params.missingProperty) : error.instancePath.split('/')[1] ?? '';
    if (field && !fields[field]) fields[field] = fieldMessage(error, ctx);
  }
  return { ok: false, problem: { fields }, typed };
}

function fieldMessage(error: ErrorObject, { t }: PageContext): string {
  const v = t.validation;
  switch (error.keyword) {
    case 'required':
      return v.required;
    case 'maxLength':
      return v.tooLong(Number(error.params.limit));
    case 'minLength':
      return Number(error.params.limit) === 1 ? v.required : v.tooShort(Number(error.params.limit));
    case 'format':
      return error.params.format === 'email' ? v.email : error.params.format === 'date' ? v.date : v.format;
    case 'type':
      return error.params.type === 'integer' || error.params.type === 'number' ? v.number : v.invalid;
    case 'minimum':
      return v.min(Number(error.params.limit));
    case 'maximum':
      return v.max(Number(error.params.limit));
    case 'enum':
      return v.choice;
    case 'pattern':
      return v.format;
    default:
      return v.invalid;
  }
}

/**
 * A service's refusal as the page shows it: the sentence for its code (members such as
 * `priorityUntil` written as local time in `zone`) at the top, and beside the field it names.
 * Anything that is not a refusal is rethrown: it is a bug, answered 500.
 */
export function refusal(error: unknown, ctx: PageContext, zone = ctx.defaultZone): FormProblem & { status: number; code: string } {
  if (!(error instanceof AppError) || error.status >= 500) throw error;
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(error.extensions ?? {}))
    params[name] = typeof value === 'string' && /^\d{4}-\d\d-\d\dT/.test(value) ? formatInstant(value, zone, ctx.lang) : String(value ?? '');
  const words = refusalText[ctx.lang];
  const entry = isRefusalCode(error.code) ? words[error.code] : undefined;
  const sentence = typeof entry === 'function' ? entry({ ...params, organisation: ctx.organisation }) : entry;
  const fields: Record<string, string> = {};
  for (const fieldError of error.errors ?? []) {
    const field = fieldError.path.split('/').pop();
    if (field) fields[field] = sentence ?? ctx.t.validation.invalid;
  }
  return { status: error.status, code: error.code, summary: sentence ?? (ctx.lang === 'en' ? error.message : words.generic), fields };
}
