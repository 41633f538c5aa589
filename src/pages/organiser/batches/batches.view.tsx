import { ATTENDANCE_DAYS } from '../../../features/attendance.rules';
import type { NonWorking } from '../../../features/holidays/holidays.rules';
import { UNIT_KINDS } from '../../../features/units/units.rules';
import { unitKindText } from '../../../features/units/units.text';
import { formatDate, formatNip } from '../../../platform/format';
import { Checkbox, Checkboxes, Field, Select, type FormProblem, type Typed } from '../../../web/components/form';
import { Table, type Column } from '../../../web/components/table';
import type { PageContext } from '../../../web/context';
import { ActionButton, BackLink, Csrf, Layout } from '../../../web/layout';
import { AttendanceMarks, EnrolmentActions, EnrolmentStatusTag, type EnrolmentLine } from '../enrolments/enrolments.view';
import { enrolmentsText } from '../enrolments/enrolments.text';
import { BatchDays, NumberedLines } from '../../shared/components.view';
import { MonthCalendar } from '../../shared/month-calendar.view';
import { batchesText } from './batches.text';

/** What was typed into a form, to put back after a refusal (the forms reader's Typed, structurally). */

/** Lines for days on the form: a workshop is two days; five lines leave room for longer ones. */
export const DAY_LINES = 5;

type Day = { date: string; start: string; end: string };
/** A batch as the pages show it (the batches service's view, structurally). */
export interface BatchSummary {
  id: number;
  name: string;
  venue: string | null;
  capacity: number;
  days: Day[];
  confirmedCount: number;
  waitlistCount: number;
}
type Programme = { id: number; name: string };

const Fill = ({ ctx, batch }: { ctx: PageContext; batch: BatchSummary }) => {
  const t = batchesText[ctx.lang];
  return (
    <>
      {t.fill(batch.confirmedCount, batch.capacity)}
      {batch.waitlistCount > 0 && `, ${t.waiting(batch.waitlistCount)}`}
    </>
  );
};

/** A batch's fields with its day lines, for adding one and for changing one. */
function BatchForm({ ctx, action, typed, problem, submit }: { ctx: PageContext; action: string; typed: Typed; problem?: FormProblem; submit: string }) {
  const t = batchesText[ctx.lang];
  const value = (name: string) => {
    const typedValue = typed[name];
    return typeof typedValue === 'string' ? typedValue : undefined;
  };
  return (
    <form method="post" action={action} class="form" novalidate>
      <Csrf ctx={ctx} />
      <Field name="name" label={t.name} hint={t.nameHint} value={value('name')} problem={problem} required />
      <Field name="venue" label={t.venue} optionalLabel={ctx.t.common.optional} value={value('venue')} problem={problem} />
      <Field name="capacity" label={t.capacity} type="number" inputMode="numeric" min={1} value={value('capacity') ?? '50'} problem={problem} width="short" />
      <Field name="unitQuota" label={t.unitQuota} hint={t.unitQuotaHint} type="number" inputMode="numeric" min={1} value={value('unitQuota') ?? '3'} problem={problem} width="short" />
      <Checkboxes
        name="eligibleUnitKinds"
        legend={t.eligible}
        hint={t.eligibleHint}
        options={UNIT_KINDS.map((kind) => [kind, unitKindText[ctx.lang][kind]] as const)}
        checked={[typed.eligibleUnitKinds ?? []].flat()}
        problem={problem}
      />
      <NumberedLines
        name="days"
        legend={t.days}
        hint={t.daysHint}
        count={DAY_LINES}
        line={(n) => (
          <>
            <Field name={`date-${n}`} label={t.date(n)} type="date" value={value(`date-${n}`)} problem={problem} width="medium" />
            <Field name={`start-${n}`} label={t.start(n)} value={value(`start-${n}`) ?? '08:00'} problem={problem} width="short" />
            <Field name={`end-${n}`} label={t.end(n)} value={value(`end-${n}`) ?? '16:00'} problem={problem} width="short" />
          </>
        )}
      />
      <Checkbox name="allowNonWorkingDays" label={t.allowNonWorkingDays} hint={t.allowHint} checked={typed.allowNonWorkingDays === 'true'} />
      {(problem?.fields.confirmPast !== undefined || typed.confirmPast === 'true') && (
        <Checkbox name="confirmPast" label={t.confirmPast} checked={typed.confirmPast === 'true'} problem={problem} />
      )}
      <button type="submit" class="button">
        {submit}
      </button>
    </form>
  );
}

export function BatchEditPage({ ctx, batch, typed, problem }: { ctx: PageContext; batch: { id: number; name: string }; typed: Typed; problem?: FormProblem }) {
  const t = batchesText[ctx.lang];
  return (
    <Layout ctx={ctx} title={t.editTitle(batch.name)} problem={problem}>
      <BackLink href={`/organisasi/angkatan/${batch.id}`} label={batch.name} />
      <h1>{t.editTitle(batch.name)}</h1>
      <BatchForm ctx={ctx} action={`/organisasi/angkatan/${batch.id}/ubah`} typed={typed} problem={problem} submit={ctx.t.common.save} />
    </Layout>
  );
}

/** One month of the working calendar beside the form: its closed days, and the dates typed. */
export interface CalendarMonth {
  month: string;
  closed: NonWorking[];
}

export function BatchesPage(props: {
  ctx: PageContext;
  programme: Programme;
  batches: BatchSummary[];
  /** The month shown first ("2013-10"), and the months around it for the links. */
  month: { previous: string; next: string; shown: CalendarMonth[] };
  chosen: string[];
  typed?: Typed;
  problem?: FormProblem;
  notice?: string;
}) {
  const { ctx, programme, batches, month, typed = {}, problem } = props;
  const t = batchesText[ctx.lang];
  const base = `/organisasi/program/${programme.id}/angkatan`;
  return (
    <Layout ctx={ctx} title={`${t.title} · ${programme.name}`} problem={problem} notice={props.notice}>
      <BackLink href={`/organisasi/program/${programme.id}`} label={programme.name} />
      <h1>{t.title}</h1>
      {batches.length === 0 ? (
        <p>{t.none}</p>
      ) : (
        <Table
          rows={batches}
          columns={[
            { header: t.name, rowHeader: true, cell: (batch) => batch.name },
            { header: t.days, cell: (batch) => batch.days.map((d) => formatDate(d.date, ctx.lang)).join('; ') },
            { header: t.venue, cell: (batch) => batch.venue ?? ctx.t.common.none },
            { header: t.capacity, cell: (batch) => <Fill ctx={ctx} batch={batch} /> },
            {
              header: t.open,
              action: true,
              cell: (batch) => (
                <a href={`/organisasi/angkatan/${batch.id}`} aria-label={t.openLabel(batch.name)}>
                  {t.open}
                </a>
              ),
            },
          ]}
        />
      )}

      {batches.length > 0 && (
        <p>
          <a class="button button--secondary" href={`/organisasi/program/${programme.id}/distribusi`}>
            {t.distribute}
          </a>
        </p>
      )}
      <h2>{t.add}</h2>
      <h3>{t.calendar}</h3>
      <p>{t.calendarLead}</p>
      <p class="button-row">
        <a href={`${base}?bulan=${month.previous}`}>{t.previousMonth}</a>
        <a href={`${base}?bulan=${month.next}`}>{t.nextMonth}</a>
      </p>
      {month.shown.map((m) => (
        <MonthCalendar ctx={ctx} month={m.month} closed={m.closed} chosen={props.chosen} />
      ))}
      <BatchForm ctx={ctx} action={base} typed={typed} problem={problem} submit={t.add} />
    </Layout>
  );
}

/** One day of the batch: whether its attendance may be recorded now, who of those shown was present, and how many of the whole batch. */
export interface AttendanceDay extends Day {
  /** Open: the checklist is offered; otherwise why not. */
  window: 'open' | 'TOO_EARLY' | 'TOO_LATE';
  present: number[];
  /** Confirmed officials of the whole batch marked present that day. */
  presentCount: number;
}

/** An official on the roster (the enrolments service's roster line, structurally). */
export interface RosterLine extends EnrolmentLine {
  participantId: number;
  nip: string;
  position: string | null;
  unitName: string;
}

export interface BatchDetails {
  programme: Programme & { timezone: string };
  batch: BatchSummary;
  perUnit: { unitId: number; name: string; confirmed: number; waiting: number }[];
  /** The roster's filter as the address gives it (blank: everyone), and whether it filters. */
  filter: { unit?: string; cari?: string; filtered: boolean };
  /** This page's address with its filter: where the actions lead back to. */
  here: string;
  /** The confirmed officials shown, by unit then name: the roster, and the checklist of every day. */
  confirmed: RosterLine[];
  /** The waitlisted officials shown, in their order. */
  waitlist: RosterLine[];
  days: AttendanceDay[];
  /** Officials shown present on every day. */
  certificates: { id: number; participantName: string }[];
}

/** The roster's columns: the official (a link to their page), NIP as printed, position, unit, status. */
function rosterColumns(ctx: PageContext, programmeId: number, back: string): Column<RosterLine>[] {
  const e = enrolmentsText[ctx.lang];
  return [
    { header: e.name, rowHeader: true, cell: (line) => <a href={`/organisasi/pejabat/${line.participantId}?program=${programmeId}`}>{line.participantName}</a> },
    { header: e.nip, cell: (line) => formatNip(line.nip) },
    { header: e.position, cell: (line) => line.position ?? ctx.t.common.none },
    { header: e.unit, cell: (line) => line.unitName },
    { header: e.status, cell: (line) => <EnrolmentStatusTag ctx={ctx} enrolment={line} /> },
    { header: e.actions, action: true, cell: (line) => <EnrolmentActions ctx={ctx} enrolment={line} back={back} /> },
  ];
}

export function BatchPage({ ctx, details, notice, problem }: { ctx: PageContext; details: BatchDetails; notice?: string; problem?: FormProblem }) {
  const { programme, batch, perUnit, filter, here, confirmed, waitlist, days, certificates } = details;
  const t = batchesText[ctx.lang];
  const e = enrolmentsText[ctx.lang];
  const columns = rosterColumns(ctx, programme.id, here);
  const base = `/organisasi/angkatan/${batch.id}`;
  return (
    <Layout ctx={ctx} title={`${batch.name} · ${programme.name}`} notice={notice} problem={problem}>
      <BackLink href={`/organisasi/program/${programme.id}/angkatan`} label={t.title} />
      <h1>{batch.name}</h1>
      <BatchDays ctx={ctx} batch={batch} zone={programme.timezone} />
      <p class="button-row">
        <a href={`${base}/ubah`}>{t.edit}</a>
        <a href={`${base}/hapus`}>{t.remove}</a>
      </p>
      <p>
        <Fill ctx={ctx} batch={batch} />
      </p>
      <h2>{t.perUnit}</h2>
      {perUnit.length === 0 ? (
        <p>{t.noneEnrolled}</p>
      ) : (
        <Table
          rows={perUnit}
          columns={[
            { header: t.unit, rowHeader: true, cell: (u) => u.name },
            { header: t.confirmed, numeric: true, cell: (u) => u.confirmed },
            { header: t.waitlisted, numeric: true, cell: (u) => u.waiting },
            {
              header: t.invitation,
              action: true,
              cell: (u) => (
                <a href={`/organisasi/unit/${u.unitId}/undangan.pdf?program=${programme.id}`} aria-label={t.invitationLabel(u.name)}>
                  {t.invitation}
                </a>
              ),
            },
          ]}
        />
      )}

      <h2 id="peserta">{t.roster}</h2>
      <p>
        <a class="button button--secondary" href={`${base}/daftarkan`}>
          {t.enrolOfficial}
        </a>
      </p>
      <form method="get" action={`${base}#peserta`} class="filters">
        <Field name="cari" label={t.searchRoster} hint={t.searchRosterHint} value={filter.cari} />
        <Select name="unit" label={t.unit} placeholder={t.allUnits} options={perUnit.map((u) => [String(u.unitId), u.name] as const)} value={filter.unit} />
        <button type="submit" class="button button--secondary">
          {t.show}
        </button>
      </form>
      {filter.filtered && (
        <p>
          {t.showing(confirmed.length, batch.confirmedCount)} <a href={`${base}#peserta`}>{t.showAll}</a>
        </p>
      )}
      {confirmed.length === 0 ? (
        <p>{filter.filtered ? t.noMatch : t.noneEnrolled}</p>
      ) : (
        <Table
          caption={t.roster}
          rows={confirmed}
          columns={[...columns.slice(0, 5), { header: e.attendance, cell: (line) => <AttendanceMarks ctx={ctx} days={batch.days} attendance={line.attendance} /> }, columns[5]!]}
        />
      )}

      <h2>{t.waitlisted}</h2>
      {waitlist.length === 0 ? (
        <p>{filter.filtered && batch.waitlistCount > 0 ? t.noMatch : t.noneWaiting}</p>
      ) : (
        <Table caption={t.waitlisted} rows={waitlist} columns={[{ header: t.order, numeric: true, cell: (line) => line.waitlistPosition }, ...columns]} />
      )}

      <h2>{t.attendance}</h2>
      {days.map((day, i) => (
        <section class="card" aria-labelledby={`day-${i + 1}`}>
          <h3 id={`day-${i + 1}`}>
            {t.day(i + 1)}: {formatDate(day.date, ctx.lang)}
          </h3>
          <p>
            <strong>{t.presentCount(day.presentCount, batch.confirmedCount)}</strong>
          </p>
          <p>
            <a href={`${base}/daftar-hadir.pdf?hari=${i + 1}`}>{t.attendanceSheet(i + 1)}</a>
          </p>
          {day.window === 'TOO_EARLY' && <p>{t.attendanceTooEarly}</p>}
          {day.window === 'TOO_LATE' && <p>{t.attendanceTooLate(ATTENDANCE_DAYS)}</p>}
          {day.window === 'open' && confirmed.length > 0 && (
            <form method="post" action={`${base}/hadir`} class="form">
              <Csrf ctx={ctx} />
              <input type="hidden" name="date" value={day.date} />
              <input type="hidden" name="kembali" value={here} />
              {filter.filtered && (
                <>
                  <p class="hint-text">{t.checklistFiltered(confirmed.length)}</p>
                  {confirmed.map((line) => (
                    <input type="hidden" name="among" value={String(line.id)} />
                  ))}
                </>
              )}
              <Checkboxes
                name="present"
                id={`present-${i + 1}`}
                legend={t.tick(i + 1)}
                options={confirmed.map((line) => [String(line.id), `${line.participantName} · ${line.unitName}`] as const)}
                checked={day.present.map(String)}
              />
              <button type="submit" class="button">
                {t.saveAttendance}
              </button>
            </form>
          )}
        </section>
      ))}
      {certificates.length > 0 && (
        <>
          <h2>{t.certificate}</h2>
          <ul>
            {certificates.map((c) => (
              <li>
                <a href={`/organisasi/pendaftaran/${c.id}/sertifikat.pdf`}>{t.certificateLabel(c.participantName)}</a>
              </li>
            ))}
          </ul>
        </>
      )}
    </Layout>
  );
}

/** What removing a batch takes with it, before it is removed; refused while anyone holds a seat. */
export function BatchRemovePage(props: {
  ctx: PageContext;
  programme: Programme & { timezone: string };
  batch: BatchSummary;
  impact: { confirmed: number; waitlisted: number; cancelled: number; attendanceMarks: number };
  problem?: FormProblem;
}) {
  const { ctx, batch, impact } = props;
  const t = batchesText[ctx.lang];
  const base = `/organisasi/angkatan/${batch.id}`;
  return (
    <Layout ctx={ctx} title={`${t.removeTitle(batch.name)} · ${props.programme.name}`} problem={props.problem}>
      <BackLink href={base} label={batch.name} />
      <h1>{t.removeTitle(batch.name)}</h1>
      <BatchDays ctx={ctx} batch={batch} zone={props.programme.timezone} />
      {impact.confirmed > 0 ? (
        <>
          <p class="warning-text">{t.removeBlocked(impact.confirmed)}</p>
          <p>
            <a href={`${base}#peserta`}>{t.roster}</a>
          </p>
        </>
      ) : (
        <>
          <p>{t.removeLead}</p>
          <ul>
            <li>{t.removeDays(batch.days.length)}</li>
            {impact.waitlisted > 0 && <li>{t.removeWaitlisted(impact.waitlisted)}</li>}
            {impact.cancelled > 0 && <li>{t.removeCancelled(impact.cancelled)}</li>}
            {impact.attendanceMarks > 0 && <li>{t.removeMarks(impact.attendanceMarks)}</li>}
          </ul>
          <div class="button-row">
            <ActionButton ctx={ctx} action={`${base}/hapus`} label={t.removeSubmit} variant="warning" />
            <a href={base}>{t.keep}</a>
          </div>
        </>
      )}
    </Layout>
  );
}
