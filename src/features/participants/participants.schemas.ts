import { Type, type Static } from '@sinclair/typebox';
import { Email, Id, Name, Nullable, PageQuery, Text } from '../../platform/schemas';

export const Nip = Type.String({
  pattern: '^[0-9]{18}$',
  description: '18 digits: birth date YYYYMMDD, appointment YYYYMM, sex 1/2, serial',
  examples: ['197503122000031002'],
});
const Phone = Type.String({ pattern: '^\\+?[0-9][0-9 ()-]{5,19}$', description: 'a phone number such as +62 511 3353300', examples: ['+62 511 3353 300'] });
const Position = Text(200);

export const ParticipantCreateBody = Type.Object(
  {
    nip: Nip,
    name: Name,
    position: Type.Optional(Nullable(Position)),
    unitId: Id,
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
