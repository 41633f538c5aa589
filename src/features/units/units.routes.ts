import { Type } from '@sinclair/typebox';
import type { Api } from '../../http/api';
import { canActForUnit } from '../../platform/actor';
import { notFound } from '../../platform/errors';
import { errorResponses, IdParams } from '../../platform/schemas';
import { MAX_IMPORT_BYTES } from '../../platform/csv-import';
import { ImportResult, Unit, UnitCreateBody, UnitListQuery, UnitPatchBody } from './units.schemas';
import type { UnitsService } from './units.service';

export function unitRoutes(app: Api, { units }: { units: UnitsService }) {
  app.post(
    '/units',
    { schema: { tags: ['units'], summary: 'Create a unit (SKPD)', body: UnitCreateBody, response: { 201: Unit, ...errorResponses } } },
    async (request, reply) => reply.code(201).send(units.create(request.actor, request.body)),
  );

  app.get(
    '/units',
    { schema: { tags: ['units'], summary: 'List units', querystring: UnitListQuery, response: { 200: Type.Array(Unit), ...errorResponses } } },
    async (request) => units.list(request.query),
  );

  app.post(
    '/units/import',
    {
      bodyLimit: MAX_IMPORT_BYTES,
      schema: {
        tags: ['units'],
        summary: 'Create or update units from CSV (header code,name,kind,email, or kode,nama,jenis); all rows or none (?dryRun=true checks without writing)',
        consumes: ['text/csv'],
        querystring: Type.Object({ dryRun: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
        body: Type.String({ maxLength: MAX_IMPORT_BYTES, description: 'CSV text, UTF-8' }),
        response: { 200: ImportResult, ...errorResponses },
      },
    },
    async (request) => units.importCsv(request.actor, request.body, { dryRun: request.query.dryRun }),
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
      return units.get(request.params.id);
    },
  );

  app.patch(
    '/units/:id',
    { schema: { tags: ['units'], summary: 'Change a unit', params: IdParams, body: UnitPatchBody, response: { 200: Unit, ...errorResponses } } },
    async (request) => units.update(request.actor, request.params.id, request.body),
  );
}
