import type { Api } from '../../http/api';
import { errorResponses } from '../../platform/schemas';
import { Me } from './me.schemas';
import type { MeService } from './me.service';

export function meRoutes(app: Api, { me }: { me: MeService }) {
  app.get(
    '/me',
    { config: { allowUnit: true }, schema: { tags: ['me'], summary: 'Who this key is, its programmes, the open periods, and a unit’s bookings and drafts', response: { 200: Me, ...errorResponses } } },
    async (request) => me.describe(request.actor),
  );
}
