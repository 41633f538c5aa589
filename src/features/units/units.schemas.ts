import { Type, type Static } from '@sinclair/typebox';
import { UNIT_KINDS } from './units.rules';
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
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UnitPatchInput = Static<typeof UnitPatchBody>;

export const UnitListQuery = Type.Object(
  {
    kind: Type.Optional(UnitKind),
    code: Type.Optional(Type.String({ minLength: 1, maxLength: 32, description: 'Exactly this code, whatever its case' })),
    search: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Part of the name or code, whatever its case' })),
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
});
