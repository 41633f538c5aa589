import { Type } from '@sinclair/typebox';
import type { Api } from '../../http/api';
import { errorResponses, IdParams } from '../../platform/schemas';
import { Programme, ProgrammeCreateBody, ProgrammePatchBody } from './programmes.schemas';
import type { ProgrammesService } from './programmes.service';

export function programmeRoutes(app: Api, { programmes }: { programmes: ProgrammesService }) {
  app.post(
    '/programmes',
    { schema: { tags: ['programmes'], summary: 'Create a programme', body: ProgrammeCreateBody, response: { 201: Programme, ...errorResponses } } },
    async (request, reply) => reply.code(201).send(await programmes.create(request.actor, request.body)),
  );

  app.get(
    '/programmes',
    { config: { allowUnit: true }, schema: { tags: ['programmes'], summary: 'List programmes', response: { 200: Type.Array(Programme), ...errorResponses } } },
    async () => await programmes.list(),
  );

  app.get(
    '/programmes/:id',
    { config: { allowUnit: true }, schema: { tags: ['programmes'], summary: 'Get a programme', params: IdParams, response: { 200: Programme, ...errorResponses } } },
    async (request) => await programmes.get(request.params.id),
  );

  app.patch(
    '/programmes/:id',
    { schema: { tags: ['programmes'], summary: 'Change a programme', params: IdParams, body: ProgrammePatchBody, response: { 200: Programme, ...errorResponses } } },
    async (request) => await programmes.update(request.actor, request.params.id, request.body),
  );
}
