import { Type } from '@sinclair/typebox';
import type { Container } from '../../container';
import { UserCreateBody } from '../../features/accounts/accounts.schemas';
import { laterStatuses } from '../../features/drafts/drafts.rules';
import { DraftStatus } from '../../features/drafts/drafts.schemas';
import type { Api } from '../../http/api';
import { Id, Text } from '../../platform/schemas';
import type { PageContext } from '../../web/context';
import { readForm, refusal, type Typed } from '../../web/forms';
import { BackLink, Csrf, Field, Layout, Select, type FormProblem } from '../../web/layout';
import { signedIn } from '../../web/web';
import { DocumentLink } from '../unit/drafts';
import { when } from '../shared/components.view';
import { flashOf } from '../shared/flash';
import { IdParams, ProgrammeParams, actorOf } from '../shared/page-helpers';

type Services = Pick<Container, 'programmes' | 'units' | 'users' | 'drafts' | 'outbox'>;

const InviteForm = UserCreateBody;
const DraftStatusForm = Type.Object({ draftId: Id, status: DraftStatus, notes: Type.Optional(Text(2000)) });

function ConsoleHome({ ctx, services }: { ctx: PageContext; services: Services }) {
  const t = ctx.t.console;
  const programmes = services.programmes.list();
  const failed = services.outbox.counts().failed ?? 0;
  return (
    <Layout ctx={ctx} title={t.title}>
      <h1>{t.title}</h1>
      <p class="lead">{t.lead}</p>
      <h2>{t.programmes}</h2>
      <p>
        <a class="button" href="/organisasi/program/baru">
          {ctx.t.programme.newTitle}
        </a>
      </p>
      {programmes.length === 0 ? (
        <p>{t.noProgrammes}</p>
      ) : (
        <ul class="plain-list">
          {programmes.map((p) => (
            <li class="plain-list__item">
              <a href={`/organisasi/program/${p.id}`}>
                <strong>{p.name}</strong>
              </a>
              <span class="button-row">
                <a href={`/organisasi/program/${p.id}/draf`}>{t.drafts}</a>
                {p.publicCalendar && <a href={`/p/${p.id}`}>{t.publicPage}</a>}
              </span>
            </li>
          ))}
        </ul>
      )}
      <h2>
        <a href="/organisasi/unit">{t.units}</a>
      </h2>
      <p>{t.unitsLead}</p>
      <h2>
        <a href="/organisasi/pengguna">{t.users}</a>
      </h2>
      <p>{t.usersLead}</p>
      <h2>
        <a href="/organisasi/kunci">{ctx.t.access.keys}</a>
      </h2>
      <p>{ctx.t.access.keysLead}</p>
      <h2>
        <a href="/organisasi/catatan">{ctx.t.access.log}</a>
      </h2>
      <p>{ctx.t.access.logLead}</p>
      <h2>
        <a href="/organisasi/pemberitahuan">{ctx.t.notices.link}</a>
      </h2>
      <p>
        {ctx.t.notices.linkLead}
        {failed > 0 && (
          <>
            {' '}
            <a href="/organisasi/pemberitahuan?status=failed">{ctx.t.notices.failedCount(failed)}</a>
          </>
        )}
      </p>
    </Layout>
  );
}

function UsersPage({ ctx, services, notice, problem }: { ctx: PageContext; services: Services; notice?: string; problem?: FormProblem }) {
  const t = ctx.t.console;
  const users = services.users.list(ctx.signedIn!.actor);
  const unitNames = new Map(services.units.list({ limit: 1000, offset: 0 }).map((u) => [u.id, u.name]));
  return (
    <Layout ctx={ctx} title={t.users} notice={notice} problem={problem}>
      <h1>{t.users}</h1>
      <p class="lead">{t.usersLead}</p>
      <p>
        <a class="button" href="/organisasi/pengguna/baru">
          {t.inviteUser}
        </a>
      </p>
      <table class="table">
        <thead>
          <tr>
            <th scope="col">{t.name}</th>
            <th scope="col">{t.email}</th>
            <th scope="col">{t.role}</th>
            <th scope="col">{t.status}</th>
            <th scope="col">
              <span class="visually-hidden">{ctx.t.officials.actions}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr>
              <th scope="row">{user.name}</th>
              <td data-label={t.email}>{user.email}</td>
              <td data-label={t.role}>{user.unitId === null ? ctx.t.roles.organiser : `${ctx.t.roles.unit}: ${unitNames.get(user.unitId) ?? ''}`}</td>
              <td data-label={t.status}>{ctx.t.userStatuses[user.status]}</td>
              <td>
                <div class="button-row">
                  {user.status !== 'disabled' && (
                    <form method="post" action={`/organisasi/pengguna/${user.id}/tautan`} class="inline-form">
                      <Csrf ctx={ctx} />
                      <button type="submit" class="button button--secondary" aria-label={t.newLinkLabel(user.name)}>
                        {t.newLink}
                      </button>
                    </form>
                  )}
                  {user.id !== ctx.signedIn!.user.id && (
                    <form method="post" action={`/organisasi/pengguna/${user.id}/status`} class="inline-form" data-confirm={user.status === 'disabled' ? undefined : t.disableConfirm}>
                      <Csrf ctx={ctx} />
                      <input type="hidden" name="disabled" value={user.status === 'disabled' ? 'false' : 'true'} />
                      <button
                        type="submit"
                        class={user.status === 'disabled' ? 'button button--secondary' : 'button button--warning'}
                        aria-label={user.status === 'disabled' ? t.enableLabel(user.name) : t.disableLabel(user.name)}
                      >
                        {user.status === 'disabled' ? t.enable : t.disable}
                      </button>
                    </form>
                  )}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}

function InvitePage({ ctx, services, typed = {}, problem }: { ctx: PageContext; services: Services; typed?: Typed; problem?: FormProblem }) {
  const t = ctx.t.console;
  const units = services.units.list({ limit: 1000, offset: 0 });
  return (
    <Layout ctx={ctx} title={t.inviteUser} problem={problem}>
      <BackLink href="/organisasi/pengguna" label={t.users} />
      <h1>{t.inviteUser}</h1>
      <form method="post" action="/organisasi/pengguna/baru" class="form" novalidate>
        <Csrf ctx={ctx} />
        <Field name="name" label={t.name} value={typed.name as string} problem={problem} autocomplete="off" required />
        <Field name="email" label={t.email} type="email" value={typed.email as string} problem={problem} autocomplete="off" required />
        <Select name="role" label={t.role} options={[['unit', ctx.t.roles.unit!], ['organiser', ctx.t.roles.organiser!]]} value={(typed.role as string) ?? 'unit'} problem={problem} />
        <Select name="unitId" label={t.unit} hint={t.unitHint} placeholder={t.chooseUnit} options={units.map((u) => [String(u.id), `${u.name} (${u.code})`])} value={typed.unitId as string} problem={problem} />
        <button type="submit" class="button">
          {t.inviteUser}
        </button>
      </form>
    </Layout>
  );
}

/** The one-time link, shown once, with ways to pass it on. */
function LinkPage({ ctx, name, email, link, expiresAt }: { ctx: PageContext; name: string; email: string; link: string; expiresAt: string }) {
  const t = ctx.t.console;
  const text = t.shareText(name, link);
  return (
    <Layout ctx={ctx} title={t.linkTitle(name)}>
      <BackLink href="/organisasi/pengguna" label={t.users} />
      <h1>{t.linkTitle(name)}</h1>
      <p>{t.linkLead(when(ctx, expiresAt, ctx.defaultZone))}</p>
      <div class="field">
        <label class="field__label" for="link">
          {t.linkAddress}
        </label>
        <div class="copy-field">
          <input class="input" id="link" type="text" readOnly value={link} />
          <button type="button" class="button button--secondary" data-copy="link" data-copied={ctx.t.common.copied} hidden>
            {ctx.t.common.copy}
          </button>
        </div>
      </div>
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

function DraftsInbox({ ctx, services, programmeId, notice, problem }: { ctx: PageContext; services: Services; programmeId: number; notice?: string; problem?: FormProblem }) {
  const t = ctx.t.console;
  const programme = services.programmes.get(programmeId);
  const drafts = services.drafts.list(ctx.signedIn!.actor, programmeId);
  const unitNames = new Map(services.units.list({ limit: 1000, offset: 0 }).map((u) => [u.id, u.name]));
  return (
    <Layout ctx={ctx} title={t.draftsTitle(programme.name)} notice={notice} problem={problem}>
      <BackLink href="/organisasi" label={t.title} />
      <h1>{t.draftsTitle(programme.name)}</h1>
      {drafts.length === 0 ? (
        <p>{t.noDrafts}</p>
      ) : (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{t.unit}</th>
              <th scope="col">{ctx.t.drafts.draftTitle}</th>
              <th scope="col">{ctx.t.drafts.sopCount}</th>
              <th scope="col">{ctx.t.drafts.sentAt}</th>
              <th scope="col">{t.document}</th>
              <th scope="col">{t.status}</th>
            </tr>
          </thead>
          <tbody>
            {drafts.map((draft) => {
              return (
                <tr>
                  <td data-label={t.unit}>{unitNames.get(draft.unitId)}</td>
                  <th scope="row">{draft.title}</th>
                  <td data-label={ctx.t.drafts.sopCount} class="num">
                    {draft.sopCount}
                  </td>
                  <td data-label={ctx.t.drafts.sentAt}>{when(ctx, draft.createdAt, programme.timezone)}</td>
                  <td data-label={t.document}>
                    <DocumentLink ctx={ctx} draft={draft} />
                  </td>
                  <td data-label={t.status}>
                    <p>{ctx.t.draftStatuses[draft.status]}</p>
                    <form method="post" action={`/organisasi/program/${programmeId}/draf`} class="form">
                      <Csrf ctx={ctx} />
                      <input type="hidden" name="draftId" value={draft.id} />
                      <Select
                        name={`status-${draft.id}`}
                        label={t.moveTo}
                        options={[draft.status, ...laterStatuses(draft.status)].map((s) => [s, s === draft.status ? t.keepStatus(ctx.t.draftStatuses[s]!) : ctx.t.draftStatuses[s]!])}
                      />
                      <div class="field">
                        <label class="field__label" for={`notes-${draft.id}`}>
                          {ctx.t.drafts.notes} <span class="field__optional">{ctx.t.common.optional}</span>
                        </label>
                        <textarea class="textarea" id={`notes-${draft.id}`} name={`notes-${draft.id}`} rows={2} maxLength={2000} value={draft.notes ?? ''} />
                      </div>
                      <button type="submit" class="button button--secondary" aria-label={t.updateLabel(draft.title)}>
                        {t.update}
                      </button>
                    </form>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </Layout>
  );
}

export function consolePages(web: Api, services: Services) {
  const { users, drafts } = services;
  const guard = { onRequest: signedIn('organiser') };

  web.get('/organisasi', guard, async (request, reply) => reply.sendPage(<ConsoleHome ctx={request.page} services={services} />));

  web.get('/organisasi/pengguna', guard, async (request, reply) => reply.sendPage(<UsersPage ctx={request.page} services={services} notice={flashOf(request)} />));

  web.get('/organisasi/pengguna/baru', guard, async (request, reply) => {
    const unit = (request.query as { unit?: string }).unit;
    return reply.sendPage(<InvitePage ctx={request.page} services={services} typed={unit ? { unitId: unit, role: 'unit' } : {}} />);
  });

  web.post('/organisasi/pengguna/baru', guard, async (request, reply) => {
    const ctx = request.page;
    const body = request.body as Record<string, string>;
    // An organiser has no unit, whatever the unit list says.
    const form = readForm(InviteForm, body.role === 'organiser' ? { ...body, unitId: '' } : body, ctx);
    if (!form.ok) return reply.sendPage(<InvitePage ctx={ctx} services={services} typed={form.typed} problem={form.problem} />, 400);
    try {
      const invited = users.invite(actorOf(request), form.value);
      return reply.sendPage(<LinkPage ctx={ctx} name={invited.name} email={invited.email} link={invited.setPasswordUrl} expiresAt={invited.linkExpiresAt} />, 201);
    } catch (error) {
      const refused = refusal(error, ctx);
      if (refused.code === 'EMAIL_TAKEN') refused.fields.email = refused.summary!;
      if (refused.fields.unitId) refused.fields.unitId = ctx.t.console.unitHint;
      return reply.sendPage(<InvitePage ctx={ctx} services={services} typed={form.typed} problem={refused} />, refused.status);
    }
  });

  web.post('/organisasi/pengguna/:id/tautan', { ...guard, schema: { params: IdParams } }, async (request, reply) => {
    const ctx = request.page;
    try {
      const user = users.get(actorOf(request), request.params.id);
      const link = users.newLink(actorOf(request), user.id);
      return reply.sendPage(<LinkPage ctx={ctx} name={user.name} email={user.email} link={link.setPasswordUrl} expiresAt={link.linkExpiresAt} />, 201);
    } catch (error) {
      const refused = refusal(error, ctx);
      return reply.sendPage(<UsersPage ctx={ctx} services={services} problem={refused} />, refused.status);
    }
  });

  web.post('/organisasi/pengguna/:id/status', { ...guard, schema: { params: IdParams } }, async (request, reply) => {
    const ctx = request.page;
    try {
      users.update(actorOf(request), request.params.id, { disabled: (request.body as { disabled?: string }).disabled === 'true' });
    } catch (error) {
      const refused = refusal(error, ctx);
      return reply.sendPage(<UsersPage ctx={ctx} services={services} problem={refused} />, refused.status);
    }
    return reply.redirect('/organisasi/pengguna?ok=userUpdated', 303);
  });

  web.get('/organisasi/program/:programmeId/draf', { ...guard, schema: { params: ProgrammeParams } }, async (request, reply) =>
    reply.sendPage(<DraftsInbox ctx={request.page} services={services} programmeId={request.params.programmeId} notice={flashOf(request)} />),
  );

  web.post('/organisasi/program/:programmeId/draf', { ...guard, schema: { params: ProgrammeParams } }, async (request, reply) => {
    const ctx = request.page;
    const { programmeId } = request.params;
    const body = request.body as Record<string, string>;
    const form = readForm(DraftStatusForm, { draftId: body.draftId, status: body[`status-${body.draftId}`], notes: body[`notes-${body.draftId}`] }, ctx);
    if (!form.ok) return reply.sendPage(<DraftsInbox ctx={ctx} services={services} programmeId={programmeId} problem={form.problem} />, 400);
    if (!drafts.list(actorOf(request), programmeId).some((d) => d.id === form.value.draftId)) return reply.callNotFound();
    try {
      // Notes left empty clear them.
      drafts.update(actorOf(request), form.value.draftId, { status: form.value.status, notes: form.value.notes ?? null });
    } catch (error) {
      const refused = refusal(error, ctx);
      return reply.sendPage(<DraftsInbox ctx={ctx} services={services} programmeId={programmeId} problem={refused} />, refused.status);
    }
    return reply.redirect(`/organisasi/program/${programmeId}/draf?ok=draftUpdated`, 303);
  });
}
