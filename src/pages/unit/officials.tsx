import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Container } from '../../container';
import { ParticipantCreateBody } from '../../features/participants/participants.schemas';
import type { Api } from '../../http/api';
import { MAX_IMPORT_BYTES } from '../../platform/csv-import';
import { AppError, type FieldError } from '../../platform/errors';
import type { PageContext } from '../../web/context';
import { readForm, refusal, type Typed } from '../../web/forms';
import { BackLink, Csrf, Field, Layout, type FormProblem } from '../../web/layout';
import { readUpload } from '../../web/uploads';
import { signedIn } from '../../web/web';
import { flashOf, IdParams, operatorOf } from '../shared';

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

/** One bad line of an import, in the page's words (the service speaks English to programs). */
/** The column as the template names it (the file the operator is fixing), not the API's field. */
const TEMPLATE_COLUMNS: Record<string, string> = { nip: 'nip', name: 'nama', position: 'jabatan', email: 'email', phone: 'telepon', unitCode: 'kode_unit' };

function lineProblem(ctx: PageContext, error: FieldError): string {
  const p = ctx.t.officials.lineProblems;
  if (error.path === 'nip') return /another unit/.test(error.message) ? p.nipOtherUnit! : /already appears/.test(error.message) ? p.duplicate! : p.nip!;
  if (error.path && p[error.path] && error.line !== 1) return p[error.path]!;
  if (error.line === 1 && /column/.test(error.message)) return p.header!;
  if (/expected \d+ fields/.test(error.message)) return p.columns!;
  if (/empty|no data rows/.test(error.message)) return p.empty!;
  return p.other!;
}

function UploadPage({ ctx, problem, badLines, preview }: { ctx: PageContext; problem?: FormProblem; badLines?: FieldError[]; preview?: { csv: string; created: number; updated: number; unchanged: number } }) {
  const t = ctx.t.officials;
  return (
    <Layout ctx={ctx} title={t.uploadTitle} problem={problem}>
      <BackLink href="/unit/pejabat" label={t.title} />
      <h1>{t.uploadTitle}</h1>
      {badLines && (
        <section aria-labelledby="bad-lines">
          <h2 id="bad-lines">{t.badLinesTitle(badLines.length)}</h2>
          <p>{t.badLinesLead}</p>
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t.line}</th>
                <th scope="col">{t.column}</th>
                <th scope="col">{t.problem}</th>
              </tr>
            </thead>
            <tbody>
              {badLines.map((e) => (
                <tr>
                  <td data-label={t.line} class="num">
                    {e.line ?? ''}
                  </td>
                  <td data-label={t.column}>{(e.path && TEMPLATE_COLUMNS[e.path]) || ctx.t.common.none}</td>
                  <td data-label={t.problem}>{lineProblem(ctx, e)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {preview ? (
        <section aria-labelledby="preview">
          <h2 id="preview">{t.previewTitle}</h2>
          <p>{t.previewCounts(preview.created, preview.updated, preview.unchanged)}</p>
          <form method="post" action="/unit/pejabat/unggah/simpan">
            <Csrf ctx={ctx} />
            <input type="hidden" name="csv" value={preview.csv} />
            <button type="submit" class="button">
              {t.confirm}
            </button>
          </form>
        </section>
      ) : (
        <>
          <p>{t.uploadLead}</p>
          <p>
            <a href="/unit/pejabat/contoh.csv" download="contoh-pejabat.csv">
              {t.template}
            </a>
          </p>
          <form method="post" action="/unit/pejabat/unggah" enctype="multipart/form-data" class="form">
            <Csrf ctx={ctx} />
            <div class={problem?.fields.file ? 'field field--error' : 'field'}>
              <label class="field__label" for="file">
                {t.file}
              </label>
              <p class="field__hint" id="file-hint">
                {t.fileHint}
              </p>
              {problem?.fields.file && (
                <p class="field__error" id="file-error">
                  {problem.fields.file}
                </p>
              )}
              <input class="file" type="file" id="file" name="file" accept=".csv,text/csv" aria-describedby={problem?.fields.file ? 'file-hint file-error' : 'file-hint'} />
            </div>
            <button type="submit" class="button">
              {t.check}
            </button>
          </form>
        </>
      )}
    </Layout>
  );
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

  web.get('/unit/pejabat/unggah', guard, async (request, reply) => reply.sendPage(<UploadPage ctx={request.page} />));

  /** Checks (dry run) or saves a CSV; bad lines are shown and nothing is written. */
  async function importCsv(request: FastifyRequest, reply: FastifyReply, csv: string, dryRun: boolean) {
    const ctx = request.page;
    try {
      const counts = await participants.importCsv(operatorOf(request).actor, csv, { dryRun });
      if (!dryRun) return reply.redirect('/unit/pejabat?ok=imported', 303);
      return reply.sendPage(<UploadPage ctx={ctx} preview={{ csv, ...counts }} />);
    } catch (error) {
      if (error instanceof AppError && error.code === 'IMPORT_INVALID') return reply.sendPage(<UploadPage ctx={ctx} badLines={error.errors ?? []} />, 422);
      const refused = refusal(error, ctx);
      return reply.sendPage(<UploadPage ctx={ctx} problem={refused} />, refused.status);
    }
  }

  web.post('/unit/pejabat/unggah', { ...guard, config: { upload: true } }, async (request, reply) => {
    const ctx = request.page;
    let upload;
    try {
      upload = await readUpload(request, { maxBytes: MAX_IMPORT_BYTES });
    } catch (error) {
      const refused = refusal(error, ctx);
      if (refused.code === 'CSRF_FAILED') throw error;
      return reply.sendPage(<UploadPage ctx={ctx} problem={{ ...refused, fields: { file: refused.summary! } }} />, refused.status);
    }
    if (!upload.file?.bytes?.length) return reply.sendPage(<UploadPage ctx={ctx} problem={{ fields: { file: ctx.t.officials.noFile } }} />, 400);
    return importCsv(request, reply, upload.file.bytes.toString('utf8'), true);
  });

  web.post('/unit/pejabat/unggah/simpan', { ...guard, bodyLimit: 4 * MAX_IMPORT_BYTES }, async (request, reply) => {
    const csv = (request.body as { csv?: unknown }).csv;
    if (typeof csv !== 'string' || csv === '') return reply.redirect('/unit/pejabat/unggah', 303);
    return importCsv(request, reply, csv, false);
  });
}
