import type { Container } from '../../../container';
import { UserCreateBody } from '../../../features/accounts/accounts.schemas';
import type { Api } from '../../../http/api';
import type { PageContext } from '../../../web/context';
import { readForm, refusal } from '../../../web/forms';
import { signedIn } from '../../../web/web';
import { flashOf, withFlash } from '../../shared/flash';
import { IdParams, actorOf } from '../../shared/page-helpers';
import { usersText } from './users.text';
import { InvitePage, LinkPage, UsersPage, type UnitChoice, type UserRow } from './users.view';

type Services = Pick<Container, 'units' | 'users'>;

const InviteForm = UserCreateBody;

/** Users: the list, inviting one, a new set-password link, disabling and enabling. */
export function userPages(web: Api, services: Services) {
  const { users, units } = services;
  const guard = { onRequest: signedIn('organiser') };

  // A deactivated unit gets no new operator: it is not offered.
  const unitChoices = async (): Promise<UnitChoice[]> => (await units.list({ status: 'active', limit: 1000, offset: 0 })).map(({ id, name, code }) => ({ id, name, code }));
  const userRows = async (ctx: PageContext): Promise<UserRow[]> => {
    const unitName = new Map((await units.list({ limit: 1000, offset: 0 })).map((u) => [u.id, u.name]));
    return (await users.list(ctx.signedIn!.actor)).map((u) => ({ id: u.id, name: u.name, email: u.email, status: u.status, unitName: u.unitId === null ? null : unitName.get(u.unitId) ?? '' }));
  };

  web.get('/organisasi/pengguna', guard, async (request, reply) => reply.sendPage(<UsersPage ctx={request.page} users={await userRows(request.page)} notice={flashOf(request)} />));

  web.get('/organisasi/pengguna/baru', guard, async (request, reply) => {
    const unit = (request.query as { unit?: string }).unit;
    return reply.sendPage(<InvitePage ctx={request.page} units={await unitChoices()} typed={unit ? { unitId: unit, role: 'unit' } : {}} />);
  });

  web.post('/organisasi/pengguna/baru', guard, async (request, reply) => {
    const ctx = request.page;
    const body = request.body as Record<string, string>;
    // An organiser has no unit, whatever the unit list says.
    const form = readForm(InviteForm, body.role === 'organiser' ? { ...body, unitId: '' } : body, ctx);
    if (!form.ok) return reply.sendPage(<InvitePage ctx={ctx} units={await unitChoices()} typed={form.typed} problem={form.problem} />, 400);
    try {
      const invited = await users.invite(actorOf(request), form.value);
      return reply.sendPage(<LinkPage ctx={ctx} name={invited.name} email={invited.email} link={invited.setPasswordUrl} expiresAt={invited.linkExpiresAt} />, 201);
    } catch (error) {
      const refused = refusal(error, ctx);
      if (refused.code === 'EMAIL_TAKEN') refused.fields.email = refused.summary!;
      if (refused.fields.unitId) refused.fields.unitId = usersText[ctx.lang].unitHint;
      return reply.sendPage(<InvitePage ctx={ctx} units={await unitChoices()} typed={form.typed} problem={refused} />, refused.status);
    }
  });

  web.post('/organisasi/pengguna/:id/tautan', { ...guard, schema: { params: IdParams } }, async (request, reply) => {
    const ctx = request.page;
    try {
      const user = await users.get(actorOf(request), request.params.id);
      const link = await users.newLink(actorOf(request), user.id);
      return reply.sendPage(<LinkPage ctx={ctx} name={user.name} email={user.email} link={link.setPasswordUrl} expiresAt={link.linkExpiresAt} />, 201);
    } catch (error) {
      const refused = refusal(error, ctx);
      return reply.sendPage(<UsersPage ctx={ctx} users={await userRows(ctx)} problem={refused} />, refused.status);
    }
  });

  web.post('/organisasi/pengguna/:id/status', { ...guard, schema: { params: IdParams } }, async (request, reply) => {
    const ctx = request.page;
    try {
      await users.update(actorOf(request), request.params.id, { disabled: (request.body as { disabled?: string }).disabled === 'true' });
    } catch (error) {
      const refused = refusal(error, ctx);
      return reply.sendPage(<UsersPage ctx={ctx} users={await userRows(ctx)} problem={refused} />, refused.status);
    }
    return reply.redirect(withFlash('/organisasi/pengguna', 'userUpdated'), 303);
  });
}
