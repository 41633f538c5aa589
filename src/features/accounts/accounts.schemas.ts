import { Type } from '@sinclair/typebox';
import { ROLES } from '../../platform/actor';
import { Email, Id, Instant, Name, Nullable, StringEnum } from '../../platform/schemas';
import { LANGUAGES, USER_STATUSES } from './accounts.rules';

export const User = Type.Object({
  id: Id,
  email: Type.String(),
  name: Type.String(),
  role: StringEnum(ROLES),
  unitId: Nullable(Id),
  status: StringEnum(USER_STATUSES, { description: 'invited: no password yet; active; disabled' }),
  language: StringEnum(LANGUAGES),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

const Link = {
  setPasswordUrl: Type.String({ description: 'A one-time link to pass on (WhatsApp, email); valid 72 hours, single use' }),
  linkExpiresAt: Instant(),
};
export const InvitedUser = Type.Composite([User, Type.Object(Link)]);
export const PasswordLink = Type.Object({ userId: Id, ...Link });

export const UserCreateBody = Type.Object(
  {
    email: Email,
    name: Name,
    role: StringEnum(ROLES),
    unitId: Type.Optional(Nullable(Id)),
    language: Type.Optional(StringEnum(LANGUAGES, { description: 'The language of the person’s pages and messages (default id)' })),
  },
  { additionalProperties: false },
);

export const UserPatchBody = Type.Object(
  { name: Type.Optional(Name), disabled: Type.Optional(Type.Boolean({ description: 'true ends every session and link of the person' })) },
  { additionalProperties: false, minProperties: 1 },
);

export const UserListQuery = Type.Object({ unitId: Type.Optional(Id) }, { additionalProperties: false });
