import { Type, type Static, type TObject } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Container } from '../../container';
import type { Api } from '../../http/api';
import { notFound } from '../../platform/errors';
import { Id, LocalDate, Text } from '../../platform/schemas';
import type { PageContext } from '../../web/context';
import { formatDate, formatDayHeading, formatShortDate, formatTimeRange } from '../../platform/format';
import { readForm, refusal, type Typed } from '../../web/forms';
import { ActionButton, Csrf, Layout, type FormProblem } from '../../web/layout';
import { signedIn } from '../../web/web';
import { ProgrammeTabs, sessionWhen, when } from '../shared/components.view';
import { flashOf } from '../shared/flash';
import { ProgrammeParams, operatorOf } from '../shared/page-helpers';

type Services = Pick<Container, 'clock' | 'programmes' | 'periods' | 'bookings' | 'requests'>;
type Period = ReturnType<Container['periods']['listForProgramme']>[number];
type Slot = ReturnType<Container['bookings']['listSlots']>[number];

const BookForm = Type.Object({ periodId: Id, slotId: Id });
const MoveForm = Type.Object({ bookingId: Id, slotId: Id });
const BookingForm = Type.Object({ bookingId: Id });
const RequestForm = Type.Object({ periodId: Id, preferredDates: Type.Optional(Type.Array(LocalDate, { maxItems: 60, uniqueItems: true })), notes: Type.Optional(Text(1000)) });
const WithdrawForm = Type.Object({ requestId: Id });

function PeriodSection(props: { ctx: PageContext; services: Services; request: FastifyRequest; programmeId: number; period: Period; zone: string; typed?: Typed }) {
  const { ctx, services, request, programmeId, period, zone } = props;
  // What was typed into this period's request form, back after a refusal.
  const typed = props.typed?.periodId === String(period.id) ? props.typed : {};
  const typedDates = [typed.preferredDates ?? []].flat();
  const t = ctx.t.asistensi;
  const { actor, unitId } = operatorOf(request);
  const now = services.clock.now();
  const base = `/unit/program/${programmeId}/asistensi`;
  const slots = services.bookings.listSlots(actor, period.id, {});
  const booking = services.bookings.list(actor, period.id).find((b) => b.status === 'active');
  const request_ = services.requests.list(actor, period.id).find((r) => r.status === 'open');
  const future = (iso: string | null) => iso !== null && Date.parse(iso) > now.toMillis();
  const hasPriority = services.bookings.hasPriority(period.id, unitId);
  const days = new Map<string, Slot[]>();
  for (const slot of slots) days.set(slot.date, [...(days.get(slot.date) ?? []), slot]);
  const label = (slot: Slot) => `${formatDate(slot.date, ctx.lang)}, ${formatTimeRange(slot.start, slot.end, zone, ctx.lang)}`;

  return (
    <section aria-labelledby={`period-${period.id}`}>
      <h2 id={`period-${period.id}`}>{period.name}</h2>
      <p>{t.dates(formatDate(period.startDate, ctx.lang), formatDate(period.endDate, ctx.lang), period.workingDays)}</p>
      {period.location && <p>{t.location(period.location)}</p>}
      <div class="card">
        {future(period.bookingOpensAt) && <p>{t.opensAt(when(ctx, period.bookingOpensAt!, zone))}</p>}
        {future(period.priorityUntil) && (
          <>
            <p>{t.priority(when(ctx, period.priorityUntil!, zone))}</p>
            <p>
              <strong>{hasPriority ? t.priorityYes : t.priorityNo}</strong>
            </p>
          </>
        )}
        {period.bookingClosesAt && <p>{t.closesAt(when(ctx, period.bookingClosesAt, zone))}</p>}
        <p>{t.notice(period.cancelNoticeHours)}</p>
      </div>

      {booking && (
        <div class="card card--own" aria-labelledby={`own-${period.id}`}>
          <h3 id={`own-${period.id}`}>{t.yourBooking}</h3>
          <p class="lead">{sessionWhen(ctx, booking, zone)}</p>
          <p>{t.moveHint}</p>
          <form method="post" action={`${base}/batal`} class="inline-form" data-confirm={t.cancelConfirm}>
            <Csrf ctx={ctx} />
            <input type="hidden" name="bookingId" value={booking.id} />
            <button type="submit" class="button button--warning">
              {t.cancelBooking}
            </button>
          </form>
        </div>
      )}

      <h3>{t.grid}</h3>
      {[...days].map(([date, daySlots]) => (
        <section class="grid-day" aria-labelledby={`day-${period.id}-${date}`}>
          <h4 class="grid-day__title" id={`day-${period.id}-${date}`}>
            {formatDate(date, ctx.lang)}
          </h4>
          <ul class="grid-day__slots">
            {daySlots.map((slot) => {
              const own = 'unit' in slot && slot.unit.id === unitId;
              const past = Date.parse(slot.startsAt) <= now.toMillis();
              const state = own ? 'own' : slot.status === 'closed' ? 'closed' : slot.status === 'booked' ? 'taken' : 'free';
              return (
                <li class={`slot slot--${state}`} id={`slot-${slot.id}`}>
                  <span class="slot__time">{formatTimeRange(slot.start, slot.end, zone, ctx.lang)}</span>
                  <span class="slot__state">{past && state === 'free' ? t.past : t[state]}</span>
                  {state === 'free' &&
                    !past &&
                    (booking ? (
                      <ActionButton ctx={ctx} action={`${base}/pindah`} fields={{ bookingId: booking.id, slotId: slot.id }} label={t.moveHere} ariaLabel={t.moveLabel(label(slot))} variant="secondary" />
                    ) : (
                      <ActionButton ctx={ctx} action={`${base}/pesan`} fields={{ periodId: period.id, slotId: slot.id }} label={t.book} ariaLabel={t.bookLabel(label(slot))} />
                    ))}
                </li>
              );
            })}
          </ul>
        </section>
      ))}

      {!booking && (
        <section class="card" aria-labelledby={`request-${period.id}`}>
          <h3 id={`request-${period.id}`}>{t.requestTitle}</h3>
          {request_ ? (
            <>
              <p>{t.openRequest(request_.preferredDates.map((d) => formatShortDate(d, ctx.lang)).join(', '))}</p>
              <form method="post" action={`${base}/tarik`} class="inline-form">
                <Csrf ctx={ctx} />
                <input type="hidden" name="requestId" value={request_.id} />
                <button type="submit" class="button button--secondary">
                  {t.withdraw}
                </button>
              </form>
            </>
          ) : (
            <form method="post" action={`${base}/minta`} class="form">
              <Csrf ctx={ctx} />
              <p>{t.requestLead}</p>
              <input type="hidden" name="periodId" value={period.id} />
              <fieldset class="checkboxes" aria-describedby={`preferred-hint-${period.id}`} id={typed === props.typed ? 'preferredDates' : undefined}>
                <legend>{t.preferredDates}</legend>
                <p class="field__hint" id={`preferred-hint-${period.id}`}>
                  {t.preferredHint}
                </p>
                {period.workingDates.map((date) => (
                  <label class="checkbox">
                    <input type="checkbox" name="preferredDates" value={date} checked={typedDates.includes(date)} />
                    {formatDayHeading(date, ctx.lang)}
                  </label>
                ))}
              </fieldset>
              <div class="field">
                <label class="field__label" for={`notes-${period.id}`}>
                  {t.requestNotes} <span class="field__optional">{ctx.t.common.optional}</span>
                </label>
                <textarea class="textarea" id={`notes-${period.id}`} name="notes" rows={3} maxLength={1000} value={[typed.notes ?? ''].flat().join('')} />
              </div>
              <button type="submit" class="button">
                {t.requestSubmit}
              </button>
            </form>
          )}
        </section>
      )}
    </section>
  );
}

function AsistensiPage({ ctx, services, request, programmeId, problem, notice, typed }: { ctx: PageContext; services: Services; request: FastifyRequest; programmeId: number; problem?: FormProblem; notice?: string; typed?: Typed }) {
  const t = ctx.t.asistensi;
  const programme = services.programmes.get(programmeId);
  const periods = services.periods.listForProgramme(programmeId);
  return (
    <Layout ctx={ctx} title={`${t.title} · ${programme.name}`} problem={problem} notice={notice}>
      <h1>{programme.name}</h1>
      <ProgrammeTabs ctx={ctx} programmeId={programmeId} current="asistensi" />
      <p>{t.lead}</p>
      {periods.length === 0 && <p>{t.noPeriods}</p>}
      {periods.map((period) => (
        <PeriodSection ctx={ctx} services={services} request={request} programmeId={programmeId} period={period} zone={programme.timezone} typed={typed} />
      ))}
    </Layout>
  );
}

export function asistensiPages(web: Api, services: Services) {
  const { bookings, requests, periods, programmes } = services;
  const options = { onRequest: signedIn('unit'), schema: { params: ProgrammeParams } };
  const page = (request: FastifyRequest, programmeId: number, extra: { problem?: FormProblem; notice?: string; typed?: Typed } = {}) => (
    <AsistensiPage ctx={request.page} services={services} request={request} programmeId={programmeId} {...extra} />
  );
  /** A period of this programme, or the page does not exist. */
  const periodOf = (programmeId: number, periodId: number) => {
    const period = periods.listForProgramme(programmeId).find((p) => p.id === periodId);
    if (!period) throw notFound('asistensi period', periodId);
    return period;
  };

  /** Runs one action; a refusal re-renders the page with the reason in words, with its status. */
  function act<S extends TObject>(schema: S, done: string, run: (request: FastifyRequest, value: Static<S>, programmeId: number) => void) {
    return async (request: FastifyRequest, reply: FastifyReply) => {
      const { programmeId } = request.params as { programmeId: number };
      const form = readForm(schema, request.body, request.page);
      if (!form.ok) return reply.sendPage(page(request, programmeId, { problem: form.problem, typed: form.typed }), 400);
      try {
        run(request, form.value, programmeId);
      } catch (error) {
        const refused = refusal(error, request.page, programmes.get(programmeId).timezone);
        return reply.sendPage(page(request, programmeId, { problem: refused, typed: form.typed }), refused.status);
      }
      return reply.redirect(`/unit/program/${programmeId}/asistensi?ok=${done}`, 303);
    };
  }
  const actor = (request: FastifyRequest) => operatorOf(request).actor;

  web.get('/unit/program/:programmeId/asistensi', options, async (request, reply) => reply.sendPage(page(request, request.params.programmeId, { notice: flashOf(request) })));
  web.post(
    '/unit/program/:programmeId/asistensi/pesan',
    options,
    act(BookForm, 'booked', (request, { periodId, slotId }, programmeId) => bookings.book(actor(request), periodOf(programmeId, periodId).id, { slotId })),
  );
  /** The unit's booking in a period of this programme, or the page does not exist. */
  const bookingOf = (request: FastifyRequest, programmeId: number, bookingId: number) => {
    periodOf(programmeId, bookings.get(actor(request), bookingId).periodId);
    return bookingId;
  };
  web.post(
    '/unit/program/:programmeId/asistensi/pindah',
    options,
    act(MoveForm, 'moved', (request, { bookingId, slotId }, programmeId) => bookings.reschedule(actor(request), bookingOf(request, programmeId, bookingId), { slotId })),
  );
  web.post(
    '/unit/program/:programmeId/asistensi/batal',
    options,
    act(BookingForm, 'bookingCancelled', (request, { bookingId }, programmeId) => bookings.cancel(actor(request), bookingOf(request, programmeId, bookingId))),
  );
  web.post(
    '/unit/program/:programmeId/asistensi/minta',
    options,
    act(RequestForm, 'requested', (request, { periodId, preferredDates, notes }, programmeId) =>
      requests.request(actor(request), periodOf(programmeId, periodId).id, { preferredDates: preferredDates ?? [], notes: notes ?? null }),
    ),
  );
  web.post(
    '/unit/program/:programmeId/asistensi/tarik',
    options,
    act(WithdrawForm, 'requestWithdrawn', (request, { requestId }, programmeId) => {
      const ofProgramme = periods.listForProgramme(programmeId).some((period) => requests.list(actor(request), period.id).some((r) => r.id === requestId));
      if (!ofProgramme) throw notFound('request', requestId);
      requests.withdraw(actor(request), requestId);
    }),
  );
}
