import { AppError } from '../platform/errors';
import { homeOf, type PageContext } from './context';
import { Layout } from './layout';
import { isRefusalCode, refusalText } from './refusals.text';
import { webText } from './web.text';

/** 403, 404, 410, 413, 429, 500 and any refusal no form caught: plain words and a way back. */
export function ErrorPage({ ctx, status, error }: { ctx: PageContext; status: number; error: unknown }) {
  const e = webText[ctx.lang].errorPages;
  const refusals = refusalText[ctx.lang];
  const code = error instanceof AppError ? error.code : undefined;
  const known = code && isRefusalCode(code) ? refusals[code] : undefined;
  const [title, text] = (() => {
    if (status === 404) return [e.notFoundTitle, e.notFound];
    if (code === 'CSRF_FAILED') return [e.forbiddenTitle, e.csrf];
    if (status === 403) return [e.forbiddenTitle, e.forbidden];
    if (status === 413) return [e.tooLargeTitle, e.tooLarge];
    // A 503 with words of its own (a busy worker pool) says them; any other 5xx reveals nothing.
    if (status >= 500 && !known) return [e.serverTitle, e.server(ctx.organisation)];
    const params = Object.fromEntries(Object.entries(error instanceof AppError ? (error.extensions ?? {}) : {}).map(([name, value]) => [name, String(value)]));
    return [e.refusedTitle, typeof known === 'function' ? known({ ...params, organisation: ctx.organisation }) : known ?? refusals.generic];
  })();
  const home = ctx.signedIn ? homeOf(ctx.signedIn.user.role) : '/';
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>{text}</p>
      <p>
        <a href={home}>{e.goHome}</a>
      </p>
    </Layout>
  );
}
