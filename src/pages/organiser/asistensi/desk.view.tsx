import { formatDate, formatTimeRange, zoneName } from '../../../platform/format';
import { Field, type FormProblem, Select, type Typed } from '../../../web/components/form';
import type { PageContext } from '../../../web/context';
import { ActionButton, BackLink, Csrf, Layout } from '../../../web/layout';
import { NumberedLines, sessionWhen, SlotDay, SlotLine } from '../../shared/components.view';
import { asistensiConsoleText } from './asistensi.text';
import { SLOT_LINES } from './asistensi.view';
import { deskText } from './desk.text';

type Session = { date: string; start: string; end: string };
type PeriodRef = { id: number; name: string };

/** The fields of the period form that are local date-times in the programme's zone. */
export const EDIT_WINDOWS = ['bookingOpensAt', 'priorityUntil', 'bookingClosesAt', 'priorityCutoff'] as const;

/** What a change would do to the units' sessions: the change itself, run and rolled back. */
export interface PeriodChanges {
  moved: { unitName: string; from: Session; to: Session }[];
  displaced: (Session & { unitName: string })[];
  /** The new place and how many booked sessions get it; null when the place stays. */
  place: { name: string; sessions: number } | null;
}

export function EditPeriodPage(props: {
  ctx: PageContext;
  period: PeriodRef;
  zone: string;
  typed: Typed;
  /** The first day new slot times apply to (the day after today), or null when every day has come. */
  fromDate: string | null;
  problem?: FormProblem;
  changes?: PeriodChanges;
  /** The preview's fingerprint: saving goes ahead only if the change still does what was shown. */
  fingerprint?: string;
}) {
  const { ctx, period, zone, typed, problem, changes } = props;
  const t = deskText[ctx.lang];
  const c = asistensiConsoleText[ctx.lang];
  const value = (name: string) => (typeof typed[name] === 'string' ? (typed[name] as string) : '');
  const zoneLabel = zoneName(zone);
  const windows = {
    bookingOpensAt: { label: c.opensAt, hint: t.opensHint(zoneLabel) },
    priorityUntil: { label: c.priorityUntil, hint: t.priorityHint(zoneLabel) },
    bookingClosesAt: { label: c.closesAt, hint: t.closesHint(zoneLabel) },
    priorityCutoff: { label: t.cutoff, hint: t.cutoffHint(ctx.organisation, zoneLabel) },
  } satisfies Record<(typeof EDIT_WINDOWS)[number], { label: string; hint: string }>;
  const title = t.editTitle(period.name);
  return (
    <Layout ctx={ctx} title={title} problem={problem}>
      <BackLink href={`/organisasi/asistensi/${period.id}`} label={period.name} />
      <h1>{title}</h1>
      <p>{t.editLead}</p>
      {changes && <ChangesPreview ctx={ctx} zone={zone} changes={changes} />}
      <form method="post" action={`/organisasi/asistensi/${period.id}/ubah`} class="form" novalidate>
        <Csrf ctx={ctx} />
        {props.fingerprint && <input type="hidden" name="pratinjau" value={props.fingerprint} />}
        <Field name="name" label={c.name} value={value('name')} problem={problem} required />
        <Field name="location" label={c.location} hint={c.locationHint(ctx.organisation)} optionalLabel={ctx.t.common.optional} value={value('location')} problem={problem} />
        {EDIT_WINDOWS.map((name) => (
          <Field
            name={name}
            label={windows[name].label}
            hint={windows[name].hint}
            // Field's type union has no datetime-local (a date and a time in one input).
            type={'datetime-local' as 'text'}
            value={value(name)}
            problem={problem}
            width="medium"
          />
        ))}
        <Field
          name="cancelNoticeHours"
          label={c.notice}
          hint={t.noticeHint}
          type="number"
          inputMode="numeric"
          min={0}
          max={720}
          value={value('cancelNoticeHours')}
          problem={problem}
          width="short"
        />
        {props.fromDate && (
          <NumberedLines
            name="slots"
            legend={c.slots}
            hint={t.slotsHint(formatDate(props.fromDate, ctx.lang))}
            count={SLOT_LINES}
            line={(n) => (
              <>
                <Field name={`slotStart-${n}`} label={c.slotStart(n)} value={value(`slotStart-${n}`)} problem={problem} width="short" />
                <Field name={`slotEnd-${n}`} label={c.slotEnd(n)} value={value(`slotEnd-${n}`)} problem={problem} width="short" />
              </>
            )}
          />
        )}
        <div class="button-row">
          <button type="submit" name="aksi" value="pratinjau" class="button button--secondary">
            {t.check}
          </button>
          <button type="submit" name="aksi" value="simpan" class="button">
            {t.save}
          </button>
        </div>
      </form>
    </Layout>
  );
}

function ChangesPreview({ ctx, zone, changes }: { ctx: PageContext; zone: string; changes: PeriodChanges }) {
  const t = deskText[ctx.lang];
  const nothing = changes.moved.length === 0 && changes.displaced.length === 0 && !changes.place;
  return (
    <section class="card" aria-labelledby="changes">
      <h2 id="changes">{t.changesTitle}</h2>
      {nothing && <p>{t.noBookingChanges}</p>}
      {changes.moved.length > 0 && (
        <>
          <p>{t.movedList(changes.moved.length)}</p>
          <ul>
            {changes.moved.map((m) => (
              <li>{t.movedLine(m.unitName, sessionWhen(ctx, m.from, zone), m.from.date === m.to.date ? formatTimeRange(m.to.start, m.to.end, zone, ctx.lang) : sessionWhen(ctx, m.to, zone))}</li>
            ))}
          </ul>
        </>
      )}
      {changes.displaced.length > 0 && (
        <>
          <p>{t.displacedList(changes.displaced.length)}</p>
          <ul>
            {changes.displaced.map((d) => (
              <li>
                {d.unitName}: {sessionWhen(ctx, d, zone)}
              </li>
            ))}
          </ul>
        </>
      )}
      {changes.place && <p>{t.placeChanged(changes.place.sessions, changes.place.name)}</p>}
    </section>
  );
}

export function ReopenPage(props: { ctx: PageContext; period: PeriodRef; zone: string; date: string; slotTimes: { start: string; end: string }[]; dropped: string[]; problem?: FormProblem }) {
  const { ctx, period, zone, date, problem } = props;
  const t = deskText[ctx.lang];
  const title = t.reopenTitle(formatDate(date, ctx.lang));
  return (
    <Layout ctx={ctx} title={title} problem={problem}>
      <BackLink href={`/organisasi/asistensi/${period.id}`} label={period.name} />
      <h1>{title}</h1>
      {problem ? (
        <p>
          <a href={`/organisasi/asistensi/${period.id}`}>{period.name}</a>
        </p>
      ) : (
        <>
          <p>{t.reopenLead(props.slotTimes.map((s) => formatTimeRange(s.start, s.end, zone, ctx.lang)).join(', '))}</p>
          {props.dropped.length > 0 && <p>{t.reopenDrops(props.dropped.map((d) => formatDate(d, ctx.lang)).join(', '))}</p>}
          <form method="post" action={`/organisasi/asistensi/${period.id}/buka`} class="form">
            <Csrf ctx={ctx} />
            <input type="hidden" name="date" value={date} />
            <button type="submit" class="button">
              {t.confirmReopen}
            </button>
          </form>
        </>
      )}
    </Layout>
  );
}

/** A slot on the desk: free (and not started) slots take the chosen unit. */
export interface DeskSlot {
  id: number;
  start: string;
  end: string;
  state: 'free' | 'taken' | 'closed' | 'own';
  /** It has started: it takes nobody any more. */
  past: boolean;
}

/** The chosen unit: its session if it has one, and what it could not do itself now (a refusal code). */
export interface DeskUnit {
  id: number;
  name: string;
  booking: (Session & { id: number }) | null;
  unitCannot: 'BOOKING_CLOSED' | 'PRIORITY_WINDOW' | 'TOO_LATE' | null;
}

export function DeskPage(props: {
  ctx: PageContext;
  period: PeriodRef;
  zone: string;
  /** Active units, with the session each already has in the period. */
  units: { id: number; name: string; session: Session | null }[];
  chosen: DeskUnit | null;
  days: { date: string; slots: DeskSlot[] }[];
  notice?: string;
  problem?: FormProblem;
}) {
  const { ctx, period, zone, chosen, problem } = props;
  const t = deskText[ctx.lang];
  const base = `/organisasi/asistensi/${period.id}`;
  const free = props.days.some((d) => d.slots.some((s) => s.state === 'free' && !s.past));
  return (
    <Layout ctx={ctx} title={`${t.deskTitle} · ${period.name}`} notice={props.notice} problem={problem}>
      <BackLink href={base} label={period.name} />
      <h1>{t.deskTitle}</h1>
      <p>{t.deskLead}</p>
      <form method="get" action={`${base}/pesan`} class="form">
        <Select
          name="unitId"
          label={t.unit}
          hint={t.unitHint}
          placeholder={t.chooseUnit}
          options={props.units.map((u) => [String(u.id), u.session ? `${u.name} (${t.hasSession(sessionWhen(ctx, u.session, zone))})` : u.name] as const)}
          value={chosen?.id ?? null}
          problem={problem}
        />
        <button type="submit" class="button button--secondary">
          {t.show}
        </button>
      </form>
      {chosen && (
        <section aria-labelledby="chosen">
          <h2 id="chosen">{chosen.name}</h2>
          {chosen.booking ? (
            <div class="card card--own">
              <p class="lead">{t.booked(chosen.name, sessionWhen(ctx, chosen.booking, zone))}</p>
              <p>
                <a class="button button--warning" href={`${base}/batal?pesanan=${chosen.booking.id}`}>
                  {t.cancelBooking}
                </a>
              </p>
              <p>{t.pickMove}</p>
            </div>
          ) : (
            <p>{t.pickBook(chosen.name)}</p>
          )}
          {chosen.unitCannot && <p class="warning-text">{t.unitCannot(chosen.booking ? t.unitCannotMove : t.unitCannotBook, t.why[chosen.unitCannot])}</p>}
          {!free && <p>{t.noFree}</p>}
          {props.days.map((day) => (
            <SlotDay ctx={ctx} id={`day-${day.date}`} date={day.date} level={3}>
              {day.slots.map((slot) => (
                <SlotLine ctx={ctx} slot={slot} zone={zone} state={slot.state} label={t[slot.state]} id={`slot-${slot.id}`}>
                  {slot.state === 'free' &&
                    !slot.past &&
                    (chosen.booking ? (
                      <ActionButton
                        ctx={ctx}
                        action={`${base}/pindah`}
                        fields={{ bookingId: chosen.booking.id, slotId: slot.id }}
                        label={t.moveHere}
                        ariaLabel={t.moveLabel(chosen.name, sessionWhen(ctx, { date: day.date, ...slot }, zone))}
                        variant="secondary"
                      />
                    ) : (
                      <ActionButton
                        ctx={ctx}
                        action={`${base}/pesan`}
                        fields={{ unitId: chosen.id, slotId: slot.id }}
                        label={t.bookHere}
                        ariaLabel={t.bookLabel(chosen.name, sessionWhen(ctx, { date: day.date, ...slot }, zone))}
                      />
                    ))}
                </SlotLine>
              ))}
            </SlotDay>
          ))}
        </section>
      )}
    </Layout>
  );
}

export function CancelPage(props: { ctx: PageContext; period: PeriodRef; zone: string; booking: Session & { id: number; unitId: number; unitName: string }; problem?: FormProblem }) {
  const { ctx, period, zone, booking } = props;
  const t = deskText[ctx.lang];
  const base = `/organisasi/asistensi/${period.id}`;
  return (
    <Layout ctx={ctx} title={t.cancelTitle} problem={props.problem}>
      <BackLink href={`${base}/pesan?unitId=${booking.unitId}`} label={t.deskTitle} />
      <h1>{t.cancelTitle}</h1>
      <p>{t.cancelLead(booking.unitName, sessionWhen(ctx, booking, zone))}</p>
      <form method="post" action={`${base}/batal`} class="form">
        <Csrf ctx={ctx} />
        <input type="hidden" name="bookingId" value={booking.id} />
        <div class="button-row">
          <button type="submit" class="button button--warning">
            {t.confirmCancel}
          </button>
          <a href={`${base}/pesan?unitId=${booking.unitId}`}>{t.keep}</a>
        </div>
      </form>
    </Layout>
  );
}
