import { Type } from '@sinclair/typebox';
import { DateTime } from 'luxon';
import type { Container } from '../../container';
import { ROLES } from '../../platform/actor';
import type { Api } from '../../http/api';
import { formatInstant } from '../../platform/format';
import { Id, LocalDate, Name } from '../../platform/schemas';
import type { PageContext } from '../../web/context';
import { readForm, refusal, type Typed } from '../../web/forms';
import { ActionButton, BackLink, Csrf, Field, Layout, Select, type FormProblem } from '../../web/layout';
import { signedIn } from '../../web/web';
import { flashOf } from '../shared/flash';
import { IdParams, actorOf } from '../shared/page-helpers';

type Services = Pick<Container, 'access' | 'users' | 'audit' | 'units'>;

const KeyForm = Type.Object({ label: Name, role: Type.Union(ROLES.map((r) => Type.Literal(r))), unitId: Type.Optional(Id) });
const LogQuery = Type.Object({
  siapa: Type.Optional(Type.String({ pattern: '^(u|k)\\d{1,12}$' })),
  tindakan: Type.Optional(Type.String({ maxLength: 80 })),
  data: Type.Optional(Type.String({ maxLength: 50 })),
  nomor: Type.Optional(Id),
  dari: Type.Optional(LocalDate),
  sampai: Type.Optional(LocalDate),
  halaman: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
  ok: Type.Optional(Type.String()),
});
const PAGE_SIZE = 50;

function KeysPage({ ctx, services, typed = {}, problem, notice }: { ctx: PageContext; services: Services; typed?: Typed; problem?: FormProblem; notice?: string }) {
  const t = ctx.t.access;
  const keys = services.access.list();
  const units = services.units.list({ limit: 1000, offset: 0 });
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  return (
    <Layout ctx={ctx} title={t.keys} problem={problem} notice={notice}>
      <BackLink href="/organisasi" label={ctx.t.console.title} />
      <h1>{t.keys}</h1>
      <p class="lead">{t.keysLead}</p>
      {keys.length === 0 ? (
        <p>{t.noKeys}</p>
      ) : (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{t.label}</th>
              <th scope="col">{t.role}</th>
              <th scope="col">{t.prefix}</th>
              <th scope="col">{t.created}</th>
              <th scope="col">
                <span class="visually-hidden">{t.revoke}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {keys.map((key) => (
              <tr>
                <th scope="row">{key.label}</th>
                <td data-label={t.role}>
                  {ctx.t.roles[key.role]}
                  {key.unitId !== null && ` · ${unitName.get(key.unitId)}`}
                </td>
                <td data-label={t.prefix}>
                  <code>{key.prefix}</code>
                </td>
                <td data-label={t.created}>{formatInstant(key.createdAt, ctx.defaultZone, ctx.lang)}</td>
                <td>
                  {key.revokedAt ? (
                    `${t.revoked} ${formatInstant(key.revokedAt, ctx.defaultZone, ctx.lang)}`
                  ) : (
                    <ActionButton ctx={ctx} action={`/organisasi/kunci/${key.id}/cabut`} label={t.revoke} ariaLabel={t.revokeLabel(key.label)} variant="warning" />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{t.create}</h2>
      <form method="post" action="/organisasi/kunci" class="form" novalidate>
        <Csrf ctx={ctx} />
        <Field name="label" label={t.label} hint={t.labelHint} value={typed.label as string} problem={problem} required />
        <Select name="role" label={t.role} options={ROLES.map((r) => [r, ctx.t.roles[r]!])} value={(typed.role as string) ?? 'organiser'} problem={problem} />
        <Select name="unitId" label={t.unit} placeholder={ctx.t.console.chooseUnit} options={units.map((u) => [String(u.id), u.name])} value={typed.unitId as string} problem={problem} />
        <button type="submit" class="button">
          {t.create}
        </button>
      </form>
    </Layout>
  );
}

function KeyShownOnce({ ctx, label, secret }: { ctx: PageContext; label: string; secret: string }) {
  const t = ctx.t.access;
  return (
    <Layout ctx={ctx} title={t.keyTitle(label)}>
      <BackLink href="/organisasi/kunci" label={t.keys} />
      <h1>{t.keyTitle(label)}</h1>
      <p class="warning-text">{t.shownOnce}</p>
      <div class="field">
        <label class="field__label" for="key">
          {t.keyValue}
        </label>
        <div class="copy-field">
          <input class="input" id="key" type="text" readOnly value={secret} />
          <button type="button" class="button button--secondary" data-copy="key" data-copied={ctx.t.common.copied} hidden>
            {ctx.t.common.copy}
          </button>
        </div>
      </div>
    </Layout>
  );
}

/** What changed, field by field: the fields whose value differs before and after. */
function changes(before: unknown, after: unknown): [string, string, string][] {
  const record = (value: unknown) => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {});
  const [b, a] = [record(before), record(after)];
  const show = (value: unknown) => (value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value));
  return [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]) && k !== 'updatedAt').map((k) => [k, show(b[k]), show(a[k])]);
}

function LogPage({ ctx, services, query }: { ctx: PageContext; services: Services; query: typeof LogQuery.static }) {
  const t = ctx.t.access;
  const zone = ctx.defaultZone;
  const users = services.users.list(ctx.signedIn!.actor);
  const keys = services.access.list();
  const { actions, entities } = services.audit.vocabulary();
  const page = query.halaman ?? 1;
  const startOf = (date: string) => DateTime.fromISO(date, { zone }).toISO()!;
  const who = query.siapa;
  const entries = services.audit.list({
    action: query.tindakan || undefined,
    entity: query.data || undefined,
    entityId: query.nomor,
    userId: who?.startsWith('u') ? Number(who.slice(1)) : undefined,
    keyId: who?.startsWith('k') ? Number(who.slice(1)) : undefined,
    from: query.dari ? startOf(query.dari) : undefined,
    to: query.sampai ? DateTime.fromISO(startOf(query.sampai)).plus({ days: 1 }).toISO()! : undefined,
    limit: PAGE_SIZE + 1,
    offset: (page - 1) * PAGE_SIZE,
  });
  const userName = new Map(users.map((u) => [u.id, u.name]));
  const keyLabel = new Map(keys.map((k) => [k.id, k.label]));
  const actorOf = (e: { userId: number | null; keyId: number | null }) =>
    e.userId !== null ? userName.get(e.userId) ?? `#${e.userId}` : e.keyId !== null ? t.keyOf(keyLabel.get(e.keyId) ?? `#${e.keyId}`) : t.system;
  const older = new URLSearchParams(Object.entries({ ...query, halaman: String(page + 1) }).filter(([k, v]) => v !== undefined && k !== 'ok') as [string, string][]);
  return (
    <Layout ctx={ctx} title={t.log}>
      <BackLink href="/organisasi" label={ctx.t.console.title} />
      <h1>{t.log}</h1>
      <p class="lead">{t.logLead}</p>
      <form method="get" action="/organisasi/catatan" class="form">
        <Select name="siapa" label={t.who} placeholder={t.anyone} options={[...users.map((u) => [`u${u.id}`, u.name] as [string, string]), ...keys.map((k) => [`k${k.id}`, t.keyOf(k.label)] as [string, string])]} value={who} />
        <Select name="tindakan" label={t.what} placeholder={t.anything} options={actions.map((a) => [a, a])} value={query.tindakan} />
        <Select name="data" label={t.record} placeholder={t.anyRecord} options={entities.map((e) => [e, e])} value={query.data} />
        <Field name="nomor" label={t.recordId} type="number" inputMode="numeric" min={1} value={query.nomor} width="short" />
        <Field name="dari" label={t.from} type="date" value={query.dari} width="medium" />
        <Field name="sampai" label={t.to} type="date" value={query.sampai} width="medium" />
        <button type="submit" class="button button--secondary">
          {t.filter}
        </button>
      </form>
      {entries.length === 0 ? (
        <p>{t.noEntries}</p>
      ) : (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{t.when}</th>
              <th scope="col">{t.who}</th>
              <th scope="col">{t.what}</th>
              <th scope="col">{t.change}</th>
            </tr>
          </thead>
          <tbody>
            {entries.slice(0, PAGE_SIZE).map((e) => {
              const diff = changes(e.before, e.after);
              return (
                <tr>
                  <td data-label={t.when}>{formatInstant(e.at, zone, ctx.lang)}</td>
                  <td data-label={t.who}>{actorOf(e)}</td>
                  <th scope="row">
                    {e.action}
                    <br />
                    <span class="field__hint">
                      {e.entity}
                      {e.entityId !== null && ` #${e.entityId}`}
                    </span>
                  </th>
                  <td data-label={t.change}>
                    {diff.length > 0 && (
                      <details>
                        <summary>{t.details}</summary>
                        <dl class="changes">
                          {diff.map(([field, before, after]) => (
                            <div>
                              <dt>{field}</dt>
                              <dd>
                                {before !== '' && <del aria-label={t.before}>{before}</del>} {after !== '' && <ins aria-label={t.after}>{after}</ins>}
                              </dd>
                            </div>
                          ))}
                        </dl>
                      </details>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {entries.length > PAGE_SIZE && (
        <p>
          <a href={`/organisasi/catatan?${older}`}>{t.older}</a>
        </p>
      )}
    </Layout>
  );
}

export function accessPages(web: Api, services: Services) {
  const { access } = services;
  const guard = { onRequest: signedIn('organiser') };

  web.get('/organisasi/kunci', guard, async (request, reply) => reply.sendPage(<KeysPage ctx={request.page} services={services} notice={flashOf(request)} />));

  web.post('/organisasi/kunci', guard, async (request, reply) => {
    const ctx = request.page;
    const body = (request.body ?? {}) as Record<string, string>;
    // An organiser key belongs to no unit, whatever the unit list says.
    const form = readForm(KeyForm, body.role === 'organiser' ? { ...body, unitId: '' } : body, ctx);
    if (!form.ok) return reply.sendPage(<KeysPage ctx={ctx} services={services} typed={form.typed} problem={form.problem} />, 400);
    try {
      const created = access.create(actorOf(request), { ...form.value, unitId: form.value.unitId ?? null });
      return reply.sendPage(<KeyShownOnce ctx={ctx} label={created.label} secret={created.key} />, 201);
    } catch (error) {
      const refused = refusal(error, ctx);
      if (refused.fields.unitId) refused.fields.unitId = refused.summary!;
      return reply.sendPage(<KeysPage ctx={ctx} services={services} typed={form.typed} problem={refused} />, refused.status);
    }
  });

  web.post('/organisasi/kunci/:id/cabut', { ...guard, schema: { params: IdParams } }, async (request, reply) => {
    access.revoke(actorOf(request), request.params.id);
    return reply.redirect('/organisasi/kunci?ok=keyRevoked', 303);
  });

  web.get('/organisasi/catatan', { ...guard, schema: { querystring: LogQuery } }, async (request, reply) => reply.sendPage(<LogPage ctx={request.page} services={services} query={request.query} />));
}
