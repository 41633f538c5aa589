import type { Container } from '../../../container';
import type { Api } from '../../../http/api';
import { signedIn } from '../../../web/web';
import { PageQuery, ProgrammeParams } from '../../shared/page-helpers';
import { pageOf, pageSlice } from '../../shared/pagination.view';
import { ProgressPage } from './progress.view';

type Services = Pick<Container, 'progress'>;


/** The totals and chart count every unit; the table shows them 25 a page (the downloads have them all). */
export function progressPages(web: Api, { progress }: Services) {
  web.get('/organisasi/program/:programmeId/progres', { onRequest: signedIn('organiser'), schema: { params: ProgrammeParams, querystring: PageQuery } }, async (request, reply) => {
    const page = request.query.halaman ?? 1;
    const report = await progress.page(request.params.programmeId, pageSlice(page));
    return reply.sendPage(<ProgressPage ctx={request.page} report={report} at={pageOf(page, report.totals.units, report.units.length)} />);
  });
}
