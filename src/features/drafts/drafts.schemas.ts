import { Type } from '@sinclair/typebox';
import { DRAFT_STATUSES } from './drafts.rules';
import { Id, OwnUnitId, Instant, Name, Nullable, StringEnum, Text } from '../../platform/schemas';

export const DraftStatus = StringEnum(DRAFT_STATUSES, {
  description: 'submitted (by a unit, grants nothing yet) -> received (accepted by the organiser) -> reviewed -> final -> enacted; forward only',
});

export const DraftCreateBody = Type.Object(
  {
    unitId: OwnUnitId,
    title: Name,
    sopCount: Type.Integer({ minimum: 1, maximum: 1000, description: 'How many SOPs the draft holds' }),
    receivedAt: Type.Optional(
      Instant({ description: "Organisers only: when the draft reached them (default: now). A unit's own draft is submitted until an organiser accepts it" }),
    ),
  },
  { additionalProperties: false },
);

export const DraftPatchBody = Type.Object(
  {
    status: DraftStatus,
    notes: Type.Optional(Nullable(Text(2000))),
    receivedAt: Type.Optional(Instant({ description: 'When it reached the organiser; only with status received (default: now)' })),
  },
  { additionalProperties: false },
);

export const Draft = Type.Object({
  id: Id,
  programmeId: Id,
  unitId: Id,
  title: Type.String(),
  sopCount: Type.Integer(),
  receivedAt: Nullable(Type.String({ description: 'When the organiser accepted it (instant, in the programme zone); null while submitted' })),
  status: DraftStatus,
  notes: Nullable(Type.String()),
  document: Nullable(
    Type.Object(
      {
        name: Type.String({ description: 'The file name it was sent with' }),
        type: StringEnum(['pdf', 'docx', 'xlsx'] as const, { description: 'Recognised from the content' }),
        size: Type.Integer({ description: 'Bytes' }),
        sha256: Type.String({ description: 'Checksum of the content' }),
      },
      { description: 'The document sent with the draft (from the unit’s page); GET /drafts/{id}/document downloads it' },
    ),
  ),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
