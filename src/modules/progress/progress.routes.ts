import { Type } from '@sinclair/typebox';
import type { Api } from '../../lib/api';
import { errorResponses, Id, Nullable, StringEnum } from '../../lib/schemas';
import type { Services } from '../../services';
import { progressCsv } from './progress.service';

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
  asistensi: StringEnum(['attended', 'walk_in', 'booked', 'none'] as const),
  asistensiDate: Nullable(Type.String()),
  asistensiStart: Nullable(Type.String()),
});

const Progress = Type.Object({
  programmeId: Id,
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

export function progressRoutes(app: Api, { progress }: Services) {
  app.get(
    '/programmes/:id/progress',
    {
      schema: {
        tags: ['progress'],
        summary: 'Where every unit stands: officials, draft SOPs, asistensi (?format=csv for a spreadsheet)',
        params: Type.Object({ id: Id }, { additionalProperties: false }),
        querystring: Type.Object({ format: Type.Optional(StringEnum(['json', 'csv'] as const)) }, { additionalProperties: false }),
        response: { 200: Progress, ...errorResponses },
      },
    },
    async (request, reply) => {
      const report = progress.report(request.params.id);
      if (request.query.format !== 'csv') return report;
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="progress-programme-${report.programmeId}.csv"`)
        .serializer((payload: unknown) => payload as string)
        .send(progressCsv(report.units) as never);
    },
  );
}
