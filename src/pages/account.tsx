import { Type } from '@sinclair/typebox';
import type { Api } from '../http/api';
import type { SessionsService } from '../features/accounts/sessions.service';
import { NOTICE_KINDS } from '../features/outbox/outbox.rules';
import type { OutboxService } from '../features/outbox/outbox.service';
import { AppError } from '../platform/errors';
import { Email } from '../platform/schemas';
import { homeOf, type PageContext } from '../web/context';
import { formatInstant } from '../platform/format';
import { readForm, refusal, type Typed } from '../web/forms';
import { Csrf, Field, Layout, type FormProblem } from '../web/layout';
import { localPath, signedIn, type SessionCookies } from '../web/web';

const SignInForm = Type.Object({ email: Email, password: Type.String({ minLength: 1, maxLength: 1000 }), lanjut: Type.Optional(Type.String()) });
const NewPasswordForm = Type.Object({ password: Type.String({ minLength: 1, maxLength: 1000 }), confirm: Type.String({ minLength: 1, maxLength: 1000 }) });
/** The kinds ticked; none ticked sends no field at all. */
const NoticesForm = Type.Object({ jenis: Type.Optional(Type.Array(Type.Union(NOTICE_KINDS.map((k) => Type.Literal(k))), { maxItems: NOTICE_KINDS.length })) });
const ChangePasswordForm = Type.Object({
  currentPassword: Type.String({ minLength: 1, maxLength: 1000 }),
  password: Type.String({ minLength: 1, maxLength: 1000 }),
  confirm: Type.String({ minLength: 1, maxLength: 1000 }),
});

/** The sentence a `?ok=` code stands for (only known codes: nothing typed in a URL is shown). */
const noticeOf = (ctx: PageContext, query: unknown): string | undefined => {
  const ok = (query as { ok?: string }).ok;
  const notices: Record<string, string> = {
    keluar: ctx.t.signIn.signedOut,
    'keluar-semua': ctx.t.signIn.signedOutEverywhere,
    sandi: ctx.t.signIn.passwordSet,
    'sandi-diganti': ctx.t.account.changed,
    sesi: ctx.t.signIn.sessionEnded,
    pemberitahuan: ctx.t.account.noticesSaved,
  };
  return ok ? notices[ok] : undefined;
};

function SignInPage({ ctx, typed = {}, problem, notice, next }: { ctx: PageContext; typed?: Typed; problem?: FormProblem; notice?: string; next: string }) {
  const t = ctx.t.signIn;
  return (
    <Layout ctx={ctx} title={t.title} problem={problem} notice={notice}>
      <h1>{t.title}</h1>
      <p class="lead">{t.lead}</p>
      <form method="post" action="/masuk" class="form" novalidate>
        <Csrf ctx={ctx} />
        <input type="hidden" name="lanjut" value={next} />
        <Field name="email" label={t.email} type="email" autocomplete="username" value={typed.email as string} problem={problem} required />
        <Field name="password" label={t.password} type="password" autocomplete="current-password" problem={problem} required />
        <button type="submit" class="button">
          {t.submit}
        </button>
      </form>
      <p class="hint-text">{t.forgot}</p>
    </Layout>
  );
}

function NewPasswordPage({ ctx, holder, problem }: { ctx: PageContext; holder: { name: string; email: string; purpose: string }; problem?: FormProblem }) {
  const t = ctx.t.password;
  const title = holder.purpose === 'invite' ? t.inviteTitle : t.resetTitle;
  return (
    <Layout ctx={ctx} title={title} problem={problem}>
      <h1>{title}</h1>
      <p class="lead">{t.lead(holder.name, holder.email)}</p>
      <form method="post" class="form" novalidate>
        <Csrf ctx={ctx} />
        {/* Lets password managers store the new password under the right account. */}
        <input type="hidden" name="username" autocomplete="username" value={holder.email} />
        <Field name="password" label={t.new} hint={t.hint} type="password" autocomplete="new-password" problem={problem} required />
        <Field name="confirm" label={t.confirm} type="password" autocomplete="new-password" problem={problem} required />
        <button type="submit" class="button">
          {t.submit}
        </button>
      </form>
    </Layout>
  );
}

type Choices = ReturnType<OutboxService['preferences']>;

/** One checkbox per kind the person may switch; the kinds nobody may switch off are not asked. */
function NoticeChoices({ ctx, choices }: { ctx: PageContext; choices: Choices }) {
  const t = ctx.t.account;
  const user = ctx.signedIn!.user;
  return (
    <>
      <h2 id="pemberitahuan">{t.noticesTitle}</h2>
      <p>{t.noticesLead(user.email)}</p>
      {user.role === 'unit' && <p class="hint-text">{t.noticesUnitMailbox}</p>}
      <form method="post" action="/akun/pemberitahuan" class="form" novalidate>
        <Csrf ctx={ctx} />
        <fieldset class="checkboxes">
          <legend>{t.noticesLegend}</legend>
          {choices.map(({ kind, enabled }) => {
            const hint = ctx.t.notices.kindHints[kind];
            return (
              <>
                <label class="checkbox">
                  <input type="checkbox" id={`jenis-${kind}`} name="jenis" value={kind} checked={enabled} aria-describedby={hint ? `jenis-${kind}-hint` : undefined} />
                  {ctx.t.notices.kinds[kind]}
                </label>
                {hint && (
                  <p class="field__hint" id={`jenis-${kind}-hint`}>
                    {hint}
                  </p>
                )}
              </>
            );
          })}
        </fieldset>
        <button type="submit" class="button">
          {t.noticesSubmit}
        </button>
      </form>
    </>
  );
}

function AccountPage({ ctx, problem, notice, unitName, choices }: { ctx: PageContext; problem?: FormProblem; notice?: string; unitName?: string; choices: Choices }) {
  const t = ctx.t.account;
  const user = ctx.signedIn!.user;
  return (
    <Layout ctx={ctx} title={t.title} problem={problem} notice={notice}>
      <h1>{t.title}</h1>
      <dl class="summary-list">
        <div>
          <dt>{t.name}</dt>
          <dd>{user.name}</dd>
        </div>
        <div>
          <dt>{t.email}</dt>
          <dd>{user.email}</dd>
        </div>
        <div>
          <dt>{t.role}</dt>
          <dd>{ctx.t.roles[user.role]}</dd>
        </div>
        {unitName && (
          <div>
            <dt>{t.unit}</dt>
            <dd>{unitName}</dd>
          </div>
        )}
      </dl>
      <h2>{t.changeTitle}</h2>
      <p>{t.changeLead}</p>
      <form method="post" action="/akun/sandi" class="form" novalidate>
        <Csrf ctx={ctx} />
        <input type="hidden" name="username" autocomplete="username" value={user.email} />
        <Field name="currentPassword" label={t.current} type="password" autocomplete="current-password" problem={problem} required />
        <Field name="password" label={ctx.t.password.new} hint={ctx.t.password.hint} type="password" autocomplete="new-password" problem={problem} required />
        <Field name="confirm" label={ctx.t.password.confirm} type="password" autocomplete="new-password" problem={problem} required />
        <button type="submit" class="button">
          {t.changeSubmit}
        </button>
      </form>
      {choices.length > 0 && <NoticeChoices ctx={ctx} choices={choices} />}
      <h2>{t.everywhereTitle}</h2>
      <p>{t.everywhereLead}</p>
      <form method="post" action="/keluar-semua" class="inline-form">
        <Csrf ctx={ctx} />
        <button type="submit" class="button button--warning">
          {t.everywhereSubmit}
        </button>
      </form>
    </Layout>
  );
}

function ExpiredLinkPage({ ctx }: { ctx: PageContext }) {
  const t = ctx.t.password;
  return (
    <Layout ctx={ctx} title={t.expiredTitle}>
      <h1>{t.expiredTitle}</h1>
      <p>{t.expired}</p>
    </Layout>
  );
}

/** The message for a refused new password, by the service's reason. */
function passwordRefusal(error: unknown, ctx: PageContext): FormProblem & { status: number } {
  const refused = refusal(error, ctx);
  if (refused.code !== 'WEAK_PASSWORD' || !(error instanceof AppError)) return refused;
  const message = ctx.t.password.problems[String(error.extensions?.reason)] ?? ctx.t.validation.invalid;
  return { status: refused.status, summary: message, fields: { password: message } };
}

export function accountPages(
  web: Api,
  { accounts, cookies, unitName, notices }: { accounts: SessionsService; cookies: SessionCookies; unitName: (id: number) => string; notices: Pick<OutboxService, 'preferences' | 'setPreferences'> },
) {
  web.get('/masuk', async (request, reply) => {
    const ctx = request.page;
    const next = localPath((request.query as { lanjut?: string }).lanjut, '');
    if (ctx.signedIn) return reply.redirect(next || homeOf(ctx.signedIn.user.role), 303);
    return reply.sendPage(<SignInPage ctx={ctx} next={next} notice={noticeOf(ctx, request.query)} />);
  });

  web.post('/masuk', async (request, reply) => {
    const ctx = request.page;
    const form = readForm(SignInForm, request.body, ctx);
    const next = localPath((request.body as { lanjut?: string }).lanjut, '');
    if (!form.ok) return reply.sendPage(<SignInPage ctx={ctx} typed={form.typed} problem={form.problem} next={next} />, 400);
    try {
      const { token, user } = await accounts.signIn(form.value.email, form.value.password, request.ip, request.id);
      // Signing in again from a stale tab replaces the session this browser had.
      if (ctx.signedIn) accounts.signOut(ctx.signedIn);
      cookies.startSession(reply, token);
      return reply.redirect(next || homeOf(user.role), 303);
    } catch (error) {
      const refused = refusal(error, ctx);
      const retryAt = error instanceof AppError ? error.extensions?.retryAt : undefined;
      const summary = refused.code === 'SIGN_IN_LOCKED' ? ctx.t.signIn.locked(formatInstant(String(retryAt), ctx.defaultZone, ctx.lang)) : ctx.t.signIn.failed;
      // Typed email kept, password never sent back.
      return reply.sendPage(<SignInPage ctx={ctx} typed={{ email: form.typed.email ?? '' }} problem={{ summary, fields: {} }} next={next} />, refused.status);
    }
  });

  web.post('/keluar', async (request, reply) => {
    if (request.page.signedIn) accounts.signOut(request.page.signedIn);
    cookies.endSession(reply);
    return reply.redirect('/masuk?ok=keluar', 303);
  });

  web.post('/keluar-semua', { onRequest: signedIn() }, async (request, reply) => {
    accounts.signOutEverywhere(request.page.signedIn!);
    cookies.endSession(reply);
    return reply.redirect('/masuk?ok=keluar-semua', 303);
  });

  web.get('/sandi/:token', async (request, reply) => {
    const holder = accounts.linkHolder((request.params as { token: string }).token);
    if (!holder) return reply.sendPage(<ExpiredLinkPage ctx={request.page} />, 410);
    return reply.sendPage(<NewPasswordPage ctx={request.page} holder={holder} />);
  });

  web.post('/sandi/:token', async (request, reply) => {
    const ctx = request.page;
    const { token } = request.params as { token: string };
    const holder = accounts.linkHolder(token);
    if (!holder) return reply.sendPage(<ExpiredLinkPage ctx={ctx} />, 410);
    const form = readForm(NewPasswordForm, request.body, ctx);
    if (!form.ok) return reply.sendPage(<NewPasswordPage ctx={ctx} holder={holder} problem={form.problem} />, 400);
    if (form.value.password !== form.value.confirm)
      return reply.sendPage(<NewPasswordPage ctx={ctx} holder={holder} problem={{ fields: { confirm: ctx.t.password.mismatch } }} />, 400);
    try {
      await accounts.setPassword(token, form.value.password);
    } catch (error) {
      const refused = passwordRefusal(error, ctx);
      if (refused.status === 410) return reply.sendPage(<ExpiredLinkPage ctx={ctx} />, 410);
      return reply.sendPage(<NewPasswordPage ctx={ctx} holder={holder} problem={refused} />, refused.status);
    }
    cookies.endSession(reply);
    return reply.redirect('/masuk?ok=sandi', 303);
  });

  const accountPage = (ctx: PageContext, extra: { problem?: FormProblem; notice?: string } = {}) => {
    const { unitId, id, role } = ctx.signedIn!.user;
    return <AccountPage ctx={ctx} unitName={unitId === null ? undefined : unitName(unitId)} choices={notices.preferences(id, role)} {...extra} />;
  };

  web.get('/akun', { onRequest: signedIn() }, async (request, reply) => reply.sendPage(accountPage(request.page, { notice: noticeOf(request.page, request.query) })));

  web.post('/akun/sandi', { onRequest: signedIn() }, async (request, reply) => {
    const ctx = request.page;
    const form = readForm(ChangePasswordForm, request.body, ctx);
    if (!form.ok) return reply.sendPage(accountPage(ctx, { problem: form.problem }), 400);
    if (form.value.password !== form.value.confirm) return reply.sendPage(accountPage(ctx, { problem: { fields: { confirm: ctx.t.password.mismatch } } }), 400);
    try {
      await accounts.changePassword(ctx.signedIn!, form.value.currentPassword, form.value.password);
    } catch (error) {
      const refused = error instanceof AppError && error.code === 'WRONG_PASSWORD' ? { status: 422, fields: { currentPassword: ctx.t.account.wrongCurrent } } : passwordRefusal(error, ctx);
      return reply.sendPage(accountPage(ctx, { problem: refused }), refused.status);
    }
    return reply.redirect('/akun?ok=sandi-diganti', 303);
  });

  web.post('/akun/pemberitahuan', { onRequest: signedIn() }, async (request, reply) => {
    const ctx = request.page;
    const form = readForm(NoticesForm, request.body, ctx);
    if (!form.ok) return reply.sendPage(accountPage(ctx, { problem: { summary: ctx.t.validation.choice, fields: {} } }), 400);
    const { user, actor } = ctx.signedIn!;
    notices.setPreferences({ ...actor, userId: user.id }, user.role, form.value.jenis ?? []);
    return reply.redirect('/akun?ok=pemberitahuan', 303);
  });
}
