import { Type } from '@sinclair/typebox';
import type { Api } from '../../http/api';
import { canActForUnit } from '../../platform/actor';
import { notFound } from '../../platform/errors';
import { errorResponses, IdParams } from '../../platform/schemas';
import { MAX_IMPORT_BYTES } from '../../platform/csv-import';
import { ImportQuery, ImportResult, importAnswer, Unit, UnitCreateBody, UnitListQuery, UnitPatchBody } from './units.schemas';
import type { UnitsService } from './units.service';

export function unitRoutes(app: Api, { units }: { units: UnitsService }) {
  app.post(
    '/units',
    { schema: { tags: ['units'], summary: 'Create a unit (SKPD)', body: UnitCreateBody, response: { 201: Unit, ...errorResponses } } },
    async (request, reply) => reply.code(201).send(await units.create(request.actor, request.body)),
  );

  app.get(
    '/units',
    { schema: { tags: ['units'], summary: 'List units (the active ones unless status says otherwise)', querystring: UnitListQuery, response: { 200: Type.Array(Unit), ...errorResponses } } },
    async (request) => await units.list({ ...request.query, status: request.query.status ?? 'active' }),
  );

  app.post(
    '/units/import',
    {
      bodyLimit: MAX_IMPORT_BYTES,
      schema: {
        tags: ['units'],
        summary:
          'Create or update units from CSV (headings in any order and case, e.g. code,name,kind,email or No;Kode Unit;Nama Unit Kerja;Jenis;Email: see the units import page for every heading and kind spelling); all rows or none unless skipInvalid=true (?dryRun=true checks without writing)',
        consumes: ['text/csv'],
        querystring: ImportQuery,
        body: Type.String({ maxLength: MAX_IMPORT_BYTES, description: 'CSV text, UTF-8' }),
        response: { 200: ImportResult, ...errorResponses },
      },
    },
    async (request) => importAnswer(await units.importCsv(request.actor, request.body, request.query), request.query.skipInvalid),
  );

  app.get(
    '/units/:id',
    {
      config: { allowUnit: true },
      schema: { tags: ['units'], summary: 'Get a unit (a unit key: its own)', params: IdParams, response: { 200: Unit, ...errorResponses } },
    },
    async (request) => {
      // Another unit's record is "not found" to a unit key, as if it did not exist.
      if (!canActForUnit(request.actor, request.params.id)) throw notFound('unit', request.params.id);
      return await units.get(request.params.id);
    },
  );

  app.patch(
    '/units/:id',
    { schema: { tags: ['units'], summary: 'Change a unit; active: false deactivates it, true reactivates it', params: IdParams, body: UnitPatchBody, response: { 200: Unit, ...errorResponses } } },
    async (request) => await units.update(request.actor, request.params.id, request.body),
  );
}
