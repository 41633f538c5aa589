import { Type } from '@sinclair/typebox';
import { DRAFT_STATUSES } from './drafts.rules';
import { Id, Instant, Name, Nullable, StringEnum, Text } from '../../platform/schemas';

export const DraftStatus = StringEnum(DRAFT_STATUSES, { description: 'received -> reviewed -> final -> enacted (forward only)' });

export const DraftCreateBody = Type.Object(
  {
    unitId: Id,
    title: Name,
    sopCount: Type.Integer({ minimum: 1, maximum: 1000, description: 'How many SOPs the draft holds' }),
    receivedAt: Type.Optional(Instant),
  },
  { additionalProperties: false },
);

export const DraftPatchBody = Type.Object(
  { status: DraftStatus, notes: Type.Optional(Nullable(Text(2000))) },
  { additionalProperties: false },
);

export const Draft = Type.Object({
  id: Id,
  programmeId: Id,
  unitId: Id,
  title: Type.String(),
  sopCount: Type.Integer(),
  receivedAt: Type.String({ description: 'Instant, in the programme zone' }),
  status: DraftStatus,
  notes: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
