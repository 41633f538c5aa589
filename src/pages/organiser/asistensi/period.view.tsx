import { formatDate, formatShortDate, formatTimeRange } from '../../../platform/format';
import { Checkboxes, Field, type FormProblem, Select, TextArea, type Typed } from '../../../web/components/form';
import { Table } from '../../../web/components/table';
import type { PageContext } from '../../../web/context';
import { BackLink, Csrf, Layout } from '../../../web/layout';
import { sessionWhen, SlotDay, SlotLine } from '../../shared/components.view';
import { Pagination, type PageOf } from '../../shared/pagination.view';
import { asistensiConsoleText } from './asistensi.text';
import type { PeriodSummary } from './asistensi.view';
import { deskText } from './desk.text';

type Session = { date: string; start: string; end: string };

/** One working day of the period: its slots, who holds each, and whether it can still be closed. */
export interface GridDay {
  date: string;
  /** Some slot is still open or booked: the day may be closed. */
  closable: boolean;
  slots: { start: string; end: string; state: 'closed' | 'taken' | 'free'; unitName: string | null; unitId: number | null; attended: boolean; bookingId: number | null; notes: string | null }[];
}

export interface PeriodDetails {
  period: PeriodSummary;
  programme: { id: number; name: string };
  zone: string;
  days: GridDay[];
  requests: { unitName: string; preferredDates: string[]; notes: string | null }[];
  /** Active bookings whose attendance may be recorded now. */
  attendance: (Session & { id: number; unitName: string; attended: boolean | null })[];
  walkIns: { date: string; unitName: string; notes: string | null }[];
  /** Every unit, for the walk-in form: [id, name]. */
  units: (readonly [string, string])[];
  /** Closed dates within the period (holidays and the organiser's own), each may be reopened. */
  closedDates: { date: string; reason: string; source: 'holiday' | 'organiser' | string }[];
}

/** One session's notes: what was agreed, what the unit should bring next (the partner province writes them too). */
export function SessionNotesPage(props: { ctx: PageContext; period: { id: number; name: string }; session: Session & { id: number; unitName: string; notes: string | null }; zone: string; typed?: string; problem?: FormProblem }) {
  const { ctx, period, session, zone } = props;
  const t = asistensiConsoleText[ctx.lang];
  const title = t.notesTitle(session.unitName);
  return (
    <Layout ctx={ctx} title={`${title} · ${period.name}`} problem={props.problem}>
      <BackLink href={`/organisasi/asistensi/${period.id}`} label={period.name} />
      <h1>{title}</h1>
      <p>{sessionWhen(ctx, session, zone)}</p>
      <form method="post" action={`/organisasi/asistensi/${period.id}/catatan/${session.id}`} class="form" novalidate>
        <Csrf ctx={ctx} />
        {/* The notes as they were read: a save over someone else's change since is refused. */}
        <input type="hidden" name="before" value={session.notes ?? ''} />
        <TextArea name="notes" label={t.notes} hint={t.notesHint} optionalLabel={ctx.t.common.optional} value={props.typed ?? session.notes} maxLength={4000} problem={props.problem} />
        <button type="submit" class="button">
          {t.saveNotes}
        </button>
      </form>
    </Layout>
  );
}

export function PeriodPage({ ctx, details, notice, problem, typed = {} }: { ctx: PageContext; details: PeriodDetails; notice?: string; problem?: FormProblem; typed?: Typed }) {
  const { period, programme, zone, days, requests, attendance, walkIns, units } = details;
  const t = asistensiConsoleText[ctx.lang];
  const d = deskText[ctx.lang];
  const base = `/organisasi/asistensi/${period.id}`;
  const value = (name: string) => {
    const typedValue = typed[name];
    return typeof typedValue === 'string' ? typedValue : undefined;
  };
  return (
    <Layout ctx={ctx} title={`${period.name} · ${programme.name}`} notice={notice} problem={problem}>
      <BackLink href={`/organisasi/program/${programme.id}/asistensi`} label={t.title} />
      <h1>{period.name}</h1>
      <p>{t.workingList(period.workingDays, formatDate(period.startDate, ctx.lang), formatDate(period.endDate, ctx.lang))}</p>
      <p class="button-row">
        <a class="button" href={`${base}/pesan`}>
          {d.desk}
        </a>
        <a class="button button--secondary" href={`${base}/ubah`}>
          {d.editPeriod}
        </a>
      </p>
      <p class="button-row">
        <a href={`${base}/jadwal.pdf`}>{t.schedulePdf}</a>
        <a href={`${base}/jadwal-otomatis`}>{t.autoSchedule}</a>
      </p>

      <h2>{t.grid}</h2>
      {days.map((day) => (
        <SlotDay
          ctx={ctx}
          id={`day-${day.date}`}
          date={day.date}
          level={3}
          actions={
            day.closable && (
              <p class="grid-day__actions">
                <a href={`${base}/tutup?tanggal=${day.date}`} aria-label={t.closeDayLabel(formatDate(day.date, ctx.lang))}>
                  {t.closeDay}
                </a>
              </p>
            )
          }
        >
          {day.slots.map((slot) => (
            <SlotLine ctx={ctx} slot={slot} zone={zone} state={slot.state} label={slot.state === 'closed' ? t.closed : slot.unitName ?? t.free}>
              {slot.attended && <span class="tag tag--ok">{t.attended}</span>}
              {slot.unitId !== null && (
                <a href={`${base}/pesan?unitId=${slot.unitId}`} aria-label={d.changeBookingLabel(slot.unitName ?? '', sessionWhen(ctx, { date: day.date, ...slot }, zone))}>
                  {d.changeBooking}
                </a>
              )}
              {slot.bookingId !== null && (
                <a href={`${base}/catatan/${slot.bookingId}`} aria-label={t.notesLabel(slot.notes ? t.editNotes : t.writeNotes, slot.unitName ?? '', sessionWhen(ctx, { date: day.date, ...slot }, zone))}>
                  {slot.notes ? t.editNotes : t.writeNotes}
                </a>
              )}
              {slot.notes && <p class="slot__notes">{slot.notes}</p>}
            </SlotLine>
          ))}
        </SlotDay>
      ))}

      <h2>{d.closedDays}</h2>
      {details.closedDates.length === 0 ? (
        <p>{d.noClosedDays}</p>
      ) : (
        <ul>
          {details.closedDates.map((c) => (
            <li>
              {formatDate(c.date, ctx.lang)}: {c.reason}
              {c.source === 'holiday' && ` (${d.holiday})`}{' '}
              <a href={`${base}/buka?tanggal=${c.date}`} aria-label={d.reopenLabel(formatDate(c.date, ctx.lang))}>
                {d.reopen}
              </a>
            </li>
          ))}
        </ul>
      )}

      <h2>{t.requests}</h2>
      {requests.length === 0 ? (
        <p>{t.noRequests}</p>
      ) : (
        <ul>
          {requests.map((r) => (
            <li>
              {r.unitName}
              {r.preferredDates.length > 0 && ` (${t.preferred(r.preferredDates.map((d) => formatShortDate(d, ctx.lang)).join(', '))})`}
              {r.notes && `: ${r.notes}`}
            </li>
          ))}
        </ul>
      )}
      {requests.length > 0 && (
        <p>
          <a class="button button--secondary" href={`${base}/jadwal-otomatis`}>
            {t.autoSchedule}
          </a>
        </p>
      )}

      {attendance.length > 0 && (
        <>
          <h2>{t.attendance}</h2>
          <form method="post" action={`${base}/hadir`} class="form">
            <Csrf ctx={ctx} />
            <Checkboxes
              name="present"
              legend={t.attendanceLead}
              options={attendance.map((b) => [String(b.id), `${b.unitName} · ${sessionWhen(ctx, b, zone)}`] as const)}
              checked={attendance.filter((b) => b.attended === true).map((b) => String(b.id))}
            />
            <button type="submit" class="button">
              {t.saveAttendance}
            </button>
          </form>
        </>
      )}

      <h2>{t.walkIns}</h2>
      {walkIns.length === 0 ? (
        <p>{t.noWalkIns}</p>
      ) : (
        <ul>
          {walkIns.map((w) => (
            <li>
              {formatDate(w.date, ctx.lang)}: {w.unitName}
              {w.notes && ` (${w.notes})`}
            </li>
          ))}
        </ul>
      )}
      <form method="post" action={`${base}/datang`} class="form" novalidate>
        <Csrf ctx={ctx} />
        <Select name="unitId" label={t.walkInUnit} placeholder={t.chooseUnit} options={units} value={value('unitId')} problem={problem} />
        <Field name="date" label={t.walkInDate} type="date" value={value('date')} problem={problem} width="medium" />
        <Field name="notes" label={t.walkInNotes} optionalLabel={ctx.t.common.optional} value={value('notes')} problem={problem} />
        <button type="submit" class="button button--secondary">
          {t.addWalkIn}
        </button>
      </form>
    </Layout>
  );
}

export function ClosePage(props: {
  ctx: PageContext;
  period: { id: number; name: string };
  zone: string;
  date: string;
  displaced: { unitName: string; start: string; end: string }[];
  typed?: Typed;
  problem?: FormProblem;
}) {
  const { ctx, period, zone, date, displaced, typed = {}, problem } = props;
  const t = asistensiConsoleText[ctx.lang];
  const title = t.closeTitle(formatDate(date, ctx.lang));
  const reason = typed.reason;
  return (
    <Layout ctx={ctx} title={title} problem={problem}>
      <BackLink href={`/organisasi/asistensi/${period.id}`} label={period.name} />
      <h1>{title}</h1>
      <p>{t.closeLead}</p>
      <p>{t.displacedList(displaced.length)}</p>
      {displaced.length > 0 && (
        <ul>
          {displaced.map((b) => (
            <li>
              {b.unitName}: {formatTimeRange(b.start, b.end, zone, ctx.lang)}
            </li>
          ))}
        </ul>
      )}
      <form method="post" action={`/organisasi/asistensi/${period.id}/tutup`} class="form" novalidate>
        <Csrf ctx={ctx} />
        <input type="hidden" name="date" value={date} />
        <Field name="reason" label={t.reason} hint={t.reasonHint} value={typeof reason === 'string' ? reason : undefined} problem={problem} required />
        <button type="submit" class="button button--warning">
          {t.confirmClose}
        </button>
      </form>
    </Layout>
  );
}

/** An auto-schedule dry run: who would get which session, who finds none. */
export interface SchedulePlan {
  assignments: (Session & { unitName: string })[];
  unplaced: { unitName: string }[];
}

/** How many of the units left without a session are named (all of them are counted). */
export const UNSCHEDULED_SHOWN = 25;

/** What the page shows of a plan of any size: sessions per day of all of it, one page of sessions, the first units left out. */
export interface SchedulePreview {
  placed: number;
  notPlaced: number;
  perDay: { date: string; count: number }[];
  assignments: SchedulePlan['assignments'];
  unplaced: SchedulePlan['unplaced'];
  at: PageOf;
}

export function AutoSchedulePage(props: { ctx: PageContext; period: { id: number; name: string }; zone: string; preview: SchedulePreview; fingerprint: string; notice?: string; changed?: boolean }) {
  const { ctx, period, zone, preview } = props;
  const t = asistensiConsoleText[ctx.lang];
  const base = `/organisasi/asistensi/${period.id}/jadwal-otomatis`;
  return (
    <Layout ctx={ctx} title={t.autoTitle} notice={props.notice} problem={props.changed ? { summary: ctx.t.common.planChanged, fields: {} } : undefined}>
      <BackLink href={`/organisasi/asistensi/${period.id}`} label={period.name} />
      <h1>{t.autoTitle}</h1>
      <p>{t.autoLead}</p>
      {preview.placed === 0 && preview.notPlaced === 0 && <p>{t.autoNothing}</p>}
      {preview.placed > 0 && (
        <>
          <h2>{t.autoPlaced(preview.placed)}</h2>
          {preview.perDay.length > 1 && (
            <Table
              caption={t.autoPerDay}
              rows={preview.perDay}
              columns={[
                { header: t.autoDay, rowHeader: true, cell: (d) => formatDate(d.date, ctx.lang) },
                { header: t.autoUnits, numeric: true, cell: (d) => d.count },
              ]}
            />
          )}
          <ul>
            {preview.assignments.map((a) => (
              <li>
                {a.unitName}: {sessionWhen(ctx, a, zone)}
              </li>
            ))}
          </ul>
          <Pagination ctx={ctx} base={base} query={{}} at={preview.at} />
          <form method="post" action={base}>
            <Csrf ctx={ctx} />
            <input type="hidden" name="plan" value={props.fingerprint} />
            {preview.at.pages > 1 && <p>{t.autoSavesAll(preview.placed)}</p>}
            <button type="submit" class="button">
              {t.autoCommit}
            </button>
          </form>
        </>
      )}
      {preview.notPlaced > 0 && (
        <>
          <h2>{t.autoUnplaced(preview.notPlaced)}</h2>
          <ul>
            {preview.unplaced.map((u) => (
              <li>{u.unitName}</li>
            ))}
          </ul>
          {preview.notPlaced > preview.unplaced.length && <p>{t.autoNotShown(preview.notPlaced - preview.unplaced.length)}</p>}
        </>
      )}
    </Layout>
  );
}
