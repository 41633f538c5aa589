import type { Container } from '../../container';
import type { Api } from '../../http/api';
import type { PageContext } from '../../web/context';
import { BackLink, Csrf, Layout } from '../../web/layout';
import { signedIn } from '../../web/web';
import { ProgrammeParams, actorOf, fingerprintOf } from '../shared/page-helpers';

type Services = Pick<Container, 'programmes' | 'enrolments'>;
type Plan = ReturnType<Container['enrolments']['distribute']>;

/** The plan of a dry run: who goes where, who cannot be placed and why; then one button to save that plan. */
function DistributionPage({ ctx, programme, plan, changed }: { ctx: PageContext; programme: { id: number; name: string }; plan: Plan; changed?: boolean }) {
  const t = ctx.t.distribution;
  return (
    <Layout ctx={ctx} title={`${t.title} · ${programme.name}`} problem={changed ? { summary: ctx.t.common.planChanged, fields: {} } : undefined}>
      <BackLink href={`/organisasi/program/${programme.id}/angkatan`} label={ctx.t.batches.title} />
      <h1>{t.title}</h1>
      <p class="lead">{t.lead}</p>
      {plan.assignments.length === 0 && plan.unplaced.length === 0 && <p>{t.nothing}</p>}
      {plan.assignments.length > 0 && (
        <>
          <h2>{t.placed(plan.assignments.length)}</h2>
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t.official}</th>
                <th scope="col">{t.unit}</th>
                <th scope="col">{t.batch}</th>
              </tr>
            </thead>
            <tbody>
              {plan.assignments.map((a) => (
                <tr>
                  <th scope="row">{a.participantName}</th>
                  <td data-label={t.unit}>{a.unitName}</td>
                  <td data-label={t.batch}>{a.batchName}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <form method="post" action={`/organisasi/program/${programme.id}/distribusi`}>
            <Csrf ctx={ctx} />
            <input type="hidden" name="plan" value={fingerprintOf([plan.assignments, plan.unplaced])} />
            <button type="submit" class="button">
              {t.commit}
            </button>
          </form>
        </>
      )}
      {plan.unplaced.length > 0 && (
        <>
          <h2>{t.notPlaced(plan.unplaced.length)}</h2>
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t.official}</th>
                <th scope="col">{t.unit}</th>
                <th scope="col">{t.why}</th>
              </tr>
            </thead>
            <tbody>
              {plan.unplaced.map((u) => (
                <tr>
                  <th scope="row">{u.participantName ?? ctx.t.common.none}</th>
                  <td data-label={t.unit}>{u.unitName ?? ctx.t.common.none}</td>
                  <td data-label={t.why}>{t.reasons[u.reason] ?? u.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Layout>
  );
}

export function distributionPages(web: Api, { programmes, enrolments }: Services) {
  const options = { onRequest: signedIn('organiser'), schema: { params: ProgrammeParams } };

  web.get('/organisasi/program/:programmeId/distribusi', options, async (request, reply) => {
    const programme = programmes.get(request.params.programmeId);
    const plan = enrolments.distribute(actorOf(request), programme.id, { dryRun: true });
    return reply.sendPage(<DistributionPage ctx={request.page} programme={programme} plan={plan} />);
  });

  // Saves the plan the organiser saw: computed again, and saved only if it is still the same.
  web.post('/organisasi/program/:programmeId/distribusi', options, async (request, reply) => {
    const programme = programmes.get(request.params.programmeId);
    const plan = enrolments.distribute(actorOf(request), programme.id, { dryRun: true });
    if (fingerprintOf([plan.assignments, plan.unplaced]) !== (request.body as { plan?: string }).plan) return reply.sendPage(<DistributionPage ctx={request.page} programme={programme} plan={plan} changed />, 409);
    enrolments.distribute(actorOf(request), programme.id, {});
    return reply.redirect(`/organisasi/program/${programme.id}/angkatan?ok=distributed`, 303);
  });
}
