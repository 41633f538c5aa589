import { Type } from '@sinclair/typebox';
import type { Api } from '../../http/api';
import { errorResponses, Id, StringEnum } from '../../platform/schemas';
import { GovernmentProgress, Progress } from './progress.schemas';
import { EXPORT_LANGUAGES } from './progress.export';
import type { ProgressService } from './progress.service';

export function progressRoutes(app: Api, { progress }: { progress: ProgressService }) {
  app.get(
    '/programmes/:id/progress',
    {
      schema: {
        tags: ['progress'],
        summary: 'Where every unit stands: officials, draft SOPs, asistensi (?format=csv or xlsx for a spreadsheet, lang=id or en)',
        params: Type.Object({ id: Id }, { additionalProperties: false }),
        querystring: Type.Object(
          {
            format: Type.Optional(StringEnum(['json', 'csv', 'xlsx'] as const)),
            lang: Type.Optional(StringEnum(EXPORT_LANGUAGES, { description: 'Spreadsheet headers and words: id (default) or en' })),
            // Without them the JSON lists every unit, as it always has; totals always count every unit.
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, description: 'JSON only: at most this many units (the totals still count every unit)' })),
            offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000_000, description: 'JSON only: units to skip' })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Progress, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { format = 'json', lang = 'id', limit, offset = 0 } = request.query;
      if (format === 'json') return await progress.page(request.params.id, { limit: limit ?? Number.POSITIVE_INFINITY, offset });
      const file = await progress.spreadsheet(request.actor, request.params.id, format, lang);
      reply.header('content-disposition', `attachment; filename="${file.filename}"`).serializer((payload: unknown) => payload as string);
      return reply.type(file.type).send(file.body as never);
    },
  );

  app.get(
    '/governments/progress',
    {
      schema: {
        tags: ['progress'],
        summary: 'How far every government below this one has come (a province: its kabupaten and kota; a ministry: its provinces and theirs), each programme with its progress totals (?format=xlsx, lang=id or en)',
        querystring: Type.Object(
          { format: Type.Optional(StringEnum(['json', 'xlsx'] as const)), lang: Type.Optional(StringEnum(EXPORT_LANGUAGES, { description: 'Spreadsheet headers and words: id (default) or en' })) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Array(GovernmentProgress), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { format = 'json', lang = 'id' } = request.query;
      if (format === 'json') return await progress.governments(request.actor);
      const file = await progress.governmentsSpreadsheet(request.actor, lang);
      reply.header('content-disposition', `attachment; filename="${file.filename}"`).serializer((payload: unknown) => payload as string);
      return reply.type(file.type).send(file.body as never);
    },
  );
}
