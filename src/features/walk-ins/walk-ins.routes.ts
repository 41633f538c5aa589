import { Type } from '@sinclair/typebox';
import type { Api } from '../../http/api';
import { errorResponses, IdParams, NoContent } from '../../platform/schemas';
import { WalkIn, WalkInBody, WalkInPatchBody } from './walk-ins.schemas';
import type { WalkInsService } from './walk-ins.service';

const tags = ['asistensi'];

export function walkInRoutes(app: Api, { walkIns }: { walkIns: WalkInsService }) {
  app.post(
    '/asistensi-periods/:id/walk-ins',
    { schema: { tags, summary: 'Record a walk-in at the organiser’s office', params: IdParams, body: WalkInBody, response: { 201: WalkIn, ...errorResponses } } },
    async (request, reply) => reply.code(201).send(await walkIns.record(request.actor, request.params.id, request.body)),
  );

  app.patch(
    '/walk-ins/:id',
    { schema: { tags, summary: 'Correct a walk-in (date, notes)', params: IdParams, body: WalkInPatchBody, response: { 200: WalkIn, ...errorResponses } } },
    async (request) => await walkIns.update(request.actor, request.params.id, request.body),
  );

  app.delete(
    '/walk-ins/:id',
    { schema: { tags, summary: 'Remove a walk-in recorded by mistake', params: IdParams, response: { 204: NoContent, ...errorResponses } } },
    async (request, reply) => {
      await walkIns.remove(request.actor, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/asistensi-periods/:id/walk-ins',
    { schema: { tags, summary: "A period's walk-ins", params: IdParams, response: { 200: Type.Array(WalkIn), ...errorResponses } } },
    async (request) => await walkIns.list(request.actor, request.params.id),
  );
}
