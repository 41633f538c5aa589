import { Type } from '@sinclair/typebox';
import { ROLES } from '../../db/schema';
import type { Api } from '../../lib/api';
import { errorResponses, Id, IdParams, Name, NoContent, Nullable, StringEnum } from '../../lib/schemas';
import type { Services } from '../../services';

const Role = StringEnum(ROLES);
const ApiKey = Type.Object({
  id: Id,
  role: Role,
  unitId: Nullable(Id),
  label: Type.String(),
  prefix: Type.String({ description: 'The first characters of the key, to recognise it' }),
  createdAt: Type.String(),
  revokedAt: Nullable(Type.String()),
});
const CreatedKey = Type.Composite([ApiKey, Type.Object({ key: Type.String({ description: 'The secret; shown only in this answer' }) })]);

export function keyRoutes(app: Api, { keys }: Services) {
  app.post(
    '/api-keys',
    {
      schema: {
        tags: ['api-keys'],
        summary: 'Create an API key (the secret is shown once)',
        body: Type.Object({ role: Role, unitId: Type.Optional(Nullable(Id)), label: Name }, { additionalProperties: false }),
        response: { 201: CreatedKey, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(keys.create(request.actor, request.body)),
  );

  app.get(
    '/api-keys',
    { schema: { tags: ['api-keys'], summary: 'List API keys (never their secrets)', response: { 200: Type.Array(ApiKey), ...errorResponses } } },
    async () => keys.list(),
  );

  app.delete(
    '/api-keys/:id',
    { schema: { tags: ['api-keys'], summary: 'Revoke an API key', params: IdParams, response: { 204: NoContent, ...errorResponses } } },
    async (request, reply) => {
      keys.revoke(request.actor, request.params.id);
      return reply.code(204).send(null);
    },
  );
}
