import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { Api } from '../http/api';
import { AppError } from '../platform/errors';
import { isLanguage, languageOf, type Language } from '../platform/language';
import { hashSecret, randomSecret } from '../platform/secrets';
import { ASSETS } from './assets';
import type { PageContext, SignedInPerson } from './context';
import { ErrorPage } from './error-page';
import { webText } from './web.text';

export interface WebOptions {
  /** The person a session cookie stands for, if the session is live. */
  session(token: string, requestId: string): Promise<SignedInPerson | undefined>;
  /** Remembers a signed-in person's choice of language (their messages use it too). */
  languageChosen(person: SignedInPerson, lang: Language): Promise<void>;
  /** Who runs the programmes and the zone of dates without one: the request's government's. */
  organisation: () => string;
  defaultZone: () => string;
  /** Cookies are Secure when the service is reached over https. */
  secureCookies: boolean;
  sessionMaxHours: number;
  /** The host people reach the service at (PUBLIC_BASE_URL): behind a proxy it may differ from Host. */
  publicHost: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    page: PageContext;
  }
  interface FastifyReply {
    /** Sends a rendered page (HTML, never cached by shared caches). */
    sendPage(page: VNode, status?: number): FastifyReply;
  }
}

const SESSION_COOKIE = 'sid';
/** An anonymous visitor's random value: the CSRF token of forms before sign-in derives from it. */
const VISITOR_COOKIE = 'visitor';
const LANGUAGE_COOKIE = 'lang';
/** A browser that signed in before (see the sessions service): only the sign-in form needs it. */
const DEVICE_COOKIE = 'device';
const DEVICE_COOKIE_PATH = '/masuk';

/**
 * Pages: a strict CSP of their own (no inline script or style anywhere), and nothing a shared
 * cache may keep (they show a person's data).
 */
const PAGE_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

/** A path of this site to come back to: never another host (no open redirect), only characters a header may carry. */
export const localPath = (value: unknown, fallback: string) =>
  typeof value === 'string' && /^\/(?![/\\])[\x21-\x7e]*$/.test(value) ? value : fallback;

/**
 * Whether a POST comes from another site: the browser's Sec-Fetch-Site says so, or its Origin
 * is another host (an opaque "null" origin counts as foreign unless Sec-Fetch-Site vouches).
 */
function crossSite(request: FastifyRequest, publicHost: string): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined) return site !== 'same-origin' && site !== 'none';
  const origin = request.headers.origin;
  if (origin === undefined) return false;
  try {
    const host = new URL(origin).host;
    return host !== request.host && host !== publicHost;
  } catch {
    return true;
  }
}

/**
 * The web pages' plumbing: cookies, the signed-in person, language, CSRF, page errors.
 * `pages` declares the page routes inside this scope.
 */
export async function registerWeb(app: Api, options: WebOptions, pages: (web: Api, cookies: SessionCookies) => void) {
  await app.register(cookie);
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: options.secureCookies };
  const cookies: SessionCookies = {
    startSession: (reply, token) => {
      reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions, maxAge: options.sessionMaxHours * 3600 }).clearCookie(VISITOR_COOKIE, cookieOptions);
    },
    endSession: (reply) => {
      reply.clearCookie(SESSION_COOKIE, cookieOptions);
    },
    device: (request) => request.cookies[DEVICE_COOKIE],
    rememberDevice: (reply, device) => {
      reply.setCookie(DEVICE_COOKIE, device.cookie, { ...cookieOptions, path: DEVICE_COOKIE_PATH, maxAge: device.days * 24 * 3600 });
    },
  };

  /**
   * Where a visitor without a live session goes: sign-in, then back to the page (after a form,
   * the page the form was on), told when their session has ended.
   */
  function signInAddress(request: FastifyRequest) {
    const referer = request.headers.referer;
    let back = request.url;
    if (request.method !== 'GET') {
      try {
        const from = referer ? new URL(referer) : undefined;
        back = from && (from.host === request.host || from.host === options.publicHost) ? from.pathname + from.search : '/';
      } catch {
        back = '/';
      }
    }
    return `/masuk?lanjut=${encodeURIComponent(localPath(back, '/'))}${request.page?.sessionEnded ? '&ok=sesi' : ''}`;
  }

  async function contextOf(request: FastifyRequest, reply: FastifyReply): Promise<PageContext> {
    const token = request.cookies[SESSION_COOKIE];
    const signedIn = token ? await options.session(token, request.id) ?? null : null;
    if (token && !signedIn) reply.clearCookie(SESSION_COOKIE, cookieOptions);
    let seed = signedIn ? token! : request.cookies[VISITOR_COOKIE];
    if (!seed) {
      seed = randomSecret();
      reply.setCookie(VISITOR_COOKIE, seed, cookieOptions);
    }
    const chosen = request.cookies[LANGUAGE_COOKIE];
    const lang: Language = isLanguage(chosen) ? chosen : signedIn ? signedIn.user.language : languageOf(request.headers['accept-language']);
    return {
      lang,
      t: webText[lang],
      path: request.url,
      signedIn,
      sessionEnded: Boolean(token && !signedIn),
      csrf: hashSecret(`csrf:${seed}`),
      organisation: options.organisation(),
      defaultZone: options.defaultZone(),
    };
  }

  app.decorateReply('sendPage', function (this: FastifyReply, page: VNode, status = 200) {
    return this.code(status)
      .header('content-type', 'text/html; charset=utf-8')
      .header('content-security-policy', PAGE_CSP)
      .header('cache-control', 'no-store')
      // Forms of this site then carry its Origin (under no-referrer a browser sends "null").
      .header('referrer-policy', 'same-origin')
      .send(`<!doctype html>${renderToString(page)}`);
  });

  /** A page for an error, in the visitor's language, with a way back. */
  async function sendErrorPage(request: FastifyRequest, reply: FastifyReply, error: unknown) {
    const status = error instanceof AppError ? error.status : (error as { statusCode?: number }).statusCode ?? 500;
    const ctx = request.page ?? await contextOf(request, reply);
    // A 503 the service chose (a busy worker pool) is a refusal, answered as itself; any other 5xx is a failure.
    const failed = status >= 500 && !(error instanceof AppError && status === 503);
    if (failed) request.log.error({ err: error }, 'page failed');
    // A route parameter that is not an id (e.g. /unit/program/abc) is a page that does not exist.
    const shown = (error as { code?: string }).code === 'FST_ERR_VALIDATION' ? 404 : failed ? 500 : status;
    return reply.sendPage(ErrorPage({ ctx, status: shown, error }), shown);
  }

  // Static assets: content-addressed URLs, cached for a year.
  app.get('/assets/:version/:name', { schema: { hide: true } }, async (request, reply) => {
    const { name } = request.params as { name: string };
    const asset = ASSETS[name];
    if (!asset) throw new AppError(404, 'NOT_FOUND', 'no such asset');
    return reply.header('content-type', asset.type).header('cache-control', 'public, max-age=31536000, immutable').send(asset.body);
  });

  await app.register(async (web: Api) => {
    await web.register(formbody, { bodyLimit: 64 * 1024 });
    // Uploads (officials' CSV, draft documents) are read by readUpload, never buffered whole.
    await web.register(multipart);
    web.addHook('onRoute', (route) => {
      route.config = { ...route.config, page: true };
      route.schema = { ...route.schema, hide: true };
    });
    web.decorateRequest('page', null as unknown as PageContext);
    web.addHook('onRequest', async (request, reply) => {
      request.page = await contextOf(request, reply);
    });
    // A filter form sends its blank fields ("all") as `?field=`: blank means not given.
    web.addHook('preValidation', async (request) => {
      const query = request.query as Record<string, unknown> | undefined;
      if (query) for (const key of Object.keys(query)) if (query[key] === '') delete query[key];
    });
    // Every form carries the page's token; a browser tricked by another site has none.
    web.addHook('preHandler', async (request) => {
      if (request.method !== 'POST') return;
      if (crossSite(request, options.publicHost)) throw new AppError(403, 'CSRF_FAILED', 'cross-site form');
      // Upload forms are read by readUpload, which checks the token before anything else; no other page takes multipart.
      if (request.isMultipart()) {
        if (request.routeOptions.config.upload === true) return;
        throw new AppError(403, 'CSRF_FAILED', 'multipart body on a form without files');
      }
      const sent = (request.body as Record<string, unknown> | undefined)?._csrf;
      if (sent === request.page.csrf) return;
      // The form came from a session that has since ended: sign in again rather than "form expired".
      if (request.page.sessionEnded) throw new AppError(401, 'UNAUTHENTICATED', 'session ended');
      throw new AppError(403, 'CSRF_FAILED', 'missing or stale form token');
    });
    web.setErrorHandler(async (error, request, reply) => {
      if (error instanceof AppError && error.status === 401) return reply.redirect(signInAddress(request), 303);
      return await sendErrorPage(request, reply, error);
    });

    // The language switch, remembered in a cookie. A link for anonymous visitors: it changes
    // only this browser's choice. Signed-in people switch by a form (POST, with the form token),
    // which also keeps the choice on their account for their emails: a link followed from
    // another site must not change an account.
    async function switchLanguage(request: FastifyRequest, reply: FastifyReply, back: unknown) {
      const { lang } = request.params as { lang: string };
      if (!isLanguage(lang)) throw new AppError(404, 'NOT_FOUND', 'no such language');
      reply.setCookie(LANGUAGE_COOKIE, lang, { ...cookieOptions, maxAge: 365 * 24 * 3600 });
      if (request.method === 'POST' && request.page.signedIn) await options.languageChosen(request.page.signedIn, lang);
      return reply.redirect(localPath(back, '/'), 303);
    }
    web.get('/bahasa/:lang', { schema: { hide: true } }, async (request, reply) => await switchLanguage(request, reply, (request.query as { kembali?: unknown }).kembali));
    web.post('/bahasa/:lang', { schema: { hide: true } }, async (request, reply) => await switchLanguage(request, reply, (request.body as { kembali?: unknown } | undefined)?.kembali));

    pages(web, cookies);
  });

  return { notFoundPage: async (request: FastifyRequest, reply: FastifyReply) => await sendErrorPage(request, reply, new AppError(404, 'NOT_FOUND', 'no such page')) };
}

/** Setting and clearing the session cookie, and the browser's device cookie, for the sign-in pages. */
export interface SessionCookies {
  startSession(reply: FastifyReply, token: string): void;
  endSession(reply: FastifyReply): void;
  /** The device cookie the browser sent, if any. */
  device(request: FastifyRequest): string | undefined;
  /** Gives the browser its device cookie (a signed-out browser keeps it). */
  rememberDevice(reply: FastifyReply, device: { cookie: string; days: number }): void;
}

/** Page routes that need a signed-in person (of one role): others go to sign-in, or get 403. */
export function signedIn(role?: 'organiser' | 'unit') {
  return async (request: FastifyRequest) => {
    const person = request.page.signedIn;
    if (!person) throw new AppError(401, 'UNAUTHENTICATED', 'sign in first');
    if (role && person.user.role !== role) throw new AppError(403, 'FORBIDDEN', 'not for this role');
  };
}
