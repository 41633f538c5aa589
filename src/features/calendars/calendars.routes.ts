import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Api } from '../../http/api';
import type { FailureLimiter } from '../../http/failure-limiter';
import { errorResponses, Id, IdParams, NoBody } from '../../platform/schemas';
import type { CalendarsService, Feed } from './calendars.service';

const CalendarBody = Type.String({ description: 'text/calendar (RFC 5545)' });
const calendarResponses = { 200: CalendarBody, 410: Type.Ref('Problem'), 304: Type.Null({ description: 'Not modified (If-None-Match or If-Modified-Since)' }), ...errorResponses };
const TokenParams = Type.Object({ token: Type.String({ maxLength: 200 }) }, { additionalProperties: false });

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

/** Whether the client's copy (If-None-Match first, else If-Modified-Since) is still the feed. */
function unchanged(request: FastifyRequest, feed: Feed): boolean {
  const ifNoneMatch = request.headers['if-none-match'];
  if (ifNoneMatch) return matches(ifNoneMatch, feed.etag);
  const since = Date.parse(request.headers['if-modified-since'] ?? '');
  // HTTP dates have whole seconds.
  return !Number.isNaN(since) && feed.lastModified !== null && Math.floor(Date.parse(feed.lastModified) / 1000) * 1000 <= since;
}

/**
 * Sends a calendar whatever the client's Accept header says (calendar fetchers send odd ones),
 * with an ETag and Last-Modified so pollers get 304 while nothing changed. A private feed
 * may be kept by the browser only, not by shared caches on the way.
 */
function sendCalendar(request: FastifyRequest, reply: FastifyReply, feed: Feed, { disposition, shared }: { disposition: 'inline' | 'attachment'; shared: boolean }) {
  reply.header('etag', feed.etag).header('cache-control', `${shared ? '' : 'private, '}max-age=900`);
  if (feed.lastModified) reply.header('last-modified', new Date(feed.lastModified).toUTCString());
  if (unchanged(request, feed)) return reply.code(304).send();
  return reply
    .type('text/calendar; charset=utf-8')
    .header('content-disposition', `${disposition}; filename="${feed.filename}"`)
    .serializer((payload: unknown) => payload as string)
    .send(feed.body);
}

/** Feeds anyone may fetch: the programme and batch feeds, and private unit feeds by their secret token. */
export function publicCalendarRoutes(app: Api, { calendars }: { calendars: CalendarsService }, failures: FailureLimiter) {
  const common = { tags: ['calendars'], security: [], response: calendarResponses };
  /**
   * A feed at a secret address. A valid address is always served (Google and Outlook poll many
   * feeds from one address); only wrong guesses count against the client, and a replaced
   * address answers 410 Gone.
   */
  async function bySecretAddress(request: FastifyRequest, load: () => Promise<Feed>): Promise<Feed> {
    try {
      return await load();
    } catch (err) {
      if ((err as { code?: string }).code === 'NOT_FOUND') {
        failures.check(request);
        await failures.fail(request);
      }
      throw err;
    }
  }

  app.get('/calendars/programmes/:id.ics', { schema: { ...common, summary: "A programme's public calendar feed", params: IdParams } }, async (request, reply) =>
    sendCalendar(request, reply, await calendars.programmeFeed(request.params.id), { disposition: 'inline', shared: true }),
  );
  app.get('/calendars/batches/:id.ics', { schema: { ...common, summary: "A batch's public calendar feed", params: IdParams } }, async (request, reply) =>
    sendCalendar(request, reply, await calendars.batchFeed(request.params.id), { disposition: 'inline', shared: true }),
  );
  app.get(
    '/calendars/units/:token.ics',
    { schema: { ...common, summary: "A unit's private calendar feed (the token is the secret)", params: TokenParams } },
    async (request, reply) => sendCalendar(request, reply, await bySecretAddress(request, () => calendars.unitFeed(request.params.token)), { disposition: 'inline', shared: false }),
  );
  app.get(
    '/calendars/partner/:token.ics',
    { schema: { ...common, summary: "This government's private partner feed: the sessions of the programmes the governments below made it asistensi partner in (the token is the secret)", params: TokenParams } },
    async (request, reply) => sendCalendar(request, reply, await bySecretAddress(request, () => calendars.partnerFeed(request.params.token)), { disposition: 'inline', shared: false }),
  );
}

export function calendarRoutes(app: Api, { calendars }: { calendars: CalendarsService }) {
  app.post(
    '/units/:id/calendar-token',
    {
      config: { allowUnit: true },
      schema: {
        tags: ['calendars'],
        summary: "Issue (or rotate) the unit's private feed address; the previous one stops working",
        params: IdParams,
        body: NoBody,
        response: { 201: Type.Object({ url: Type.String(), webcalUrl: Type.String() }), ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await calendars.issueToken(request.actor, request.params.id)),
  );

  app.post(
    '/partner/calendar-token',
    {
      schema: {
        tags: ['calendars', 'partners'],
        summary: "Issue (or rotate) this government's partner feed address, of the sessions it is asistensi partner in; the previous one stops working",
        body: NoBody,
        response: { 201: Type.Object({ url: Type.String(), webcalUrl: Type.String() }), ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await calendars.issuePartnerToken(request.actor)),
  );

  app.get(
    '/bookings/:id.ics',
    {
      config: { allowUnit: true },
      schema: { tags: ['calendars'], summary: 'One booking as a calendar file', params: Type.Object({ id: Id }, { additionalProperties: false }), response: calendarResponses },
    },
    async (request, reply) => sendCalendar(request, reply, await calendars.bookingFile(request.actor, request.params.id), { disposition: 'attachment', shared: false }),
  );
}
