import type { FastifyRequest } from 'fastify';
import type { Container } from '../../../container';
import type { Api } from '../../../http/api';
import { signedIn } from '../../../web/web';
import { issuedFeed } from '../../shared/feed-address.view';
import { operatorOf } from '../../shared/page-helpers';
import { CalendarPage } from './calendar.view';

type Services = Pick<Container, 'units' | 'calendars'>;

export function calendarPages(web: Api, { units, calendars }: Services) {
  const guard = { onRequest: signedIn('unit') };
  const issuedAt = async (request: FastifyRequest) => (await units.get(operatorOf(request).unitId)).calendarTokenIssuedAt;

  web.get('/unit/kalender', guard, async (request, reply) => reply.sendPage(<CalendarPage ctx={request.page} issuedAt={await issuedAt(request)} />));

  // The address is a secret shown once, in the answer to this POST (stored only hashed).
  web.post('/unit/kalender', guard, async (request, reply) => {
    const { actor, unitId } = operatorOf(request);
    const issued = await issuedFeed(await calendars.issueToken(actor, unitId));
    return reply.sendPage(<CalendarPage ctx={request.page} issuedAt={await issuedAt(request)} issued={issued} />);
  });
}
