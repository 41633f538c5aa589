import type { Container } from '../../container';
import type { Api } from '../../http/api';
import type { Actor } from '../../platform/actor';
import type { PageContext } from '../../web/context';
import { formatDate } from '../../platform/format';
import { Layout } from '../../web/layout';
import { signedIn } from '../../web/web';
import { sessionWhen } from '../shared/components.view';
import { flashOf } from '../shared/flash';
import { operatorOf } from '../shared/page-helpers';

type Services = Pick<Container, 'clock' | 'units' | 'programmes' | 'participants' | 'batches' | 'enrolments' | 'drafts' | 'periods' | 'bookings'>;

/** Where a unit stands in one programme: the four steps and what is coming. */
export function programmeStanding(services: Services, actor: Actor, unitId: number, programmeId: number, officials: number) {
  const { batches, enrolments, drafts, periods, bookings } = services;
  const ofBatches = batches.listForProgramme(programmeId).map((batch) => ({ batch, enrolments: enrolments.listForBatch(actor, batch.id) }));
  const confirmed = ofBatches.flatMap((b) => b.enrolments.filter((e) => e.status === 'confirmed').map((e) => ({ ...e, batch: b.batch })));
  const waiting = ofBatches.reduce((n, b) => n + b.enrolments.filter((e) => e.status === 'waitlisted').length, 0);
  const unitDrafts = drafts.list(actor, programmeId);
  const periodIds = new Set(periods.listForProgramme(programmeId).map((p) => p.id));
  const booking = bookings.activeBookingsOfUnit(unitId).find((b) => periodIds.has(b.periodId));
  return { officials, confirmed, waiting, latestDraft: unitDrafts[unitDrafts.length - 1], booking };
}

function HomePage({ ctx, services, actor, unitId, notice }: { ctx: PageContext; services: Services; actor: Actor; unitId: number; notice?: string }) {
  const { t } = ctx;
  const unit = services.units.get(unitId);
  const programmes = services.programmes.list();
  const officials = services.participants.list(actor, { unitId, limit: 1000, offset: 0 }).length;
  return (
    <Layout ctx={ctx} title={t.portal.title} notice={notice}>
      <h1>{unit.name}</h1>
      <p class="lead">{t.portal.lead}</p>
      {programmes.length === 0 && <p>{t.portal.noProgrammes}</p>}
      {programmes.map((programme) => {
        const standing = programmeStanding(services, actor, unitId, programme.id, officials);
        const steps = [
          { done: officials > 0, title: t.portal.stepOfficials, text: t.portal.officialsCount(officials), href: '/unit/pejabat', link: t.portal.manageOfficials },
          {
            done: standing.confirmed.length + standing.waiting > 0,
            title: t.portal.stepEnrol,
            text: t.portal.enrolmentCount(standing.confirmed.length, standing.waiting),
            href: `/unit/program/${programme.id}/angkatan`,
            link: t.portal.chooseBatches,
          },
          {
            done: standing.latestDraft !== undefined,
            title: t.portal.stepDraft,
            text: standing.latestDraft ? t.portal.draftStatus(t.draftStatuses[standing.latestDraft.status]!) : t.portal.noDraft,
            href: `/unit/program/${programme.id}/draf`,
            link: t.portal.sendDraft,
          },
          {
            done: standing.booking !== undefined,
            title: t.portal.stepBooking,
            text: standing.booking ? t.portal.bookingAt(sessionWhen(ctx, standing.booking, programme.timezone)) : t.portal.noBooking,
            href: `/unit/program/${programme.id}/asistensi`,
            link: t.portal.bookAsistensi,
          },
        ];
        const next = steps.findIndex((s) => !s.done);
        const today = services.clock.now().setZone(programme.timezone).toISODate()!;
        const coming = [
          ...standing.confirmed.flatMap((e) =>
            e.batch.days.map((day, i) => ({ date: day.date, start: day.start, end: day.end, what: `${e.participantName}: ${t.portal.batchDay(e.batch.name, i + 1)}` })),
          ),
          ...(standing.booking ? [{ ...standing.booking, what: t.portal.asistensiSession }] : []),
        ]
          .filter((item) => item.date >= today)
          .sort((a, b) => a.date.localeCompare(b.date) || a.start.localeCompare(b.start));
        return (
          <section class="card" aria-labelledby={`programme-${programme.id}`}>
            <h2 id={`programme-${programme.id}`}>{programme.name}</h2>
            {(programme.draftDeadline || programme.finalDeadline) && (
              <p>
                {t.portal.deadlines}:{' '}
                {[
                  programme.draftDeadline && `${t.portal.draftDeadline} ${formatDate(programme.draftDeadline, ctx.lang)}`,
                  programme.finalDeadline && `${t.portal.finalDeadline} ${formatDate(programme.finalDeadline, ctx.lang)}`,
                ]
                  .filter(Boolean)
                  .join('; ')}
              </p>
            )}
            <ol class="steps">
              {steps.map((step, i) => (
                <li class={step.done ? 'steps__done' : i === next ? 'steps__next' : undefined}>
                  <span class="steps__title">
                    {step.title}
                    {i === next && <span class="tag tag--wait"> {t.portal.next}</span>}
                  </span>
                  <span>{step.text} </span>
                  <a href={step.href}>{step.link}</a>
                </li>
              ))}
            </ol>
            <h3>{t.portal.comingUp}</h3>
            {coming.length === 0 ? (
              <p>{t.portal.nothingComingUp}</p>
            ) : (
              <ul>
                {coming.map((item) => (
                  <li>
                    {sessionWhen(ctx, item, programme.timezone)}: {item.what}
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </Layout>
  );
}

export function unitHomePages(web: Api, services: Services) {
  web.get('/unit', { onRequest: signedIn('unit') }, async (request, reply) => {
    const { actor, unitId } = operatorOf(request);
    return reply.sendPage(<HomePage ctx={request.page} services={services} actor={actor} unitId={unitId} notice={flashOf(request)} />);
  });
}
