import { Type, type Static } from '@sinclair/typebox';
import { UNIT_KINDS, UNIT_STATUS_FILTERS } from './units.rules';
import { Email, Id, Name, Nullable, PageQuery, StringEnum } from '../../platform/schemas';

export const UnitKind = StringEnum(UNIT_KINDS, { description: 'The kind of work unit (SKPD)' });

export const UnitCode = Type.String({
  pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$',
  description: 'a code of letters, digits, ".", "_" or "-" (at most 32; unique regardless of case)',
  examples: ['DISHUB'],
});

export const UnitCreateBody = Type.Object(
  { code: UnitCode, name: Name, kind: UnitKind, email: Type.Optional(Nullable(Email)) },
  { additionalProperties: false },
);
export type UnitCreateInput = Static<typeof UnitCreateBody>;

export const UnitPatchBody = Type.Object(
  {
    code: Type.Optional(UnitCode),
    name: Type.Optional(Name),
    kind: Type.Optional(UnitKind),
    email: Type.Optional(Nullable(Email)),
    active: Type.Optional(
      Type.Boolean({
        description:
          'false deactivates the unit (merged, dissolved, created by mistake): it keeps its history, its operators can still sign in and read, but new enrolments, bookings, drafts, requests and operator invitations for it are refused (409 UNIT_INACTIVE) and distribution and auto-schedule leave it out; true reactivates it',
      }),
    ),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UnitPatchInput = Static<typeof UnitPatchBody>;

const UnitStatusFilter = StringEnum(UNIT_STATUS_FILTERS, { description: 'Which units: active (the default), inactive (deactivated) or all' });

export const UnitListQuery = Type.Object(
  {
    kind: Type.Optional(UnitKind),
    code: Type.Optional(Type.String({ minLength: 1, maxLength: 32, description: 'Exactly this code, whatever its case' })),
    search: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Part of the name or code, whatever its case' })),
    status: Type.Optional(UnitStatusFilter),
    ...PageQuery,
  },
  { additionalProperties: false },
);

export const Unit = Type.Object({
  id: Id,
  code: Type.String(),
  name: Type.String(),
  kind: UnitKind,
  email: Nullable(Type.String()),
  active: Type.Boolean({ description: 'false once the organiser deactivated the unit (PATCH with active: false): it takes part in nothing new' }),
  deactivatedAt: Nullable(Type.String({ description: 'When it was deactivated (UTC); null while active' })),
  calendarTokenIssuedAt: Nullable(
    Type.String({ description: 'When the private calendar feed address was issued; the address itself is shown only then (POST /units/:id/calendar-token)' }),
  ),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const ImportResult = Type.Object({
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  skipped: Type.Optional(
    Type.Array(
      Type.Object({
        line: Type.Integer({ description: 'The line of the file (a spreadsheet: its row number)' }),
        path: Type.String({ description: 'The field, or empty for the whole line' }),
        message: Type.String(),
        value: Type.Optional(Type.String({ description: 'The value as the file has it' })),
      }),
      { description: 'Only with skipInvalid=true: the bad lines left out, in line order (an empty list when there were none)' },
    ),
  ),
  ignoredColumns: Type.Optional(
    Type.Array(Type.String(), { description: 'Columns no field is read from, as the file heads them (numbering columns such as "No" are left out without a word); only when there are any' }),
  ),
});

/** The options of an import: a dry run, and saving the good lines while skipping the bad ones. */
export const ImportQuery = Type.Object(
  {
    dryRun: Type.Optional(Type.Boolean({ description: 'Check every line and count, writing nothing' })),
    skipInvalid: Type.Optional(
      Type.Boolean({ description: 'Save the good lines and skip the bad ones (answered in skipped); without it, one bad line refuses the whole file (422 IMPORT_INVALID)' }),
    ),
  },
  { additionalProperties: false },
);

/** An import's answer: the counts; the skipped lines when asked to skip; the columns left unread when any. */
export const importAnswer = (
  outcome: { created: number; updated: number; unchanged: number; skipped: { line: number; path: string; message: string; value?: string }[]; ignoredColumns: string[] },
  skipInvalid: boolean | undefined,
): Static<typeof ImportResult> => ({
  created: outcome.created,
  updated: outcome.updated,
  unchanged: outcome.unchanged,
  ...(skipInvalid ? { skipped: outcome.skipped.map(({ line, path, message, value }) => ({ line, path, message, ...(value === undefined ? {} : { value }) })) } : {}),
  ...(outcome.ignoredColumns.length > 0 ? { ignoredColumns: outcome.ignoredColumns } : {}),
});
