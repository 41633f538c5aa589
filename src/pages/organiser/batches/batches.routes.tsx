import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { Container } from '../../../container';
import { attendanceRefusal, ATTENDANCE_DAYS, daysMissed } from '../../../features/attendance.rules';
import { BatchCreateBody } from '../../../features/workshops/workshops.schemas';
import type { Api } from '../../../http/api';
import { AppError } from '../../../platform/errors';
import { formatDate } from '../../../platform/format';
import { Id, LocalDate, LocalTime } from '../../../platform/schemas';
import { localInstant } from '../../../platform/time';
import type { FormProblem } from '../../../web/components/form';
import type { PageContext } from '../../../web/context';
import { readForm, refusal, type Typed } from '../../../web/forms';
import { signedIn } from '../../../web/web';
import { flashOf, withFlash } from '../../shared/flash';
import { closedReason, datesOf, monthAfter } from '../../shared/month-calendar.view';
import { IdParams, ProgrammeParams, actorOf, isBeforeToday } from '../../shared/page-helpers';
import { returnAddress, unitOf } from '../enrolments/enrolments.routes';
import { batchesText } from './batches.text';
import { BatchEditPage, BatchesPage, BatchPage, BatchRemovePage, DAY_LINES, type BatchDetails } from './batches.view';
import { mapInOrder } from '../../../platform/in-order';

type Services = Pick<Container, 'clock' | 'programmes' | 'batches' | 'enrolments' | 'holidays' | 'units' | 'periods'>;
type Batch = Awaited<ReturnType<Container['batches']['get']>>;

const MonthQuery = Type.Object({ bulan: Type.Optional(Type.String({ pattern: '^(19|20|21)\\d\\d-(0[1-9]|1[0-2])$' })), ok: Type.Optional(Type.String()) });

/** The roster's filter kept in a return address ("/organisasi/angkatan/3?unit=5&cari=fauzi"). */
function filterOf(address: string): RosterFilter {
  const query = new URLSearchParams(address.split('?')[1] ?? '');
  const unit = query.get('unit') ?? '';
  return { unit: /^\d{1,12}$/.test(unit) ? unit : undefined, cari: query.get('cari')?.slice(0, 100) || undefined };
}

/** The form's day lines ("date-1", "start-1", "end-1"...) as the API's days; empty lines are left out. */
function daysOf(raw: Record<string, string>) {
  return Array.from({ length: DAY_LINES }, (_, i) => ({ line: i + 1, date: raw[`date-${i + 1}`]?.trim() ?? '', start: raw[`start-${i + 1}`]?.trim() ?? '', end: raw[`end-${i + 1}`]?.trim() ?? '' })).filter(
    (d) => d.date !== '',
  );
}

/** The batch's fields (the API's body but its days, which come from the day lines). */
const BatchFields = Type.Omit(BatchCreateBody, ['days']);
const DayLine = Type.Object({ date: LocalDate, start: LocalTime, end: LocalTime });
const AttendanceForm = Type.Object({ date: LocalDate, present: Type.Optional(Type.Array(Id, { maxItems: 10000 })), among: Type.Optional(Type.Array(Id, { maxItems: 10000 })) });
/** The roster's filter: a unit (blank: every unit) and a name or NIP. */
const RosterQuery = Type.Object({ unit: Type.Optional(Type.String({ pattern: '^\\d{0,12}$' })), cari: Type.Optional(Type.String({ maxLength: 100 })), ok: Type.Optional(Type.String()) });
type RosterFilter = { unit?: string; cari?: string };

function readBatch(body: unknown, ctx: PageContext) {
  const raw = (body ?? {}) as Record<string, string>;
  const days = daysOf(raw);
  const form = readForm(BatchFields, { ...raw, allowNonWorkingDays: raw.allowNonWorkingDays ?? 'false' }, ctx);
  const problem: FormProblem = { fields: form.ok ? {} : { ...form.problem.fields } };
  // Each day line is checked on its own, its message beside its own field.
  for (const day of days) {
    const checked = readForm(DayLine, day, ctx);
    if (!checked.ok) for (const [field, message] of Object.entries(checked.problem.fields)) problem.fields[`${field}-${day.line}`] = message;
    // The day as read: "08.00" is 08:00, "31/12/2027" is 2027-12-31.
    else Object.assign(day, checked.value);
  }
  if (days.length === 0) problem.fields['date-1'] = ctx.t.validation.required;
  const lines = days.map((d) => d.line);
  if (!form.ok || Object.keys(problem.fields).length > 0) return { ok: false as const, problem, typed: raw as Typed, lines };
  return { ok: true as const, value: { ...form.value, days: days.map(({ date, start, end }) => ({ date, start, end })) }, typed: raw as Typed, lines };
}

/** A batch as its form's fields, to change it. */
function typedOf(batch: Batch): Typed {
  const typed: Typed = { name: batch.name, venue: batch.venue ?? '', capacity: String(batch.capacity), unitQuota: String(batch.unitQuota), eligibleUnitKinds: batch.eligibleUnitKinds ?? [] };
  batch.days.forEach((day, i) => Object.assign(typed, { [`date-${i + 1}`]: day.date, [`start-${i + 1}`]: day.start, [`end-${i + 1}`]: day.end }));
  return typed;
}

export function batchPages(web: Api, services: Services) {
  const { batches, enrolments, holidays, programmes, periods, clock } = services;

  /** The list page's data: which months to show is decided here (the typed dates, else the programme's first batch or asistensi period, else this month). */
  async function listPage(request: FastifyRequest, programmeId: number, extra: { month?: string; typed?: Typed; problem?: FormProblem; notice?: string }) {
    const programme = await programmes.get(programmeId);
    const list = await batches.listForProgramme(programmeId);
    const typed = extra.typed ?? {};
    const chosen = Array.from({ length: DAY_LINES }, (_, i) => String(typed[`date-${i + 1}`] ?? '')).filter((d) => /^\d{4}-\d\d-\d\d$/.test(d));
    const today = clock.now().setZone(programme.timezone).toFormat('yyyy-MM');
    const first = [...list.flatMap((b) => b.days.slice(0, 1).map((d) => d.date)), ...(await periods.listForProgramme(programmeId)).map((p) => p.startDate)].sort()[0];
    const month = extra.month ?? chosen[0]?.slice(0, 7) ?? first?.slice(0, 7) ?? today;
    const shown = await mapInOrder([month, monthAfter(month, 1)], async (m) => ({ month: m, closed: await holidays.nonWorkingDays(datesOf(m)) }));
    return (
      <BatchesPage
        ctx={request.page}
        programme={programme}
        batches={list}
        month={{ previous: monthAfter(month, -1), next: monthAfter(month, 1), shown }}
        chosen={chosen}
        typed={typed}
        problem={extra.problem}
        notice={extra.notice}
      />
    );
  }

  /**
   * A batch's page: its units, the roster and the waitlist (of one unit, or matching a name or
   * NIP, when filtered), each day's count present and checklist while attendance may be
   * recorded, certificates.
   */
  async function batchDetails(request: FastifyRequest, batch: Batch, filter: RosterFilter = {}): Promise<BatchDetails> {
    const programme = await programmes.get(batch.programmeId);
    const roster = await enrolments.roster(actorOf(request), batch.id, { unitId: unitOf(filter.unit), search: filter.cari });
    const now = clock.now();
    const params = new URLSearchParams(Object.entries(filter).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));
    const here = `/organisasi/angkatan/${batch.id}${params.size > 0 ? `?${params}` : ''}`;
    return {
      programme,
      batch,
      perUnit: roster.units.map((u) => ({ unitId: u.unitId, name: u.name, confirmed: u.confirmed, waiting: u.waitlisted })),
      filter: { unit: filter.unit, cari: filter.cari, filtered: params.size > 0 },
      here,
      confirmed: roster.confirmed,
      waitlist: roster.waitlist,
      // A day's checklist is offered while its attendance may be recorded (the service's rule).
      days: batch.days.map((day) => ({
        ...day,
        window: attendanceRefusal(localInstant(day.date, day.start, programme.timezone), now)?.code ?? 'open',
        present: roster.confirmed.filter((e) => e.attendance.some((a) => a.date === day.date && a.present)).map((e) => e.id),
        presentCount: roster.presentByDate.get(day.date) ?? 0,
      })),
      certificates: roster.confirmed.filter((e) => daysMissed(batch.days, e.attendance).length === 0).map((e) => ({ id: e.id, participantName: e.participantName })),
    };
  }

  /**
   * The dates of a batch before today in its programme's zone that the organiser has not
   * confirmed yet: on a change, only dates the batch did not already have.
   */
  async function unconfirmedPast(programmeId: number, days: { date: string }[], raw: unknown, already: readonly { date: string }[] = []) {
    if ((raw as Record<string, unknown> | undefined)?.confirmPast === 'true') return [];
    const zone = (await programmes.get(programmeId)).timezone;
    const had = new Set(already.map((d) => d.date));
    return days.filter((d) => !had.has(d.date) && isBeforeToday(d.date, zone, clock.now())).map((d) => d.date);
  }

  /** The question a form asks about past dates, as a problem beside its confirmation box. */
  const pastProblem = (ctx: PageContext, dates: string[]): FormProblem => ({
    summary: batchesText[ctx.lang].pastSummary(dates.map((d) => formatDate(d, ctx.lang)).join(', ')),
    fields: { confirmPast: batchesText[ctx.lang].confirmPastError },
  });

  /** A refusal in words; each closed day beside its own date: a weekend, or the holiday's name from the decree. */
  async function explained(error: unknown, ctx: PageContext, form: { value: { days: { date: string }[] }; lines: number[] }) {
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
      for (const day of await holidays.nonWorkingDays(form.value.days.map((d) => d.date))) {
        const line = form.lines[form.value.days.findIndex((d) => d.date === day.date)];
        refused.fields[`date-${line}`] = batchesText[ctx.lang].closedDay(formatDate(day.date, ctx.lang), closedReason(ctx, day));
      }
    }
    return refused;
  }

  const guard = { onRequest: signedIn('organiser') };
  const byBatch = { ...guard, schema: { params: IdParams } };

  web.get('/organisasi/program/:programmeId/angkatan', { ...guard, schema: { params: ProgrammeParams, querystring: MonthQuery } }, async (request, reply) =>
    reply.sendPage(await listPage(request, request.params.programmeId, { month: request.query.bulan, notice: flashOf(request) })),
  );

  web.post('/organisasi/program/:programmeId/angkatan', { ...guard, schema: { params: ProgrammeParams } }, async (request, reply) => {
    const ctx = request.page;
    const { programmeId } = request.params;
    const form = readBatch(request.body, ctx);
    const page = async (problem: FormProblem, status: number) => reply.sendPage(await listPage(request, programmeId, { typed: form.typed, problem }), status);
    if (!form.ok) return await page(form.problem, 400);
    const past = await unconfirmedPast(programmeId, form.value.days, request.body);
    if (past.length > 0) return await page(pastProblem(ctx, past), 422);
    try {
      await batches.create(actorOf(request), programmeId, form.value);
    } catch (error) {
      const refused = await explained(error, ctx, form);
      return await page(refused, refused.status);
    }
    return reply.redirect(withFlash(`/organisasi/program/${programmeId}/angkatan`, 'batchAdded'), 303);
  });

  web.get('/organisasi/angkatan/:id', { ...guard, schema: { params: IdParams, querystring: RosterQuery } }, async (request, reply) =>
    reply.sendPage(<BatchPage ctx={request.page} details={await batchDetails(request, await batches.get(request.params.id), request.query)} notice={flashOf(request)} />),
  );

  web.get('/organisasi/angkatan/:id/ubah', byBatch, async (request, reply) => {
    const batch = await batches.get(request.params.id);
    return reply.sendPage(<BatchEditPage ctx={request.page} batch={batch} typed={typedOf(batch)} />);
  });

  web.post('/organisasi/angkatan/:id/ubah', byBatch, async (request, reply) => {
    const ctx = request.page;
    const batch = await batches.get(request.params.id);
    const form = readBatch(request.body, ctx);
    if (!form.ok) return reply.sendPage(<BatchEditPage ctx={ctx} batch={batch} typed={form.typed} problem={form.problem} />, 400);
    const past = await unconfirmedPast(batch.programmeId, form.value.days, request.body, batch.days);
    if (past.length > 0) return reply.sendPage(<BatchEditPage ctx={ctx} batch={batch} typed={form.typed} problem={pastProblem(ctx, past)} />, 422);
    try {
      await batches.update(actorOf(request), batch.id, { ...form.value, venue: form.value.venue ?? null, eligibleUnitKinds: form.value.eligibleUnitKinds ?? null });
    } catch (error) {
      const refused = await explained(error, ctx, form);
      return reply.sendPage(<BatchEditPage ctx={ctx} batch={batch} typed={form.typed} problem={refused} />, refused.status);
    }
    return reply.redirect(withFlash(`/organisasi/angkatan/${batch.id}`, 'batchSaved'), 303);
  });

  /** One day's attendance from the checklist: ticked present, unticked absent, saved whole or not at all (the service's rule). */
  web.post('/organisasi/angkatan/:id/hadir', byBatch, async (request, reply) => {
    const ctx = request.page;
    const batch = await batches.get(request.params.id);
    const own = `/organisasi/angkatan/${batch.id}`;
    const address = returnAddress((request.body as Record<string, unknown> | undefined)?.kembali, own);
    // Back to this batch's page with its filter kept.
    const back = address === own || address.startsWith(`${own}?`) ? address : own;
    const form = readForm(AttendanceForm, request.body, ctx);
    if (!form.ok) return reply.callNotFound();
    try {
      await enrolments.recordDayAttendance(actorOf(request), batch.id, { date: form.value.date, present: form.value.present ?? [], among: form.value.among });
    } catch (error) {
      const refused = refusal(error, ctx);
      // A date that is not one of the batch's days: no such checklist.
      if (refused.fields.date) return reply.callNotFound();
      const t = batchesText[ctx.lang];
      const summary = refused.code === 'TOO_EARLY' ? t.attendanceTooEarly : refused.code === 'TOO_LATE' ? t.attendanceTooLate(ATTENDANCE_DAYS) : refused.summary;
      return reply.sendPage(<BatchPage ctx={ctx} details={await batchDetails(request, batch, filterOf(back))} problem={{ summary, fields: {} }} />, refused.status);
    }
    return reply.redirect(withFlash(back, 'attendanceSaved'), 303);
  });

  /** Removing a batch: what goes with it first (its enrolments by status, attendance marks), then the API's own call. */
  const removePage = async (request: FastifyRequest, batch: Batch, problem?: FormProblem) => (
    <BatchRemovePage ctx={request.page} programme={await programmes.get(batch.programmeId)} batch={batch} impact={await batches.removalImpact(batch.id)} problem={problem} />
  );

  web.get('/organisasi/angkatan/:id/hapus', byBatch, async (request, reply) => reply.sendPage(await removePage(request, await batches.get(request.params.id))));

  web.post('/organisasi/angkatan/:id/hapus', byBatch, async (request, reply) => {
    const ctx = request.page;
    const batch = await batches.get(request.params.id);
    try {
      await batches.remove(actorOf(request), batch.id);
    } catch (error) {
      const refused = refusal(error, ctx);
      const summary = refused.code === 'BATCH_HAS_ENROLMENTS' ? batchesText[ctx.lang].removeBlocked((await batches.removalImpact(batch.id)).confirmed) : refused.summary;
      return reply.sendPage(await removePage(request, await batches.get(batch.id), { summary, fields: {} }), refused.status);
    }
    return reply.redirect(withFlash(`/organisasi/program/${batch.programmeId}/angkatan`, 'batchRemoved'), 303);
  });
}
