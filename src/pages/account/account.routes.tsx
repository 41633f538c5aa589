import { Type } from '@sinclair/typebox';
import type { SessionsService } from '../../features/accounts/sessions.service';
import { NOTICE_KINDS } from '../../features/outbox/outbox.rules';
import type { OutboxService } from '../../features/outbox/outbox.service';
import type { Api } from '../../http/api';
import { AppError } from '../../platform/errors';
import type { FormProblem } from '../../web/components/form';
import type { PageContext } from '../../web/context';
import { readForm } from '../../web/forms';
import { signedIn, type SessionCookies } from '../../web/web';
import { flashOf, withFlash } from '../shared/flash';
import { passwordText } from '../sign-in/sign-in.text';
import { passwordRefusal } from '../sign-in/sign-in.routes';
import { accountPageText } from './account.text';
import { AccountPage } from './account.view';

/** The kinds ticked; none ticked sends no field at all. */
const NoticesForm = Type.Object({ jenis: Type.Optional(Type.Array(Type.Union(NOTICE_KINDS.map((k) => Type.Literal(k))), { maxItems: NOTICE_KINDS.length })) });
const ChangePasswordForm = Type.Object({
  currentPassword: Type.String({ minLength: 1, maxLength: 1000 }),
  password: Type.String({ minLength: 1, maxLength: 1000 }),
  confirm: Type.String({ minLength: 1, maxLength: 1000 }),
});

export interface AccountPagesOptions {
  /** Sign-in, sessions and passwords. */
  accounts: SessionsService;
  cookies: SessionCookies;
  unitName: (id: number) => Promise<string>;
  notices: Pick<OutboxService, 'preferences' | 'setPreferences'>;
}

/** The signed-in person's own page (/akun): password, email notices, sign out everywhere. */
export function accountPages(web: Api, { accounts, cookies, unitName, notices }: AccountPagesOptions) {
  const accountPage = async (ctx: PageContext, extra: { problem?: FormProblem; notice?: string } = {}) => {
    const { unitId, id, role } = ctx.signedIn!.user;
    return <AccountPage ctx={ctx} unitName={unitId === null ? undefined : await unitName(unitId)} choices={await notices.preferences(id, role)} {...extra} />;
  };

  web.get('/akun', { onRequest: signedIn() }, async (request, reply) => reply.sendPage(await accountPage(request.page, { notice: flashOf(request) })));

  web.post('/akun/sandi', { onRequest: signedIn() }, async (request, reply) => {
    const ctx = request.page;
    const form = readForm(ChangePasswordForm, request.body, ctx);
    if (!form.ok) return reply.sendPage(await accountPage(ctx, { problem: form.problem }), 400);
    if (form.value.password !== form.value.confirm) return reply.sendPage(await accountPage(ctx, { problem: { fields: { confirm: passwordText[ctx.lang].mismatch } } }), 400);
    try {
      await accounts.changePassword(ctx.signedIn!, form.value.currentPassword, form.value.password);
    } catch (error) {
      const refused =
        error instanceof AppError && error.code === 'WRONG_PASSWORD' ? { status: 422, fields: { currentPassword: accountPageText[ctx.lang].wrongCurrent } } : passwordRefusal(error, ctx);
      return reply.sendPage(await accountPage(ctx, { problem: refused }), refused.status);
    }
    return reply.redirect(withFlash('/akun', 'sandi-diganti'), 303);
  });

  web.post('/akun/pemberitahuan', { onRequest: signedIn() }, async (request, reply) => {
    const ctx = request.page;
    const form = readForm(NoticesForm, request.body, ctx);
    if (!form.ok) return reply.sendPage(await accountPage(ctx, { problem: { summary: ctx.t.validation.choice, fields: {} } }), 400);
    const { user, actor } = ctx.signedIn!;
    await notices.setPreferences({ ...actor, userId: user.id }, user.role, form.value.jenis ?? []);
    return reply.redirect(withFlash('/akun', 'pemberitahuan'), 303);
  });
}
