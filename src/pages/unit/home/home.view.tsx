import type { Standing } from '../../../features/me/me.schemas';
import type { StandingStep } from '../../../features/me/me.rules';
import { draftStatusText } from '../../../features/drafts/drafts.text';
import { formatDate } from '../../../platform/format';
import type { PageContext } from '../../../web/context';
import { Layout } from '../../../web/layout';
import { sessionWhen } from '../../shared/components.view';
import { unitHomeText } from './home.text';

/** A programme as the home page heads its card. */
export interface HomeProgramme {
  id: number;
  name: string;
  timezone: string;
  draftDeadline: string | null;
  finalDeadline: string | null;
}

export function HomePage({ ctx, unitName, programmes, notice }: { ctx: PageContext; unitName: string; programmes: { programme: HomeProgramme; standing: Standing }[]; notice?: string }) {
  const t = unitHomeText[ctx.lang];
  return (
    <Layout ctx={ctx} title={t.title} notice={notice}>
      <h1>{unitName}</h1>
      <p class="lead">{t.lead}</p>
      {programmes.length === 0 && <p>{t.noProgrammes(ctx.organisation)}</p>}
      {programmes.map(({ programme, standing }) => (
        <ProgrammeCard ctx={ctx} programme={programme} standing={standing} />
      ))}
    </Layout>
  );
}

/** One programme: its deadlines, the four steps with the next one marked, and what is coming (a line per batch day and per session). */
function ProgrammeCard({ ctx, programme, standing }: { ctx: PageContext; programme: HomeProgramme; standing: Standing }) {
  const t = unitHomeText[ctx.lang];
  const zone = programme.timezone;
  const base = `/unit/program/${programme.id}`;
  const { latestDraft, booking } = standing;
  const steps = {
    officials: { title: t.stepOfficials, text: t.officialsCount(standing.officials), href: '/unit/pejabat', link: t.manageOfficials },
    enrolment: { title: t.stepEnrol, text: t.enrolmentCount(standing.confirmed.length, standing.waitlisted.length), href: `${base}/angkatan`, link: t.chooseBatches },
    // A draft waiting to be accepted is sent: the unit is never told to send it again.
    draft: {
      title: latestDraft ? t.stepDraftSent : t.stepDraft,
      text: !latestDraft ? t.noDraft : latestDraft.status === 'submitted' ? t.draftAwaiting(ctx.organisation) : t.draftStatus(draftStatusText[ctx.lang][latestDraft.status]),
      href: `${base}/draf`,
      link: t.sendDraft,
    },
    booking: { title: t.stepBooking, text: booking ? t.bookingAt(sessionWhen(ctx, booking, zone)) : t.noBooking, href: `${base}/asistensi`, link: t.bookAsistensi },
  } satisfies Record<StandingStep, { title: string; text: string; href: string; link: string }>;
  const deadlines = [
    programme.draftDeadline && `${t.draftDeadline} ${formatDate(programme.draftDeadline, ctx.lang)}`,
    programme.finalDeadline && `${t.finalDeadline} ${formatDate(programme.finalDeadline, ctx.lang)}`,
  ].filter(Boolean);
  return (
    <section class="card" aria-labelledby={`programme-${programme.id}`}>
      <h2 id={`programme-${programme.id}`}>{programme.name}</h2>
      {deadlines.length > 0 && (
        <p>
          {t.deadlines}: {deadlines.join('; ')}
        </p>
      )}
      <ol class="steps">
        {standing.steps.map(({ step, done }) => {
          const next = step === standing.next;
          return (
            <li class={done ? 'steps__done' : next ? 'steps__next' : undefined}>
              <span class="steps__title">
                {steps[step].title}
                {next && <span class="tag tag--wait"> {t.next}</span>}
              </span>
              <span>{steps[step].text} </span>
              <a href={steps[step].href}>{steps[step].link}</a>
            </li>
          );
        })}
      </ol>
      <h3>{t.comingUp}</h3>
      {standing.upcoming.length === 0 ? (
        <p>{t.nothingComingUp}</p>
      ) : (
        <ul>
          {standing.upcoming.map((event) => (
            <li>
              {sessionWhen(ctx, event, zone)}: {event.batch ? t.batchDay(event.batch.name, event.batch.day, event.officials.length) : t.asistensiSession}
              {event.officials.length > 0 && (
                <>
                  <br />
                  <span class="field__hint">{event.officials.map((o) => o.name).join(', ')}</span>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
