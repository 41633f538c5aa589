import { Type } from '@sinclair/typebox';
import type { Api } from '../../http/api';
import { errorResponses, IdParams, NoBody } from '../../platform/schemas';
import { Notice, NoticeQuery } from './outbox.schemas';
import type { OutboxService } from './outbox.service';

/** The outbox as organisers see it: what was sent, is waiting or failed; and a resend. */
export function noticeRoutes(app: Api, { outbox }: { outbox: OutboxService }) {
  app.get(
    '/notices',
    { schema: { tags: ['notices'], summary: 'Notices, newest first, with each delivery (email, webhook) and its status', querystring: NoticeQuery, response: { 200: Type.Array(Notice), ...errorResponses } } },
    async (request) => outbox.list(request.actor, request.query),
  );
  app.get(
    '/notices/:id',
    { schema: { tags: ['notices'], summary: 'One notice with every attempt of each delivery', params: IdParams, response: { 200: Notice, ...errorResponses } } },
    async (request) => outbox.get(request.actor, request.params.id),
  );
  app.post(
    '/notices/:id/resend',
    { schema: { tags: ['notices'], summary: 'Sends every delivery of the notice again now (same Message-IDs)', params: IdParams, body: NoBody, response: { 200: Notice, ...errorResponses } } },
    async (request) => outbox.resend(request.actor, request.params.id),
  );
}
