import { Type } from '@sinclair/typebox';
import { ROLES } from '../../platform/actor';
import { Id, Name, Nullable, StringEnum } from '../../platform/schemas';

export const Role = StringEnum(ROLES);
export const ApiKey = Type.Object({
  id: Id,
  role: Role,
  unitId: Nullable(Id),
  label: Type.String(),
  prefix: Type.String({ description: 'The first characters of the key, to recognise it' }),
  createdAt: Type.String(),
  revokedAt: Nullable(Type.String()),
});
export const CreatedKey = Type.Composite([ApiKey, Type.Object({ key: Type.String({ description: 'The secret; shown only in this answer' }) })]);

export const KeyCreateBody = Type.Object({ role: Role, unitId: Type.Optional(Nullable(Id)), label: Name }, { additionalProperties: false });
