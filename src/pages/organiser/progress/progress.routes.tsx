import type { Container } from '../../../container';
import type { Api } from '../../../http/api';
import { signedIn } from '../../../web/web';
import { ProgrammeParams } from '../../shared/page-helpers';
import { ProgressPage } from './progress.view';

type Services = Pick<Container, 'progress'>;

export function progressPages(web: Api, { progress }: Services) {
  web.get('/organisasi/program/:programmeId/progres', { onRequest: signedIn('organiser'), schema: { params: ProgrammeParams } }, async (request, reply) =>
    reply.sendPage(<ProgressPage ctx={request.page} report={progress.report(request.params.programmeId)} />),
  );
}
