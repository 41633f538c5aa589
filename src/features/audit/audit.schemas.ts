import { Type } from '@sinclair/typebox';
import { Id, Instant, Nullable, PageQuery } from '../../platform/schemas';

export const AuditEntry = Type.Object({
  id: Id,
  at: Type.String(),
  keyId: Nullable(Type.Integer()),
  userId: Nullable(Type.Integer()),
  requestId: Nullable(Type.String()),
  role: Type.String(),
  action: Type.String(),
  entity: Type.String(),
  entityId: Nullable(Type.Integer()),
  before: Type.Unknown(),
  after: Type.Unknown(),
});

export const AuditQuery = Type.Object(
  {
    entity: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
    entityId: Type.Optional(Id),
    action: Type.Optional(Type.String({ minLength: 1, maxLength: 80, description: 'e.g. booking.cancel' })),
    userId: Type.Optional(Id),
    keyId: Type.Optional(Id),
    from: Type.Optional(Instant({ description: 'Entries at or after this instant' })),
    to: Type.Optional(Instant({ description: 'Entries before this instant' })),
    ...PageQuery,
  },
  { additionalProperties: false },
);
