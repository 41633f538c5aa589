import { AppError } from '../platform/errors';
import type { PageContext } from './context';
import { Layout } from './layout';

/** 403, 404, 410, 413, 429, 500 and any refusal no form caught: plain words and a way back. */
export function ErrorPage({ ctx, status, error }: { ctx: PageContext; status: number; error: unknown }) {
  const e = ctx.t.errorPages;
  const code = error instanceof AppError ? error.code : undefined;
  const known = code ? ctx.t.errors[code] : undefined;
  const [title, text] =
    status === 404
      ? [e.notFoundTitle, e.notFound]
      : code === 'CSRF_FAILED'
        ? [e.forbiddenTitle, e.csrf]
        : status === 403
          ? [e.forbiddenTitle, e.forbidden]
          : status === 413
            ? [e.tooLargeTitle, e.tooLarge]
            : status >= 500
              ? [e.serverTitle, e.server]
                      : [e.refusedTitle, typeof known === 'string' ? known : ctx.t.errors.generic as string];
  const home = ctx.signedIn ? (ctx.signedIn.user.role === 'unit' ? '/unit' : '/organisasi') : '/';
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
