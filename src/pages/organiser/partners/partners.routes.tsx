import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { Container } from '../../../container';
import type { Api } from '../../../http/api';
import { Id, Text } from '../../../platform/schemas';
import { invalidField } from '../../../platform/errors';
import { readForm, refusal } from '../../../web/forms';
import { signedIn } from '../../../web/web';
import { flashOf, withFlash } from '../../shared/flash';
import { actorOf, notesBefore, ProgrammeParams } from '../../shared/page-helpers';
import { issuedFeed, type IssuedFeed } from '../../shared/feed-address.view';
import { GrantedPage, GrantPage, PartnerProgrammePage } from './partners.view';

type Services = Pick<Container, 'partners' | 'programmes' | 'calendars'>;

const Government = Type.String({ minLength: 1, maxLength: 40 });
const SessionForm = Type.Object({ programmeId: Id, attended: Type.Optional(Type.String()), notes: Type.Optional(Text(4000)), before: Type.Optional(Text(4000)) });

/** Asistensi partners: the city's grant of a programme to its province, and the province's work as partner. */
export function partnerPages(web: Api, { partners, programmes, calendars }: Services) {
  const guard = { onRequest: signedIn('organiser') };
  const withProgramme = { ...guard, schema: { params: ProgrammeParams } };

  // The city's side: its programme's partner.
  web.get('/organisasi/program/:programmeId/mitra', withProgramme, async (request, reply) => {
    const actor = actorOf(request);
    const programme = await programmes.get(request.params.programmeId);
    const candidate = await partners.candidate();
    const grant = candidate ? (await partners.list(actor, programme.id)).find((p) => p.government === candidate.slug) : undefined;
    return reply.sendPage(<GrantPage ctx={request.page} programme={programme} candidate={candidate} grant={grant} notice={flashOf(request)} />);
  });
  web.post('/organisasi/program/:programmeId/mitra', withProgramme, async (request, reply) => {
    const candidate = await partners.candidate();
    await partners.grant(actorOf(request), request.params.programmeId, candidate?.slug ?? '');
    return reply.redirect(withFlash(`/organisasi/program/${request.params.programmeId}/mitra`, 'saved'), 303);
  });
  web.post('/organisasi/program/:programmeId/mitra/cabut', withProgramme, async (request, reply) => {
    const candidate = await partners.candidate();
    await partners.revoke(actorOf(request), request.params.programmeId, candidate?.slug ?? '');
    return reply.redirect(withFlash(`/organisasi/program/${request.params.programmeId}/mitra`, 'saved'), 303);
  });

  // The province's side: the programmes it is partner in.
  const grantedPage = async (request: FastifyRequest, issued?: IssuedFeed) =>
    <GrantedPage ctx={request.page} granted={await partners.grantedProgrammes(actorOf(request))} feedIssuedAt={await partners.feedIssuedAt()} issued={issued} />;
  web.get('/organisasi/mitra', guard, async (request, reply) => reply.sendPage(await grantedPage(request)));
  // The calendar address is a secret shown once, in the answer to this POST (stored only hashed).
  web.post('/organisasi/mitra/kalender', guard, async (request, reply) => {
    return reply.sendPage(await grantedPage(request, await issuedFeed(await calendars.issuePartnerToken(actorOf(request)))));
  });
  web.get('/organisasi/mitra/:government/program/:programmeId', { ...guard, schema: { params: Type.Object({ government: Government, programmeId: Id }) } }, async (request, reply) =>
    reply.sendPage(<PartnerProgrammePage ctx={request.page} programme={await partners.programme(actorOf(request), request.params.government, request.params.programmeId)} notice={flashOf(request)} />),
  );
  web.post('/organisasi/mitra/:government/sesi/:id', { ...guard, schema: { params: Type.Object({ government: Government, id: Id }) } }, async (request, reply) => {
    const actor = actorOf(request);
    const { government, id } = request.params;
    const form = readForm(SessionForm, request.body, request.page);
    // The form's fields are the page's own: a post without them is not a person's.
    if (!form.ok) throw invalidField('/body', 'the session form is incomplete');
    const { programmeId, attended = '', notes = '', before } = form.value;
    const session = (await partners.programme(actor, government, programmeId)).periods.flatMap((p) => p.sessions).find((s) => s.bookingId === id);
    const wanted = attended === 'true' ? true : attended === 'false' ? false : null;
    // Only what changed is written (and audited).
    try {
      if (!session || session.attended !== wanted) await partners.recordAttendance(actor, government, id, wanted);
      if (!session || (session.notes ?? '') !== notes.trim()) await partners.recordNotes(actor, government, id, notes, notesBefore(request.body, before));
    } catch (error) {
      const refused = refusal(error, request.page);
      const programme = await partners.programme(actor, government, programmeId);
      return reply.sendPage(<PartnerProgrammePage ctx={request.page} programme={programme} problem={refused} typed={{ bookingId: id, notes }} />, refused.status);
    }
    return reply.redirect(withFlash(`/organisasi/mitra/${government}/program/${programmeId}`, 'saved'), 303);
  });
}
