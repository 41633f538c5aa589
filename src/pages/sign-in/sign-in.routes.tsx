import { Type } from '@sinclair/typebox';
import type { PasswordProblem } from '../../features/accounts/accounts.rules';
import type { SessionsService } from '../../features/accounts/sessions.service';
import type { Api } from '../../http/api';
import { AppError, retryAfterOf } from '../../platform/errors';
import { formatInstant } from '../../platform/format';
import { Email } from '../../platform/schemas';
import type { FormProblem } from '../../web/components/form';
import { homeOf, type PageContext } from '../../web/context';
import { readForm, refusal, type Typed } from '../../web/forms';
import { localPath, signedIn, type SessionCookies } from '../../web/web';
import { flashOf, withFlash } from '../shared/flash';
import { passwordText, signInText } from './sign-in.text';
import { ExpiredLinkPage, NewPasswordPage, SignInPage } from './sign-in.view';

const SignInForm = Type.Object({ email: Email, password: Type.String({ minLength: 1, maxLength: 1000 }), lanjut: Type.Optional(Type.String()) });
const NewPasswordForm = Type.Object({ password: Type.String({ minLength: 1, maxLength: 1000 }), confirm: Type.String({ minLength: 1, maxLength: 1000 }) });

export type SignInServices = Pick<SessionsService, 'signIn' | 'signOut' | 'signOutEverywhere' | 'linkHolder' | 'setPassword'>;

/** The email as typed (kept on a refused form); the password is never sent back. */
const typedEmail = (typed: Typed) => (typeof typed.email === 'string' ? typed.email : '');

const isPasswordProblem = (reason: unknown): reason is PasswordProblem => typeof reason === 'string' && Object.hasOwn(passwordText.id.problems, reason);

/** The message for a refused new password, by the service's reason. */
export function passwordRefusal(error: unknown, ctx: PageContext): FormProblem & { status: number } {
  const refused = refusal(error, ctx);
  if (refused.code !== 'WEAK_PASSWORD' || !(error instanceof AppError)) return refused;
  const reason = error.extensions?.reason;
  const message = isPasswordProblem(reason) ? passwordText[ctx.lang].problems[reason] : ctx.t.validation.invalid;
  return { status: refused.status, summary: message, fields: { password: message } };
}

/** Signing in and out, and setting a password from a one-time link. */
export function signInPages(web: Api, { accounts, cookies }: { accounts: SignInServices; cookies: SessionCookies }) {
  web.get('/masuk', async (request, reply) => {
    const ctx = request.page;
    const next = localPath((request.query as { lanjut?: string }).lanjut, '');
    if (ctx.signedIn) return reply.redirect(next || homeOf(ctx.signedIn.user.role), 303);
    return reply.sendPage(<SignInPage ctx={ctx} next={next} notice={flashOf(request)} />);
  });

  web.post('/masuk', async (request, reply) => {
    const ctx = request.page;
    const form = readForm(SignInForm, request.body, ctx);
    const next = localPath((request.body as { lanjut?: string }).lanjut, '');
    if (!form.ok) return reply.sendPage(<SignInPage ctx={ctx} email={typedEmail(form.typed)} problem={form.problem} next={next} />, 400);
    try {
      const { token, user, device } = await accounts.signIn(form.value.email, form.value.password, { address: request.ip, requestId: request.id, device: cookies.device(request) });
      // Signing in again from a stale tab replaces the session this browser had.
      if (ctx.signedIn) await accounts.signOut(ctx.signedIn);
      cookies.startSession(reply, token);
      // Others' failed sign-ins will not lock this browser out of the account.
      cookies.rememberDevice(reply, device);
      return reply.redirect(next || homeOf(user.role), 303);
    } catch (error) {
      const t = signInText[ctx.lang];
      const refused = refusal(error, ctx);
      const retryAt = error instanceof AppError ? error.extensions?.retryAt : undefined;
      const wait = retryAfterOf(error);
      if (wait) reply.header('retry-after', wait);
      const summary = refused.code === 'SIGN_IN_LOCKED' ? t.locked(formatInstant(String(retryAt), ctx.defaultZone, ctx.lang)) : t.failed;
      return reply.sendPage(<SignInPage ctx={ctx} email={typedEmail(form.typed)} problem={{ summary, fields: {} }} next={next} />, refused.status);
    }
  });

  web.post('/keluar', async (request, reply) => {
    if (request.page.signedIn) await accounts.signOut(request.page.signedIn);
    cookies.endSession(reply);
    return reply.redirect(withFlash('/masuk', 'keluar'), 303);
  });

  web.post('/keluar-semua', { onRequest: signedIn() }, async (request, reply) => {
    await accounts.signOutEverywhere(request.page.signedIn!);
    cookies.endSession(reply);
    return reply.redirect(withFlash('/masuk', 'keluar-semua'), 303);
  });

  web.get('/sandi/:token', async (request, reply) => {
    const holder = await accounts.linkHolder((request.params as { token: string }).token);
    if (!holder) return reply.sendPage(<ExpiredLinkPage ctx={request.page} />, 410);
    return reply.sendPage(<NewPasswordPage ctx={request.page} holder={holder} />);
  });

  web.post('/sandi/:token', async (request, reply) => {
    const ctx = request.page;
    const { token } = request.params as { token: string };
    const holder = await accounts.linkHolder(token);
    if (!holder) return reply.sendPage(<ExpiredLinkPage ctx={ctx} />, 410);
    const form = readForm(NewPasswordForm, request.body, ctx);
    if (!form.ok) return reply.sendPage(<NewPasswordPage ctx={ctx} holder={holder} problem={form.problem} />, 400);
    if (form.value.password !== form.value.confirm)
      return reply.sendPage(<NewPasswordPage ctx={ctx} holder={holder} problem={{ fields: { confirm: passwordText[ctx.lang].mismatch } }} />, 400);
    try {
      await accounts.setPassword(token, form.value.password);
    } catch (error) {
      const refused = passwordRefusal(error, ctx);
      if (refused.status === 410) return reply.sendPage(<ExpiredLinkPage ctx={ctx} />, 410);
      return reply.sendPage(<NewPasswordPage ctx={ctx} holder={holder} problem={refused} />, refused.status);
    }
    cookies.endSession(reply);
    return reply.redirect(withFlash('/masuk', 'sandi'), 303);
  });
}
