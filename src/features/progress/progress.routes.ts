import { Type } from '@sinclair/typebox';
import type { Api } from '../../http/api';
import { errorResponses, Id, StringEnum } from '../../platform/schemas';
import { Progress } from './progress.schemas';
import { progressCsv, type ProgressService } from './progress.service';

export function progressRoutes(app: Api, { progress }: { progress: ProgressService }) {
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
