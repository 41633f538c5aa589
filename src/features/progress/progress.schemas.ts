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


const ProgrammeTotals = Type.Object({
  programmeId: Id,
  programmeName: Type.String(),
  unitsTrained: Type.Integer({ description: 'Units with at least one official who attended a workshop day' }),
  totals: Progress.properties.totals,
});

export const GovernmentProgress = Type.Object({
  slug: Type.String(),
  name: Type.String(),
  kind: Type.String(),
  parent: Nullable(Type.String({ description: 'The slug of the government it answers to' })),
  programmes: Type.Array(ProgrammeTotals, { description: 'Each programme with the totals of its own progress report' }),
});
