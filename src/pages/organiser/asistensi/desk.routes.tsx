import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Container } from '../../../container';
import { bookingWindow, slotTimesProblem, windowOrderProblem } from '../../../features/periods/periods.rules';
import type { Api } from '../../../http/api';
import { AppError } from '../../../platform/errors';
import { Id, LocalDate, LocalTime, Name, Nullable, Text } from '../../../platform/schemas';
import { localToOffsetIso, parseInstant } from '../../../platform/time';
import type { FormProblem } from '../../../web/components/form';
import type { PageContext } from '../../../web/context';
import { normalDateTime, readForm, refusal, type Typed } from '../../../web/forms';
import { signedIn } from '../../../web/web';
import { flashOf, withFlash } from '../../shared/flash';
import { IdParams, actorOf, fingerprintOf } from '../../shared/page-helpers';
import { SLOT_LINES } from './asistensi.view';
import { deskText } from './desk.text';
import { CancelPage, DeskPage, EDIT_WINDOWS, EditPeriodPage, ReopenPage, type DeskSlot, type DeskUnit, type PeriodChanges } from './desk.view';

type Services = Pick<Container, 'uow' | 'clock' | 'periods' | 'bookings' | 'units'>;
type Period = Awaited<ReturnType<Container['periods']['view']>>;
type PeriodPatch = Parameters<Container['bookings']['updatePeriod']>[2];
type Zoned = Period & { zone: string };

const EditFields = Type.Object({ name: Name, location: Type.Optional(Nullable(Text(300))), cancelNoticeHours: Type.Integer({ minimum: 0, maximum: 720 }) });
const SlotLine = Type.Object({ start: LocalTime, end: LocalTime });
const DateQuery = Type.Object({ tanggal: LocalDate });
const DateForm = Type.Object({ date: LocalDate });
const DeskQuery = Type.Object({ unitId: Type.Optional(Id), ok: Type.Optional(Type.String()) });
const BookForm = Type.Object({ unitId: Id, slotId: Id });
const MoveForm = Type.Object({ bookingId: Id, slotId: Id });
const CancelQuery = Type.Object({ pesanan: Id });
const CancelForm = Type.Object({ bookingId: Id });

/** A stored or offset instant as a datetime-local input shows it, in the programme's zone. */
const localInput = (iso: string | null, zone: string) => (iso === null ? '' : parseInstant(iso).setZone(zone).toFormat("yyyy-MM-dd'T'HH:mm"));

const sameTimes = (a: readonly { start: string; end: string }[], b: readonly { start: string; end: string }[]) =>
  JSON.stringify([...a].sort((x, y) => x.start.localeCompare(y.start))) === JSON.stringify([...b].sort((x, y) => x.start.localeCompare(y.start)));

/** The period as its form shows it before anything is typed. */
function formOf(period: Zoned): Typed {
  const typed: Typed = { name: period.name, location: period.location ?? '', cancelNoticeHours: String(period.cancelNoticeHours) };
  for (const name of EDIT_WINDOWS) typed[name] = localInput(period[name], period.zone);
  period.slotTimes.forEach((slot, i) => {
    typed[`slotStart-${i + 1}`] = slot.start;
    typed[`slotEnd-${i + 1}`] = slot.end;
  });
  return typed;
}

/**
 * The edit form as PATCH's body: every field as typed (blank place and windows clear them);
 * slot times only when the days still to come have some and they differ from today's. Each
 * slot's line number, so a refusal of slotTimes/i lands beside its line.
 */
function readEdit(body: unknown, ctx: PageContext, period: Zoned, slotsEditable: boolean) {
  const raw = (body ?? {}) as Record<string, string>;
  const typed = raw as Typed;
  const form = readForm(EditFields, raw, ctx);
  const fields: Record<string, string> = form.ok ? {} : { ...form.problem.fields };
  const windows: Record<string, string | null> = {};
  for (const name of EDIT_WINDOWS) {
    const value = raw[name]?.trim() ?? '';
    // As the browser sends it (2027-12-31T08:00) or as people type it (31/12/2027 08.00).
    const read = normalDateTime(value);
    if (value === '') windows[name] = null;
    else if (read) windows[name] = localToOffsetIso(read.date, read.time, period.zone);
    else fields[name] = ctx.t.validation.dateTime;
  }
  const lines: number[] = [];
  const slotTimes: { start: string; end: string }[] = [];
  for (let n = 1; n <= SLOT_LINES; n++) {
    const line = { start: raw[`slotStart-${n}`]?.trim() ?? '', end: raw[`slotEnd-${n}`]?.trim() ?? '' };
    if (!line.start && !line.end) continue;
    const checked = readForm(SlotLine, line, ctx);
    if (!checked.ok) for (const [side, message] of Object.entries(checked.problem.fields)) fields[`slot${side === 'start' ? 'Start' : 'End'}-${n}`] = message;
    else {
      lines.push(n);
      slotTimes.push(checked.value);
    }
  }
  if (slotsEditable && slotTimes.length === 0 && !fields['slotStart-1']) fields['slotStart-1'] = ctx.t.validation.required;
  // The service's own rules, so every field's problem shows at once.
  const t = deskText[ctx.lang];
  const times = slotTimesProblem(slotTimes);
  if (times) fields[times.message.startsWith('end') ? `slotEnd-${lines[times.index]}` : `slotStart-${lines[times.index]}`] ??= times.message.startsWith('end') ? t.slotEndFirst : t.slotOverlap;
  const order = windowOrderProblem(bookingWindow({ bookingOpensAt: windows.bookingOpensAt ?? null, priorityUntil: windows.priorityUntil ?? null, bookingClosesAt: windows.bookingClosesAt ?? null }));
  if (order) fields[order.field] ??= order.field === 'priorityUntil' ? t.priorityBeforeOpens : order.message.includes('priorityUntil') ? t.closesBeforePriority : t.closesBeforeOpens;
  if (!form.ok || Object.keys(fields).length > 0) return { ok: false as const, problem: { fields }, typed };
  const changesTimes = slotsEditable && !sameTimes(slotTimes, period.slotTimes);
  const value: PeriodPatch = { ...form.value, location: form.value.location ?? null, ...windows, ...(changesTimes ? { slotTimes } : {}) };
  return { ok: true as const, value, typed, lines };
}

/** The service's refusal of the period form, each said beside its own field. */
function editRefusal(error: unknown, ctx: PageContext, zone: string, form: { lines: number[]; value: PeriodPatch }): FormProblem & { status: number } {
  const { lines } = form;
  const refused = refusal(error, ctx, zone);
  if (!(error instanceof AppError)) return refused;
  const t = deskText[ctx.lang];
  const fields: Record<string, string> = {};
  for (const { path, message } of error.errors ?? []) {
    const slot = /^\/body\/slotTimes\/(\d+)$/.exec(path);
    if (slot) {
      const n = lines[Number(slot[1])] ?? 1;
      if (message.startsWith('end must')) fields[`slotEnd-${n}`] = t.slotEndFirst;
      else fields[`slotStart-${n}`] = t.slotOverlap;
    } else if (path === '/body/slotTimes') {
      // TIME_NOT_IN_ZONE names the date and the time: beside the line with that time.
      const time = /\d\d:\d\d/.exec(message)?.[0];
      const i = form.value.slotTimes?.findIndex((s) => s.start === time || s.end === time) ?? -1;
      const n = lines[Math.max(i, 0)] ?? 1;
      fields[form.value.slotTimes?.[i]?.start === time || i < 0 ? `slotStart-${n}` : `slotEnd-${n}`] = t.timeNotInZone(zone);
    } else if (path === '/body/priorityUntil') fields.priorityUntil = t.priorityBeforeOpens;
    else if (path === '/body/bookingClosesAt') fields.bookingClosesAt = message.includes('priorityUntil') ? t.closesBeforePriority : t.closesBeforeOpens;
  }
  return Object.keys(fields).length > 0 ? { ...refused, fields: { ...refused.fields, ...fields } } : refused;
}

export function asistensiDeskPages(web: Api, services: Services) {
  const { uow, clock, periods, bookings, units } = services;
  const byPeriod = { onRequest: signedIn('organiser'), schema: { params: IdParams } };
  const zonedOf = async (id: number): Promise<Zoned> => {
    const row = await periods.load(id);
    return { ...await periods.view(row), zone: row.zone };
  };
  /** The first working day after today: the first day new slot times apply to (null once every day has come). */
  const firstDayToCome = (period: Zoned) => {
    const today = clock.now().setZone(period.zone).toISODate()!;
    return period.workingDates.find((d) => d > today) ?? null;
  };

  // ---- Changing the period: the change run and rolled back first, showing what it does to the units' sessions.

  /** What the change does to the booked sessions, as the dry run answered it. */
  async function changesOf(request: FastifyRequest, period: Zoned, result: Awaited<ReturnType<Container['bookings']['updatePeriod']>>): Promise<PeriodChanges> {
    const place = result.location !== period.location && result.location !== null ? result.location : null;
    const now = clock.now();
    const comingSessions = place ? (await bookings.list(actorOf(request), period.id)).filter((b) => b.status === 'active' && parseInstant(b.startsAt) > now).length : 0;
    return {
      moved: result.movedBookings.map((b) => ({ unitName: b.unitName, from: b.from, to: { date: b.date, start: b.start, end: b.end } })),
      displaced: result.displacedBookings.map((b) => ({ unitName: b.unitName, date: b.date, start: b.start, end: b.end })),
      place: place && comingSessions > 0 ? { name: place, sessions: comingSessions } : null,
    };
  }

  web.get('/organisasi/asistensi/:id/ubah', byPeriod, async (request, reply) => {
    const period = await zonedOf(request.params.id);
    return reply.sendPage(<EditPeriodPage ctx={request.page} period={period} zone={period.zone} typed={formOf(period)} fromDate={firstDayToCome(period)} />);
  });

  web.post('/organisasi/asistensi/:id/ubah', byPeriod, async (request, reply) => {
    const ctx = request.page;
    const period = await zonedOf(request.params.id);
    const fromDate = firstDayToCome(period);
    const form = readEdit(request.body, ctx, period, fromDate !== null);
    const page = (extra: { problem?: FormProblem; changes?: PeriodChanges; fingerprint?: string }, status = 200) =>
      reply.sendPage(<EditPeriodPage ctx={ctx} period={period} zone={period.zone} typed={form.typed} fromDate={fromDate} {...extra} />, status);
    if (!form.ok) return page({ problem: form.problem }, 400);
    const run = async () => await bookings.updatePeriod(actorOf(request), period.id, form.value);
    let changes: PeriodChanges;
    try {
      changes = await changesOf(request, period, await uow.dryRun(run));
    } catch (error) {
      const refused = editRefusal(error, ctx, period.zone, form);
      return page({ problem: refused }, refused.status);
    }
    const fingerprint = fingerprintOf([changes.moved, changes.displaced]);
    const body = request.body as { aksi?: string; pratinjau?: string };
    if (body.aksi !== 'simpan') return page({ changes, fingerprint });
    // A change that moves sessions is saved only as the organiser last saw it.
    const movesSessions = changes.moved.length > 0 || changes.displaced.length > 0;
    if (movesSessions && body.pratinjau !== fingerprint) return page({ changes, fingerprint, problem: { summary: deskText[ctx.lang].mustCheck, fields: {} } }, 409);
    try {
      await run();
    } catch (error) {
      const refused = editRefusal(error, ctx, period.zone, form);
      return page({ problem: refused }, refused.status);
    }
    return reply.redirect(withFlash(`/organisasi/asistensi/${period.id}`, 'periodSaved'), 303);
  });

  // ---- Reopening a closed date: what it adds and what it releases, then the same call as DELETE /asistensi-periods/:id/closures/:date.

  async function reopenPage(request: FastifyRequest, reply: FastifyReply, period: Zoned, date: string, problem?: FormProblem & { status: number }) {
    const today = clock.now().setZone(period.zone).toISODate()!;
    // A day that has come reopens with the sessions it had; one still to come with today's slot times.
    const own = date <= today ? (await bookings.listSlots(actorOf(request), period.id, { date })).map(({ start, end }) => ({ start, end })) : [];
    const slotTimes = own.length > 0 ? own : period.slotTimes;
    let dropped: string[] = [];
    let refused = problem;
    if (!refused)
      try {
        const after = await uow.dryRun(async () => await periods.removeClosure(actorOf(request), period.id, date));
        dropped = period.workingDates.filter((d) => !after.workingDates.includes(d));
      } catch (error) {
        refused = reopenRefusal(error, request.page, period.zone);
      }
    return reply.sendPage(<ReopenPage ctx={request.page} period={period} zone={period.zone} date={date} slotTimes={slotTimes} dropped={dropped} problem={refused} />, refused?.status ?? 200);
  }

  const reopenRefusal = (error: unknown, ctx: PageContext, zone: string) => {
    const refused = refusal(error, ctx, zone);
    return refused.code === 'CLOSURE_IN_USE' ? { ...refused, summary: deskText[ctx.lang].reopenInUse } : refused;
  };

  web.get('/organisasi/asistensi/:id/buka', { ...byPeriod, schema: { params: IdParams, querystring: DateQuery } }, async (request, reply) => {
    const period = await zonedOf(request.params.id);
    if (!period.closedDates.some((c) => c.date === request.query.tanggal)) return reply.callNotFound();
    return await reopenPage(request, reply, period, request.query.tanggal);
  });

  web.post('/organisasi/asistensi/:id/buka', byPeriod, async (request, reply) => {
    const period = await zonedOf(request.params.id);
    const form = readForm(DateForm, request.body, request.page);
    if (!form.ok || !period.closedDates.some((c) => c.date === form.value.date)) return reply.callNotFound();
    try {
      await periods.removeClosure(actorOf(request), period.id, form.value.date);
    } catch (error) {
      return await reopenPage(request, reply, period, form.value.date, reopenRefusal(error, request.page, period.zone));
    }
    return reply.redirect(withFlash(`/organisasi/asistensi/${period.id}`, 'dayReopened'), 303);
  });

  // ---- The desk: book, move or cancel for a unit that phoned in (the organiser passes every window; the audit says which).

  async function deskPage(request: FastifyRequest, period: Zoned, unitId: number | undefined, extra: { notice?: string; problem?: FormProblem } = {}) {
    const actor = actorOf(request);
    const active = (await bookings.list(actor, period.id)).filter((b) => b.status === 'active');
    const sessionOf = new Map(active.map((b) => [b.unitId, { date: b.date, start: b.start, end: b.end }]));
    const choices = (await units.list({ status: 'active', limit: 1000, offset: 0 })).map((u) => ({ id: u.id, name: u.name, session: sessionOf.get(u.id) ?? null }));
    let chosen: DeskUnit | null = null;
    let days: { date: string; slots: DeskSlot[] }[] = [];
    if (unitId !== undefined) {
      const options = await bookings.bookingOptions(actor, period.id, unitId);
      const unit = await units.get(unitId);
      const unitCannot = options.booking ? options.move.refusal : options.book.refusal;
      chosen = {
        id: unit.id,
        name: unit.name,
        booking: options.booking && { id: options.booking.id, date: options.booking.date, start: options.booking.start, end: options.booking.end },
        unitCannot: unitCannot === 'BOOKING_CLOSED' || unitCannot === 'PRIORITY_WINDOW' || unitCannot === 'TOO_LATE' ? unitCannot : null,
      };
      const now = clock.now();
      const byDate = new Map<string, DeskSlot[]>();
      for (const slot of await bookings.listSlots(actor, period.id, {})) {
        const state = 'unit' in slot && slot.unit?.id === unitId ? 'own' : slot.status === 'closed' ? 'closed' : slot.status === 'booked' ? 'taken' : 'free';
        byDate.set(slot.date, [...(byDate.get(slot.date) ?? []), { id: slot.id, start: slot.start, end: slot.end, state, past: parseInstant(slot.startsAt) <= now }]);
      }
      days = [...byDate].map(([date, slots]) => ({ date, slots }));
    }
    return <DeskPage ctx={request.page} period={period} zone={period.zone} units={choices} chosen={chosen} days={days} {...extra} />;
  }

  /** Runs one desk action; a refusal shows the desk again with the reason, with its status. */
  async function act(request: FastifyRequest, reply: FastifyReply, period: Zoned, unitId: number, run: () => Promise<unknown>, done: 'booked' | 'moved' | 'bookingCancelled') {
    try {
      await run();
    } catch (error) {
      const refused = refusal(error, request.page, period.zone);
      return reply.sendPage(await deskPage(request, period, unitId, { problem: refused }), refused.status);
    }
    return reply.redirect(withFlash(`/organisasi/asistensi/${period.id}/pesan?unitId=${unitId}`, done), 303);
  }

  /** A booking of this period, or the page does not exist. */
  const bookingOf = async (request: FastifyRequest, period: Zoned, bookingId: number) => {
    const booking = await bookings.get(actorOf(request), bookingId);
    return booking.periodId === period.id ? booking : undefined;
  };

  web.get('/organisasi/asistensi/:id/pesan', { ...byPeriod, schema: { params: IdParams, querystring: DeskQuery } }, async (request, reply) => {
    const period = await zonedOf(request.params.id);
    return reply.sendPage(await deskPage(request, period, request.query.unitId, { notice: flashOf(request) }));
  });

  web.post('/organisasi/asistensi/:id/pesan', byPeriod, async (request, reply) => {
    const period = await zonedOf(request.params.id);
    const form = readForm(BookForm, request.body, request.page);
    if (!form.ok) return reply.callNotFound();
    const { unitId, slotId } = form.value;
    return act(request, reply, period, unitId, async () => await bookings.book(actorOf(request), period.id, { unitId, slotId }), 'booked');
  });

  web.post('/organisasi/asistensi/:id/pindah', byPeriod, async (request, reply) => {
    const period = await zonedOf(request.params.id);
    const form = readForm(MoveForm, request.body, request.page);
    const booking = form.ok ? await bookingOf(request, period, form.value.bookingId) : undefined;
    if (!form.ok || !booking) return reply.callNotFound();
    return act(request, reply, period, booking.unitId, async () => await bookings.reschedule(actorOf(request), booking.id, { slotId: form.value.slotId }), 'moved');
  });

  web.get('/organisasi/asistensi/:id/batal', { ...byPeriod, schema: { params: IdParams, querystring: CancelQuery } }, async (request, reply) => {
    const period = await zonedOf(request.params.id);
    const booking = await bookingOf(request, period, request.query.pesanan);
    if (!booking || booking.status !== 'active') return reply.callNotFound();
    return reply.sendPage(<CancelPage ctx={request.page} period={period} zone={period.zone} booking={booking} />);
  });

  web.post('/organisasi/asistensi/:id/batal', byPeriod, async (request, reply) => {
    const period = await zonedOf(request.params.id);
    const form = readForm(CancelForm, request.body, request.page);
    const booking = form.ok ? await bookingOf(request, period, form.value.bookingId) : undefined;
    if (!form.ok || !booking) return reply.callNotFound();
    return act(request, reply, period, booking.unitId, async () => await bookings.cancel(actorOf(request), booking.id), 'bookingCancelled');
  });
}
