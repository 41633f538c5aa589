import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { Container } from '../../container';
import type { Api } from '../../http/api';
import { mayAttend } from '../../features/workshops/workshops.rules';
import { Id } from '../../platform/schemas';
import type { PageContext } from '../../web/context';
import { readForm, refusal } from '../../web/forms';
import { Csrf, Layout, Select, type FormProblem } from '../../web/layout';
import { signedIn } from '../../web/web';
import { BatchDays, ProgrammeTabs } from '../shared/components.view';
import { flashOf } from '../shared/flash';
import { ProgrammeParams, operatorOf } from '../shared/page-helpers';

type Services = Pick<Container, 'programmes' | 'batches' | 'enrolments' | 'participants' | 'units'>;

const EnrolForm = Type.Object({ batchId: Id, participantId: Id });
const CancelForm = Type.Object({ enrolmentId: Id });

function EnrolmentPage(props: { ctx: PageContext; services: Services; request: FastifyRequest; programmeId: number; problem?: FormProblem & { batchId?: number }; notice?: string }) {
  const { ctx, services, programmeId, problem } = props;
  const t = ctx.t.enrolment;
  const { actor, unitId } = operatorOf(props.request);
  const programme = services.programmes.get(programmeId);
  const unit = services.units.get(unitId);
  const isEligible = (batch: { eligibleUnitKinds: string[] | null }) => mayAttend(batch.eligibleUnitKinds, unit.kind);
  // The batches the unit's kind may join, and any other where it already has someone (placed by the organiser).
  const batches = services.batches
    .listForProgramme(programmeId)
    .map((batch) => ({ batch, enrolments: services.enrolments.listForBatch(actor, batch.id) }))
    .filter(({ batch, enrolments }) => isEligible(batch) || enrolments.some((e) => e.status !== 'cancelled'));
  const officials = services.participants.list(actor, { unitId, limit: 1000, offset: 0 });
  const placed = new Set(batches.flatMap((b) => b.enrolments.filter((e) => e.status !== 'cancelled').map((e) => e.participantId)));
  const free = officials.filter((o) => !placed.has(o.id));
  return (
    <Layout ctx={ctx} title={`${t.title} · ${programme.name}`} problem={problem} notice={props.notice}>
      <h1>{programme.name}</h1>
      <ProgrammeTabs ctx={ctx} programmeId={programmeId} current="angkatan" />
      <h2>{t.title}</h2>
      <p>{t.lead}</p>
      {batches.length === 0 && <p>{t.noBatches}</p>}
      {batches.length > 0 && (
        <p>
          <a href={`/unit/program/${programmeId}/undangan.pdf`}>{ctx.t.batches.invitation}</a>
        </p>
      )}
      {batches.map(({ batch, enrolments }) => {
        const active = enrolments.filter((e) => e.status !== 'cancelled');
        const used = active.filter((e) => e.status === 'confirmed').length;
        const eligible = isEligible(batch);
        return (
          <section class="card" aria-labelledby={`batch-${batch.id}`}>
            <h3 id={`batch-${batch.id}`}>{batch.name}</h3>
            <BatchDays ctx={ctx} batch={batch} zone={programme.timezone} />
            <p>
              {t.seats(batch.seatsLeft, batch.capacity)}. {t.quota(used, batch.unitQuota)}.
            </p>
            {!eligible && <p class="warning-text">{t.notEligible(batch.eligibleUnitKinds!.map((k) => ctx.t.unitKinds[k]).join(', '))}</p>}
            <h4>{t.enrolled}</h4>
            {active.length === 0 ? (
              <p>{t.noneEnrolled}</p>
            ) : (
              <ul class="plain-list">
                {active.map((e) => (
                  <li class="plain-list__item">
                    <span>
                      {e.participantName}{' '}
                      <span class={e.status === 'confirmed' ? 'tag tag--ok' : 'tag tag--wait'}>
                        {e.status === 'confirmed' ? t.confirmed : t.waitlist(e.waitlistPosition ?? 0)}
                      </span>
                    </span>
                    <form method="post" action={`/unit/program/${programmeId}/angkatan/batal`} class="inline-form" data-confirm={t.cancelConfirm}>
                      <Csrf ctx={ctx} />
                      <input type="hidden" name="enrolmentId" value={e.id} />
                      <button type="submit" class="button button--secondary" aria-label={t.cancelLabel(e.participantName)}>
                        {t.cancel}
                      </button>
                    </form>
                  </li>
                ))}
              </ul>
            )}
            {eligible &&
              (officials.length === 0 ? (
                <p>
                  <a href="/unit/pejabat">{t.noOfficials}</a>
                </p>
              ) : free.length === 0 ? (
                <p>{t.allPlaced}</p>
              ) : (
                <form method="post" action={`/unit/program/${programmeId}/angkatan`} class="form">
                  <Csrf ctx={ctx} />
                  <input type="hidden" name="batchId" value={batch.id} />
                  {batch.seatsLeft === 0 && <p class="warning-text">{t.full}</p>}
                  <Select
                    name={`participantId-${batch.id}`}
                    label={t.official}
                    placeholder={t.choose}
                    options={free.map((o) => [String(o.id), `${o.name} (${o.nip})`])}
                    problem={problem?.batchId === batch.id ? { fields: { [`participantId-${batch.id}`]: problem.fields.participantId ?? problem.summary ?? '' } } : undefined}
                  />
                  <button type="submit" class="button">
                    {t.enrol}
                  </button>
                </form>
              ))}
          </section>
        );
      })}
    </Layout>
  );
}

export function enrolmentPages(web: Api, services: Services) {
  const options = { onRequest: signedIn('unit'), schema: { params: ProgrammeParams } };
  const page = (request: FastifyRequest, programmeId: number, extra: { problem?: FormProblem & { batchId?: number }; notice?: string } = {}) => (
    <EnrolmentPage ctx={request.page} services={services} request={request} programmeId={programmeId} {...extra} />
  );

  web.get('/unit/program/:programmeId/angkatan', options, async (request, reply) => reply.sendPage(page(request, request.params.programmeId, { notice: flashOf(request) })));

  web.post('/unit/program/:programmeId/angkatan', options, async (request, reply) => {
    const { programmeId } = request.params;
    const body = request.body as Record<string, string>;
    // Each batch's select is named participantId-<batch> so its label and error stay its own.
    const form = readForm(EnrolForm, { batchId: body.batchId, participantId: body[`participantId-${body.batchId}`] }, request.page);
    if (!form.ok) return reply.sendPage(page(request, programmeId, { problem: { ...form.problem, batchId: Number(body.batchId) } }), 400);
    const batch = services.batches.get(form.value.batchId);
    if (batch.programmeId !== programmeId) return reply.callNotFound();
    try {
      const enrolment = services.enrolments.enrol(operatorOf(request).actor, batch.id, form.value.participantId);
      return reply.redirect(`/unit/program/${programmeId}/angkatan?ok=${enrolment.status === 'confirmed' ? 'enrolled' : 'waitlisted'}`, 303);
    } catch (error) {
      const refused = refusal(error, request.page);
      return reply.sendPage(page(request, programmeId, { problem: { ...refused, fields: { participantId: refused.summary! }, batchId: batch.id } }), refused.status);
    }
  });

  web.post('/unit/program/:programmeId/angkatan/batal', options, async (request, reply) => {
    const { programmeId } = request.params;
    const form = readForm(CancelForm, request.body, request.page);
    if (!form.ok) return reply.sendPage(page(request, programmeId, { problem: form.problem }), 400);
    if (services.enrolments.get(operatorOf(request).actor, form.value.enrolmentId).programmeId !== programmeId) return reply.callNotFound();
    try {
      services.enrolments.cancel(operatorOf(request).actor, form.value.enrolmentId);
    } catch (error) {
      const refused = refusal(error, request.page);
      return reply.sendPage(page(request, programmeId, { problem: refused }), refused.status);
    }
    return reply.redirect(`/unit/program/${programmeId}/angkatan?ok=enrolmentCancelled`, 303);
  });
}
