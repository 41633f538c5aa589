import { Type } from '@sinclair/typebox';
import type { Api } from '../../http/api';
import { errorResponses, IdParams } from '../../platform/schemas';
import { WalkIn, WalkInBody } from './walk-ins.schemas';
import type { WalkInsService } from './walk-ins.service';

const tags = ['asistensi'];

export function walkInRoutes(app: Api, { walkIns }: { walkIns: WalkInsService }) {
  app.post(
    '/asistensi-periods/:id/walk-ins',
    { schema: { tags, summary: 'Record a walk-in at the organiser’s office', params: IdParams, body: WalkInBody, response: { 201: WalkIn, ...errorResponses } } },
    async (request, reply) => reply.code(201).send(walkIns.record(request.actor, request.params.id, request.body)),
  );


  app.get(
    '/asistensi-periods/:id/walk-ins',
    { schema: { tags, summary: "A period's walk-ins", params: IdParams, response: { 200: Type.Array(WalkIn), ...errorResponses } } },
    async (request) => walkIns.list(request.actor, request.params.id),
  );
}
