import { Type } from '@sinclair/typebox';
import type { Api } from '../../http/api';
import { errorResponses, IdParams, NoContent } from '../../platform/schemas';
import { AttendanceBody, NotesBody } from '../bookings/bookings.schemas';
import { GovernmentParams, GrantedProgramme, PartnerGrant, PartnerGrantBody, PartnerProgramme, PartnerSession } from './partners.schemas';
import type { PartnersService } from './partners.service';

const tags = ['partners'];

export function partnerRoutes(app: Api, { partners }: { partners: PartnersService }) {
  // A kabupaten or kota grants its province.
  app.get(
    '/programmes/:id/partners',
    { schema: { tags, summary: 'The governments granted the asistensi partner’s role in the programme', params: IdParams, response: { 200: Type.Array(PartnerGrant), ...errorResponses } } },
    async (request) => await partners.list(request.actor, request.params.id),
  );
  app.post(
    '/programmes/:id/partners',
    {
      schema: {
        tags,
        summary: 'Grant the government this one answers to (its province, by slug) the asistensi partner’s role in the programme: its organisers see the periods, sessions and drafts, and record attendance and session notes. Granting again changes nothing',
        params: IdParams,
        body: PartnerGrantBody,
        response: { 201: PartnerGrant, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await partners.grant(request.actor, request.params.id, request.body.government)),
  );
  app.delete(
    '/programmes/:id/partners/:government',
    { schema: { tags, summary: 'Take the partner’s role back', params: GovernmentParams, response: { 204: NoContent, ...errorResponses } } },
    async (request, reply) => {
      await partners.revoke(request.actor, request.params.id, request.params.government);
      return reply.code(204).send(null);
    },
  );

  // The province, as partner.
  app.get(
    '/partner/programmes',
    { schema: { tags, summary: 'The programmes of the governments below this one that made it their asistensi partner', response: { 200: Type.Array(GrantedProgramme), ...errorResponses } } },
    async (request) => await partners.grantedProgrammes(request.actor),
  );
  app.get(
    '/partner/:government/programmes/:id',
    { schema: { tags, summary: 'A programme this government is partner in: its periods with every session, and its drafts (units and sessions only, no official’s personal data)', params: GovernmentParams, response: { 200: PartnerProgramme, ...errorResponses } } },
    async (request) => await partners.programme(request.actor, request.params.government, request.params.id),
  );
  app.put(
    '/partner/:government/bookings/:id/attendance',
    { schema: { tags, summary: 'Record whether the unit came to a session of a programme this government is partner in', params: GovernmentParams, body: AttendanceBody, response: { 200: PartnerSession, ...errorResponses } } },
    async (request) => await partners.recordAttendance(request.actor, request.params.government, request.params.id, request.body.attended),
  );
  app.put(
    '/partner/:government/bookings/:id/notes',
    { schema: { tags, summary: 'Write the notes of a session of a programme this government is partner in', params: GovernmentParams, body: NotesBody, response: { 200: PartnerSession, ...errorResponses } } },
    async (request) => await partners.recordNotes(request.actor, request.params.government, request.params.id, request.body.notes),
  );
}
