import { Type } from '@sinclair/typebox';
import { Id, Nullable, PageQuery } from '../../platform/schemas';
import { CHANNELS, DELIVERY_STATUSES, NOTICE_KINDS } from './outbox.rules';

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));

const Delivery = Type.Object({
  id: Id,
  channel: literals(CHANNELS),
  address: Type.String({ description: 'An email address, or "webhook"' }),
  name: Nullable(Type.String()),
  userId: Nullable(Type.Integer()),
  language: Type.String(),
  status: literals(DELIVERY_STATUSES),
  attempts: Type.Integer(),
  nextAttemptAt: Type.String({ description: 'When a pending delivery is tried next' }),
  lastError: Nullable(Type.String()),
  sentAt: Nullable(Type.String()),
  messageId: Type.String({ description: 'The same on every attempt' }),
  attemptLog: Type.Optional(Type.Array(Type.Object({ at: Type.String(), ok: Type.Boolean(), error: Nullable(Type.String()) }))),
});

export const Notice = Type.Object({
  id: Id,
  kind: literals(NOTICE_KINDS),
  programmeId: Nullable(Type.Integer()),
  unitId: Nullable(Type.Integer()),
  userId: Nullable(Type.Integer()),
  facts: Type.Unknown({ description: 'What the notice tells, as it was when the change committed' }),
  dedupeKey: Nullable(Type.String()),
  createdAt: Type.String(),
  deliveries: Type.Array(Delivery),
});

export const NoticeQuery = Type.Object(
  {
    unitId: Type.Optional(Id),
    kind: Type.Optional(literals(NOTICE_KINDS)),
    status: Type.Optional(literals(DELIVERY_STATUSES)),
    ...PageQuery,
  },
  { additionalProperties: false },
);

/** What a one-click unsubscribe switched off: each kind the link names, now off. */
export const UnsubscribeAnswer = Type.Object({ kinds: Type.Array(Type.Object({ kind: literals(NOTICE_KINDS), enabled: Type.Boolean() })) });
