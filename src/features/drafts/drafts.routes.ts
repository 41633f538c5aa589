import { Type } from '@sinclair/typebox';
import fs from 'node:fs';
import type { Api } from '../../http/api';
import { attachment } from '../../http/attachment';
import { DOCUMENT_TYPES, type DocumentStore } from '../../platform/documents';
import { errorResponses, IdParams } from '../../platform/schemas';
import { Draft, DraftCreateBody, DraftPatchBody } from './drafts.schemas';
import type { DraftsService } from './drafts.service';

export function draftRoutes(app: Api, { drafts, documents }: { drafts: DraftsService; documents: DocumentStore }) {
  app.post(
    '/programmes/:id/drafts',
    {
      config: { allowUnit: true },
      schema: { tags: ['drafts'], summary: 'Record a received draft SOP', params: IdParams, body: DraftCreateBody, response: { 201: Draft, ...errorResponses } },
    },
    async (request, reply) => reply.code(201).send(await drafts.create(request.actor, request.params.id, request.body)),
  );

  app.get(
    '/programmes/:id/drafts',
    {
      config: { allowUnit: true },
      schema: { tags: ['drafts'], summary: "A programme's drafts (a unit key: its own)", params: IdParams, response: { 200: Type.Array(Draft), ...errorResponses } },
    },
    async (request) => await drafts.list(request.actor, request.params.id),
  );

  app.patch(
    '/drafts/:id',
    { schema: { tags: ['drafts'], summary: "Move a draft's status forward", params: IdParams, body: DraftPatchBody, response: { 200: Draft, ...errorResponses } } },
    async (request) => await drafts.update(request.actor, request.params.id, request.body),
  );

  app.get(
    '/drafts/:id/document',
    {
      config: { allowUnit: true },
      schema: {
        tags: ['drafts'],
        summary: 'Download the document sent with a draft (a unit key: its own drafts)',
        params: IdParams,
        response: { 200: Type.Unsafe<Buffer>({ description: 'The file (PDF, DOCX or XLSX)' }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const document = await drafts.document(request.actor, request.params.id);
      return reply
        .type(DOCUMENT_TYPES[document.type])
        .header('content-disposition', attachment(document.name))
        .header('x-content-type-options', 'nosniff')
        .send(fs.createReadStream(documents.pathOf(document.sha256, document.type)));
    },
  );
}

