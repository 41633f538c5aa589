import { Type } from '@sinclair/typebox';
import { Id, Nullable, StringEnum } from '../../platform/schemas';
import { ASISTENSI_STATES } from './progress.rules';

const UnitProgress = Type.Object({
  unitId: Id,
  code: Type.String(),
  name: Type.String(),
  kind: Type.String(),
  participantsConfirmed: Type.Integer(),
  participantsAttended: Type.Integer({ description: 'Confirmed officials marked present on at least one day' }),
  draftCount: Type.Integer(),
  draftStatus: Nullable(Type.String({ description: 'The most advanced status among its drafts' })),
  draftReceivedAt: Nullable(Type.String({ description: 'When its first draft arrived' })),
  asistensi: StringEnum(ASISTENSI_STATES),
  asistensiDate: Nullable(Type.String()),
  asistensiStart: Nullable(Type.String()),
});

export const Progress = Type.Object({
  programmeId: Id,
  programmeName: Type.String(),
  units: Type.Array(UnitProgress),
  totals: Type.Object({
    units: Type.Integer(),
    participantsConfirmed: Type.Integer(),
    participantsAttended: Type.Integer(),
    unitsWithDraft: Type.Integer(),
    draftStatus: Type.Record(Type.String(), Type.Integer()),
    asistensi: Type.Record(Type.String(), Type.Integer()),
  }),
});

