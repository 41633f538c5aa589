import { Type } from '@sinclair/typebox';
import type { Api } from '../../http/api';
import { errorResponses } from '../../platform/schemas';
import { AuditEntry, AuditQuery } from './audit.schemas';
import type { AuditService } from './audit.service';

export function auditRoutes(app: Api, { audit }: { audit: AuditService }) {
  app.get(
    '/audit',
    { schema: { tags: ['audit'], summary: 'The audit log, newest first', querystring: AuditQuery, response: { 200: Type.Array(AuditEntry), ...errorResponses } } },
    async (request) => await audit.list(request.query),
  );
}
