import { Type } from '@sinclair/typebox';
import type { Api } from '../../http/api';
import { errorResponses, Id, IdParams } from '../../platform/schemas';
import { Me, Standing } from './me.schemas';
import type { MeService } from './me.service';

export function meRoutes(app: Api, { me }: { me: MeService }) {
  app.get(
    '/me',
    { config: { allowUnit: true }, schema: { tags: ['me'], summary: 'Who this key is, its programmes, the open periods, and a unit’s bookings and drafts', response: { 200: Me, ...errorResponses } } },
    async (request) => await me.describe(request.actor),
  );

  app.get(
    '/units/:id/standing',
    {
      config: { allowUnit: true },
      schema: {
        tags: ['me'],
        summary: 'Where a unit stands in a programme: its four steps (officials, enrolment, draft, booking), the next one, and what is coming (a unit key: its own unit)',
        params: IdParams,
        querystring: Type.Object({ programmeId: Id }, { additionalProperties: false }),
        response: { 200: Standing, ...errorResponses },
      },
    },
    async (request) => await me.standing(request.actor, request.params.id, request.query.programmeId),
  );
}
