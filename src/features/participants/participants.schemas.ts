import { Type, type Static } from '@sinclair/typebox';
import { Email, Id, Name, Nip, Nullable, OwnUnitId, PageQuery, Text } from '../../platform/schemas';
import { UnitCode } from '../units/units.schemas';

/** The NIP schema is the platform's (a programme's signatory has one too). */
export { Nip };
const Phone = Type.String({ pattern: '^\\+?[0-9][0-9 ()-]{5,19}$', description: 'a phone number such as 0812 3456 7890 or +62 812 3456 7890', examples: ['+62 812 3456 7890'] });
const Position = Text(200);

export const ParticipantCreateBody = Type.Object(
  {
    nip: Nip,
    name: Name,
    position: Type.Optional(Nullable(Position)),
    unitId: OwnUnitId,
    email: Type.Optional(Nullable(Email)),
    phone: Type.Optional(Nullable(Phone)),
  },
  { additionalProperties: false },
);
export type ParticipantCreateInput = Static<typeof ParticipantCreateBody>;

export const ParticipantPatchBody = Type.Object(
  {
    moveEnrolments: Type.Optional(
      Type.Boolean({ description: 'When unitId changes: move the official’s active enrolments to the new unit (within its quota) instead of refusing' }),
    ),
    nip: Type.Optional(Nip),
    name: Type.Optional(Name),
    position: Type.Optional(Nullable(Position)),
    unitId: Type.Optional(Id),
    email: Type.Optional(Nullable(Email)),
    phone: Type.Optional(Nullable(Phone)),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type ParticipantPatchInput = Static<typeof ParticipantPatchBody>;

/** One row of POST /participants/import: the unit by its code. */
export const ParticipantImportRow = Type.Object(
  {
    unitCode: UnitCode,
    nip: Nip,
    name: Name,
    position: Type.Optional(Nullable(Position)),
    email: Type.Optional(Nullable(Email)),
    phone: Type.Optional(Nullable(Phone)),
  },
  { additionalProperties: false },
);
export type ParticipantImportRow = Static<typeof ParticipantImportRow>;

export const ParticipantListQuery = Type.Object(
  { unitId: Type.Optional(Id), ...PageQuery },
  { additionalProperties: false },
);

export const Participant = Type.Object({
  id: Id,
  nip: Type.String(),
  name: Type.String(),
  position: Nullable(Type.String()),
  unitId: Id,
  email: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
