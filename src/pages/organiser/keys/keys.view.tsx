import { accountText } from '../../../features/accounts/accounts.text';
import { formatInstant } from '../../../platform/format';
import { CopyField, Field, type FormProblem, Select, type Typed } from '../../../web/components/form';
import { Table, type Column } from '../../../web/components/table';
import type { PageContext } from '../../../web/context';
import { ActionButton, BackLink, Csrf, Layout } from '../../../web/layout';
import { consoleText } from '../console/console.text';
import { keysText } from './keys.text';

type Role = keyof (typeof accountText)['id']['roles'];

export interface KeyRow {
  id: number;
  label: string;
  role: Role;
  /** The unit a unit key acts for; null for an organiser key. */
  unitName: string | null;
  prefix: string;
  createdAt: string;
  revokedAt: string | null;
}

/** What was typed into the form, kept when it is refused. */

/** A typed form value that is one string (a field typed once). */
const one = (value: string | string[] | undefined) => (typeof value === 'string' ? value : undefined);

/** The keys, and a form to make one. */
export function KeysPage(props: { ctx: PageContext; keys: readonly KeyRow[]; roles: readonly Role[]; units: readonly { id: number; name: string }[]; typed?: Typed; problem?: FormProblem; notice?: string }) {
  const { ctx, keys, units, typed = {}, problem } = props;
  const t = keysText[ctx.lang];
  const roles = accountText[ctx.lang].roles;
  const zone = ctx.defaultZone;
  const columns: Column<KeyRow>[] = [
    { header: t.label, cell: (k) => k.label, rowHeader: true },
    { header: t.role, cell: (k) => (k.unitName === null ? roles[k.role] : `${roles[k.role]} · ${k.unitName}`) },
    { header: t.prefix, cell: (k) => <code>{k.prefix}</code> },
    { header: t.created, cell: (k) => formatInstant(k.createdAt, zone, ctx.lang) },
    {
      header: t.revoke,
      action: true,
      cell: (k) =>
        k.revokedAt ? (
          `${t.revoked} ${formatInstant(k.revokedAt, zone, ctx.lang)}`
        ) : (
          <ActionButton ctx={ctx} action={`/organisasi/kunci/${k.id}/cabut`} label={t.revoke} ariaLabel={t.revokeLabel(k.label)} variant="warning" />
        ),
    },
  ];
  return (
    <Layout ctx={ctx} title={t.title} problem={problem} notice={props.notice}>
      <BackLink href="/organisasi" label={consoleText[ctx.lang].title(ctx.organisation)} />
      <h1>{t.title}</h1>
      <p class="lead">{t.lead}</p>
      {keys.length === 0 ? <p>{t.none}</p> : <Table columns={columns} rows={keys} />}
      <h2>{t.create}</h2>
      <form method="post" action="/organisasi/kunci" class="form" novalidate>
        <Csrf ctx={ctx} />
        <Field name="label" label={t.label} hint={t.labelHint} value={one(typed.label)} problem={problem} required />
        <Select name="role" label={t.role} options={props.roles.map((r): [string, string] => [r, roles[r]])} value={one(typed.role) ?? 'organiser'} problem={problem} />
        <Select name="unitId" label={t.unit} placeholder={t.chooseUnit} options={units.map((u): [string, string] => [String(u.id), u.name])} value={one(typed.unitId)} problem={problem} />
        <button type="submit" class="button">
          {t.create}
        </button>
      </form>
    </Layout>
  );
}

/** A new key: its secret, this once. */
export function KeyShownOnce({ ctx, label, secret }: { ctx: PageContext; label: string; secret: string }) {
  const t = keysText[ctx.lang];
  return (
    <Layout ctx={ctx} title={t.keyTitle(label)}>
      <BackLink href="/organisasi/kunci" label={t.title} />
      <h1>{t.keyTitle(label)}</h1>
      <p class="warning-text">{t.shownOnce}</p>
      <CopyField ctx={ctx} name="key" label={t.keyValue} value={secret} />
    </Layout>
  );
}
