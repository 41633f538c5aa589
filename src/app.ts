import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { randomUUID } from 'node:crypto';
import Fastify, { LogController, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import { trustProxyWarning, type Config } from './config';
import type { Container } from './container';
import { openTenancy, type Tenancy } from './tenancy';
import { accessRoutes } from './features/access/access.routes';
import { auditRoutes } from './features/audit/audit.routes';
import { bookingRoutes } from './features/bookings/bookings.routes';
import { calendarRoutes, publicCalendarRoutes } from './features/calendars/calendars.routes';
import { draftRoutes } from './features/drafts/drafts.routes';
import { holidayRoutes } from './features/holidays/holidays.routes';
import { meRoutes } from './features/me/me.routes';
import { noticeRoutes, publicNoticeRoutes } from './features/outbox/outbox.routes';
import { participantRoutes } from './features/participants/participants.routes';
import { periodRoutes } from './features/periods/periods.routes';
import { programmeRoutes } from './features/programmes/programmes.routes';
import { progressRoutes } from './features/progress/progress.routes';
import { partnerRoutes } from './features/partners/partners.routes';
import { printoutRoutes } from './features/printouts/printouts.routes';
import { requestRoutes } from './features/requests/requests.routes';
import { unitRoutes } from './features/units/units.routes';
import { walkInRoutes } from './features/walk-ins/walk-ins.routes';
import { workshopRoutes } from './features/workshops/workshops.routes';
import { accountRoutes } from './features/accounts/accounts.routes';
import { registerPages } from './pages';
import type { Api } from './http/api';
import { authenticate } from './http/auth';
import { createFailureLimiter } from './http/failure-limiter';
import { PROBLEM_CONTENT_TYPE, toProblem } from './http/problem';
import { buildCachedSerializer } from './http/serializers';
import type { OpenDatabase } from './platform/database';
import { openConfiguredDatabase } from './platform/open-database';
import type { PostgresDatabase } from './platform/postgres';
import { healthRoutes } from './health';
import { AppError, notFound, retryAfterOf } from './platform/errors';
import { Problem } from './platform/schemas';
import { systemClock, type Clock } from './platform/time';
import { bodyAjv, textAjv } from './platform/validation';

export interface AppOptions {
  config: Config;
  /** An open database; when omitted the app opens config.databasePath and closes it on app.close(). */
  database?: OpenDatabase | PostgresDatabase;
  clock?: Clock;
  /** false: no logs (tests); a stream: JSON logs there instead of stdout. */
  logger?: false | { stream: NodeJS.WritableStream };
}

/** Private feed tokens are secrets: they never reach the logs. */
/**
 * A request's URL as logs may keep it. A route with a secret in its path (a feed token) is
 * logged as its pattern; any other URL, matched or not, has every long random-looking part
 * (decoded first, so %75-style spellings do not slip through) replaced.
 */
export function loggableUrl(request: { url: string; routeOptions?: { url?: string } }): string {
  const route = request.routeOptions?.url;
  if (route?.includes(':token')) return route.replace(/:token/g, '[redacted]');
  let url = request.url;
  try {
    url = decodeURIComponent(url);
  } catch {
    // Not valid percent-encoding: redact what is there.
  }
  return url.replace(/[A-Za-z0-9_-]{32,}/g, '[redacted]');
}

/** One JSON line per request, when it is answered (what it asked, from whom, the status, the time), not two. */
class OneLinePerRequest extends LogController {
  override incomingRequest() {}
  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply) {
    if (this.isLogDisabled(request)) return;
    const line = { req: request, res: reply, responseTime: Math.round(reply.elapsedTime * 10) / 10 };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request completed');
  }
}

function loggerOptions(config: Config, logger: AppOptions['logger']): FastifyServerOptions['logger'] {
  if (logger === false) return false;
  return {
    level: config.logLevel,
    ...(logger ? { stream: logger.stream } : {}),
    redact: ['req.headers.authorization'],
    serializers: {
      req: (request: { method: string; url: string; ip?: string; routeOptions?: { url?: string } }) => ({ method: request.method, url: loggableUrl(request), remoteAddress: request.ip }),
    },
  };
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The current request's tenant's services (the only tenant's, in a single-government deployment). */
    services: Container;
    tenancy: Tenancy;
    database: OpenDatabase | PostgresDatabase;
    /** Every route the app serves (tests check each one's access rules against it). */
    routeTable: { method: string; url: string; allowUnit: boolean; page: boolean }[];
  }
}

/** `POST /programmes/:id/batches` -> `postProgrammesByIdBatches`. */
const operationIdOf = (method: string, url: string) =>
  method.toLowerCase() +
  url
    .split(/[/.]/)
    .filter(Boolean)
    .map((part) => (part.startsWith(':') ? `By${part.slice(1, 2).toUpperCase()}${part.slice(2)}` : part.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase())))
    .join('');

/** Builds the whole service without listening: server.ts listens, tests inject. */
export async function buildApp(options: AppOptions): Promise<Api> {
  const { config } = options;
  const database = options.database ?? (await openConfiguredDatabase(config));
  const clock = options.clock ?? systemClock;
  const tenancy = await openTenancy({ config, database, clock });

  const app = Fastify({
    rewriteUrl: tenancy.rewriteUrl,
    logger: loggerOptions(config, options.logger),
    logController: new OneLinePerRequest(),
    bodyLimit: 256 * 1024,
    schemaController: { compilersFactory: { buildSerializer: buildCachedSerializer } },
    trustProxy: config.trustProxy,
    // Everything else is answered before a client can hold a connection open forever.
    requestTimeout: 30_000,
    // A client's X-Request-Id (if sane) names the request in logs and in the audit log.
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && /^[A-Za-z0-9._:-]{1,64}$/.test(given) ? given : randomUUID();
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  const proxyWarning = trustProxyWarning(config);
  if (proxyWarning) app.log.warn(proxyWarning);

  // Before every other hook: the rest of the request runs as its tenant's.
  tenancy.route(app);
  const routeTable: Api['routeTable'] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    // Client generators name their functions after operationId: one for every operation.
    if (route.schema && !route.schema.hide) route.schema.operationId ??= operationIdOf([route.method].flat()[0]!, route.url);
    for (const method of [route.method].flat())
      // Read when asked: the pages' scope marks its routes after this hook has run.
      if (method !== 'HEAD')
        routeTable.push({ method, url: route.url, allowUnit: route.config?.allowUnit === true, get page() { return route.config?.page === true; } });
  });

  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? bodyAjv : textAjv).compile(schema));
  // A refusal that says when to come back (a busy worker pool, too many jobs of one person)
  // says it in Retry-After too, for the API and the pages alike.
  app.addHook('onError', async (_request, reply, error) => {
    const wait = retryAfterOf(error);
    if (wait) reply.header('retry-after', wait);
  });
  app.setErrorHandler((error, request, reply) => {
    const consumes = (request.routeOptions.schema as { consumes?: string[] } | undefined)?.consumes;
    const body = toProblem(error, { accepts: consumes ?? (request.routeOptions.schema?.body ? ['application/json'] : undefined) });
    if (body.status >= 500 && !(error instanceof AppError)) request.log.error({ err: error }, 'request failed');
    return reply.status(body.status).type(PROBLEM_CONTENT_TYPE).send(body);
  });
  // Browsers get a page; API clients their problem+json.
  let notFoundPage: ((request: FastifyRequest, reply: FastifyReply) => unknown) | undefined;
  app.setNotFoundHandler((request, reply) => {
    if (notFoundPage && request.method === 'GET' && /\btext\/html\b/.test(request.headers.accept ?? '')) return notFoundPage(request, reply);
    throw notFound('route', `${request.method} ${request.url.split('?')[0]}`);
  });
  // An empty body is no body whatever its content type: `fetch(url, {method: 'POST', body: ''})`
  // sends `text/plain` with nothing in it. Without the type Fastify parses nothing.
  app.addHook('onRequest', async (request) => {
    if (request.raw.headers['content-length'] === '0' && !request.raw.headers['transfer-encoding']) delete request.raw.headers['content-type'];
  });
  // A POST sent without any body (e.g. `curl -X POST .../auto-schedule`) means "no options".
  app.addHook('preValidation', async (request) => {
    const empty = (request.headers['content-length'] ?? '0') === '0' && !request.headers['transfer-encoding'];
    if (request.body === undefined && request.method === 'POST' && empty)
      request.body = {};
  });
  // Each body type only where the route takes it: JSON unless its schema says otherwise
  // (`consumes`), CSV only where it says `text/csv` (and its own bodyLimit applies).
  // Anywhere else the answer is a 415 naming what the route takes.
  const takes = (request: { routeOptions: { schema?: unknown } }, type: string) =>
    ((request.routeOptions.schema as { consumes?: string[] } | undefined)?.consumes ?? ['application/json']).includes(type);
  const unsupported = (type: string) => Object.assign(new Error(`Unsupported Media Type: '${type}'`), { code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE', statusCode: 415 });
  // Many HTTP clients send Content-Type: application/json on a DELETE without a body: an
  // empty JSON body is no body, not an error.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body === '') return done(null, undefined);
    if (!takes(request, 'application/json')) return done(unsupported('application/json'), undefined);
    parseJson(request, body as string, done);
  });
  app.addContentTypeParser('text/csv', { parseAs: 'string' }, (request, body, done) =>
    takes(request, 'text/csv') ? done(null, body) : done(unsupported('text/csv'), undefined),
  );

  const { services } = tenancy;
  app.decorate('services', services);
  app.decorate('tenancy', tenancy);
  app.decorate<OpenDatabase | PostgresDatabase>('database', database);
  // Fastify closes once every connection has ended, but a handler whose client hung up goes on
  // working: the database stays open until those have answered too (10 s at most).
  const answering = new Set<string>();
  app.addHook('onRequest', async (request) => {
    answering.add(request.id);
  });
  app.addHook('onSend', async (request) => {
    answering.delete(request.id);
  });
  // The notice worker (started by server.ts) finishes its send before the database closes.
  app.addHook('onClose', async () => {
    for (const giveUpAt = Date.now() + 10_000; answering.size > 0 && Date.now() < giveUpAt; ) await new Promise((resolve) => setTimeout(resolve, 20));
    await tenancy.close();
    if (!options.database) await database.close();
  });

  // Security headers on every answer. The default CSP suits Swagger UI (no inline scripts);
  // upgrade-insecure-requests is left out so /docs also works over plain HTTP on an intranet.
  await app.register(helmet, { contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } });
  // Each kind of credential has its own budget: guessing feed addresses never blocks API keys.
  const countFailure = services.sessions.countFailedCredential;
  const keyFailures = createFailureLimiter({ kind: 'key', what: 'API keys', perMinute: config.authFailuresPerMinute, count: countFailure, clock });
  const feedFailures = createFailureLimiter({ kind: 'feed', what: 'calendar feed addresses', perMinute: config.authFailuresPerMinute, count: countFailure, clock });

  app.addSchema(Problem);
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'SOP workshop and asistensi scheduler',
        description:
          'Workshop batches (angkatan) and asistensi sessions through which a local government gets every work unit (SKPD) to write its SOPs.',
        version: '1.0.0',
        license: { name: 'Proprietary' },
      },
      components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'An API key from POST /api-keys or npm run create-key' } } },
      security: [{ apiKey: [] }],
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (json.$id as string) ?? `def-${i}` },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  // "Try it out" calls the server the document was fetched from, whatever host and port.
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.routeOptions.url !== '/docs/json' || typeof payload !== 'string') return payload;
    return JSON.stringify({ ...JSON.parse(payload), servers: [{ url: `${request.protocol}://${request.host}` }] });
  });

  healthRoutes(app, services, database, config, keyFailures);

  publicCalendarRoutes(app, services, feedFailures);
  await publicNoticeRoutes(app, services);
  notFoundPage = (await registerPages(app, services, config)).notFoundPage;

  await app.register(async (api: Api) => {
    api.addHook('onRequest', authenticate(services.access.authenticate, keyFailures));
    accessRoutes(api, services);
    accountRoutes(api, services);
    holidayRoutes(api, services);
    unitRoutes(api, services);
    participantRoutes(api, services);
    programmeRoutes(api, services);
    workshopRoutes(api, services);
    draftRoutes(api, services);
    periodRoutes(api, services);
    bookingRoutes(api, services);
    requestRoutes(api, services);
    walkInRoutes(api, services);
    progressRoutes(api, services);
    partnerRoutes(api, services);
    printoutRoutes(api, services);
    calendarRoutes(api, services);
    auditRoutes(api, services);
    noticeRoutes(api, services);
    meRoutes(api, services);
  });

  return app;
}
