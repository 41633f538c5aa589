import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { Container } from '../../container';
import { ParticipantCreateBody } from '../../features/participants/participants.schemas';
import type { Api } from '../../http/api';
import type { PageContext } from '../../web/context';
import { readForm, refusal, type Typed } from '../../web/forms';
import { BackLink, Csrf, Field, Layout, type FormProblem } from '../../web/layout';
import { signedIn } from '../../web/web';
import { importPages, type ImportWords } from '../imports';
import { flashOf } from '../shared/flash';
import { IdParams, operatorOf } from '../shared/page-helpers';

type Services = Pick<Container, 'participants'>;
type Official = ReturnType<Container['participants']['get']>;

/** The form: the API's body without the unit (always the operator's own). */
const OfficialForm = Type.Omit(ParticipantCreateBody, ['unitId']);
const TEMPLATE = '\uFEFFnip;nama;jabatan;email;telepon\r\n19800412 200501 1 003;Contoh Nama, S.Sos.;Kepala Bidang Lalu Lintas;nama@contoh.go.id;0511 3353300\r\n';

function ListPage({ ctx, officials, notice }: { ctx: PageContext; officials: Official[]; notice?: string }) {
  const t = ctx.t.officials;
  return (
    <Layout ctx={ctx} title={t.title} notice={notice}>
      <h1>{t.title}</h1>
      <p class="lead">{t.lead}</p>
      <div class="button-row">
        <a class="button" href="/unit/pejabat/baru">
          {t.add}
        </a>
        <a class="button button--secondary" href="/unit/pejabat/unggah">
          {t.upload}
        </a>
      </div>
      {officials.length === 0 ? (
        <p>{t.none}</p>
      ) : (
        <table class="table">
          <caption class="visually-hidden">{t.title}</caption>
          <thead>
            <tr>
              <th scope="col">{t.name}</th>
              <th scope="col">{t.nip}</th>
              <th scope="col">{t.position}</th>
              <th scope="col">{t.contact}</th>
              <th scope="col">{t.actions}</th>
            </tr>
          </thead>
          <tbody>
            {officials.map((o) => (
              <tr>
                <th scope="row">{o.name}</th>
                <td data-label={t.nip} class="num">
                  {o.nip}
                </td>
                <td data-label={t.position}>{o.position ?? ctx.t.common.none}</td>
                <td data-label={t.contact}>{[o.email, o.phone].filter(Boolean).join(', ') || ctx.t.common.none}</td>
                <td>
                  <a href={`/unit/pejabat/${o.id}`} aria-label={t.editTitle(o.name)}>
                    {t.edit}
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}

function OfficialFormPage({ ctx, official, typed, problem }: { ctx: PageContext; official?: Official; typed?: Typed; problem?: FormProblem }) {
  const t = ctx.t.officials;
  const value = (name: keyof Official & keyof typeof OfficialForm.properties) => (typed ? (typed[name] as string | undefined) : (official?.[name] ?? undefined)) ?? '';
  const title = official ? t.editTitle(official.name) : t.addTitle;
  return (
    <Layout ctx={ctx} title={title} problem={problem}>
      <BackLink href="/unit/pejabat" label={t.title} />
      <h1>{title}</h1>
      <form method="post" action={official ? `/unit/pejabat/${official.id}` : '/unit/pejabat/baru'} class="form" novalidate>
        <Csrf ctx={ctx} />
        <Field name="name" label={t.name} hint={t.nameHint} value={value('name')} problem={problem} autocomplete="name" required />
        <Field name="nip" label={t.nip} hint={t.nipHint} value={value('nip')} problem={problem} inputMode="numeric" width="medium" required />
        <Field name="position" label={t.position} optionalLabel={ctx.t.common.optional} value={value('position')} problem={problem} />
        <Field name="email" label={t.email} type="email" optionalLabel={ctx.t.common.optional} value={value('email')} problem={problem} autocomplete="off" />
        <Field name="phone" label={t.phone} type="tel" optionalLabel={ctx.t.common.optional} value={value('phone')} problem={problem} width="medium" autocomplete="off" />
        <button type="submit" class="button">
          {ctx.t.common.save}
        </button>
      </form>
      {official && (
        <form method="post" action={`/unit/pejabat/${official.id}/hapus`} class="inline-form" data-confirm={t.removeConfirm}>
          <Csrf ctx={ctx} />
          <button type="submit" class="button button--warning">
            {t.remove}
          </button>
        </form>
      )}
    </Layout>
  );
}

/** The officials import in the operator's words: the template's Indonesian columns, NIP problems explained. */
function officialsImportWords(ctx: PageContext): ImportWords {
  const t = ctx.t.officials;
  const p = t.lineProblems;
  return {
    title: t.uploadTitle,
    lead: t.uploadLead,
    back: { href: '/unit/pejabat', label: t.title },
    file: t.file,
    fileHint: t.fileHint,
    template: { href: '/unit/pejabat/contoh.csv', label: t.template },
    counts: t.previewCounts,
    confirm: t.confirm,
    columns: { nip: 'nip', name: 'nama', position: 'jabatan', email: 'email', phone: 'telepon', unitCode: 'kode_unit' },
    fieldProblem: (error) => (error.path === 'nip' ? (/another unit/.test(error.message) ? p.nipOtherUnit : p.nip) : p[error.path]),
  };
}

/** The form read as the API reads it; a bad NIP is explained as on the CSV page. */
function readOfficial(body: unknown, ctx: PageContext) {
  const form = readForm(OfficialForm, body, ctx);
  if (!form.ok && form.problem.fields.nip) form.problem.fields.nip = ctx.t.officials.lineProblems.nip!;
  return form;
}

export function officialPages(web: Api, { participants }: Services) {
  const guard = { onRequest: signedIn('unit') };
  const own = (request: FastifyRequest) => participants.list(operatorOf(request).actor, { unitId: operatorOf(request).unitId, limit: 1000, offset: 0 });

  web.get('/unit/pejabat', guard, async (request, reply) => reply.sendPage(<ListPage ctx={request.page} officials={own(request)} notice={flashOf(request)} />));

  web.get('/unit/pejabat/baru', guard, async (request, reply) => reply.sendPage(<OfficialFormPage ctx={request.page} />));

  web.post('/unit/pejabat/baru', guard, async (request, reply) => {
    const ctx = request.page;
    const form = readOfficial(request.body, ctx);
    if (!form.ok) return reply.sendPage(<OfficialFormPage ctx={ctx} typed={form.typed} problem={form.problem} />, 400);
    try {
      participants.create(operatorOf(request).actor, form.value);
    } catch (error) {
      const refused = refusal(error, ctx);
      return reply.sendPage(<OfficialFormPage ctx={ctx} typed={form.typed} problem={refused} />, refused.status);
    }
    return reply.redirect('/unit/pejabat?ok=officialAdded', 303);
  });

  web.get('/unit/pejabat/:id', { ...guard, schema: { params: IdParams } }, async (request, reply) =>
    reply.sendPage(<OfficialFormPage ctx={request.page} official={participants.get(operatorOf(request).actor, request.params.id)} />),
  );

  web.post('/unit/pejabat/:id', { ...guard, schema: { params: IdParams } }, async (request, reply) => {
    const ctx = request.page;
    const { actor } = operatorOf(request);
    const official = participants.get(actor, request.params.id);
    const form = readOfficial(request.body, ctx);
    if (!form.ok) return reply.sendPage(<OfficialFormPage ctx={ctx} official={official} typed={form.typed} problem={form.problem} />, 400);
    try {
      // A field left blank clears it.
      participants.update(actor, official.id, { ...form.value, position: form.value.position ?? null, email: form.value.email ?? null, phone: form.value.phone ?? null });
    } catch (error) {
      const refused = refusal(error, ctx);
      return reply.sendPage(<OfficialFormPage ctx={ctx} official={official} typed={form.typed} problem={refused} />, refused.status);
    }
    return reply.redirect('/unit/pejabat?ok=officialSaved', 303);
  });

  web.post('/unit/pejabat/:id/hapus', { ...guard, schema: { params: IdParams } }, async (request, reply) => {
    const ctx = request.page;
    const { actor } = operatorOf(request);
    const official = participants.get(actor, request.params.id);
    try {
      participants.remove(actor, official.id);
    } catch (error) {
      const refused = refusal(error, ctx);
      return reply.sendPage(<OfficialFormPage ctx={ctx} official={official} problem={refused} />, refused.status);
    }
    return reply.redirect('/unit/pejabat?ok=officialRemoved', 303);
  });

  web.get('/unit/pejabat/contoh.csv', guard, async (_request, reply) =>
    reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="contoh-pejabat.csv"').send(TEMPLATE),
  );

  importPages(web, {
    path: '/unit/pejabat/unggah',
    guard: signedIn('unit'),
    spreadsheet: false,
    words: officialsImportWords,
    run: (request, csv, dryRun) => participants.importCsv(operatorOf(request).actor, csv, { dryRun }),
    done: '/unit/pejabat?ok=imported',
  });
}
