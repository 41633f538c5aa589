import type { BookRefusal, CancelRefusal, DraftStanding, MoveRefusal, WindowPhase } from '../../../features/bookings/bookings.rules';
import { formatDate, formatDayHeading, formatInstant, formatShortDate } from '../../../platform/format';
import { ErrorMessage, type FormProblem, Hint, TextArea, type Typed } from '../../../web/components/form';
import type { PageContext } from '../../../web/context';
import { ActionButton, Csrf, Layout } from '../../../web/layout';
import { ProgrammeTabs, sessionWhen, SlotDay, SlotLine, when } from '../../shared/components.view';
import { asistensiText } from './asistensi.text';

/** How a slot stands for this unit: its own booking, closed, taken by another unit, or free. */
export type SlotState = 'own' | 'closed' | 'taken' | 'free';

export interface GridSlot {
  id: number;
  date: string;
  start: string;
  end: string;
  state: SlotState;
  /** It has started: a free slot can no longer be booked. */
  past: boolean;
}

/** A period as the unit sees it: its window's phase now, the unit's booking or open request, the slots by day. */
export interface AsistensiPeriod {
  id: number;
  name: string;
  startDate: string;
  endDate: string;
  workingDays: number;
  workingDates: string[];
  location: string | null;
  bookingOpensAt: string | null;
  priorityUntil: string | null;
  bookingClosesAt: string | null;
  cancelNoticeHours: number;
  priorityCutoff: string | null;
  /** What the unit may do now and the first reason it may not (null: it may), as the bookings service answers it. */
  options: {
    phase: WindowPhase;
    draft: DraftStanding;
    draftSentAt: string | null;
    /** The priority cutoff has passed: a draft received now no longer gives priority. */
    cutoffPassed: boolean;
    /** The last moment the unit may move or cancel its booking itself. */
    changeUntil: string | null;
    book: BookRefusal | null;
    move: MoveRefusal | null;
    cancel: CancelRefusal | null;
  };
  booking: { id: number; date: string; start: string; end: string } | null;
  openRequest: { id: number; preferredDates: string[] } | null;
  days: { date: string; slots: GridSlot[] }[];
}

/** What was typed into a form, to put back after a refusal (the forms reader's Typed, structurally). */

export interface AsistensiPageProps {
  ctx: PageContext;
  programme: { id: number; name: string; timezone: string };
  /** Who runs the asistensi with the organiser (the programme's setting), if anyone. */
  partner: string | null;
  periods: AsistensiPeriod[];
  problem?: FormProblem;
  notice?: string;
  typed?: Typed;
}

export function AsistensiPage({ ctx, programme, partner, periods, problem, notice, typed }: AsistensiPageProps) {
  const t = asistensiText[ctx.lang];
  return (
    <Layout ctx={ctx} title={`${t.title} · ${programme.name}`} problem={problem} notice={notice}>
      <h1>{programme.name}</h1>
      <ProgrammeTabs ctx={ctx} programmeId={programme.id} current="asistensi" />
      <p>{t.lead(ctx.organisation, partner)}</p>
      {periods.length === 0 && <p>{t.noPeriods}</p>}
      {periods.map((period) => (
        <PeriodSection
          ctx={ctx}
          programmeId={programme.id}
          period={period}
          zone={programme.timezone}
          // What was typed into this period's request form comes back to it, with the refusal.
          returned={typed?.periodId === String(period.id) ? { typed, problem } : undefined}
        />
      ))}
    </Layout>
  );
}

/** When booking opens and closes, who may book first, and the notice rule: the period's rules for every unit. */
function WindowCard({ ctx, period, zone }: { ctx: PageContext; period: AsistensiPeriod; zone: string }) {
  const t = asistensiText[ctx.lang];
  const { phase } = period.options;
  const beforePriorityEnds = phase === 'notOpenYet' || phase === 'priority';
  return (
    <div class="card">
      {phase === 'notOpenYet' && period.bookingOpensAt && <p>{t.opensAt(when(ctx, period.bookingOpensAt, zone))}</p>}
      {beforePriorityEnds && period.priorityUntil && (
        <p>{t.priority(when(ctx, period.priorityUntil, zone), period.priorityCutoff && when(ctx, period.priorityCutoff, zone), ctx.organisation)}</p>
      )}
      {phase !== 'closed' && period.bookingClosesAt && <p>{t.closesAt(when(ctx, period.bookingClosesAt, zone))}</p>}
      <p>{t.notice(period.cancelNoticeHours, ctx.organisation)}</p>
    </div>
  );
}

/**
 * Where the unit stands while it has no booking: whether it may book now and, if not, why and
 * from when (its draft awaiting acceptance is never told to send one).
 */
function StandingCard({ ctx, programmeId, period, zone }: { ctx: PageContext; programmeId: number; period: AsistensiPeriod; zone: string }) {
  const t = asistensiText[ctx.lang];
  const o = period.options;
  const at = (iso: string | null) => (iso ? when(ctx, iso, zone) : '');
  const until = at(period.priorityUntil);
  const cutoff = at(period.priorityCutoff);
  // The priority window is ahead or on, and the unit does not have priority: its draft says why.
  const priorityAhead = period.priorityUntil !== null && (o.phase === 'notOpenYet' || o.phase === 'priority');
  const draftLines =
    !priorityAhead || o.draft === 'received'
      ? []
      : o.draft === 'awaiting'
        ? [t.draftAwaiting(o.draftSentAt ? formatInstant(o.draftSentAt, zone, ctx.lang) : '', ctx.organisation), o.cutoffPassed ? t.awaitingTooLate(cutoff, until) : t.awaitingThenBook]
        : o.draft === 'receivedLate'
          ? [t.draftLate(cutoff, until)]
          : [o.cutoffPassed ? t.draftNoneLate(until) : t.draftNone(until)];
  const lines =
    o.book === 'UNIT_INACTIVE'
      ? [t.inactive(ctx.organisation)]
      : o.book === null
        ? [o.phase === 'priority' ? t.priorityYes : t.canBook]
        : o.phase === 'closed'
          ? [t.closedNow(ctx.organisation)]
          : [
              ...(o.phase === 'notOpenYet' && period.bookingOpensAt ? [t.notOpenYet(at(period.bookingOpensAt))] : []),
              ...(o.phase === 'notOpenYet' && priorityAhead && o.draft === 'received' ? [t.priorityYesLater] : []),
              ...draftLines,
            ];
  return (
    <section class="card" aria-labelledby={`standing-${period.id}`}>
      <h3 id={`standing-${period.id}`}>{t.standing}</h3>
      {lines.map((line) => (
        <p>
          <strong>{line}</strong>
        </p>
      ))}
      {o.book !== null && o.book !== 'UNIT_INACTIVE' && priorityAhead && o.draft === 'none' && !o.cutoffPassed && (
        <p>
          <a href={`/unit/program/${programmeId}/draf`}>{t.sendDraft}</a>
        </p>
      )}
    </section>
  );
}

function PeriodSection(props: { ctx: PageContext; programmeId: number; period: AsistensiPeriod; zone: string; returned: { typed: Typed; problem?: FormProblem } | undefined }) {
  const { ctx, programmeId, period, zone } = props;
  const t = asistensiText[ctx.lang];
  const base = `/unit/program/${programmeId}/asistensi`;
  const { booking, options } = period;
  const changeUntil = options.changeUntil && when(ctx, options.changeUntil, zone);
  return (
    <section aria-labelledby={`period-${period.id}`}>
      <h2 id={`period-${period.id}`}>{period.name}</h2>
      <p>{t.dates(formatDate(period.startDate, ctx.lang), formatDate(period.endDate, ctx.lang), period.workingDays)}</p>
      {period.location && <p>{t.location(period.location)}</p>}
      <WindowCard ctx={ctx} period={period} zone={zone} />
      {!booking && <StandingCard ctx={ctx} programmeId={programmeId} period={period} zone={zone} />}

      {booking && (
        <div class="card card--own" aria-labelledby={`own-${period.id}`}>
          <h3 id={`own-${period.id}`}>{t.yourBooking}</h3>
          <p class="lead">{sessionWhen(ctx, booking, zone)}</p>
          {changeUntil && options.move === null && (
            <>
              <p>{t.moveHint}</p>
              <p>{t.changeUntil(changeUntil)}</p>
            </>
          )}
          {changeUntil && options.move !== null && options.cancel === null && <p>{t.cancelUntil(changeUntil)}</p>}
          {changeUntil && options.cancel === 'TOO_LATE' && (
            <p>
              <strong>{t.tooLate(changeUntil, ctx.organisation)}</strong>
            </p>
          )}
          {options.cancel === null && (
            <form method="post" action={`${base}/batal`} class="inline-form" data-confirm={t.cancelConfirm}>
              <Csrf ctx={ctx} />
              <input type="hidden" name="bookingId" value={booking.id} />
              <button type="submit" class="button button--warning">
                {t.cancelBooking}
              </button>
            </form>
          )}
        </div>
      )}

      <h3>{t.grid}</h3>
      {period.days.map(({ date, slots }) => (
        <SlotDay ctx={ctx} id={`day-${period.id}-${date}`} date={date}>
            {slots.map((slot) => (
              <SlotLine ctx={ctx} slot={slot} zone={zone} state={slot.state} label={slot.past && slot.state === 'free' ? t.past : t[slot.state]} id={`slot-${slot.id}`}>
                {slot.state === 'free' && !slot.past && booking && options.move === null && (
                  <ActionButton ctx={ctx} action={`${base}/pindah`} fields={{ bookingId: booking.id, slotId: slot.id }} label={t.moveHere} ariaLabel={t.moveLabel(sessionWhen(ctx, slot, zone))} variant="secondary" />
                )}
                {slot.state === 'free' && !slot.past && !booking && options.book === null && (
                  <ActionButton ctx={ctx} action={`${base}/pesan`} fields={{ periodId: period.id, slotId: slot.id }} label={t.book} ariaLabel={t.bookLabel(sessionWhen(ctx, slot, zone))} />
                )}
              </SlotLine>
            ))}
        </SlotDay>
      ))}

      {!booking && options.book !== 'UNIT_INACTIVE' && (
        <section class="card" aria-labelledby={`request-${period.id}`}>
          <h3 id={`request-${period.id}`}>{t.requestTitle}</h3>
          {period.openRequest ? (
            <>
              <p>{t.openRequest(period.openRequest.preferredDates.map((d) => formatShortDate(d, ctx.lang)).join(', '))}</p>
              <form method="post" action={`${base}/tarik`} class="inline-form">
                <Csrf ctx={ctx} />
                <input type="hidden" name="requestId" value={period.openRequest.id} />
                <button type="submit" class="button button--secondary">
                  {t.withdraw}
                </button>
              </form>
            </>
          ) : (
            <RequestForm ctx={ctx} action={`${base}/minta`} period={period} returned={props.returned} />
          )}
        </section>
      )}
    </section>
  );
}

/**
 * Asks for a slot on preferred dates. The form a refusal came back to carries the fields' plain
 * ids (preferredDates, notes), which the error summary links to; the others are numbered by period.
 */
function RequestForm({ ctx, action, period, returned }: { ctx: PageContext; action: string; period: AsistensiPeriod; returned: { typed: Typed; problem?: FormProblem } | undefined }) {
  const t = asistensiText[ctx.lang];
  const typedDates = [returned?.typed.preferredDates ?? []].flat();
  const datesError = returned?.problem?.fields.preferredDates;
  const hintId = `preferred-hint-${period.id}`;
  const errorId = datesError ? `preferred-error-${period.id}` : undefined;
  return (
    <form method="post" action={action} class="form">
      <Csrf ctx={ctx} />
      <p>{t.requestLead(ctx.organisation)}</p>
      <input type="hidden" name="periodId" value={period.id} />
      {/* The dates are one fieldset of ticks; the fieldset itself is the summary's link target. */}
      <fieldset class={datesError ? 'checkboxes field--error' : 'checkboxes'} aria-describedby={[hintId, errorId].filter(Boolean).join(' ')} id={returned ? 'preferredDates' : undefined}>
        <legend>{t.preferredDates}</legend>
        <Hint id={hintId}>{t.preferredHint}</Hint>
        <ErrorMessage id={errorId}>{datesError}</ErrorMessage>
        {period.workingDates.map((date) => (
          <label class="checkbox">
            <input type="checkbox" name="preferredDates" value={date} checked={typedDates.includes(date)} />
            {formatDayHeading(date, ctx.lang)}
          </label>
        ))}
      </fieldset>
      <TextArea
        name="notes"
        id={returned ? 'notes' : `notes-${period.id}`}
        label={t.requestNotes}
        optionalLabel={ctx.t.common.optional}
        rows={3}
        maxLength={1000}
        value={[returned?.typed.notes ?? ''].flat().join('')}
        problem={returned?.problem}
      />
      <button type="submit" class="button">
        {t.requestSubmit}
      </button>
    </form>
  );
}
