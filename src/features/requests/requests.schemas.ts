import { Type } from '@sinclair/typebox';
import { Id, OwnUnitId, LocalDate, Nullable, Text } from '../../platform/schemas';
import { REQUEST_STATUSES } from './requests.rules';

export const RequestCreateBody = Type.Object(
  {
    unitId: OwnUnitId,
    preferredDates: Type.Optional(Type.Array(LocalDate, { maxItems: 20, uniqueItems: true })),
    notes: Type.Optional(Nullable(Text(1000))),
  },
  { additionalProperties: false },
);

export const RequestPatchBody = Type.Object(
  { preferredDates: Type.Optional(Type.Array(LocalDate, { maxItems: 20, uniqueItems: true })), notes: Type.Optional(Nullable(Text(1000))) },
  { additionalProperties: false, minProperties: 1 },
);

export const AsistensiRequest = Type.Object({
  id: Id,
  periodId: Id,
  unitId: Id,
  preferredDates: Type.Array(Type.String()),
  notes: Nullable(Type.String()),
  status: Type.String({ enum: [...REQUEST_STATUSES] }),
  bookingId: Nullable(Id),
  createdAt: Type.String(),
});

export const AutoScheduleBody = Type.Object({ dryRun: Type.Optional(Type.Boolean()) }, { additionalProperties: false });
export const AutoScheduleResult = Type.Object({
  dryRun: Type.Boolean(),
  assignments: Type.Array(
    Type.Object({
      unitId: Id,
      unitName: Type.String(),
      slotId: Id,
      date: Type.String(),
      start: Type.String(),
      end: Type.String(),
      startsAt: Type.String(),
      bookingId: Nullable(Id),
    }),
  ),
  unplaced: Type.Array(Type.Object({ unitId: Id, unitName: Type.String(), reason: Type.String() }), { description: 'The walk-in list' }),
});

