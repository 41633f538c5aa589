import { Type } from '@sinclair/typebox';
import type { Api } from '../../http/api';
import { MAX_IMPORT_BYTES } from '../../platform/csv-import';
import { errorResponses, IdParams, NoContent } from '../../platform/schemas';
import { ImportResult } from '../units/units.schemas';
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
    async (request, reply) => reply.code(201).send(participants.create(request.actor, request.body)),
  );

  app.post(
    '/participants/import',
    {
      config: unitsToo,
      bodyLimit: MAX_IMPORT_BYTES,
      schema: {
        tags: ['participants'],
        summary:
          'Register or update officials from CSV (header unitCode,nip,name[,position,email,phone], or kode_unit,nip,nama,jabatan,email,telepon; comma or semicolon; a unit key may leave out the unit column); all rows or none',
        consumes: ['text/csv'],
        querystring: Type.Object({ dryRun: Type.Optional(Type.Boolean({ description: 'Check every line and count, writing nothing' })) }, { additionalProperties: false }),
        body: Type.String({ maxLength: MAX_IMPORT_BYTES, description: 'CSV text, UTF-8' }),
        response: { 200: ImportResult, ...errorResponses },
      },
    },
    async (request) => participants.importCsv(request.actor, request.body, { dryRun: request.query.dryRun }),
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
    async (request) => participants.list(request.actor, request.query),
  );

  app.get(
    '/participants/:id',
    { config: unitsToo, schema: { tags: ['participants'], summary: 'Get an official', params: IdParams, response: { 200: Participant, ...errorResponses } } },
    async (request) => participants.get(request.actor, request.params.id),
  );

  app.patch(
    '/participants/:id',
    {
      config: unitsToo,
      schema: { tags: ['participants'], summary: 'Change an official', params: IdParams, body: ParticipantPatchBody, response: { 200: Participant, ...errorResponses } },
    },
    async (request) => participants.update(request.actor, request.params.id, request.body),
  );

  app.delete(
    '/participants/:id',
    {
      config: unitsToo,
      schema: { tags: ['participants'], summary: 'Delete an official with no active enrolment', params: IdParams, response: { 204: NoContent, ...errorResponses } },
    },
    async (request, reply) => {
      participants.remove(request.actor, request.params.id);
      return reply.code(204).send(null);
    },
  );
}
