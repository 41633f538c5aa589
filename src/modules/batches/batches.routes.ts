import { Type } from '@sinclair/typebox';
import type { Api } from '../../lib/api';
import { errorResponses, IdParams, NoContent } from '../../lib/schemas';
import type { Services } from '../../services';
import { Batch, BatchCreateBody, BatchPatchBody, DistributeBody, DistributeResult } from './batches.schemas';

export function batchRoutes(app: Api, { batches, enrolments }: Services) {
  app.post(
    '/programmes/:id/batches',
    {
      schema: { tags: ['batches'], summary: 'Create a workshop batch (angkatan)', params: IdParams, body: BatchCreateBody, response: { 201: Batch, ...errorResponses } },
    },
    async (request, reply) => reply.code(201).send(batches.create(request.actor, request.params.id, request.body)),
  );

  app.get(
    '/programmes/:id/batches',
    {
      config: { allowUnit: true },
      schema: { tags: ['batches'], summary: "A programme's batches with seat counts", params: IdParams, response: { 200: Type.Array(Batch), ...errorResponses } },
    },
    async (request) => batches.listForProgramme(request.params.id),
  );

  app.get(
    '/batches/:id',
    { config: { allowUnit: true }, schema: { tags: ['batches'], summary: 'Get a batch', params: IdParams, response: { 200: Batch, ...errorResponses } } },
    async (request) => batches.get(request.params.id),
  );

  app.patch(
    '/batches/:id',
    { schema: { tags: ['batches'], summary: 'Change a batch', params: IdParams, body: BatchPatchBody, response: { 200: Batch, ...errorResponses } } },
    async (request) => batches.update(request.actor, request.params.id, request.body),
  );

  app.delete(
    '/batches/:id',
    {
      schema: { tags: ['batches'], summary: 'Delete a batch without confirmed enrolments', params: IdParams, response: { 204: NoContent, ...errorResponses } },
    },
    async (request, reply) => {
      batches.remove(request.actor, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/programmes/:id/distribute',
    {
      schema: {
        tags: ['batches'],
        summary: 'Place officials without an enrolment into batches',
        params: IdParams,
        body: DistributeBody,
        response: { 200: DistributeResult, ...errorResponses },
      },
    },
    async (request) => enrolments.distribute(request.actor, request.params.id, request.body),
  );
}
