import { Type } from '@sinclair/typebox';
import type { Api } from '../../http/api';
import { errorResponses, IdParams, NoContent } from '../../platform/schemas';
import { ApiKey, CreatedKey, KeyCreateBody } from './access.schemas';
import type { AccessService } from './access.service';

export function accessRoutes(app: Api, { access: keys }: { access: AccessService }) {
  app.post(
    '/api-keys',
    {
      schema: {
        tags: ['api-keys'],
        summary: 'Create an API key (the secret is shown once)',
        body: KeyCreateBody,
        response: { 201: CreatedKey, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await keys.create(request.actor, request.body)),
  );

  app.get(
    '/api-keys',
    { schema: { tags: ['api-keys'], summary: 'List API keys (never their secrets)', response: { 200: Type.Array(ApiKey), ...errorResponses } } },
    async () => await keys.list(),
  );

  app.delete(
    '/api-keys/:id',
    { schema: { tags: ['api-keys'], summary: 'Revoke an API key', params: IdParams, response: { 204: NoContent, ...errorResponses } } },
    async (request, reply) => {
      await keys.revoke(request.actor, request.params.id);
      return reply.code(204).send(null);
    },
  );
}
