import { formatDate, zoneName } from '../../platform/format';
import type { PageContext } from '../../web/context';
import { Layout } from '../../web/layout';
import { BatchDays, SlotDay, SlotLine } from '../shared/components.view';
import { publicText } from './public.text';

/** A programme as anyone may see it. */
export interface PublicProgramme {
  name: string;
  timezone: string;
  draftDeadline: string | null;
  finalDeadline: string | null;
  calendarUrl: string | null;
}

export interface PublicBatch {
  id: number;
  name: string;
  days: { date: string; start: string; end: string }[];
  venue: string | null;
  seatsLeft: number;
  capacity: number;
  calendarUrl: string | null;
}

/** A slot of the public schedule: a unit's name only when the organiser allows it, never anyone's. */
export interface PublicSlot {
  start: string;
  end: string;
  status: 'open' | 'booked' | 'closed';
  unitName: string | null;
}

export interface PublicPeriod {
  id: number;
  name: string;
  location: string | null;
  days: { date: string; slots: PublicSlot[] }[];
}

/** A feed address for calendar apps (webcal://) beside the plain one. */
const webcal = (url: string) => url.replace(/^https?:/, 'webcal:');

function slotState(t: (typeof publicText)['id'], slot: PublicSlot) {
  if (slot.status === 'closed') return t.closed;
  if (slot.status === 'booked') return slot.unitName ? t.takenBy(slot.unitName) : t.taken;
  return t.free;
}

/** What anyone may see: no official's name, NIP, email or phone; unit names only if the organiser allows. */
export function PublicProgrammePage({ ctx, programme, batches, periods }: { ctx: PageContext; programme: PublicProgramme; batches: PublicBatch[]; periods: PublicPeriod[] }) {
  const t = publicText[ctx.lang];
  const zone = programme.timezone;
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
                <dt>{t.draftDeadline}</dt>
                <dd>{formatDate(programme.draftDeadline, ctx.lang)}</dd>
              </div>
            )}
            {programme.finalDeadline && (
              <div>
                <dt>{t.finalDeadline}</dt>
                <dd>{formatDate(programme.finalDeadline, ctx.lang)}</dd>
              </div>
            )}
          </dl>
        </>
      )}
      <h2>{t.batches}</h2>
      {batches.length === 0 && <p>{t.noBatches}</p>}
      {batches.map((batch) => (
        <section class="card" aria-labelledby={`batch-${batch.id}`}>
          <h3 id={`batch-${batch.id}`}>{batch.name}</h3>
          <BatchDays ctx={ctx} batch={batch} zone={zone} />
          <p>{t.seats(batch.seatsLeft, batch.capacity)}</p>
          {batch.calendarUrl && (
            <p>
              <a href={webcal(batch.calendarUrl)}>{t.batchFeed(batch.name)}</a>
            </p>
          )}
        </section>
      ))}
      <h2>{t.asistensi}</h2>
      {periods.length === 0 && <p>{t.noPeriods}</p>}
      {periods.map((period) => (
        <section aria-labelledby={`period-${period.id}`}>
          <h3 id={`period-${period.id}`}>{period.name}</h3>
          {period.location && <p>{t.location(period.location)}</p>}
          {period.days.map(({ date, slots }) => (
            <SlotDay ctx={ctx} id={`day-${period.id}-${date}`} date={date}>
              {slots.map((slot) => (
                <SlotLine ctx={ctx} slot={slot} zone={zone} state={slot.status === 'booked' ? 'taken' : slot.status === 'closed' ? 'closed' : 'free'} label={slotState(t, slot)} />
              ))}
            </SlotDay>
          ))}
        </section>
      ))}
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

/** The front door: what the service is, the public programmes, and the way in. */
export function WelcomePage({ ctx, programmes }: { ctx: PageContext; programmes: { id: number; name: string }[] }) {
  const t = publicText[ctx.lang];
  return (
    <Layout ctx={ctx} title={t.welcome}>
      <h1>{t.welcome}</h1>
      <p class="lead">{t.welcomeLead}</p>
      <p>
        {t.signInLead(ctx.organisation)}{' '}
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
