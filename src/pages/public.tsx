import type { Container } from '../container';
import type { Api } from '../http/api';
import { notFound } from '../platform/errors';
import { homeOf, type PageContext } from '../web/context';
import { formatDate, formatTimeRange, zoneName } from '../platform/format';
import { Layout } from '../web/layout';
import { BatchDays } from './shared/components.view';
import { ProgrammeParams } from './shared/page-helpers';

type Services = Pick<Container, 'programmes' | 'batches' | 'periods' | 'bookings'>;

/** A feed address for calendar apps (webcal://) beside the plain one. */
const webcal = (url: string) => url.replace(/^https?:/, 'webcal:');

/** What anyone may see: no official's name, NIP, email or phone; unit names only if the organiser allows. */
function PublicProgrammePage({ ctx, services, programmeId }: { ctx: PageContext; services: Services; programmeId: number }) {
  const t = ctx.t.public;
  const programme = services.programmes.get(programmeId);
  const zone = programme.timezone;
  const batches = services.batches.listForProgramme(programmeId);
  const periods = services.periods.listForProgramme(programmeId);
  return (
    <Layout ctx={ctx} title={programme.name}>
      <h1>{programme.name}</h1>
      <p class="lead">
        {t.organiser(ctx.organisation)} {t.timezone(`${zoneName(zone)} (${zone})`)}
      </p>
      {(programme.draftDeadline || programme.finalDeadline) && (
        <>
          <h2>{t.deadlines}</h2>
          <dl class="summary-list">
            {programme.draftDeadline && (
              <div>
                <dt>{ctx.t.portal.draftDeadline}</dt>
                <dd>{formatDate(programme.draftDeadline, ctx.lang)}</dd>
              </div>
            )}
            {programme.finalDeadline && (
              <div>
                <dt>{ctx.t.portal.finalDeadline}</dt>
                <dd>{formatDate(programme.finalDeadline, ctx.lang)}</dd>
              </div>
            )}
          </dl>
        </>
      )}
      <h2>{t.batches}</h2>
      {batches.length === 0 && <p>{ctx.t.enrolment.noBatches}</p>}
      {batches.map((batch) => (
        <section class="card" aria-labelledby={`batch-${batch.id}`}>
          <h3 id={`batch-${batch.id}`}>{batch.name}</h3>
          <BatchDays ctx={ctx} batch={batch} zone={zone} />
          <p>{ctx.t.enrolment.seats(batch.seatsLeft, batch.capacity)}</p>
          {batch.calendarUrl && (
            <p>
              <a href={webcal(batch.calendarUrl)}>{t.batchFeed(batch.name)}</a>
            </p>
          )}
        </section>
      ))}
      <h2>{t.asistensi}</h2>
      {periods.length === 0 && <p>{ctx.t.asistensi.noPeriods}</p>}
      {periods.map((period) => {
        const slots = services.bookings.publicSlots(period.id, programme.publicUnitNames);
        const dates = [...new Set(slots.map((s) => s.date))];
        return (
          <section aria-labelledby={`period-${period.id}`}>
            <h3 id={`period-${period.id}`}>{period.name}</h3>
            {period.location && <p>{ctx.t.asistensi.location(period.location)}</p>}
            {dates.map((date) => (
              <section class="grid-day" aria-labelledby={`day-${period.id}-${date}`}>
                <h4 class="grid-day__title" id={`day-${period.id}-${date}`}>
                  {formatDate(date, ctx.lang)}
                </h4>
                <ul class="grid-day__slots">
                  {slots
                    .filter((s) => s.date === date)
                    .map((slot) => (
                      <li class={`slot slot--${slot.status === 'booked' ? 'taken' : slot.status === 'closed' ? 'closed' : 'free'}`}>
                        <span class="slot__time">{formatTimeRange(slot.start, slot.end, zone, ctx.lang)}</span>
                        <span class="slot__state">
                          {slot.status === 'closed' ? ctx.t.asistensi.closed : slot.status === 'booked' ? (slot.unitName ? ctx.t.asistensi.takenBy(slot.unitName) : t.taken) : ctx.t.asistensi.free}
                        </span>
                      </li>
                    ))}
                </ul>
              </section>
            ))}
          </section>
        );
      })}
      {programme.calendarUrl && (
        <>
          <h2>{t.subscribe}</h2>
          <p>{t.subscribeLead}</p>
          <ul>
            <li>
              <a href={webcal(programme.calendarUrl)}>{t.programmeFeed}</a> (<a href={programme.calendarUrl}>{programme.calendarUrl}</a>)
            </li>
          </ul>
        </>
      )}
    </Layout>
  );
}

function Welcome({ ctx, services }: { ctx: PageContext; services: Services }) {
  const t = ctx.t.public;
  const programmes = services.programmes.list().filter((p) => p.publicCalendar);
  return (
    <Layout ctx={ctx} title={t.welcome}>
      <h1>{t.welcome}</h1>
      <p class="lead">{t.welcomeLead}</p>
      <p>
        {t.signInLead}{' '}
        <a class="button" href="/masuk">
          {ctx.t.common.signIn}
        </a>
      </p>
      <h2>{t.programmes}</h2>
      {programmes.length === 0 ? (
        <p>{t.noProgrammes}</p>
      ) : (
        <ul>
          {programmes.map((p) => (
            <li>
              <a href={`/p/${p.id}`}>{p.name}</a>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

export function publicPages(web: Api, services: Services) {
  web.get('/', async (request, reply) => {
    const person = request.page.signedIn;
    if (person) return reply.redirect(homeOf(person.user.role), 303);
    return reply.sendPage(<Welcome ctx={request.page} services={services} />);
  });

  web.get('/p/:programmeId', { schema: { params: ProgrammeParams } }, async (request, reply) => {
    const programme = services.programmes.find(request.params.programmeId);
    if (!programme?.publicCalendar) throw notFound('programme', request.params.programmeId);
    return reply.sendPage(<PublicProgrammePage ctx={request.page} services={services} programmeId={programme.id} />);
  });
}
