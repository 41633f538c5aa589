import type { Container } from '../../container';
import type { Api } from '../../http/api';
import { notFound } from '../../platform/errors';
import { homeOf } from '../../web/context';
import { ProgrammeParams } from '../shared/page-helpers';
import { PublicProgrammePage, WelcomePage, type PublicPeriod } from './public.view';
import { mapInOrder } from '../../platform/in-order';

type Services = Pick<Container, 'programmes' | 'batches' | 'periods' | 'bookings'>;

/** The welcome page and each programme's public page (only when its `publicCalendar` is on). */
export function publicPages(web: Api, services: Services) {
  web.get('/', async (request, reply) => {
    const person = request.page.signedIn;
    if (person) return reply.redirect(homeOf(person.user.role), 303);
    const programmes = (await services.programmes.list()).filter((p) => p.publicCalendar);
    return reply.sendPage(<WelcomePage ctx={request.page} programmes={programmes} />);
  });

  web.get('/p/:programmeId', { schema: { params: ProgrammeParams } }, async (request, reply) => {
    if (!(await services.programmes.find(request.params.programmeId))?.publicCalendar) throw notFound('programme', request.params.programmeId);
    const programme = await services.programmes.get(request.params.programmeId);
    const periods: PublicPeriod[] = await mapInOrder(await services.periods.listForProgramme(programme.id), async (period) => {
      // Unit names only when the organiser allows it; the service leaves out everything else.
      const slots = await services.bookings.publicSlots(period.id, programme.publicUnitNames);
      const dates = [...new Set(slots.map((s) => s.date))];
      return { id: period.id, name: period.name, location: period.location, days: dates.map((date) => ({ date, slots: slots.filter((s) => s.date === date) })) };
    });
    const batches = await services.batches.listForProgramme(programme.id);
    return reply.sendPage(<PublicProgrammePage ctx={request.page} programme={programme} batches={batches} periods={periods} />);
  });
}
