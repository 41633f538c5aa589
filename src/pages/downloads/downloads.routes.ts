import { Type } from '@sinclair/typebox';
import type { Container } from '../../container';
import { sendDownload, sendPdf } from '../../http/attachment';
import type { Api } from '../../http/api';
import { Id } from '../../platform/schemas';
import { signedIn } from '../../web/web';
import { IdParams, ProgrammeParams, actorOf, operatorOf } from '../shared/page-helpers';

type Services = Pick<Container, 'printouts' | 'progress'>;

/**
 * The printed documents and spreadsheets for people signed in (the API serves the same files
 * to programs with a key): the same services, the same files.
 */
export function downloadPages(web: Api, { printouts, progress }: Services) {
  const organiser = { onRequest: signedIn('organiser') };

  web.get('/organisasi/angkatan/:id/daftar-hadir.pdf', { ...organiser, schema: { params: IdParams, querystring: Type.Object({ hari: Type.Integer({ minimum: 1, maximum: 60 }) }) } }, async (request, reply) =>
    sendPdf(reply, await printouts.attendanceSheet(actorOf(request), request.params.id, request.query.hari)),
  );
  web.get('/organisasi/asistensi/:id/jadwal.pdf', { ...organiser, schema: { params: IdParams } }, async (request, reply) =>
    sendPdf(reply, await printouts.asistensiSchedule(actorOf(request), request.params.id)),
  );
  web.get('/organisasi/pendaftaran/:id/sertifikat.pdf', { ...organiser, schema: { params: IdParams } }, async (request, reply) =>
    sendPdf(reply, await printouts.certificate(actorOf(request), request.params.id)),
  );
  web.get('/organisasi/unit/:id/undangan.pdf', { ...organiser, schema: { params: IdParams, querystring: Type.Object({ program: Id }) } }, async (request, reply) =>
    sendPdf(reply, await printouts.invitation(actorOf(request), request.params.id, request.query.program)),
  );
  web.get('/organisasi/program/:programmeId/progres.:format', { ...organiser, schema: { params: Type.Object({ programmeId: Id, format: Type.Union([Type.Literal('xlsx'), Type.Literal('csv')]) }) } }, async (request, reply) =>
    sendDownload(reply, await progress.spreadsheet(actorOf(request), request.params.programmeId, request.params.format, request.page.lang)),
  );

  // A unit operator prints its own invitation.
  web.get('/unit/program/:programmeId/undangan.pdf', { onRequest: signedIn('unit'), schema: { params: ProgrammeParams } }, async (request, reply) => {
    const { actor: operator, unitId } = operatorOf(request);
    return sendPdf(reply, await printouts.invitation(operator, unitId, request.params.programmeId));
  });
}
