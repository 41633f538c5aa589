import type { Container } from '../../../container';
import { sendDownload } from '../../../http/attachment';
import type { Api } from '../../../http/api';
import { signedIn } from '../../../web/web';
import { actorOf } from '../../shared/page-helpers';
import { GovernmentsPage } from './governments.view';

type Services = Pick<Container, 'progress'>;

/** A province's (or a ministry's) overview of the governments below it, and its workbook. */
export function governmentPages(web: Api, { progress }: Services) {
  const guard = { onRequest: signedIn('organiser') };
  web.get('/organisasi/pemerintah', guard, async (request, reply) => reply.sendPage(<GovernmentsPage ctx={request.page} governments={await progress.governments(actorOf(request))} />));
  web.get('/organisasi/pemerintah.xlsx', guard, async (request, reply) => sendDownload(reply, await progress.governmentsSpreadsheet(actorOf(request), request.page.lang)));
}
