import { Type } from '@sinclair/typebox';
import { sendPdf } from '../../http/attachment';
import type { Api } from '../../http/api';
import { errorResponses, Id } from '../../platform/schemas';
import type { PrintoutsService } from './printouts.service';

const IdParams = Type.Object({ id: Id }, { additionalProperties: false });
const PdfBody = Type.Unsafe<Buffer>({ description: 'application/pdf, A4' });


/** The printed documents as PDF downloads (the console links to the same routes). */
export function printoutRoutes(app: Api, { printouts }: { printouts: PrintoutsService }) {
  const tags = ['printouts'];

  app.get(
    '/batches/:id/attendance-sheet.pdf',
    {
      schema: {
        tags,
        summary: 'The attendance sheet (daftar hadir) of one day of a batch: confirmed officials, alternating signature boxes, blank rows for walk-ins',
        params: IdParams,
        querystring: Type.Object({ day: Type.Integer({ minimum: 1, maximum: 60, description: 'Which day of the batch, from 1' }) }, { additionalProperties: false }),
        response: { 200: PdfBody, ...errorResponses },
      },
    },
    async (request, reply) => sendPdf(reply, await printouts.attendanceSheet(request.actor, request.params.id, request.query.day)),
  );

  app.get(
    '/units/:id/invitation.pdf',
    {
      config: { allowUnit: true },
      schema: {
        tags,
        summary: "The attachment to a unit's invitation: its officials' batch, days, venue and times, and its asistensi session (a unit key: its own)",
        params: IdParams,
        querystring: Type.Object({ programmeId: Id }, { additionalProperties: false }),
        response: { 200: PdfBody, ...errorResponses },
      },
    },
    async (request, reply) => sendPdf(reply, await printouts.invitation(request.actor, request.params.id, request.query.programmeId)),
  );

  app.get(
    '/asistensi-periods/:id/schedule.pdf',
    {
      schema: { tags, summary: 'The asistensi schedule: every working day and slot with the unit booked, for the circular letter', params: IdParams, response: { 200: PdfBody, ...errorResponses } },
    },
    async (request, reply) => sendPdf(reply, await printouts.asistensiSchedule(request.actor, request.params.id)),
  );

  app.get(
    '/enrolments/:id/certificate.pdf',
    {
      schema: { tags, summary: 'A certificate of participation, for an official present on every day of the batch', params: IdParams, response: { 200: PdfBody, ...errorResponses } },
    },
    async (request, reply) => sendPdf(reply, await printouts.certificate(request.actor, request.params.id)),
  );
}
