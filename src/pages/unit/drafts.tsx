import { Type } from '@sinclair/typebox';
import fs from 'node:fs';
import type { FastifyRequest } from 'fastify';
import type { Container } from '../../container';
import { DraftCreateBody } from '../../features/drafts/drafts.schemas';
import type { Api } from '../../http/api';
import { attachment } from '../../http/attachment';
import { DOCUMENT_TYPES, documentTypeOfFile, MAX_DOCUMENT_BYTES } from '../../platform/documents';
import type { PageContext } from '../../web/context';
import { formatBytes, formatDate } from '../../platform/format';
import { readForm, refusal, type Typed } from '../../web/forms';
import { Csrf, Field, Layout, type FormProblem } from '../../web/layout';
import { readUpload } from '../../web/uploads';
import { signedIn } from '../../web/web';
import { ProgrammeTabs, when } from '../shared/components.view';
import { flashOf } from '../shared/flash';
import { IdParams, ProgrammeParams, actorOf, operatorOf } from '../shared/page-helpers';

type Services = Pick<Container, 'programmes' | 'drafts' | 'documents'>;
type Draft = ReturnType<Container['drafts']['list']>[number];

const DraftForm = Type.Pick(DraftCreateBody, ['title', 'sopCount']);

/** A draft's document as a download link with its size. */
export const DocumentLink = ({ ctx, draft }: { ctx: PageContext; draft: Draft }) =>
  draft.document ? (
    <a href={`/dokumen/draf/${draft.id}`} download={draft.document.name}>
      {ctx.t.drafts.download(draft.document.name)} ({formatBytes(draft.document.size, ctx.lang)})
    </a>
  ) : (
    <>{ctx.t.common.none}</>
  );

function DraftsPage(props: { ctx: PageContext; services: Services; request: FastifyRequest; programmeId: number; typed?: Typed; problem?: FormProblem; notice?: string }) {
  const { ctx, services, programmeId, problem } = props;
  const t = ctx.t.drafts;
  const programme = services.programmes.get(programmeId);
  const drafts = services.drafts.list(operatorOf(props.request).actor, programmeId);
  return (
    <Layout ctx={ctx} title={`${t.title} · ${programme.name}`} problem={problem} notice={props.notice}>
      <h1>{programme.name}</h1>
      <ProgrammeTabs ctx={ctx} programmeId={programmeId} current="draf" />
      <h2>{t.title}</h2>
      <p>{t.lead}</p>
      {programme.draftDeadline && <p>{t.deadline(formatDate(programme.draftDeadline, ctx.lang))}</p>}
      <h3>{t.sent}</h3>
      {drafts.length === 0 ? (
        <p>{t.none}</p>
      ) : (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{t.draftTitle}</th>
              <th scope="col">{t.sopCount}</th>
              <th scope="col">{t.status}</th>
              <th scope="col">{t.sentAt}</th>
              <th scope="col">{t.document}</th>
            </tr>
          </thead>
          <tbody>
            {drafts.map((draft) => (
              <tr>
                <th scope="row">{draft.title}</th>
                <td data-label={t.sopCount} class="num">
                  {draft.sopCount}
                </td>
                <td data-label={t.status}>
                  <span class={draft.status === 'submitted' ? 'tag tag--wait' : 'tag tag--ok'}>{ctx.t.draftStatuses[draft.status]}</span>
                  {draft.receivedAt && (
                    <span class="muted">
                      {' '}
                      ({t.receivedAt} {when(ctx, draft.receivedAt, programme.timezone)})
                    </span>
                  )}
                  {draft.notes && (
                    <p class="muted">
                      {t.notes}: {draft.notes}
                    </p>
                  )}
                </td>
                <td data-label={t.sentAt}>{when(ctx, draft.createdAt, programme.timezone)}</td>
                <td data-label={t.document}>
                  <DocumentLink ctx={ctx} draft={draft} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>{t.sendTitle}</h3>
      <form method="post" action={`/unit/program/${programmeId}/draf`} enctype="multipart/form-data" class="form" novalidate>
        <Csrf ctx={ctx} />
        <Field name="title" label={t.draftTitle} hint={t.titleHint} value={props.typed?.title as string} problem={problem} required />
        <Field name="sopCount" label={t.sopCount} hint={t.sopCountHint} type="number" inputMode="numeric" min={1} max={1000} width="short" value={props.typed?.sopCount as string} problem={problem} required />
        <div class={problem?.fields.document ? 'field field--error' : 'field'}>
          <label class="field__label" for="document">
            {t.document} <span class="field__optional">{ctx.t.common.optional}</span>
          </label>
          <p class="field__hint" id="document-hint">
            {t.documentHint}
          </p>
          {problem?.fields.document && (
            <p class="field__error" id="document-error">
              {problem.fields.document}
            </p>
          )}
          <input class="file" type="file" id="document" name="document" accept=".pdf,.docx,.xlsx" aria-describedby={problem?.fields.document ? 'document-hint document-error' : 'document-hint'} />
        </div>
        <button type="submit" class="button">
          {t.submit}
        </button>
      </form>
    </Layout>
  );
}

export function draftPages(web: Api, services: Services) {
  const { drafts, documents } = services;
  const options = { onRequest: signedIn('unit'), schema: { params: ProgrammeParams } };
  const page = (request: FastifyRequest, programmeId: number, extra: { typed?: Typed; problem?: FormProblem; notice?: string } = {}) => (
    <DraftsPage ctx={request.page} services={services} request={request} programmeId={programmeId} {...extra} />
  );

  web.get('/unit/program/:programmeId/draf', options, async (request, reply) => reply.sendPage(page(request, request.params.programmeId, { notice: flashOf(request) })));

  web.post('/unit/program/:programmeId/draf', { ...options, config: { upload: true } }, async (request, reply) => {
    const ctx = request.page;
    const { programmeId } = request.params;
    services.programmes.get(programmeId);
    let upload;
    try {
      upload = await readUpload(request, { maxBytes: MAX_DOCUMENT_BYTES, saveTo: documents.incoming });
    } catch (error) {
      const refused = refusal(error, ctx);
      if (refused.code === 'CSRF_FAILED') throw error;
      return reply.sendPage(page(request, programmeId, { problem: { ...refused, fields: { document: refused.summary! } } }), refused.status);
    }
    const file = upload.file;
    const form = readForm(DraftForm, upload.fields, ctx);
    const type = file?.path ? documentTypeOfFile(file.path) : undefined;
    if (!form.ok || (file && !type)) {
      if (file?.path) documents.discard(file.path);
      const fields = { ...(form.ok ? {} : form.problem.fields), ...(file && !type ? { document: ctx.t.drafts.badType } : {}) };
      return reply.sendPage(page(request, programmeId, { typed: form.typed, problem: { fields } }), file && !type ? 415 : 400);
    }
    try {
      if (file && type) documents.keep(file.path!, file.sha256, type);
      const document = file && type ? { name: file.filename.slice(0, 200), type, size: file.size, sha256: file.sha256 } : undefined;
      drafts.create(operatorOf(request).actor, programmeId, { ...form.value, document });
    } catch (error) {
      const refused = refusal(error, ctx);
      return reply.sendPage(page(request, programmeId, { typed: form.typed, problem: refused }), refused.status);
    }
    return reply.redirect(`/unit/program/${programmeId}/draf?ok=draftSent`, 303);
  });

  // A draft's document, for the organiser or the draft's own unit (others: 404).
  web.get('/dokumen/draf/:id', { onRequest: signedIn(), schema: { params: IdParams } }, async (request, reply) => {
    const document = drafts.document(actorOf(request), request.params.id);
    return reply
      .type(DOCUMENT_TYPES[document.type])
      .header('content-disposition', attachment(document.name))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .send(fs.createReadStream(documents.pathOf(document.sha256, document.type)));
  });
}
