import { accountText } from '../../../features/accounts/accounts.text';
import type { UserStatus } from '../../../features/accounts/accounts.rules';
import { CopyField, Field, type FormProblem, Select, type Typed } from '../../../web/components/form';
import { Table, type Column } from '../../../web/components/table';
import type { PageContext } from '../../../web/context';
import { BackLink, Csrf, Layout } from '../../../web/layout';
import { when } from '../../shared/components.view';
import { usersText } from './users.text';

export interface UserRow {
  id: number;
  name: string;
  email: string;
  status: UserStatus;
  /** The unit an operator works for; null for an organiser. */
  unitName: string | null;
}

export interface UnitChoice {
  id: number;
  name: string;
  code: string;
}

/** What was typed into the form, kept when it is refused. */

/** A typed form value that is one string (a field typed once). */
const one = (value: string | string[] | undefined) => (typeof value === 'string' ? value : undefined);

/** A user's buttons: a new set-password link, and disabling (never oneself) or enabling again. */
function UserActions({ ctx, user }: { ctx: PageContext; user: UserRow }) {
  const t = usersText[ctx.lang];
  const disabled = user.status === 'disabled';
  return (
    <div class="button-row">
      {!disabled && (
        <form method="post" action={`/organisasi/pengguna/${user.id}/tautan`} class="inline-form">
          <Csrf ctx={ctx} />
          <button type="submit" class="button button--secondary" aria-label={t.newLinkLabel(user.name)}>
            {t.newLink}
          </button>
        </form>
      )}
      {user.id !== ctx.signedIn?.user.id && (
        <form method="post" action={`/organisasi/pengguna/${user.id}/status`} class="inline-form" data-confirm={disabled ? undefined : t.disableConfirm}>
          <Csrf ctx={ctx} />
          <input type="hidden" name="disabled" value={disabled ? 'false' : 'true'} />
          <button type="submit" class={disabled ? 'button button--secondary' : 'button button--warning'} aria-label={disabled ? t.enableLabel(user.name) : t.disableLabel(user.name)}>
            {disabled ? t.enable : t.disable}
          </button>
        </form>
      )}
    </div>
  );
}

export function UsersPage({ ctx, users, notice, problem }: { ctx: PageContext; users: readonly UserRow[]; notice?: string; problem?: FormProblem }) {
  const t = usersText[ctx.lang];
  const account = accountText[ctx.lang];
  const columns: Column<UserRow>[] = [
    { header: t.name, cell: (u) => u.name, rowHeader: true },
    { header: t.email, cell: (u) => u.email },
    { header: t.role, cell: (u) => (u.unitName === null ? account.roles.organiser : `${account.roles.unit}: ${u.unitName}`) },
    { header: t.status, cell: (u) => account.statuses[u.status] },
    { header: t.actions, cell: (u) => <UserActions ctx={ctx} user={u} />, action: true },
  ];
  return (
    <Layout ctx={ctx} title={t.title} notice={notice} problem={problem}>
      <h1>{t.title}</h1>
      <p class="lead">{t.lead}</p>
      <p>
        <a class="button" href="/organisasi/pengguna/baru">
          {t.inviteUser}
        </a>
      </p>
      <Table columns={columns} rows={users} />
    </Layout>
  );
}

export function InvitePage({ ctx, units, typed = {}, problem }: { ctx: PageContext; units: readonly UnitChoice[]; typed?: Typed; problem?: FormProblem }) {
  const t = usersText[ctx.lang];
  const roles = accountText[ctx.lang].roles;
  return (
    <Layout ctx={ctx} title={t.inviteUser} problem={problem}>
      <BackLink href="/organisasi/pengguna" label={t.title} />
      <h1>{t.inviteUser}</h1>
      <form method="post" action="/organisasi/pengguna/baru" class="form" novalidate>
        <Csrf ctx={ctx} />
        <Field name="name" label={t.name} value={one(typed.name)} problem={problem} autocomplete="off" required />
        <Field name="email" label={t.email} type="email" value={one(typed.email)} problem={problem} autocomplete="off" required />
        <Select name="role" label={t.role} options={[['unit', roles.unit], ['organiser', roles.organiser]]} value={one(typed.role) ?? 'unit'} problem={problem} />
        <Select name="unitId" label={t.unit} hint={t.unitHint} placeholder={t.chooseUnit} options={units.map((u) => [String(u.id), `${u.name} (${u.code})`])} value={one(typed.unitId)} problem={problem} />
        <button type="submit" class="button">
          {t.inviteUser}
        </button>
      </form>
    </Layout>
  );
}

/** The one-time link, shown once, with ways to pass it on. */
export function LinkPage({ ctx, name, email, link, expiresAt }: { ctx: PageContext; name: string; email: string; link: string; expiresAt: string }) {
  const t = usersText[ctx.lang];
  const text = t.shareText(name, link);
  return (
    <Layout ctx={ctx} title={t.linkTitle(name)}>
      <BackLink href="/organisasi/pengguna" label={t.title} />
      <h1>{t.linkTitle(name)}</h1>
      <p>{t.linkLead(when(ctx, expiresAt, ctx.defaultZone))}</p>
      <CopyField ctx={ctx} name="link" label={t.linkAddress} value={link} />
      <div class="button-row">
        <a class="button" href={`https://wa.me/?text=${encodeURIComponent(text)}`} rel="noopener noreferrer" target="_blank">
          {t.whatsapp}
        </a>
        <a class="button button--secondary" href={`mailto:${encodeURIComponent(email).replace('%40', '@')}?subject=${encodeURIComponent(t.shareSubject)}&body=${encodeURIComponent(text)}`}>
          {t.mail}
        </a>
      </div>
    </Layout>
  );
}
