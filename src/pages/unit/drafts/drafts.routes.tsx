import { Type } from '@sinclair/typebox';
import fs from 'node:fs';
import type { FastifyRequest } from 'fastify';
import type { Container } from '../../../container';
import { DraftCreateBody } from '../../../features/drafts/drafts.schemas';
import { documentStorageWords, quotaRefusal } from '../../../features/drafts/drafts.text';
import type { Api } from '../../../http/api';
import { attachment } from '../../../http/attachment';
import { DOCUMENT_TYPES, documentTypeOfFile, MAX_DOCUMENT_BYTES } from '../../../platform/documents';
import type { FormProblem } from '../../../web/components/form';
import { readForm, refusal, type Typed } from '../../../web/forms';
import { readPageUpload } from '../../../web/uploads';
import { signedIn } from '../../../web/web';
import { flashOf, withFlash } from '../../shared/flash';
import { IdParams, ProgrammeParams, actorOf, operatorOf } from '../../shared/page-helpers';
import { draftsText } from './drafts.text';
import { DraftsPage } from './drafts.view';

type Services = Pick<Container, 'programmes' | 'drafts' | 'documents'>;

const DraftForm = Type.Pick(DraftCreateBody, ['title', 'sopCount']);

export function draftPages(web: Api, { programmes, drafts, documents }: Services) {
  const options = { onRequest: signedIn('unit'), schema: { params: ProgrammeParams } };
  const page = async (request: FastifyRequest, programmeId: number, extra: { typed?: Typed; problem?: FormProblem; notice?: string } = {}) => {
    const { actor, unitId } = operatorOf(request);
    const { used, quota } = await drafts.documentStorage(actor, programmeId, unitId);
    return <DraftsPage ctx={request.page} programme={await programmes.get(programmeId)} drafts={await drafts.list(actor, programmeId)} storage={documentStorageWords(used, quota, request.page.lang)} {...extra} />;
  };

  web.get('/unit/program/:programmeId/draf', options, async (request, reply) => reply.sendPage(await page(request, request.params.programmeId, { notice: flashOf(request) })));

  web.post('/unit/program/:programmeId/draf', { ...options, config: { upload: true } }, async (request, reply) => {
    const ctx = request.page;
    const { programmeId } = request.params;
    await programmes.get(programmeId);
    const read = await readPageUpload(request, { maxBytes: MAX_DOCUMENT_BYTES, saveTo: documents.incoming }, 'document');
    if ('refused' in read) return reply.sendPage(await page(request, programmeId, { problem: read.refused }), read.status);
    const { upload } = read;
    const file = upload.file;
    try {
      const form = readForm(DraftForm, upload.fields, ctx);
      const type = file?.path ? documentTypeOfFile(file.path) : undefined;
      if (!form.ok || (file && !type)) {
        const fields = { ...(form.ok ? {} : form.problem.fields), ...(file && !type ? { document: draftsText[ctx.lang].badType } : {}) };
        return reply.sendPage(await page(request, programmeId, { typed: form.typed, problem: { fields } }), file && !type ? 415 : 400);
      }
      try {
        const document = file && type ? { name: file.filename.slice(0, 200), type, size: file.size, sha256: file.sha256 } : undefined;
        await drafts.create(operatorOf(request).actor, programmeId, { ...form.value, document }, document && (() => documents.keep(file!.path!, document.sha256, document.type)));
      } catch (error) {
        const refused = refusal(error, ctx);
        const quota = quotaRefusal(error, ctx.lang, draftsText[ctx.lang].quotaNext(ctx.organisation));
        return reply.sendPage(await page(request, programmeId, { typed: form.typed, problem: quota ? { summary: quota, fields: { document: quota } } : refused }), refused.status);
      }
    } finally {
      // Whatever was not kept (refused, or the file did not fit): nothing stays in the incoming folder.
      if (file?.path) documents.discard(file.path);
    }
    return reply.redirect(withFlash(`/unit/program/${programmeId}/draf`, 'draftSent'), 303);
  });

  // A draft's document, for the organiser or the draft's own unit (others: 404).
  web.get('/dokumen/draf/:id', { onRequest: signedIn(), schema: { params: IdParams } }, async (request, reply) => {
    const document = await drafts.document(actorOf(request), request.params.id);
    return reply
      .type(DOCUMENT_TYPES[document.type])
      .header('content-disposition', attachment(document.name))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .send(fs.createReadStream(documents.pathOf(document.sha256, document.type)));
  });
}
