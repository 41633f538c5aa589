import { Type } from '@sinclair/typebox';
import type { Container } from '../../container';
import { BatchCreateBody } from '../../features/workshops/workshops.schemas';
import { ATTENDANCE_DAYS, attendanceRefusal, daysMissed } from '../../features/attendance.rules';
import { localInstant } from '../../platform/time';
import { UNIT_KINDS } from '../../features/units/units.rules';
import type { Api } from '../../http/api';
import { AppError } from '../../platform/errors';
import { formatDate } from '../../platform/format';
import { Id, LocalDate, LocalTime } from '../../platform/schemas';
import type { PageContext } from '../../web/context';
import { readForm, refusal, type Typed } from '../../web/forms';
import { BackLink, Checkbox, Csrf, Field, Layout, type FormProblem } from '../../web/layout';
import { signedIn } from '../../web/web';
import { BatchDays, NumberedLines } from '../shared/components.view';
import { flashOf } from '../shared/flash';
import { IdParams, ProgrammeParams, actorOf } from '../shared/page-helpers';
import { closedReason, datesOf, MonthCalendar, monthAfter } from '../shared/month-calendar.view';

type Services = Pick<Container, 'uow' | 'clock' | 'programmes' | 'batches' | 'enrolments' | 'holidays' | 'participants' | 'units'>;
type Batch = ReturnType<Container['batches']['get']>;

/** Lines for days on the form: a workshop is two days; five lines leave room for longer ones. */
const DAY_LINES = 5;

const MonthQuery = Type.Object({ bulan: Type.Optional(Type.String({ pattern: '^(19|20|21)\\d\\d-(0[1-9]|1[0-2])$' })), ok: Type.Optional(Type.String()) });

/** The form's day lines ("date-1", "start-1", "end-1"...) as the API's days; empty lines are left out. */
function daysOf(raw: Record<string, string>) {
  return Array.from({ length: DAY_LINES }, (_, i) => ({ line: i + 1, date: raw[`date-${i + 1}`]?.trim() ?? '', start: raw[`start-${i + 1}`]?.trim() ?? '', end: raw[`end-${i + 1}`]?.trim() ?? '' })).filter(
    (d) => d.date !== '',
  );
}

/** The batch's fields (the API's body but its days, which come from the day lines). */
const BatchFields = Type.Omit(BatchCreateBody, ['days']);
const DayLine = Type.Object({ date: LocalDate, start: LocalTime, end: LocalTime });

function readBatch(body: unknown, ctx: PageContext) {
  const raw = (body ?? {}) as Record<string, string>;
  const days = daysOf(raw);
  const form = readForm(BatchFields, { ...raw, allowNonWorkingDays: raw.allowNonWorkingDays ?? 'false' }, ctx);
  const problem: FormProblem = { fields: form.ok ? {} : { ...form.problem.fields } };
  // Each day line is checked on its own, its message beside its own field.
  for (const day of days) {
    const checked = readForm(DayLine, day, ctx);
    if (!checked.ok) for (const [field, message] of Object.entries(checked.problem.fields)) problem.fields[`${field}-${day.line}`] = message;
  }
  if (days.length === 0) problem.fields['date-1'] = ctx.t.validation.required;
  const lines = days.map((d) => d.line);
  if (!form.ok || Object.keys(problem.fields).length > 0) return { ok: false as const, problem, typed: raw as Typed, lines };
  return { ok: true as const, value: { ...form.value, days: days.map(({ date, start, end }) => ({ date, start, end })) }, typed: raw as Typed, lines };
}

/** A batch's fields with its day lines, for adding one and for changing one. */
function BatchForm({ ctx, action, typed, problem, submit }: { ctx: PageContext; action: string; typed: Typed; problem?: FormProblem; submit: string }) {
  const t = ctx.t.batches;
  const kinds = [typed.eligibleUnitKinds ?? []].flat();
  return (
  <form method="post" action={action} class="form" novalidate>
    <Csrf ctx={ctx} />
    <Field name="name" label={t.name} hint={t.nameHint} value={typed.name as string} problem={problem} required />
    <Field name="venue" label={t.venue} optionalLabel={ctx.t.common.optional} value={typed.venue as string} problem={problem} />
    <Field name="capacity" label={t.capacity} type="number" inputMode="numeric" min={1} value={(typed.capacity as string) ?? '50'} problem={problem} width="short" />
    <Field name="unitQuota" label={t.unitQuota} hint={t.unitQuotaHint} type="number" inputMode="numeric" min={1} value={(typed.unitQuota as string) ?? '3'} problem={problem} width="short" />
    <fieldset class="checkboxes" aria-describedby="eligible-hint">
      <legend>{t.eligible}</legend>
      <p class="field__hint" id="eligible-hint">
        {t.eligibleHint}
      </p>
      {UNIT_KINDS.map((kind) => (
        <label class="checkbox">
          <input type="checkbox" name="eligibleUnitKinds" value={kind} checked={kinds.includes(kind)} />
          {ctx.t.unitKinds[kind]}
        </label>
      ))}
    </fieldset>
    <NumberedLines
      name="days"
      legend={t.days}
      hint={t.daysHint}
      count={DAY_LINES}
      line={(n) => (
        <>
          <Field name={`date-${n}`} label={t.date(n)} type="date" value={typed[`date-${n}`] as string} problem={problem} width="medium" />
          <Field name={`start-${n}`} label={t.start(n)} value={(typed[`start-${n}`] as string) ?? '08:00'} problem={problem} width="short" />
          <Field name={`end-${n}`} label={t.end(n)} value={(typed[`end-${n}`] as string) ?? '16:00'} problem={problem} width="short" />
        </>
      )}
    />
    <Checkbox name="allowNonWorkingDays" label={t.allowNonWorkingDays} hint={t.allowHint} checked={typed.allowNonWorkingDays === 'true'} />
    <button type="submit" class="button">
      {submit}
    </button>
  </form>
  );
}

/** A batch as its form's fields, to change it. */
function typedOf(batch: Batch): Typed {
  const typed: Typed = { name: batch.name, venue: batch.venue ?? '', capacity: String(batch.capacity), unitQuota: String(batch.unitQuota), eligibleUnitKinds: batch.eligibleUnitKinds ?? [] };
  batch.days.forEach((day, i) => Object.assign(typed, { [`date-${i + 1}`]: day.date, [`start-${i + 1}`]: day.start, [`end-${i + 1}`]: day.end }));
  return typed;
}

function BatchEditPage({ ctx, batch, typed, problem }: { ctx: PageContext; batch: Batch; typed?: Typed; problem?: FormProblem }) {
  const t = ctx.t.batches;
  return (
    <Layout ctx={ctx} title={t.editTitle(batch.name)} problem={problem}>
      <BackLink href={`/organisasi/angkatan/${batch.id}`} label={batch.name} />
      <h1>{t.editTitle(batch.name)}</h1>
      <BatchForm ctx={ctx} action={`/organisasi/angkatan/${batch.id}/ubah`} typed={typed ?? typedOf(batch)} problem={problem} submit={ctx.t.common.save} />
    </Layout>
  );
}

function BatchesPage(props: { ctx: PageContext; services: Services; programmeId: number; month?: string; typed?: Typed; problem?: FormProblem; notice?: string }) {
  const { ctx, services, programmeId, typed = {}, problem } = props;
  const t = ctx.t.batches;
  const programme = services.programmes.get(programmeId);
  const batches = services.batches.listForProgramme(programmeId);
  const typedDates = Array.from({ length: DAY_LINES }, (_, i) => String(typed[`date-${i + 1}`] ?? '')).filter((d) => /^\d{4}-\d\d-\d\d$/.test(d));
  const today = services.clock.now().setZone(programme.timezone).toFormat('yyyy-MM');
  const month = props.month ?? typedDates[0]?.slice(0, 7) ?? batches.at(-1)?.days[0]?.date.slice(0, 7) ?? today;
  const months = [month, monthAfter(month, 1)];
  const base = `/organisasi/program/${programmeId}/angkatan`;
  return (
    <Layout ctx={ctx} title={`${t.title} · ${programme.name}`} problem={problem} notice={props.notice}>
      <BackLink href={`/organisasi/program/${programmeId}`} label={programme.name} />
      <h1>{t.title}</h1>
      {batches.length === 0 ? (
        <p>{t.none}</p>
      ) : (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{t.name}</th>
              <th scope="col">{t.days}</th>
              <th scope="col">{t.venue}</th>
              <th scope="col">{t.capacity}</th>
              <th scope="col">
                <span class="visually-hidden">{t.open}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {batches.map((batch) => (
              <tr>
                <th scope="row">{batch.name}</th>
                <td data-label={t.days}>{batch.days.map((d) => formatDate(d.date, ctx.lang)).join('; ')}</td>
                <td data-label={t.venue}>{batch.venue ?? ctx.t.common.none}</td>
                <td data-label={t.capacity}>
                  {t.fill(batch.confirmedCount, batch.capacity)}
                  {batch.waitlistCount > 0 && `, ${t.waiting(batch.waitlistCount)}`}
                </td>
                <td>
                  <a href={`/organisasi/angkatan/${batch.id}`} aria-label={t.openLabel(batch.name)}>
                    {t.open}
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {batches.length > 0 && (
        <p>
          <a class="button button--secondary" href={`/organisasi/program/${programmeId}/distribusi`}>
            {ctx.t.distribution.link}
          </a>
        </p>
      )}
      <h2>{t.add}</h2>
      <h3>{t.calendar}</h3>
      <p>{t.calendarLead}</p>
      <p class="button-row">
        <a href={`${base}?bulan=${monthAfter(month, -1)}`}>{t.previousMonth}</a>
        <a href={`${base}?bulan=${monthAfter(month, 1)}`}>{t.nextMonth}</a>
      </p>
      {months.map((m) => (
        <MonthCalendar ctx={ctx} month={m} closed={services.holidays.nonWorkingDays(datesOf(m))} chosen={typedDates} />
      ))}
      <BatchForm ctx={ctx} action={base} typed={typed} problem={problem} submit={t.add} />

    </Layout>
  );
}

function BatchPage({ ctx, services, batch, notice, problem }: { ctx: PageContext; services: Services; batch: Batch; notice?: string; problem?: FormProblem }) {
  const t = ctx.t.batches;
  const actor = ctx.signedIn!.actor;
  const programme = services.programmes.get(batch.programmeId);
  const enrolments = services.enrolments.listForBatch(actor, batch.id).filter((e) => e.status !== 'cancelled');
  const unitNames = new Map<number, string>();
  for (const e of enrolments) if (!unitNames.has(e.unitId)) unitNames.set(e.unitId, services.units.get(e.unitId).name);
  const perUnit = [...unitNames].map(([unitId, name]) => ({
    unitId,
    name,
    confirmed: enrolments.filter((e) => e.unitId === unitId && e.status === 'confirmed').length,
    waiting: enrolments.filter((e) => e.unitId === unitId && e.status === 'waitlisted').length,
  }));
  const confirmed = enrolments.filter((e) => e.status === 'confirmed').sort((a, b) => unitNames.get(a.unitId)!.localeCompare(unitNames.get(b.unitId)!) || a.participantName.localeCompare(b.participantName));
  const waitlist = enrolments.filter((e) => e.status === 'waitlisted').sort((a, b) => (a.waitlistPosition ?? 0) - (b.waitlistPosition ?? 0));
  const presentAll = (e: (typeof enrolments)[number]) => daysMissed(batch.days, e.attendance).length === 0;
  // A day's checklist is offered while its attendance may be recorded (the service's rule).
  const open = (day: { date: string; start: string }) => attendanceRefusal(localInstant(day.date, day.start, programme.timezone), services.clock.now());
  return (
    <Layout ctx={ctx} title={`${batch.name} · ${programme.name}`} notice={notice} problem={problem}>
      <BackLink href={`/organisasi/program/${programme.id}/angkatan`} label={t.title} />
      <h1>{batch.name}</h1>
      <BatchDays ctx={ctx} batch={batch} zone={programme.timezone} />
      <p>
        <a href={`/organisasi/angkatan/${batch.id}/ubah`}>{t.edit}</a>
      </p>
      <p>
        {t.fill(batch.confirmedCount, batch.capacity)}
        {batch.waitlistCount > 0 && `, ${t.waiting(batch.waitlistCount)}`}
      </p>
      <h2>{t.perUnit}</h2>
      <table class="table">
        <thead>
          <tr>
            <th scope="col">{t.unit}</th>
            <th scope="col">{t.confirmed}</th>
            <th scope="col">{t.waitlisted}</th>
            <th scope="col">
              <span class="visually-hidden">{t.invitation}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {perUnit.map((u) => (
            <tr>
              <th scope="row">{u.name}</th>
              <td data-label={t.confirmed} class="num">
                {u.confirmed}
              </td>
              <td data-label={t.waitlisted} class="num">
                {u.waiting}
              </td>
              <td>
                <a href={`/organisasi/unit/${u.unitId}/undangan.pdf?program=${programme.id}`} aria-label={t.invitationLabel(u.name)}>
                  {t.invitation}
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {waitlist.length > 0 && (
        <>
          <h2>{t.waitlisted}</h2>
          <ol>
            {waitlist.map((e) => (
              <li>
                {e.participantName} · {unitNames.get(e.unitId)}
              </li>
            ))}
          </ol>
        </>
      )}
      <h2>{t.attendance}</h2>
      {batch.days.map((day, i) => (
        <section class="card" aria-labelledby={`day-${i + 1}`}>
          <h3 id={`day-${i + 1}`}>
            {t.day(i + 1)}: {formatDate(day.date, ctx.lang)}
          </h3>
          <p>
            <a href={`/organisasi/angkatan/${batch.id}/daftar-hadir.pdf?hari=${i + 1}`}>{t.attendanceSheet(i + 1)}</a>
          </p>
          {open(day)?.code === 'TOO_EARLY' && <p>{t.attendanceTooEarly}</p>}
          {open(day)?.code === 'TOO_LATE' && <p>{t.attendanceTooLate(ATTENDANCE_DAYS)}</p>}
          {!open(day) && (
            <form method="post" action={`/organisasi/angkatan/${batch.id}/hadir`} class="form">
              <Csrf ctx={ctx} />
              <input type="hidden" name="date" value={day.date} />
              <fieldset class="checkboxes">
                <legend>{t.tick(i + 1)}</legend>
                {confirmed.map((e) => (
                  <label class="checkbox">
                    <input type="checkbox" name="present" value={e.id} checked={e.attendance.some((a) => a.date === day.date && a.present)} />
                    {e.participantName} · {unitNames.get(e.unitId)}
                  </label>
                ))}
              </fieldset>
              <button type="submit" class="button">
                {t.saveAttendance}
              </button>
            </form>
          )}
        </section>
      ))}
      {confirmed.some(presentAll) && (
        <>
          <h2>{t.certificate}</h2>
          <ul>
            {confirmed.filter(presentAll).map((e) => (
              <li>
                <a href={`/organisasi/pendaftaran/${e.id}/sertifikat.pdf`}>{t.certificateLabel(e.participantName)}</a>
              </li>
            ))}
          </ul>
        </>
      )}
    </Layout>
  );
}

const AttendanceForm = Type.Object({ date: LocalDate, present: Type.Optional(Type.Array(Id, { maxItems: 10000 })) });

export function batchPages(web: Api, services: Services) {
  const { batches, enrolments, holidays } = services;
  /** A refusal in words; each closed day beside its own date: a weekend, or the holiday's name from the decree. */
  function explained(error: unknown, ctx: PageContext, form: { value: { days: { date: string }[] }; lines: number[] }) {
    const refused = refusal(error, ctx);
    // A day's problem (a date twice, an end before its start) beside that day's own field.
    for (const e of error instanceof AppError ? error.errors ?? [] : []) {
      const day = /^\/body\/days\/(\d+)\/(date|start|end)$/.exec(e.path);
      if (!day) continue;
      delete refused.fields[day[2]!];
      refused.fields[`${day[2]}-${form.lines[Number(day[1])]}`] = ctx.t.validation.invalid;
    }
    if (error instanceof AppError && error.code === 'NOT_A_WORKING_DAY') {
      refused.fields = {};
      for (const day of holidays.nonWorkingDays(form.value.days.map((d) => d.date))) {
        const line = form.lines[form.value.days.findIndex((d) => d.date === day.date)];
        refused.fields[`date-${line}`] = ctx.t.batches.closedDay(formatDate(day.date, ctx.lang), closedReason(ctx, day));
      }
    }
    return refused;
  }
  const guard = { onRequest: signedIn('organiser') };
  const listOptions = { ...guard, schema: { params: ProgrammeParams, querystring: MonthQuery } };

  web.get('/organisasi/program/:programmeId/angkatan', listOptions, async (request, reply) =>
    reply.sendPage(<BatchesPage ctx={request.page} services={services} programmeId={request.params.programmeId} month={request.query.bulan} notice={flashOf(request)} />),
  );

  web.post('/organisasi/program/:programmeId/angkatan', { ...guard, schema: { params: ProgrammeParams } }, async (request, reply) => {
    const ctx = request.page;
    const { programmeId } = request.params;
    const form = readBatch(request.body, ctx);
    const page = (problem: FormProblem, status: number) => reply.sendPage(<BatchesPage ctx={ctx} services={services} programmeId={programmeId} typed={form.typed} problem={problem} />, status);
    if (!form.ok) return page(form.problem, 400);
    try {
      batches.create(actorOf(request), programmeId, form.value);
    } catch (error) {
      const refused = explained(error, ctx, form);
      return page(refused, refused.status);
    }
    return reply.redirect(`/organisasi/program/${programmeId}/angkatan?ok=batchAdded`, 303);
  });

  web.get('/organisasi/angkatan/:id', { ...guard, schema: { params: IdParams } }, async (request, reply) =>
    reply.sendPage(<BatchPage ctx={request.page} services={services} batch={batches.get(request.params.id)} notice={flashOf(request)} />),
  );

  web.get('/organisasi/angkatan/:id/ubah', { ...guard, schema: { params: IdParams } }, async (request, reply) => reply.sendPage(<BatchEditPage ctx={request.page} batch={batches.get(request.params.id)} />));

  web.post('/organisasi/angkatan/:id/ubah', { ...guard, schema: { params: IdParams } }, async (request, reply) => {
    const ctx = request.page;
    const batch = batches.get(request.params.id);
    const form = readBatch(request.body, ctx);
    if (!form.ok) return reply.sendPage(<BatchEditPage ctx={ctx} batch={batch} typed={form.typed} problem={form.problem} />, 400);
    try {
      batches.update(actorOf(request), batch.id, { ...form.value, venue: form.value.venue ?? null, eligibleUnitKinds: form.value.eligibleUnitKinds ?? null });
    } catch (error) {
      const refused = explained(error, ctx, form);
      return reply.sendPage(<BatchEditPage ctx={ctx} batch={batch} typed={form.typed} problem={refused} />, refused.status);
    }
    return reply.redirect(`/organisasi/angkatan/${batch.id}?ok=batchSaved`, 303);
  });

  /** One day's attendance from the checklist: ticked present, unticked absent (marks already equal are left alone). */
  web.post('/organisasi/angkatan/:id/hadir', { ...guard, schema: { params: IdParams } }, async (request, reply) => {
    const ctx = request.page;
    const batch = batches.get(request.params.id);
    const form = readForm(AttendanceForm, request.body, ctx);
    if (!form.ok || !batch.days.some((d) => d.date === form.value.date)) return reply.callNotFound();
    const present = new Set(form.value.present ?? []);
    try {
      // One transaction: the whole list is saved, or nothing.
      services.uow.write(() => {
        for (const e of enrolments.listForBatch(actorOf(request), batch.id).filter((e) => e.status === 'confirmed')) {
          const now = e.attendance.find((a) => a.date === form.value.date)?.present;
          if (now !== present.has(e.id)) enrolments.setAttendance(actorOf(request), e.id, { date: form.value.date, present: present.has(e.id) });
        }
      });
    } catch (error) {
      const refused = refusal(error, ctx);
      if (refused.code === 'TOO_EARLY') refused.summary = ctx.t.batches.attendanceTooEarly;
      if (refused.code === 'TOO_LATE') refused.summary = ctx.t.batches.attendanceTooLate(ATTENDANCE_DAYS);
      return reply.sendPage(<BatchPage ctx={ctx} services={services} batch={batch} problem={{ summary: refused.summary, fields: {} }} />, refused.status);
    }
    return reply.redirect(`/organisasi/angkatan/${batch.id}?ok=attendanceSaved`, 303);
  });
}
