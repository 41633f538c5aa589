import { Type, type Static, type TSchema, type TUnsafe } from '@sinclair/typebox';
import { NIP_PATTERN } from './nip';

export const Id = Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 });
/** A unit reference a unit key may leave out: it means the key's own unit. */
export const OwnUnitId = Type.Optional(Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1, description: 'Required with an organiser key; a unit key may leave it out (its own unit)' }));
export const IdParams = Type.Object({ id: Id }, { additionalProperties: false });

/** A calendar date, real ("2013-02-30" is refused). */
/** A calendar date YYYY-MM-DD, years 1900 to 2199 (the national calendar is only computed there). */
export const LocalDate = Type.String({ format: 'date', pattern: '^(19|20|21)\\d\\d-', description: 'YYYY-MM-DD, a year from 1900 to 2199', examples: ['2013-10-07'] });
/** A wall-clock time, 24-hour. */
export const LocalTime = Type.String({
  pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$',
  description: 'a time HH:mm (24-hour, local to the programme)',
  examples: ['09:00'],
});
/** An instant with a Z or an offset, e.g. 2013-10-07T08:00:00+08:00. */
export const Instant = (options: { description?: string } = {}) => Type.String({ format: 'date-time', examples: ['2013-10-07T08:00:00+08:00'], ...options });
export const Email = Type.String({ format: 'email', maxLength: 254 });
/** A NIP (18 digits), with or without the spaces or dots it is printed with; the services check its parts (src/platform/nip.ts). */
export const Nip = Type.String({
  pattern: NIP_PATTERN,
  description: '18 digits (birth date YYYYMMDD, appointment YYYYMM, sex 1/2, serial), with or without the spaces or dots it is printed with',
  examples: ['19800412 200501 1 003'],
});
/**
 * Text people type: no C0 control characters but tab and newline, no DEL, no line or
 * paragraph separators (they break calendar files and spreadsheets downstream).
 */
const CLEAN = '[^\\u0000-\\u0008\\u000B-\\u001F\\u007F\\u2028\\u2029]*';
export const SAFE_TEXT_PATTERN = `^${CLEAN}$`;
export const SAFE_NAME_PATTERN = `^(?=[\\s\\S]*\\S)${CLEAN}$`;
export const Name = Type.String({ minLength: 1, maxLength: 200, pattern: SAFE_NAME_PATTERN, description: 'a non-blank text of at most 200 characters' });
export const Text = (maxLength: number, options: { minLength?: number; description?: string } = {}) =>
  Type.String({ maxLength, pattern: SAFE_TEXT_PATTERN, ...options });

/**
 * `T | null` as `type: [T's type, 'null']` rather than anyOf: fast-json-stringify runs a full
 * validation for every anyOf it serialises, which made nullable fields the slowest part of
 * a response. Falls back to anyOf for schemas without a single type.
 */
export const Nullable = <T extends TSchema>(schema: T): TUnsafe<Static<T> | null> =>
  typeof schema.type === 'string'
    ? Type.Unsafe<Static<T> | null>({ ...schema, type: [schema.type, 'null'] })
    : Type.Unsafe<Static<T> | null>(Type.Union([schema, Type.Null()]));

/** The body of a POST that takes none: nothing, or an empty object. */
export const NoBody = Type.Object({}, { additionalProperties: false, description: 'Nothing; an empty body is fine' });

/** Paging for lists that can grow with the data. */
export const PageQuery = {
  limit: Type.Integer({ minimum: 1, maximum: 1000, default: 200 }),
  offset: Type.Integer({ minimum: 0, maximum: 1_000_000_000, default: 0 }),
};

export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    code: Type.String(),
    errors: Type.Optional(
      Type.Array(
        Type.Object({
          path: Type.String(),
          message: Type.String(),
          line: Type.Optional(Type.Integer()),
        }),
      ),
    ),
  },
  {
    $id: 'Problem',
    description: 'RFC 9457 problem details; some refusals add members that say what would work (e.g. priorityUntil, bookingId)',
    additionalProperties: true,
  },
);
export type ProblemBody = Static<typeof Problem>;

/** The problem+json answers every authenticated route may give. */
export const errorResponses = {
  '4xx': Type.Ref('Problem'),
  '5xx': Type.Ref('Problem'),
};

export const NoContent = Type.Null({ description: 'No content' });

/** A string enum as plain JSON Schema `enum` (clearer errors and docs than a union of literals). */
export const StringEnum = <T extends string>(values: readonly T[], options: { description?: string } = {}) =>
  Type.Unsafe<T>({ type: 'string', enum: [...values], ...options });
