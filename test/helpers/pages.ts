import type { Api } from '../../src/http/api';

export interface PageReply {
  status: number;
  body: string;
  headers: Record<string, string | string[] | number | undefined>;
  /** Where a redirect points. */
  location?: string;
}

/**
 * A browser for app.inject: keeps cookies, finds each page's form token, posts forms.
 * (The browser tests drive a real Chromium; this one checks rules quickly.)
 */
export function pageClient(app: Api, options: { acceptLanguage?: string; ip?: string } = {}) {
  const jar = new Map<string, string>();
  let csrf = '';

  const remember = (setCookie: string | string[] | undefined) => {
    for (const line of [setCookie ?? []].flat()) {
      const [pair = ''] = line.split(';');
      const index = pair.indexOf('=');
      const name = pair.slice(0, index);
      const value = pair.slice(index + 1);
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) jar.delete(name);
      else jar.set(name, value);
    }
  };

  async function send(method: 'GET' | 'POST', url: string, form?: Record<string, string | string[]> | Multipart, headers: Record<string, string> = {}): Promise<PageReply> {
    const body =
      form === undefined ? undefined : form instanceof Multipart ? form.body : new URLSearchParams(Object.entries(form).flatMap(([k, v]) => [v].flat().map((one) => [k, one]))).toString();
    const res = await app.inject({
      method,
      url,
      remoteAddress: options.ip ?? '127.0.0.1',
      headers: {
        accept: 'text/html',
        ...(options.acceptLanguage ? { 'accept-language': options.acceptLanguage } : {}),
        ...(jar.size ? { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } : {}),
        ...(body === undefined ? {} : { 'content-type': form instanceof Multipart ? form.contentType : 'application/x-www-form-urlencoded' }),
        ...headers,
      },
      ...(body === undefined ? {} : { payload: body }),
    });
    remember(res.headers['set-cookie'] as string | string[] | undefined);
    const token = /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1];
    if (token) csrf = token;
    return { status: res.statusCode, body: res.body, headers: res.headers, location: res.headers.location as string | undefined };
  }

  return {
    jar,
    get: (url: string, headers?: Record<string, string>) => send('GET', url, undefined, headers),
    /** Posts a form with the token of the last page seen (unless the fields name their own). */
    post: (url: string, fields: Record<string, string | string[]> = {}, headers?: Record<string, string>) => send('POST', url, { _csrf: csrf, ...fields }, headers),
    /** Posts a multipart form (the token first, as a browser sends the form's fields in order) with one file. */
    upload: (url: string, fields: Record<string, string>, file?: { field: string; name: string; type: string; bytes: Buffer | string }) =>
      send('POST', url, new Multipart({ _csrf: csrf, ...fields }, file)),
    /** Follows a redirect's Location with a GET. */
    follow: (reply: PageReply) => send('GET', reply.location!),
    get csrf() {
      return csrf;
    },
  };
}

class Multipart {
  readonly boundary = `----page-test-${Math.random().toString(36).slice(2)}`;
  readonly body: Buffer;
  constructor(fields: Record<string, string>, file?: { field: string; name: string; type: string; bytes: Buffer | string }) {
    const parts: Buffer[] = Object.entries(fields).map(([name, value]) => Buffer.from(`--${this.boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
    if (file)
      parts.push(
        Buffer.from(`--${this.boundary}\r\ncontent-disposition: form-data; name="${file.field}"; filename="${file.name}"\r\ncontent-type: ${file.type}\r\n\r\n`),
        Buffer.from(file.bytes),
        Buffer.from('\r\n'),
      );
    parts.push(Buffer.from(`--${this.boundary}--\r\n`));
    this.body = Buffer.concat(parts);
  }
  get contentType() {
    return `multipart/form-data; boundary=${this.boundary}`;
  }
}

export type PageClient = ReturnType<typeof pageClient>;

/** The visible text of an HTML page, tags removed and entities decoded (enough for assertions). */
export const textOf = (html: string) =>
  html
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();

/** Invites a person through the API, sets their password through the link page, signs them in. */
export async function signedInPerson(
  app: Api,
  organiser: { post: (url: string, body?: unknown) => Promise<{ status: number; body: any }> },
  person: { email: string; name: string; role: 'organiser' | 'unit'; unitId?: number },
  password = 'kopi-pagi-di-martapura',
) {
  const invited = await organiser.post('/users', person);
  if (invited.status !== 201) throw new Error(`invite: ${JSON.stringify(invited.body)}`);
  const { client, set, signedIn } = await setPasswordAndSignIn(app, invited.body.setPasswordUrl, person.email, password);
  if (set.status !== 303) throw new Error(`set password: ${set.status} ${textOf(set.body).slice(0, 300)}`);
  if (signedIn.status !== 303) throw new Error(`sign in: ${signedIn.status} ${textOf(signedIn.body).slice(0, 300)}`);
  return { client, user: invited.body as { id: number; email: string }, password };
}

/** Sets a password on a set-password link's page, then signs in with it, in one new browser: answers both replies. */
export async function setPasswordAndSignIn(app: Api, link: string, email: string, password = 'kopi-pagi-di-martapura') {
  const client = pageClient(app);
  const linkPath = new URL(link).pathname;
  await client.get(linkPath);
  const set = await client.post(linkPath, { password, confirm: password });
  await client.get('/masuk');
  const signedIn = await client.post('/masuk', { email, password });
  return { client, set, signedIn };
}
