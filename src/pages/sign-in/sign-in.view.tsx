import type { PageContext } from '../../web/context';
import { Field, type FormProblem } from '../../web/components/form';
import { Csrf, Layout } from '../../web/layout';
import { passwordText, signInText } from './sign-in.text';

export function SignInPage({ ctx, email, problem, notice, next }: { ctx: PageContext; email?: string; problem?: FormProblem; notice?: string; next: string }) {
  const t = signInText[ctx.lang];
  return (
    <Layout ctx={ctx} title={t.title} problem={problem} notice={notice}>
      <h1>{t.title}</h1>
      <p class="lead">{t.lead}</p>
      <form method="post" action="/masuk" class="form" novalidate>
        <Csrf ctx={ctx} />
        <input type="hidden" name="lanjut" value={next} />
        <Field name="email" label={t.email} type="email" autocomplete="username" value={email} problem={problem} required />
        <Field name="password" label={t.password} type="password" autocomplete="current-password" problem={problem} required />
        <button type="submit" class="button">
          {t.submit}
        </button>
      </form>
      <p class="hint-text">{t.forgot(ctx.organisation)}</p>
    </Layout>
  );
}

/** A new password typed twice (from a link, or on the account page); the browser is told it is new. */
export function NewPasswordFields({ ctx, problem }: { ctx: PageContext; problem?: FormProblem }) {
  const t = passwordText[ctx.lang];
  return (
    <>
      <Field name="password" label={t.new} hint={t.hint} type="password" autocomplete="new-password" problem={problem} required />
      <Field name="confirm" label={t.confirm} type="password" autocomplete="new-password" problem={problem} required />
    </>
  );
}

/** Who the link is for, and why: an invitation or a reset. */
export interface LinkHolder {
  name: string;
  email: string;
  purpose: string;
}

export function NewPasswordPage({ ctx, holder, problem }: { ctx: PageContext; holder: LinkHolder; problem?: FormProblem }) {
  const t = passwordText[ctx.lang];
  const title = holder.purpose === 'invite' ? t.inviteTitle : t.resetTitle;
  return (
    <Layout ctx={ctx} title={title} problem={problem}>
      <h1>{title}</h1>
      <p class="lead">{t.lead(holder.name, holder.email)}</p>
      <form method="post" class="form" novalidate>
        <Csrf ctx={ctx} />
        {/* Lets password managers store the new password under the right account. */}
        <input type="hidden" name="username" autocomplete="username" value={holder.email} />
        <NewPasswordFields ctx={ctx} problem={problem} />
        <button type="submit" class="button">
          {t.submit}
        </button>
      </form>
    </Layout>
  );
}

export function ExpiredLinkPage({ ctx }: { ctx: PageContext }) {
  const t = passwordText[ctx.lang];
  return (
    <Layout ctx={ctx} title={t.expiredTitle}>
      <h1>{t.expiredTitle}</h1>
      <p>{t.expired(ctx.organisation)}</p>
    </Layout>
  );
}
