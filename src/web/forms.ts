import type { Static, TObject, TSchema } from '@sinclair/typebox';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { AppError } from '../platform/errors';
import { checkNip, isNipPart, NIP_PATTERN, nipDigits, type NipPart } from '../platform/nip';
import { LocalTime } from '../platform/schemas';
import type { PageContext } from './context';
import type { FormProblem, Typed } from './components/form';
import { isFieldReason, isRefusalCode, reasonText, refusalText } from './refusals.text';
import { formatDate, formatInstant } from '../platform/format';

/** Form fields arrive as strings: this Ajv turns "3" into 3 and one checkbox into a list. */
const formAjv = addFormats(new Ajv({ allErrors: true, coerceTypes: 'array', useDefaults: true, strict: false, verbose: true }), ['email', 'date', 'date-time']);
const compiled = new WeakMap<TObject, ValidateFunction>();

export type { Typed } from './components/form';

/** What a field holds, as its schema says it: these are read the way people write them. */
type FieldKind = 'time' | 'date' | 'nip';

function kindOf(schema: TSchema | undefined): FieldKind | undefined {
  if (!schema) return undefined;
  if (schema.type === 'array') return kindOf(schema.items as TSchema | undefined);
  if (schema.pattern === LocalTime.pattern) return 'time';
  if (schema.format === 'date') return 'date';
  if (schema.pattern === NIP_PATTERN) return 'nip';
  return undefined;
}

const TIME = new RegExp(LocalTime.pattern ?? '^\\d\\d:\\d\\d$');

/** "08.00", "8.00", "08:00", "8:00" as "08:00"; anything else unchanged (the schema then refuses it). */
export function normalTime(typed: string): string {
  const match = /^(\d{1,2})[.:](\d\d)$/.exec(typed);
  return match ? `${match[1]!.padStart(2, '0')}:${match[2]}` : typed;
}

/**
 * A date as the browser sends it (2027-12-31) or as Indonesians type it (31/12/2027,
 * 31-12-2027, 31.12.2027, day first) as YYYY-MM-DD; anything else unchanged.
 */
export function normalDate(typed: string): string {
  const match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(typed);
  return match ? `${match[3]}-${match[2]!.padStart(2, '0')}-${match[1]!.padStart(2, '0')}` : typed;
}

/** A date and time typed in one field ("2027-12-31T08:00" from the browser, "31/12/2027 08.00" typed), or undefined. */
export function normalDateTime(typed: string): { date: string; time: string } | undefined {
  const match = /^(\S+)(?:T|\s+)(\d{1,2}[.:]\d\d)$/.exec(typed.trim());
  if (!match) return undefined;
  const date = normalDate(match[1]!);
  const time = normalTime(match[2]!);
  return /^\d{4}-\d\d-\d\d$/.test(date) && isRealDate(date) && TIME.test(time) ? { date, time } : undefined;
}

/** The sentence for a NIP's wrong part. */
export function nipMessage(part: NipPart, digits: string, { t }: Pick<PageContext, 't'>): string {
  const words = t.validation.nip;
  if (part === 'length') return Number(digits) >= 0 ? words.length(Number(digits)) : words.characters;
  return words[part](digits);
}

/**
 * The fields of a posted form checked against the same TypeBox schema as the API: blanks are
 * left out (or null with `blank: 'null'`, to clear a field), text is trimmed. Fields the
 * schema declares as a time, a date or a NIP are read the way people write them first:
 * "08.00" or "8:00" for 08:00, "31/12/2027" for 2027-12-31, a NIP with its spaces or dots
 * (checked part by part, each wrong part said in words). The API keeps its strict formats.
 * Either the value or the problem to show beside each field.
 */
export function readForm<S extends TObject>(
  schema: S,
  body: unknown,
  ctx: PageContext,
  options: { blank?: 'omit' | 'null' } = {},
): { ok: true; value: Static<S>; typed: Typed } | { ok: false; problem: FormProblem; typed: Typed } {
  const typed: Typed = {};
  const input: Record<string, unknown> = {};
  const fields: Record<string, string> = {};
  for (const [name, raw] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    if (name === '_csrf' || !(name in schema.properties)) continue;
    const value = Array.isArray(raw) ? raw.map(String) : String(raw);
    typed[name] = value;
    const trimmed = Array.isArray(value) ? value.map((v) => v.trim()).filter(Boolean) : value.trim();
    if (trimmed === '' || (Array.isArray(trimmed) && trimmed.length === 0)) {
      if (options.blank === 'null') input[name] = null;
      continue;
    }
    const kind = kindOf(schema.properties[name]);
    if (kind === 'nip' && typeof trimmed === 'string') {
      const digits = nipDigits(trimmed);
      const check = checkNip(digits);
      if (!check.valid) fields[name] = nipMessage(check.part, check.digits, ctx);
      input[name] = digits;
      continue;
    }
    const normal = kind === 'time' ? normalTime : kind === 'date' ? normalDate : undefined;
    input[name] = normal ? (Array.isArray(trimmed) ? trimmed.map(normal) : normal(trimmed)) : trimmed;
    // A date field put back after a refusal shows the date it was read as (a date input shows only YYYY-MM-DD).
    if (kind === 'date' && typeof trimmed === 'string' && isRealDate(String(input[name]))) typed[name] = String(input[name]);
  }
  let validate = compiled.get(schema);
  if (!validate) compiled.set(schema, (validate = formAjv.compile(schema)));
  if (validate(input) && Object.keys(fields).length === 0) return { ok: true, value: input as Static<S>, typed };
  for (const error of validate.errors ?? []) {
    const field = error.keyword === 'required' ? String(error.params.missingProperty) : error.instancePath.split('/')[1] ?? '';
    if (field && !fields[field]) fields[field] = fieldMessage(error, ctx, kindOf(schema.properties[field]), typed[field]);
  }
  return { ok: false, problem: { fields }, typed };
}

/** Whether YYYY-MM-DD is a day of the calendar (2027-02-30 is not). */
function isRealDate(date: string): boolean {
  if (!/^\d{4}-\d\d-\d\d$/.test(date)) return false;
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** The sentence beside a field: what is wrong and, where a form is expected, an example of it. */
function fieldMessage(error: ErrorObject, { t }: PageContext, kind: FieldKind | undefined, typed: string | string[] | undefined): string {
  const v = t.validation;
  if (error.keyword !== 'required' && kind === 'time') return v.time;
  if (error.keyword !== 'required' && kind === 'date') {
    const read = String(error.data ?? '');
    const shown = typeof typed === 'string' ? typed.trim() : read;
    if (!/^\d{4}-\d\d-\d\d$/.test(read)) return v.date;
    return isRealDate(read) ? v.dateYear : v.dateNotReal(shown);
  }
  const example = (error.parentSchema as { examples?: unknown[] } | undefined)?.examples?.[0];
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
      return typeof example === 'string' ? v.formatLike(example) : v.format;
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
    params[name] =
      typeof value !== 'string'
        ? String(value ?? '')
        : /^\d{4}-\d\d-\d\dT/.test(value)
          ? formatInstant(value, zone, ctx.lang)
          : /^\d{4}-\d\d-\d\d$/.test(value)
            ? formatDate(value, ctx.lang)
            : value;
  const words = refusalText[ctx.lang];
  const entry = isRefusalCode(error.code) ? words[error.code] : undefined;
  // A field refused by a named rule (see invalidField) is said in words: which NIP part, which date.
  const reason = error.extensions?.reason;
  const sentence =
    reason === 'NIP' && isNipPart(params.nipPart)
      ? nipMessage(params.nipPart, params.digits ?? '', ctx)
      : isFieldReason(reason)
        ? reasonText[ctx.lang][reason]({ ...params, organisation: ctx.organisation })
        : typeof entry === 'function'
          ? entry({ ...params, organisation: ctx.organisation })
          : entry;
  const fields: Record<string, string> = {};
  for (const fieldError of error.errors ?? []) {
    const field = fieldError.path.split('/').pop();
    if (field) fields[field] = sentence ?? ctx.t.validation.invalid;
  }
  return { status: error.status, code: error.code, summary: sentence ?? (ctx.lang === 'en' ? error.message : words.generic), fields };
}
