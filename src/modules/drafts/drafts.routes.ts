import { Type } from '@sinclair/typebox';
import type { Api } from '../../lib/api';
import { errorResponses, IdParams } from '../../lib/schemas';
import type { Services } from '../../services';
import { Draft, DraftCreateBody, DraftPatchBody } from './drafts.schemas';

export function draftRoutes(app: Api, { drafts }: Services) {
  app.post(
    '/programmes/:id/drafts',
    {
      config: { allowUnit: true },
      schema: { tags: ['drafts'], summary: 'Record a received draft SOP', params: IdParams, body: DraftCreateBody, response: { 201: Draft, ...errorResponses } },
    },
    async (request, reply) => reply.code(201).send(drafts.create(request.actor, request.params.id, request.body)),
  );

  app.get(
    '/programmes/:id/drafts',
    {
      config: { allowUnit: true },
      schema: { tags: ['drafts'], summary: "A programme's drafts (a unit key: its own)", params: IdParams, response: { 200: Type.Array(Draft), ...errorResponses } },
    },
    async (request) => drafts.list(request.actor, request.params.id),
  );

  app.patch(
    '/drafts/:id',
    { schema: { tags: ['drafts'], summary: "Move a draft's status forward", params: IdParams, body: DraftPatchBody, response: { 200: Draft, ...errorResponses } } },
    async (request) => drafts.update(request.actor, request.params.id, request.body),
  );
}
