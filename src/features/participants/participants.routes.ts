import { Type } from '@sinclair/typebox';
import type { Api } from '../../http/api';
import { MAX_IMPORT_BYTES } from '../../platform/csv-import';
import { errorResponses, IdParams, NoContent } from '../../platform/schemas';
import { ImportQuery, ImportResult, importAnswer } from '../units/units.schemas';
import { Participant, ParticipantCreateBody, ParticipantListQuery, ParticipantPatchBody } from './participants.schemas';
import type { ParticipantsService } from './participants.service';

const unitsToo = { allowUnit: true };

export function participantRoutes(app: Api, { participants }: { participants: ParticipantsService }) {
  app.post(
    '/participants',
    {
      config: unitsToo,
      schema: { tags: ['participants'], summary: 'Register an official (PNS)', body: ParticipantCreateBody, response: { 201: Participant, ...errorResponses } },
    },
    async (request, reply) => reply.code(201).send(await participants.create(request.actor, request.body)),
  );

  app.post(
    '/participants/import',
    {
      config: unitsToo,
      bodyLimit: MAX_IMPORT_BYTES,
      schema: {
        tags: ['participants'],
        summary:
          'Register or update officials from CSV (headings in any order and case, e.g. unitCode,nip,name[,position,email,phone] or No;Kode Unit;NIP;Nama Lengkap;Jabatan;Email;No HP; comma or semicolon; a unit key may leave out the unit column); all rows or none unless skipInvalid=true',
        consumes: ['text/csv'],
        querystring: ImportQuery,
        body: Type.String({ maxLength: MAX_IMPORT_BYTES, description: 'CSV text, UTF-8' }),
        response: { 200: ImportResult, ...errorResponses },
      },
    },
    async (request) => importAnswer(await participants.importCsv(request.actor, request.body, request.query), request.query.skipInvalid),
  );

  app.get(
    '/participants',
    {
      config: unitsToo,
      schema: {
        tags: ['participants'],
        summary: 'List officials (a unit key: its own)',
        querystring: ParticipantListQuery,
        response: { 200: Type.Array(Participant), ...errorResponses },
      },
    },
    async (request) => await participants.list(request.actor, request.query),
  );

  app.get(
    '/participants/:id',
    { config: unitsToo, schema: { tags: ['participants'], summary: 'Get an official', params: IdParams, response: { 200: Participant, ...errorResponses } } },
    async (request) => await participants.get(request.actor, request.params.id),
  );

  app.patch(
    '/participants/:id',
    {
      config: unitsToo,
      schema: { tags: ['participants'], summary: 'Change an official', params: IdParams, body: ParticipantPatchBody, response: { 200: Participant, ...errorResponses } },
    },
    async (request) => await participants.update(request.actor, request.params.id, request.body),
  );

  app.delete(
    '/participants/:id',
    {
      config: unitsToo,
      schema: { tags: ['participants'], summary: 'Delete an official with no active enrolment', params: IdParams, response: { 204: NoContent, ...errorResponses } },
    },
    async (request, reply) => {
      await participants.remove(request.actor, request.params.id);
      return reply.code(204).send(null);
    },
  );
}
