import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { DateTime } from 'luxon';
import type { Container } from '../../../container';
import { attendanceRefusal, ATTENDANCE_DAYS } from '../../../features/attendance.rules';
import { PeriodCreateBody } from '../../../features/periods/periods.schemas';
import type { Api } from '../../../http/api';
import { Id, LocalDate, LocalTime, Name, Text } from '../../../platform/schemas';
import { notFound } from '../../../platform/errors';
import { localToOffsetIso } from '../../../platform/time';
import type { FormProblem } from '../../../web/components/form';
import type { PageContext } from '../../../web/context';
import { normalDateTime, readForm, refusal, type Typed } from '../../../web/forms';
import { signedIn } from '../../../web/web';
import { flashOf, withFlash } from '../../shared/flash';
import { datesOf } from '../../shared/month-calendar.view';
import { IdParams, PageQuery, ProgrammeParams, actorOf, fingerprintOf, isBeforeToday, notesBefore, planPreview } from '../../shared/page-helpers';
import { asistensiConsoleText } from './asistensi.text';
import { PeriodFormPage, PeriodsPage, SLOT_LINES, WINDOWS, type PeriodPreview } from './asistensi.view';
import { AutoSchedulePage, ClosePage, PeriodPage, SessionNotesPage, UNSCHEDULED_SHOWN, type PeriodDetails, type SchedulePlan, type SchedulePreview } from './period.view';
import { mapInOrder } from '../../../platform/in-order';

type Services = Pick<Container, 'uow' | 'clock' | 'programmes' | 'periods' | 'bookings' | 'requests' | 'walkIns' | 'units' | 'holidays'>;
type Period = Awaited<ReturnType<Container['periods']['view']>>;

const SlotLine = Type.Object({ start: LocalTime, end: LocalTime });
const CloseForm = Type.Object({ date: LocalDate, reason: Name });
const CloseQuery = Type.Object({ tanggal: LocalDate });
const WalkInForm = Type.Object({ unitId: Id, date: LocalDate, notes: Type.Optional(Text(1000)) });
const NotesForm = Type.Object({ notes: Type.Optional(Text(4000)), before: Type.Optional(Text(4000)) });
const PresentForm = Type.Object({ present: Type.Optional(Type.Array(Id, { maxItems: 10000 })) });

/** What the auto-schedule page shows of a plan of any size: sessions per day, one page of them, the first units left out. */
function schedulePreviewOf(plan: SchedulePlan, page: number): SchedulePreview {
  const perDay = new Map<string, number>();
  for (const a of plan.assignments) perDay.set(a.date, (perDay.get(a.date) ?? 0) + 1);
  return { ...planPreview(plan, page, UNSCHEDULED_SHOWN), perDay: [...perDay].sort(([a], [b]) => a.localeCompare(b)).map(([date, count]) => ({ date, count })) };
}

/** What the new period's form holds before anything is typed. */
const NEW_PERIOD: Typed = { workingDays: '10', 'slotStart-1': '09:00', 'slotEnd-1': '12:00', 'slotStart-2': '13:00', 'slotEnd-2': '16:00', cancelNoticeHours: '24', skipWeekends: 'true', useNationalHolidays: 'true' };

/** The period form as the API's body: slot lines, local date-times in the programme's zone, ticked boxes. */
function readPeriod(body: unknown, ctx: PageContext, zone: string) {
  const raw = (body ?? {}) as Record<string, string>;
  const slotTimes = Array.from({ length: SLOT_LINES }, (_, i) => ({ start: raw[`slotStart-${i + 1}`]?.trim() ?? '', end: raw[`slotEnd-${i + 1}`]?.trim() ?? '' })).filter((s) => s.start || s.end);
  const form = readForm(Type.Omit(PeriodCreateBody, ['slotTimes', 'closedDates', 'priorityCutoff', ...WINDOWS]), { ...raw, skipWeekends: raw.skipWeekends ?? 'false', useNationalHolidays: raw.useNationalHolidays ?? 'false' }, ctx);
  const fields: Record<string, string> = form.ok ? {} : { ...form.problem.fields };
  slotTimes.forEach((slot, i) => {
    const checked = readForm(SlotLine, slot, ctx);
    if (!checked.ok) for (const [side, message] of Object.entries(checked.problem.fields)) fields[`slot${side === 'start' ? 'Start' : 'End'}-${i + 1}`] = message;
    // The times as read: "08.00" is 08:00.
    else Object.assign(slot, checked.value);
  });
  const windows: Record<string, string | null> = {};
  for (const name of WINDOWS) {
    const value = raw[name]?.trim() ?? '';
    // As the browser sends it (2027-12-31T08:00) or as people type it (31/12/2027 08.00).
    const read = normalDateTime(value);
    if (value === '') windows[name] = null;
    else if (read) windows[name] = localToOffsetIso(read.date, read.time, zone);
    else fields[name] = ctx.t.validation.dateTime;
  }
  if (!form.ok || Object.keys(fields).length > 0) return { ok: false as const, problem: { fields }, typed: raw as Typed };
  return { ok: true as const, value: { ...form.value, ...windows, ...(slotTimes.length ? { slotTimes } : {}), location: form.value.location ?? null }, typed: raw as Typed };
}

export function asistensiConsolePages(web: Api, services: Services) {
  const { uow, clock, periods, bookings, requests, walkIns, programmes, units, holidays } = services;
  const guard = { onRequest: signedIn('organiser') };
  const byProgramme = { ...guard, schema: { params: ProgrammeParams } };
  const byPeriod = { ...guard, schema: { params: IdParams } };
  const periodOf = async (id: number) => await periods.view(await periods.load(id));
  const zoneOf = async (period: Period) => (await programmes.get(period.programmeId)).timezone;

  /** A dry run's period as the preview shows it: every day between its first and last that it skips, and why. */
  async function previewOf(preview: Period): Promise<PeriodPreview> {
    const months = [...new Set([preview.startDate, ...preview.workingDates, preview.endDate].map((d) => d.slice(0, 7)))];
    const between = months.flatMap(datesOf).filter((d) => d >= preview.startDate && d <= preview.endDate && !preview.workingDates.includes(d));
    const closed = new Map((await holidays.nonWorkingDays(between)).map((c) => [c.date, c]));
    return {
      ...preview,
      skipped: between.map((date) => ({ date, own: preview.closedDates.find((c) => c.date === date && c.source !== 'holiday')?.reason ?? null, closed: closed.get(date) ?? null })),
      months: await mapInOrder(months, async (month) => ({ month, closed: await holidays.nonWorkingDays(datesOf(month)) })),
    };
  }

  /** The period's page: the schedule by day, waiting requests, the sessions whose attendance may be recorded now, walk-ins. */
  async function periodDetails(request: FastifyRequest, period: Period): Promise<PeriodDetails> {
    const actor = actorOf(request);
    const programme = await programmes.get(period.programmeId);
    const slots = await bookings.listSlots(actor, period.id, {});
    const active = (await bookings.list(actor, period.id)).filter((b) => b.status === 'active');
    const bookingOfSlot = new Map(active.map((b) => [b.slotId, b]));
    const now = clock.now();
    const allUnits = await units.list({ limit: 1000, offset: 0 });
    const unitName = new Map(allUnits.map((u) => [u.id, u.name]));
    return {
      period,
      programme,
      zone: programme.timezone,
      days: [...new Set(slots.map((s) => s.date))].map((date) => {
        const daySlots = slots.filter((s) => s.date === date);
        return {
          date,
          closable: daySlots.some((s) => s.status !== 'closed'),
          slots: daySlots.map((slot) => ({
            start: slot.start,
            end: slot.end,
            state: slot.status === 'closed' ? ('closed' as const) : slot.status === 'booked' ? ('taken' as const) : ('free' as const),
            unitName: slot.status !== 'closed' && 'unit' in slot && slot.unit ? slot.unit.name : null,
            unitId: slot.status !== 'closed' && 'unit' in slot && slot.unit ? slot.unit.id : null,
            attended: bookingOfSlot.get(slot.id)?.attended === true,
            bookingId: bookingOfSlot.get(slot.id)?.id ?? null,
            notes: bookingOfSlot.get(slot.id)?.notes ?? null,
          })),
        };
      }),
      requests: (await requests.list(actor, period.id))
        .filter((r) => r.status === 'open')
        .map((r) => ({ unitName: unitName.get(r.unitId) ?? '', preferredDates: r.preferredDates, notes: r.notes })),
      // Sessions whose attendance may be recorded now (the service's rule: from the start, for 30 days).
      attendance: active.filter((b) => !attendanceRefusal(DateTime.fromISO(b.startsAt), now)),
      walkIns: await walkIns.list(actor, period.id),
      closedDates: period.closedDates,
      units: allUnits.map((u) => [String(u.id), u.name] as const),
    };
  }

  web.get('/organisasi/program/:programmeId/asistensi', byProgramme, async (request, reply) => {
    const programme = await programmes.get(request.params.programmeId);
    return reply.sendPage(<PeriodsPage ctx={request.page} programme={programme} periods={await periods.listForProgramme(programme.id)} notice={flashOf(request)} />);
  });

  web.get('/organisasi/program/:programmeId/asistensi/baru', byProgramme, async (request, reply) =>
    reply.sendPage(<PeriodFormPage ctx={request.page} programme={await programmes.get(request.params.programmeId)} typed={NEW_PERIOD} />),
  );

  // "Check the working days" runs the real creation and rolls it back; "Create" keeps it.
  web.post('/organisasi/program/:programmeId/asistensi/baru', byProgramme, async (request, reply) => {
    const ctx = request.page;
    const programme = await programmes.get(request.params.programmeId);
    const form = readPeriod(request.body, ctx, programme.timezone);
    // A period starting before today (in the programme's zone) is created only once confirmed.
    const past = form.ok && isBeforeToday(form.value.startDate, programme.timezone, clock.now());
    const page = (extra: { problem?: FormProblem; preview?: PeriodPreview }, status = 200) =>
      reply.sendPage(<PeriodFormPage ctx={ctx} programme={programme} typed={form.typed} past={past} {...extra} />, status);
    if (!form.ok) return page({ problem: form.problem }, 400);
    const { aksi, confirmPast } = request.body as { aksi?: string; confirmPast?: string };
    if (past && aksi !== 'pratinjau' && confirmPast !== 'true') return page({ problem: { fields: { confirmPast: asistensiConsoleText[ctx.lang].pastRequired } } }, 400);
    try {
      if (aksi === 'pratinjau') return page({ preview: await previewOf(await uow.dryRun(async () => await periods.create(actorOf(request), programme.id, form.value))) });
      const created = await periods.create(actorOf(request), programme.id, form.value);
      return reply.redirect(withFlash(`/organisasi/asistensi/${created.id}`, 'periodCreated'), 303);
    } catch (error) {
      const refused = refusal(error, ctx);
      return page({ problem: refused }, refused.status);
    }
  });

  web.get('/organisasi/asistensi/:id', byPeriod, async (request, reply) =>
    reply.sendPage(<PeriodPage ctx={request.page} details={await periodDetails(request, await periodOf(request.params.id))} notice={flashOf(request)} />),
  );

  /** A session of the period (an active booking), or not found. */
  async function sessionOf(request: FastifyRequest, period: Period, bookingId: number) {
    const booking = await bookings.get(actorOf(request), bookingId);
    if (booking.periodId !== period.id || booking.status !== 'active') throw notFound('booking', bookingId);
    return booking;
  }
  const bySession = { ...guard, schema: { params: Type.Object({ id: Id, bookingId: Id }) } };

  web.get('/organisasi/asistensi/:id/catatan/:bookingId', bySession, async (request, reply) => {
    const period = await periodOf(request.params.id);
    return reply.sendPage(<SessionNotesPage ctx={request.page} period={period} session={await sessionOf(request, period, request.params.bookingId)} zone={await zoneOf(period)} />);
  });
  web.post('/organisasi/asistensi/:id/catatan/:bookingId', bySession, async (request, reply) => {
    const ctx = request.page;
    const period = await periodOf(request.params.id);
    const session = await sessionOf(request, period, request.params.bookingId);
    const form = readForm(NotesForm, request.body, ctx);
    if (!form.ok) return reply.sendPage(<SessionNotesPage ctx={ctx} period={period} session={session} zone={await zoneOf(period)} typed={String(form.typed.notes ?? '')} problem={form.problem} />, 400);
    try {
      await bookings.setNotes(actorOf(request), session.id, form.value.notes ?? null, notesBefore(request.body, form.value.before));
    } catch (error) {
      const refused = refusal(error, ctx);
      const latest = await sessionOf(request, period, request.params.bookingId);
      return reply.sendPage(<SessionNotesPage ctx={ctx} period={period} session={latest} zone={await zoneOf(period)} typed={form.value.notes ?? ''} problem={refused} />, refused.status);
    }
    return reply.redirect(withFlash(`/organisasi/asistensi/${period.id}`, 'notesSaved'), 303);
  });

  /** The bookings closing a day would displace: the real closure, rolled back. */
  const displacedBy = async (request: FastifyRequest, period: Period, date: string) =>
    (await uow.dryRun(async () => await bookings.closeDay(actorOf(request), period.id, { date, reason: '-' }))).displaced.map((b) => ({ unitName: b.unitName, start: b.start, end: b.end }));

  web.get('/organisasi/asistensi/:id/tutup', { ...byPeriod, schema: { params: IdParams, querystring: CloseQuery } }, async (request, reply) => {
    const period = await periodOf(request.params.id);
    const date = request.query.tanggal;
    return reply.sendPage(<ClosePage ctx={request.page} period={period} zone={await zoneOf(period)} date={date} displaced={await displacedBy(request, period, date)} />);
  });

  web.post('/organisasi/asistensi/:id/tutup', byPeriod, async (request, reply) => {
    const ctx = request.page;
    const period = await periodOf(request.params.id);
    const form = readForm(CloseForm, request.body, ctx);
    const date = String((request.body as { date?: string }).date ?? '');
    if (!form.ok) {
      if (form.problem.fields.date) return reply.callNotFound();
      return reply.sendPage(<ClosePage ctx={ctx} period={period} zone={await zoneOf(period)} date={date} displaced={await displacedBy(request, period, date)} typed={form.typed} problem={form.problem} />, 400);
    }
    try {
      await bookings.closeDay(actorOf(request), period.id, form.value);
    } catch (error) {
      const refused = refusal(error, ctx, await zoneOf(period));
      return reply.sendPage(<PeriodPage ctx={ctx} details={await periodDetails(request, period)} problem={refused} />, refused.status);
    }
    return reply.redirect(withFlash(`/organisasi/asistensi/${period.id}/jadwal-otomatis`, 'dayClosed'), 303);
  });

  /** The auto-schedule's dry run, with the fingerprint the save is checked against. */
  const planOf = async (request: FastifyRequest, period: Period) => {
    const plan = await requests.previewAutoSchedule(actorOf(request), period.id);
    return { plan, fingerprint: fingerprintOf([plan.assignments, plan.unplaced]) };
  };

  web.get('/organisasi/asistensi/:id/jadwal-otomatis', { ...byPeriod, schema: { params: IdParams, querystring: PageQuery } }, async (request, reply) => {
    const period = await periodOf(request.params.id);
    const { plan, fingerprint } = await planOf(request, period);
    return reply.sendPage(
      <AutoSchedulePage ctx={request.page} period={period} zone={await zoneOf(period)} preview={schedulePreviewOf(plan, request.query.halaman ?? 1)} fingerprint={fingerprint} notice={flashOf(request)} />,
    );
  });

  // Saves the schedule the organiser saw, or shows the new one if it changed meanwhile.
  web.post('/organisasi/asistensi/:id/jadwal-otomatis', byPeriod, async (request, reply) => {
    const period = await periodOf(request.params.id);
    const { plan, fingerprint } = await planOf(request, period);
    if (fingerprint !== (request.body as { plan?: string }).plan)
      return reply.sendPage(<AutoSchedulePage ctx={request.page} period={period} zone={await zoneOf(period)} preview={schedulePreviewOf(plan, 1)} fingerprint={fingerprint} changed />, 409);
    await requests.autoSchedule(actorOf(request), period.id);
    return reply.redirect(withFlash(`/organisasi/asistensi/${period.id}`, 'autoScheduled'), 303);
  });

  web.post('/organisasi/asistensi/:id/datang', byPeriod, async (request, reply) => {
    const ctx = request.page;
    const period = await periodOf(request.params.id);
    const form = readForm(WalkInForm, request.body, ctx);
    if (!form.ok) return reply.sendPage(<PeriodPage ctx={ctx} details={await periodDetails(request, period)} typed={form.typed} problem={form.problem} />, 400);
    try {
      await walkIns.record(actorOf(request), period.id, { ...form.value, notes: form.value.notes ?? null });
    } catch (error) {
      const refused = refusal(error, ctx, await zoneOf(period));
      return reply.sendPage(<PeriodPage ctx={ctx} details={await periodDetails(request, period)} typed={form.typed} problem={refused} />, refused.status);
    }
    return reply.redirect(withFlash(`/organisasi/asistensi/${period.id}`, 'walkInRecorded'), 303);
  });

  /** Attendance of the sessions that have started: ticked came, unticked did not; saved whole or not at all (the service's rule). */
  web.post('/organisasi/asistensi/:id/hadir', byPeriod, async (request, reply) => {
    const ctx = request.page;
    const period = await periodOf(request.params.id);
    const form = readForm(PresentForm, request.body, ctx);
    if (!form.ok) return reply.callNotFound();
    try {
      await bookings.recordPeriodAttendance(actorOf(request), period.id, form.value.present ?? []);
    } catch (error) {
      const refused = refusal(error, ctx, await zoneOf(period));
      const t = asistensiConsoleText[ctx.lang];
      const summary = refused.code === 'TOO_EARLY' ? t.attendanceTooEarly : refused.code === 'TOO_LATE' ? t.attendanceTooLate(ATTENDANCE_DAYS) : refused.summary;
      return reply.sendPage(<PeriodPage ctx={ctx} details={await periodDetails(request, period)} problem={{ summary, fields: {} }} />, refused.status);
    }
    return reply.redirect(withFlash(`/organisasi/asistensi/${period.id}`, 'attendanceSaved'), 303);
  });
}
