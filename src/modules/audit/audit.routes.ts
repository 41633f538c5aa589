import { Type } from '@sinclair/typebox';
import type { Api } from '../../lib/api';
import { errorResponses, Id, Nullable, PageQuery } from '../../lib/schemas';
import type { Services } from '../../services';

const AuditEntry = Type.Object({
  id: Id,
  at: Type.String(),
  keyId: Nullable(Type.Integer()),
  requestId: Nullable(Type.String()),
  role: Type.String(),
  action: Type.String(),
  entity: Type.String(),
  entityId: Nullable(Type.Integer()),
  before: Type.Unknown(),
  after: Type.Unknown(),
});

export function auditRoutes(app: Api, { audit }: Services) {
  app.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'The audit log, newest first',
        querystring: Type.Object(
          { entity: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })), entityId: Type.Optional(Id), ...PageQuery },
          { additionalProperties: false },
        ),
        response: { 200: Type.Array(AuditEntry), ...errorResponses },
      },
    },
    async (request) => audit.list(request.query),
  );
}
