import { mapInOrder } from '../../../platform/in-order';
import type { FastifyRequest } from 'fastify';
import type { Container } from '../../../container';
import { ProgrammeCreateBody } from '../../../features/programmes/programmes.schemas';
import type { Api } from '../../../http/api';
import type { PageContext } from '../../../web/context';
import { readForm, refusal } from '../../../web/forms';
import { signedIn } from '../../../web/web';
import { flashOf, withFlash } from '../../shared/flash';
import { ProgrammeParams, actorOf } from '../../shared/page-helpers';
import { ProgrammeFormPage, ProgrammePage, type ProgrammeOverview } from './programmes.view';

type Services = Pick<Container, 'programmes' | 'batches' | 'periods' | 'bookings' | 'drafts' | 'partners'>;

/** The form read as the API's body: an empty date, email, partner or signatory field means none, an unticked box means no. */
function readProgramme(body: unknown, ctx: PageContext) {
  const raw = (body ?? {}) as Record<string, string>;
  const form = readForm(ProgrammeCreateBody, { ...raw, publicCalendar: raw.publicCalendar ?? 'false', publicUnitNames: raw.publicUnitNames ?? 'false' }, ctx);
  if (form.ok) for (const optional of ['draftDeadline', 'finalDeadline', 'organiserEmail', 'asistensiPartner', 'signatoryName', 'signatoryPosition', 'signatoryNip'] as const) form.value[optional] ??= null;
  return form;
}

export function programmePages(web: Api, services: Services) {
  const { programmes, batches, periods, bookings, drafts } = services;
  const guard = { onRequest: signedIn('organiser') };
  const withId = { ...guard, schema: { params: ProgrammeParams } };

  /** The programme's batches, periods and drafts, counted. */
  async function overviewOf(request: FastifyRequest, programmeId: number): Promise<ProgrammeOverview> {
    const actor = actorOf(request);
    const batchList = await batches.listForProgramme(programmeId);
    const periodList = await periods.listForProgramme(programmeId);
    return {
      batches: batchList.length,
      confirmed: batchList.reduce((sum, b) => sum + b.confirmedCount, 0),
      waiting: batchList.reduce((sum, b) => sum + b.waitlistCount, 0),
      periods: periodList.map((p) => ({ id: p.id, name: p.name })),
      booked: (await mapInOrder(periodList, async (p) => (await bookings.list(actor, p.id)).filter((b) => b.status === 'active').length)).reduce((sum, n) => sum + n, 0),
      drafts: (await drafts.list(actor, programmeId)).length,
    };
  }

  web.get('/organisasi/program/baru', guard, async (request, reply) => reply.sendPage(<ProgrammeFormPage ctx={request.page} />));

  web.post('/organisasi/program/baru', guard, async (request, reply) => {
    const ctx = request.page;
    const form = readProgramme(request.body, ctx);
    if (!form.ok) return reply.sendPage(<ProgrammeFormPage ctx={ctx} typed={form.typed} problem={form.problem} />, 400);
    try {
      const created = await programmes.create(actorOf(request), form.value);
      return reply.redirect(withFlash(`/organisasi/program/${created.id}`, 'programmeCreated'), 303);
    } catch (error) {
      const refused = refusal(error, ctx);
      return reply.sendPage(<ProgrammeFormPage ctx={ctx} typed={form.typed} problem={refused} />, refused.status);
    }
  });

  web.get('/organisasi/program/:programmeId', withId, async (request, reply) => {
    const programme = await programmes.get(request.params.programmeId);
    const partner = await services.partners.candidate();
    return reply.sendPage(<ProgrammePage ctx={request.page} programme={programme} overview={await overviewOf(request, programme.id)} partner={partner?.name ?? null} notice={flashOf(request)} />);
  });

  web.get('/organisasi/program/:programmeId/ubah', withId, async (request, reply) => reply.sendPage(<ProgrammeFormPage ctx={request.page} programme={await programmes.get(request.params.programmeId)} />));

  web.post('/organisasi/program/:programmeId/ubah', withId, async (request, reply) => {
    const ctx = request.page;
    const programme = await programmes.get(request.params.programmeId);
    const form = readProgramme(request.body, ctx);
    if (!form.ok) return reply.sendPage(<ProgrammeFormPage ctx={ctx} programme={programme} typed={form.typed} problem={form.problem} />, 400);
    try {
      await programmes.update(actorOf(request), programme.id, form.value);
    } catch (error) {
      const refused = refusal(error, ctx);
      return reply.sendPage(<ProgrammeFormPage ctx={ctx} programme={programme} typed={form.typed} problem={refused} />, refused.status);
    }
    return reply.redirect(withFlash(`/organisasi/program/${programme.id}`, 'programmeSaved'), 303);
  });
}
