import { Type } from '@sinclair/typebox';
import type { Api } from '../../http/api';
import { errorResponses, IdParams, NoBody } from '../../platform/schemas';
import { Notice, NoticeQuery, UnsubscribeAnswer } from './outbox.schemas';
import type { OutboxService } from './outbox.service';

/** The outbox as organisers see it: what was sent, is waiting or failed; and a resend. */
export function noticeRoutes(app: Api, { outbox }: { outbox: OutboxService }) {
  app.get(
    '/notices',
    { schema: { tags: ['notices'], summary: 'Notices, newest first, with each delivery (email, webhook) and its status', querystring: NoticeQuery, response: { 200: Type.Array(Notice), ...errorResponses } } },
    async (request) => await outbox.list(request.actor, request.query),
  );
  app.get(
    '/notices/:id',
    { schema: { tags: ['notices'], summary: 'One notice with every attempt of each delivery', params: IdParams, response: { 200: Notice, ...errorResponses } } },
    async (request) => await outbox.get(request.actor, request.params.id),
  );
  app.post(
    '/notices/:id/resend',
    { schema: { tags: ['notices'], summary: 'Sends every delivery of the notice again now (same Message-IDs)', params: IdParams, body: NoBody, response: { 200: Notice, ...errorResponses } } },
    async (request) => await outbox.resend(request.actor, request.params.id),
  );
}

const TokenParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 400 }) }, { additionalProperties: false });
/** How mail programs post a one-click unsubscribe (RFC 8058): a form, or the same as multipart. */
const ONE_CLICK_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'];

/**
 * The one-click unsubscribe address an email's `List-Unsubscribe` names (RFC 8058): anyone may
 * POST to it, without a key or a form token (mail programs post `List-Unsubscribe=One-Click`
 * from no page of ours); the signed token names the one person and the kinds it switches off.
 * A mail program gets 200; a person who pressed the page's button goes back to that page.
 */
export async function publicNoticeRoutes(app: Api, { outbox }: { outbox: OutboxService }) {
  await app.register(async (scope: Api) => {
    scope.addContentTypeParser(ONE_CLICK_TYPES, { parseAs: 'string', bodyLimit: 4096 }, (_request, body, done) => done(null, body));
    scope.post(
      '/berhenti-email/:token',
      {
        schema: {
          tags: ['notices'],
          summary: 'One-click unsubscribe (RFC 8058): switches the kinds of notice the signed link names off for its person',
          security: [],
          consumes: ONE_CLICK_TYPES,
          params: TokenParams,
          body: Type.Union([Type.String({ maxLength: 4096, description: '`List-Unsubscribe=One-Click` from a mail program; anything else (the confirmation page\'s button) answers 303' }), Type.Object({})]),
          response: { 200: UnsubscribeAnswer, 303: Type.Null({ description: 'Back to the confirmation page (a person pressed its button)' }), ...errorResponses },
        },
      },
      async (request, reply) => {
        const state = await outbox.unsubscribe(request.params.token);
        reply.header('cache-control', 'no-store');
        if (typeof request.body === 'string' && /(^|&|\b)List-Unsubscribe=One-Click\b/.test(request.body)) return { kinds: state.kinds };
        return reply.redirect(`/berhenti-email/${encodeURIComponent(request.params.token)}`, 303);
      },
    );
  });
}
