import { Type } from '@sinclair/typebox';
import type { Api } from '../../http/api';
import { errorResponses, IdParams } from '../../platform/schemas';
import { Draft, DraftCreateBody, DraftPatchBody } from './drafts.schemas';
import type { DraftsService } from './drafts.service';

export function draftRoutes(app: Api, { drafts }: { drafts: DraftsService }) {
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
