import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { Container } from '../../../container';
import { mayAttend } from '../../../features/workshops/workshops.rules';
import type { Api } from '../../../http/api';
import { Id } from '../../../platform/schemas';
import type { FormProblem } from '../../../web/components/form';
import { readForm, refusal } from '../../../web/forms';
import { signedIn } from '../../../web/web';
import { flashOf, withFlash } from '../../shared/flash';
import { ProgrammeParams, operatorOf } from '../../shared/page-helpers';
import { EnrolmentPage, type EnrolmentBatch, type EnrolmentProblem } from './enrolment.view';
import { flatMapInOrder } from '../../../platform/in-order';

type Services = Pick<Container, 'programmes' | 'batches' | 'enrolments' | 'participants' | 'units'>;

const EnrolForm = Type.Object({ batchId: Id, participantId: Id });
const CancelForm = Type.Object({ enrolmentId: Id });

/** A refusal shown beside its batch's own select (named participantId-<batch>), where the summary links to. */
function besideBatch(problem: FormProblem, batchId: number): EnrolmentProblem {
  const { participantId, ...others } = problem.fields;
  const message = participantId ?? problem.summary;
  return { ...problem, fields: message === undefined ? others : { ...others, [`participantId-${batchId}`]: message }, batchId };
}

export function enrolmentPages(web: Api, services: Services) {
  const { programmes, batches, enrolments, participants, units } = services;
  const options = { onRequest: signedIn('unit'), schema: { params: ProgrammeParams } };

  /** The page: the batches the unit's kind may join, and any other where it already has someone (placed by the organiser). */
  async function page(request: FastifyRequest, programmeId: number, extra: { problem?: EnrolmentProblem; notice?: string } = {}) {
    const { actor, unitId } = operatorOf(request);
    const programme = await programmes.get(programmeId);
    const kind = (await units.get(unitId)).kind;
    const placed = new Set<number>();
    const shown: EnrolmentBatch[] = await flatMapInOrder(await batches.listForProgramme(programmeId), async (batch) => {
      const own = (await enrolments.listForBatch(actor, batch.id)).flatMap(({ id, participantId, participantName, status, waitlistPosition }) => {
        if (status === 'cancelled') return [];
        placed.add(participantId);
        return [{ id, participantName, status, waitlistPosition }];
      });
      const eligible = mayAttend(batch.eligibleUnitKinds, kind);
      return eligible || own.length > 0 ? [{ ...batch, eligible, enrolments: own }] : [];
    });
    const officials = await participants.list(actor, { unitId, limit: 1000, offset: 0 });
    const free = officials.filter((o) => !placed.has(o.id)).map(({ id, name, nip }) => ({ id, name, nip }));
    return <EnrolmentPage ctx={request.page} programme={programme} batches={shown} officialCount={officials.length} free={free} {...extra} />;
  }

  web.get('/unit/program/:programmeId/angkatan', options, async (request, reply) => reply.sendPage(await page(request, request.params.programmeId, { notice: flashOf(request) })));

  web.post('/unit/program/:programmeId/angkatan', options, async (request, reply) => {
    const { programmeId } = request.params;
    const body = request.body as Record<string, string>;
    // Each batch's select is named participantId-<batch> so its label and error stay its own.
    const form = readForm(EnrolForm, { batchId: body.batchId, participantId: body[`participantId-${body.batchId}`] }, request.page);
    if (!form.ok) return reply.sendPage(await page(request, programmeId, { problem: besideBatch(form.problem, Number(body.batchId)) }), 400);
    const batch = await batches.get(form.value.batchId);
    if (batch.programmeId !== programmeId) return reply.callNotFound();
    try {
      const enrolment = await enrolments.enrol(operatorOf(request).actor, batch.id, form.value.participantId);
      return reply.redirect(withFlash(`/unit/program/${programmeId}/angkatan`, enrolment.status === 'confirmed' ? 'enrolled' : 'waitlisted'), 303);
    } catch (error) {
      const refused = refusal(error, request.page);
      return reply.sendPage(await page(request, programmeId, { problem: besideBatch({ summary: refused.summary, fields: {} }, batch.id) }), refused.status);
    }
  });

  web.post('/unit/program/:programmeId/angkatan/batal', options, async (request, reply) => {
    const { programmeId } = request.params;
    const form = readForm(CancelForm, request.body, request.page);
    if (!form.ok) return reply.sendPage(await page(request, programmeId, { problem: form.problem }), 400);
    if ((await enrolments.get(operatorOf(request).actor, form.value.enrolmentId)).programmeId !== programmeId) return reply.callNotFound();
    try {
      await enrolments.cancel(operatorOf(request).actor, form.value.enrolmentId);
    } catch (error) {
      const refused = refusal(error, request.page);
      return reply.sendPage(await page(request, programmeId, { problem: refused }), refused.status);
    }
    return reply.redirect(withFlash(`/unit/program/${programmeId}/angkatan`, 'enrolmentCancelled'), 303);
  });
}
