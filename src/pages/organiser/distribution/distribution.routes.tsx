import type { Container } from '../../../container';
import type { Api } from '../../../http/api';
import { signedIn } from '../../../web/web';
import { withFlash } from '../../shared/flash';
import { PageQuery, ProgrammeParams, actorOf, fingerprintOf, planPreview } from '../../shared/page-helpers';
import { DistributionPage, UNPLACED_SHOWN, type DistributionPlan, type DistributionPreview } from './distribution.view';

type Services = Pick<Container, 'programmes' | 'enrolments'>;


/**
 * What the page shows of a plan of any size: officials per batch and unplaced per reason (of
 * the whole plan), one page of who goes where, and the first of those who cannot be placed.
 */
function previewOf(plan: { assignments: (DistributionPlan['assignments'][number] & { batchId: number })[]; unplaced: DistributionPlan['unplaced'] }, page: number): DistributionPreview {
  const perBatch = new Map<number, { batchName: string; count: number }>();
  for (const a of plan.assignments) {
    const batch = perBatch.get(a.batchId) ?? { batchName: a.batchName, count: 0 };
    batch.count++;
    perBatch.set(a.batchId, batch);
  }
  const perReason = new Map<string, number>();
  for (const u of plan.unplaced) perReason.set(u.reason, (perReason.get(u.reason) ?? 0) + 1);
  return { ...planPreview(plan, page, UNPLACED_SHOWN), perBatch: [...perBatch.values()], perReason: [...perReason].map(([reason, count]) => ({ reason, count })) };
}

export function distributionPages(web: Api, { programmes, enrolments }: Services) {
  const options = { onRequest: signedIn('organiser'), schema: { params: ProgrammeParams } };

  web.get('/organisasi/program/:programmeId/distribusi', { ...options, schema: { ...options.schema, querystring: PageQuery } }, async (request, reply) => {
    const programme = await programmes.get(request.params.programmeId);
    const plan = await enrolments.previewDistribution(actorOf(request), programme.id, {});
    return reply.sendPage(<DistributionPage ctx={request.page} programme={programme} preview={previewOf(plan, request.query.halaman ?? 1)} fingerprint={fingerprintOf([plan.assignments, plan.unplaced])} />);
  });

  // Saves the whole plan the organiser saw (every page of it): computed again, and saved only if it is still the same.
  web.post('/organisasi/program/:programmeId/distribusi', options, async (request, reply) => {
    const programme = await programmes.get(request.params.programmeId);
    const plan = await enrolments.previewDistribution(actorOf(request), programme.id, {});
    const fingerprint = fingerprintOf([plan.assignments, plan.unplaced]);
    if (fingerprint !== (request.body as { plan?: string }).plan)
      return reply.sendPage(<DistributionPage ctx={request.page} programme={programme} preview={previewOf(plan, 1)} fingerprint={fingerprint} changed />, 409);
    await enrolments.distribute(actorOf(request), programme.id, {});
    return reply.redirect(withFlash(`/organisasi/program/${programme.id}/angkatan`, 'distributed'), 303);
  });
}
