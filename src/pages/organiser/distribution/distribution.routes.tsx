import type { Container } from '../../../container';
import type { Api } from '../../../http/api';
import { signedIn } from '../../../web/web';
import { withFlash } from '../../shared/flash';
import { ProgrammeParams, actorOf, fingerprintOf } from '../../shared/page-helpers';
import { DistributionPage } from './distribution.view';

type Services = Pick<Container, 'programmes' | 'enrolments'>;

export function distributionPages(web: Api, { programmes, enrolments }: Services) {
  const options = { onRequest: signedIn('organiser'), schema: { params: ProgrammeParams } };

  web.get('/organisasi/program/:programmeId/distribusi', options, async (request, reply) => {
    const programme = programmes.get(request.params.programmeId);
    const plan = enrolments.distribute(actorOf(request), programme.id, { dryRun: true });
    return reply.sendPage(<DistributionPage ctx={request.page} programme={programme} plan={plan} fingerprint={fingerprintOf([plan.assignments, plan.unplaced])} />);
  });

  // Saves the plan the organiser saw: computed again, and saved only if it is still the same.
  web.post('/organisasi/program/:programmeId/distribusi', options, async (request, reply) => {
    const programme = programmes.get(request.params.programmeId);
    const plan = enrolments.distribute(actorOf(request), programme.id, { dryRun: true });
    const fingerprint = fingerprintOf([plan.assignments, plan.unplaced]);
    if (fingerprint !== (request.body as { plan?: string }).plan) return reply.sendPage(<DistributionPage ctx={request.page} programme={programme} plan={plan} fingerprint={fingerprint} changed />, 409);
    enrolments.distribute(actorOf(request), programme.id, {});
    return reply.redirect(withFlash(`/organisasi/program/${programme.id}/angkatan`, 'distributed'), 303);
  });
}
