import { Type } from '@sinclair/typebox';
import { DateTime } from 'luxon';
import type { FastifyRequest } from 'fastify';
import type { Container } from '../../container';
import { attendanceRefusal } from '../../features/attendance.rules';
import { PeriodCreateBody } from '../../features/periods/periods.schemas';
import type { Api } from '../../http/api';
import { formatDate, formatShortDate, formatTimeRange, zoneName } from '../../platform/format';
import { Id, LocalDate, LocalTime, Name, Text } from '../../platform/schemas';
import { localToOffsetIso } from '../../platform/time';
import type { PageContext } from '../../web/context';
import { readForm, refusal, type Typed } from '../../web/forms';
import { BackLink, Checkbox, Csrf, Field, Layout, Select, type FormProblem } from '../../web/layout';
import { signedIn } from '../../web/web';
import { NumberedLines, sessionWhen } from '../shared/components.view';
import { flashOf } from '../shared/flash';
import { IdParams, ProgrammeParams, actorOf, fingerprintOf } from '../shared/page-helpers';
import { closedReason, datesOf, MonthCalendar } from '../shared/month-calendar.view';

type Services = Pick<Container, 'uow' | 'clock' | 'programmes' | 'periods' | 'bookings' | 'requests' | 'walkIns' | 'units' | 'holidays'>;
type Period = ReturnType<Container['periods']['listForProgramme']>[number];

const SLOT_LINES = 3;
const SlotLine = Type.Object({ start: LocalTime, end: LocalTime });
const WINDOWS = ['bookingOpensAt', 'priorityUntil', 'bookingClosesAt'] as const;

/** The period form as the API's body: slot lines, local date-times in the programme's zone, ticked boxes. */
function readPeriod(body: unknown, ctx: PageContext, zone: string) {
  const raw = (body ?? {}) as Record<string, string>;
  const slotTimes = Array.from({ length: SLOT_LINES }, (_, i) => ({ start: raw[`slotStart-${i + 1}`]?.trim() ?? '', end: raw[`slotEnd-${i + 1}`]?.trim() ?? '' })).filter((s) => s.start || s.end);
  const form = readForm(Type.Omit(PeriodCreateBody, ['slotTimes', 'closedDates', 'priorityCutoff', ...WINDOWS]), { ...raw, skipWeekends: raw.skipWeekends ?? 'false', useNationalHolidays: raw.useNationalHolidays ?? 'false' }, ctx);
  const fields: Record<string, string> = form.ok ? {} : { ...form.problem.fields };
  slotTimes.forEach((slot, i) => {
    const checked = readForm(SlotLine, slot, ctx);
    if (!checked.ok) for (const [side, message] of Object.entries(checked.problem.fields)) fields[`slot${side === 'start' ? 'Start' : 'End'}-${i + 1}`] = message;
  });
  const windows: Record<string, string | null> = {};
  for (const name of WINDOWS) {
    const value = raw[name]?.trim() ?? '';
    const match = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d)$/.exec(value);
    if (value === '') windows[name] = null;
    else if (match) windows[name] = localToOffsetIso(match[1]!, match[2]!, zone);
    else fields[name] = ctx.t.validation.format;
  }
  if (!form.ok || Object.keys(fields).length > 0) return { ok: false as const, problem: { fields }, typed: raw as Typed };
  return { ok: true as const, value: { ...form.value, ...windows, ...(slotTimes.length ? { slotTimes } : {}), location: form.value.location ?? null }, typed: raw as Typed };
}

function PeriodFormPage(props: { ctx: PageContext; services: Services; programmeId: number; typed?: Typed; problem?: FormProblem; preview?: Period }) {
  const { ctx, services, programmeId, problem, preview } = props;
  const typed = props.typed ?? { workingDays: '10', 'slotStart-1': '09:00', 'slotEnd-1': '12:00', 'slotStart-2': '13:00', 'slotEnd-2': '16:00', cancelNoticeHours: '24', skipWeekends: 'true', useNationalHolidays: 'true' };
  const t = ctx.t.periodConsole;
  const programme = services.programmes.get(programmeId);
  const value = (name: string) => (typed[name] as string | undefined) ?? '';
  const months = preview ? [...new Set([preview.startDate, ...preview.workingDates, preview.endDate].map((d) => d.slice(0, 7)))] : [];
  // Every day between the first and the last that is not used, and why: a closure, a holiday, a weekend.
  const skipped: [string, string][] = [];
  if (preview) {
    const between = months.flatMap(datesOf).filter((d) => d >= preview.startDate && d <= preview.endDate && !preview.workingDates.includes(d));
    const closed = new Map(services.holidays.nonWorkingDays(between).map((c) => [c.date, c]));
    for (const date of between) {
      const own = preview.closedDates.find((c) => c.date === date && c.source !== 'holiday');
      const day = closed.get(date);
      skipped.push([date, own ? own.reason : day ? closedReason(ctx, day) : '']);
    }
  }
  return (
    <Layout ctx={ctx} title={`${t.newTitle} · ${programme.name}`} problem={problem}>
      <BackLink href={`/organisasi/program/${programmeId}/asistensi`} label={t.title} />
      <h1>{t.newTitle}</h1>
      {preview && (
        <section aria-labelledby="preview">
          <h2 id="preview">{t.previewTitle}</h2>
          <p>{t.workingList(preview.workingDays, formatDate(preview.startDate, ctx.lang), formatDate(preview.endDate, ctx.lang))}</p>
          {preview.provisionalYears.length > 0 && <p class="warning-text">{t.provisional(preview.provisionalYears.join(', '))}</p>}
          <h3>{t.skipped}</h3>
          {skipped.length === 0 ? (
            <p>{t.noneSkipped}</p>
          ) : (
            <ul>
              {skipped.map(([date, why]) => (
                <li>
                  {formatDate(date, ctx.lang)}: {why}
                </li>
              ))}
            </ul>
          )}
          {months.map((m) => (
            <MonthCalendar ctx={ctx} month={m} closed={services.holidays.nonWorkingDays(datesOf(m))} chosen={preview.workingDates} />
          ))}
        </section>
      )}
      <form method="post" action={`/organisasi/program/${programmeId}/asistensi/baru`} class="form" novalidate>
        <Csrf ctx={ctx} />
        <Field name="name" label={t.name} value={value('name')} problem={problem} required />
        <Field name="startDate" label={t.startDate} type="date" value={value('startDate')} problem={problem} width="medium" required />
        <Field name="workingDays" label={t.workingDays} type="number" inputMode="numeric" min={1} max={120} value={value('workingDays')} problem={problem} width="short" />
        <NumberedLines
          name="slots"
          legend={t.slots}
          hint={t.slotsHint}
          count={SLOT_LINES}
          line={(n) => (
            <>
              <Field name={`slotStart-${n}`} label={t.slotStart(n)} value={value(`slotStart-${n}`)} problem={problem} width="short" />
              <Field name={`slotEnd-${n}`} label={t.slotEnd(n)} value={value(`slotEnd-${n}`)} problem={problem} width="short" />
            </>
          )}
        />
        <Field name="location" label={t.location} optionalLabel={ctx.t.common.optional} value={value('location')} problem={problem} />
        {WINDOWS.map((name) => (
          <Field
            name={name}
            label={{ bookingOpensAt: t.opensAt, priorityUntil: t.priorityUntil, bookingClosesAt: t.closesAt }[name]}
            hint={t.windowHint(zoneName(programme.timezone))}
            type={'datetime-local' as 'text'}
            value={value(name)}
            problem={problem}
            width="medium"
          />
        ))}
        <Field name="cancelNoticeHours" label={t.notice} type="number" inputMode="numeric" min={0} max={720} value={value('cancelNoticeHours')} problem={problem} width="short" />
        <Checkbox name="skipWeekends" label={t.skipWeekends} checked={typed.skipWeekends === 'true'} />
        <Checkbox name="useNationalHolidays" label={t.useNationalHolidays} checked={typed.useNationalHolidays === 'true'} />
        <div class="button-row">
          <button type="submit" name="aksi" value="pratinjau" class="button button--secondary">
            {t.preview}
          </button>
          <button type="submit" name="aksi" value="simpan" class="button">
            {t.create}
          </button>
        </div>
      </form>
    </Layout>
  );
}

function PeriodsPage({ ctx, services, programmeId, notice }: { ctx: PageContext; services: Services; programmeId: number; notice?: string }) {
  const t = ctx.t.periodConsole;
  const programme = services.programmes.get(programmeId);
  const periods = services.periods.listForProgramme(programmeId);
  return (
    <Layout ctx={ctx} title={`${t.title} · ${programme.name}`} notice={notice}>
      <BackLink href={`/organisasi/program/${programmeId}`} label={programme.name} />
      <h1>{t.title}</h1>
      {periods.length === 0 ? (
        <p>{t.none}</p>
      ) : (
        <ul>
          {periods.map((p) => (
            <li>
              <a href={`/organisasi/asistensi/${p.id}`}>{p.name}</a>: {t.workingList(p.workingDays, formatDate(p.startDate, ctx.lang), formatDate(p.endDate, ctx.lang))}
            </li>
          ))}
        </ul>
      )}
      <p>
        <a class="button" href={`/organisasi/program/${programmeId}/asistensi/baru`}>
          {t.add}
        </a>
      </p>
    </Layout>
  );
}

function PeriodPage({ ctx, services, period, notice, problem, typed = {} }: { ctx: PageContext; services: Services; period: Period; notice?: string; problem?: FormProblem; typed?: Typed }) {
  const t = ctx.t.periodConsole;
  const actor = ctx.signedIn!.actor;
  const programme = services.programmes.get(period.programmeId);
  const zone = programme.timezone;
  const base = `/organisasi/asistensi/${period.id}`;
  const slots = services.bookings.listSlots(actor, period.id, {});
  const bookings = services.bookings.list(actor, period.id).filter((b) => b.status === 'active');
  const bookingOfSlot = new Map(bookings.map((b) => [b.slotId, b]));
  // Sessions whose attendance may be recorded now (the service's rule: from the start, for 30 days).
  const started = bookings.filter((b) => !attendanceRefusal(DateTime.fromISO(b.startsAt), services.clock.now()));
  const requests = services.requests.list(actor, period.id).filter((r) => r.status === 'open');
  const walkIns = services.walkIns.list(actor, period.id);
  const units = services.units.list({ limit: 1000, offset: 0 });
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const dates = [...new Set(slots.map((s) => s.date))];
  return (
    <Layout ctx={ctx} title={`${period.name} · ${programme.name}`} notice={notice} problem={problem}>
      <BackLink href={`/organisasi/program/${programme.id}/asistensi`} label={t.title} />
      <h1>{period.name}</h1>
      <p>{t.workingList(period.workingDays, formatDate(period.startDate, ctx.lang), formatDate(period.endDate, ctx.lang))}</p>
      <p class="button-row">
        <a href={`/organisasi/asistensi/${period.id}/jadwal.pdf`}>{t.schedulePdf}</a>
        <a href={`${base}/jadwal-otomatis`}>{t.autoSchedule}</a>
      </p>

      <h2>{t.grid}</h2>
      {dates.map((date) => {
        const daySlots = slots.filter((s) => s.date === date);
        const open = daySlots.some((s) => s.status !== 'closed');
        return (
          <section class="grid-day" aria-labelledby={`day-${date}`}>
            <h3 class="grid-day__title" id={`day-${date}`}>
              {formatDate(date, ctx.lang)}
            </h3>
            <ul class="grid-day__slots">
              {daySlots.map((slot) => (
                <li class={`slot slot--${slot.status === 'closed' ? 'closed' : slot.status === 'booked' ? 'taken' : 'free'}`}>
                  <span class="slot__time">{formatTimeRange(slot.start, slot.end, zone, ctx.lang)}</span>
                  <span class="slot__state">{slot.status === 'closed' ? t.closed : 'unit' in slot ? slot.unit.name : t.free}</span>
                  {bookingOfSlot.get(slot.id)?.attended && <span class="tag tag--ok">{t.attended}</span>}
                </li>
              ))}
            </ul>
            {open && (
              <p class="grid-day__actions">
                <a href={`${base}/tutup?tanggal=${date}`} aria-label={t.closeDayLabel(formatDate(date, ctx.lang))}>
                  {t.closeDay}
                </a>
              </p>
            )}
          </section>
        );
      })}

      <h2>{t.requests}</h2>
      {requests.length === 0 ? (
        <p>{t.noRequests}</p>
      ) : (
        <ul>
          {requests.map((r) => (
            <li>
              {unitName.get(r.unitId)}
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

      {started.length > 0 && (
        <>
          <h2>{t.attendance}</h2>
          <form method="post" action={`${base}/hadir`} class="form">
            <Csrf ctx={ctx} />
            <fieldset class="checkboxes">
              <legend>{t.attendanceLead}</legend>
              {started.map((b) => (
                <label class="checkbox">
                  <input type="checkbox" name="present" value={b.id} checked={b.attended === true} />
                  {b.unitName} · {sessionWhen(ctx, b, zone)}
                </label>
              ))}
            </fieldset>
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
        <Select name="unitId" label={t.walkInUnit} placeholder={ctx.t.console.chooseUnit} options={units.map((u) => [String(u.id), u.name])} value={typed.unitId as string} problem={problem} />
        <Field name="date" label={t.walkInDate} type="date" value={typed.date as string} problem={problem} width="medium" />
        <Field name="notes" label={t.walkInNotes} optionalLabel={ctx.t.common.optional} value={typed.notes as string} problem={problem} />
        <button type="submit" class="button button--secondary">
          {t.addWalkIn}
        </button>
      </form>
    </Layout>
  );
}

function ClosePage({ ctx, period, zone, date, displaced, typed = {}, problem }: { ctx: PageContext; period: Period; zone: string; date: string; displaced: { unitName: string; start: string; end: string }[]; typed?: Typed; problem?: FormProblem }) {
  const t = ctx.t.periodConsole;
  const title = t.closeTitle(formatDate(date, ctx.lang));
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
        <Field name="reason" label={t.reason} hint={t.reasonHint} value={typed.reason as string} problem={problem} required />
        <button type="submit" class="button button--warning">
          {t.confirmClose}
        </button>
      </form>
    </Layout>
  );
}

function AutoSchedulePage(props: { ctx: PageContext; period: Period; zone: string; plan: ReturnType<Container['requests']['autoSchedule']>; notice?: string; changed?: boolean }) {
  const { ctx, period, zone, plan } = props;
  const t = ctx.t.periodConsole;
  return (
    <Layout ctx={ctx} title={t.autoTitle} notice={props.notice} problem={props.changed ? { summary: ctx.t.common.planChanged, fields: {} } : undefined}>
      <BackLink href={`/organisasi/asistensi/${period.id}`} label={period.name} />
      <h1>{t.autoTitle}</h1>
      <p>{t.autoLead}</p>
      {plan.assignments.length === 0 && plan.unplaced.length === 0 && <p>{t.autoNothing}</p>}
      {plan.assignments.length > 0 && (
        <>
          <h2>{t.autoPlaced(plan.assignments.length)}</h2>
          <ul>
            {plan.assignments.map((a) => (
              <li>
                {a.unitName}: {sessionWhen(ctx, a, zone)}
              </li>
            ))}
          </ul>
          <form method="post" action={`/organisasi/asistensi/${period.id}/jadwal-otomatis`}>
            <Csrf ctx={ctx} />
            <input type="hidden" name="plan" value={fingerprintOf([plan.assignments, plan.unplaced])} />
            <button type="submit" class="button">
              {t.autoCommit}
            </button>
          </form>
        </>
      )}
      {plan.unplaced.length > 0 && (
        <>
          <h2>{t.autoUnplaced(plan.unplaced.length)}</h2>
          <ul>
            {plan.unplaced.map((u) => (
              <li>{u.unitName}</li>
            ))}
          </ul>
        </>
      )}
    </Layout>
  );
}

const CloseForm = Type.Object({ date: LocalDate, reason: Name });
const CloseQuery = Type.Object({ tanggal: LocalDate });
const WalkInForm = Type.Object({ unitId: Id, date: LocalDate, notes: Type.Optional(Text(1000)) });
const PresentForm = Type.Object({ present: Type.Optional(Type.Array(Id, { maxItems: 10000 })) });

export function asistensiConsolePages(web: Api, services: Services) {
  const { uow, periods, bookings, requests, walkIns, programmes } = services;
  const guard = { onRequest: signedIn('organiser') };
  const byProgramme = { ...guard, schema: { params: ProgrammeParams } };
  const byPeriod = { ...guard, schema: { params: IdParams } };
  const periodOf = (id: number) => periods.view(periods.load(id));
  const zoneOf = (period: Period) => programmes.get(period.programmeId).timezone;

  web.get('/organisasi/program/:programmeId/asistensi', byProgramme, async (request, reply) =>
    reply.sendPage(<PeriodsPage ctx={request.page} services={services} programmeId={request.params.programmeId} notice={flashOf(request)} />),
  );

  web.get('/organisasi/program/:programmeId/asistensi/baru', byProgramme, async (request, reply) => {
    programmes.get(request.params.programmeId);
    return reply.sendPage(<PeriodFormPage ctx={request.page} services={services} programmeId={request.params.programmeId} />);
  });

  // "Check the working days" runs the real creation and rolls it back; "Create" keeps it.
  web.post('/organisasi/program/:programmeId/asistensi/baru', byProgramme, async (request, reply) => {
    const ctx = request.page;
    const { programmeId } = request.params;
    const form = readPeriod(request.body, ctx, programmes.get(programmeId).timezone);
    const page = (extra: { problem?: FormProblem; preview?: Period }, status = 200) =>
      reply.sendPage(<PeriodFormPage ctx={ctx} services={services} programmeId={programmeId} typed={form.typed} {...extra} />, status);
    if (!form.ok) return page({ problem: form.problem }, 400);
    try {
      if ((request.body as { aksi?: string }).aksi === 'pratinjau') return page({ preview: uow.dryRun(() => periods.create(actorOf(request), programmeId, form.value)) });
      const created = periods.create(actorOf(request), programmeId, form.value);
      return reply.redirect(`/organisasi/asistensi/${created.id}?ok=periodCreated`, 303);
    } catch (error) {
      const refused = refusal(error, ctx);
      return page({ problem: refused }, refused.status);
    }
  });

  web.get('/organisasi/asistensi/:id', byPeriod, async (request, reply) => reply.sendPage(<PeriodPage ctx={request.page} services={services} period={periodOf(request.params.id)} notice={flashOf(request)} />));

  /** The bookings closing a day would displace: the real closure, rolled back. */
  const displacedBy = (request: FastifyRequest, period: Period, date: string) =>
    uow.dryRun(() => bookings.closeDay(actorOf(request), period.id, { date, reason: '-' })).displaced.map((b) => ({ unitName: b.unitName, start: b.start, end: b.end }));

  web.get('/organisasi/asistensi/:id/tutup', { ...byPeriod, schema: { params: IdParams, querystring: CloseQuery } }, async (request, reply) => {
    const period = periodOf(request.params.id);
    const date = request.query.tanggal;
    return reply.sendPage(<ClosePage ctx={request.page} period={period} zone={zoneOf(period)} date={date} displaced={displacedBy(request, period, date)} />);
  });

  web.post('/organisasi/asistensi/:id/tutup', byPeriod, async (request, reply) => {
    const ctx = request.page;
    const period = periodOf(request.params.id);
    const form = readForm(CloseForm, request.body, ctx);
    const date = String((request.body as { date?: string }).date ?? '');
    if (!form.ok) {
      if (form.problem.fields.date) return reply.callNotFound();
      return reply.sendPage(<ClosePage ctx={ctx} period={period} zone={zoneOf(period)} date={date} displaced={displacedBy(request, period, date)} typed={form.typed} problem={form.problem} />, 400);
    }
    try {
      bookings.closeDay(actorOf(request), period.id, form.value);
    } catch (error) {
      const refused = refusal(error, ctx, zoneOf(period));
      return reply.sendPage(<PeriodPage ctx={ctx} services={services} period={period} problem={refused} />, refused.status);
    }
    return reply.redirect(`/organisasi/asistensi/${period.id}/jadwal-otomatis?ok=dayClosed`, 303);
  });

  web.get('/organisasi/asistensi/:id/jadwal-otomatis', byPeriod, async (request, reply) => {
    const period = periodOf(request.params.id);
    const plan = requests.autoSchedule(actorOf(request), period.id, { dryRun: true });
    return reply.sendPage(<AutoSchedulePage ctx={request.page} period={period} zone={zoneOf(period)} plan={plan} notice={flashOf(request)} />);
  });

  // Saves the schedule the organiser saw, or shows the new one if it changed meanwhile.
  web.post('/organisasi/asistensi/:id/jadwal-otomatis', byPeriod, async (request, reply) => {
    const period = periodOf(request.params.id);
    const plan = requests.autoSchedule(actorOf(request), period.id, { dryRun: true });
    if (fingerprintOf([plan.assignments, plan.unplaced]) !== (request.body as { plan?: string }).plan)
      return reply.sendPage(<AutoSchedulePage ctx={request.page} period={period} zone={zoneOf(period)} plan={plan} changed />, 409);
    requests.autoSchedule(actorOf(request), period.id, {});
    return reply.redirect(`/organisasi/asistensi/${period.id}?ok=autoScheduled`, 303);
  });

  web.post('/organisasi/asistensi/:id/datang', byPeriod, async (request, reply) => {
    const ctx = request.page;
    const period = periodOf(request.params.id);
    const form = readForm(WalkInForm, request.body, ctx);
    if (!form.ok) return reply.sendPage(<PeriodPage ctx={ctx} services={services} period={period} typed={form.typed} problem={form.problem} />, 400);
    try {
      walkIns.record(actorOf(request), period.id, { ...form.value, notes: form.value.notes ?? null });
    } catch (error) {
      const refused = refusal(error, ctx, zoneOf(period));
      return reply.sendPage(<PeriodPage ctx={ctx} services={services} period={period} typed={form.typed} problem={refused} />, refused.status);
    }
    return reply.redirect(`/organisasi/asistensi/${period.id}?ok=walkInRecorded`, 303);
  });

  /** Attendance of the sessions that have started: ticked came, unticked did not; one transaction. */
  web.post('/organisasi/asistensi/:id/hadir', byPeriod, async (request, reply) => {
    const ctx = request.page;
    const period = periodOf(request.params.id);
    const form = readForm(PresentForm, request.body, ctx);
    if (!form.ok) return reply.callNotFound();
    const present = new Set(form.value.present ?? []);
    const now = services.clock.now();
    try {
      uow.write(() => {
        for (const b of bookings.list(actorOf(request), period.id))
          if (b.status === 'active' && !attendanceRefusal(DateTime.fromISO(b.startsAt), now) && b.attended !== present.has(b.id)) bookings.setAttendance(actorOf(request), b.id, present.has(b.id));
      });
    } catch (error) {
      const refused = refusal(error, ctx, zoneOf(period));
      return reply.sendPage(<PeriodPage ctx={ctx} services={services} period={period} problem={{ summary: refused.summary, fields: {} }} />, refused.status);
    }
    return reply.redirect(`/organisasi/asistensi/${period.id}?ok=attendanceSaved`, 303);
  });
}
