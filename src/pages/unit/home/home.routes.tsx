import type { Container } from '../../../container';
import type { Api } from '../../../http/api';
import { signedIn } from '../../../web/web';
import { flashOf } from '../../shared/flash';
import { operatorOf } from '../../shared/page-helpers';
import { HomePage } from './home.view';
import { mapInOrder } from '../../../platform/in-order';

type Services = Pick<Container, 'units' | 'programmes' | 'me'>;

/** The unit operator's home: where the unit stands in every programme (the API's standing). */
export function unitHomePages(web: Api, { units, programmes, me }: Services) {
  web.get('/unit', { onRequest: signedIn('unit') }, async (request, reply) => {
    const { actor, unitId } = operatorOf(request);
    const standings = await mapInOrder(await programmes.list(), async (programme) => ({ programme, standing: await me.standing(actor, unitId, programme.id) }));
    return reply.sendPage(<HomePage ctx={request.page} unitName={(await units.get(unitId)).name} programmes={standings} notice={flashOf(request)} />);
  });
}
