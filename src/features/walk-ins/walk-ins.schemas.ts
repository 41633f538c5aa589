import { Type } from '@sinclair/typebox';
import { Id, LocalDate, Nullable, Text } from '../../platform/schemas';

export const WalkInBody = Type.Object(
  { unitId: Id, date: LocalDate, notes: Type.Optional(Nullable(Text(1000))) },
  { additionalProperties: false },
);
export const WalkInPatchBody = Type.Object(
  { date: Type.Optional(LocalDate), notes: Type.Optional(Nullable(Text(1000))) },
  { additionalProperties: false, minProperties: 1 },
);

export const WalkIn = Type.Object({
  id: Id,
  periodId: Id,
  unitId: Id,
  unitName: Type.String(),
  date: Type.String(),
  notes: Nullable(Type.String()),
  createdAt: Type.String(),
});
