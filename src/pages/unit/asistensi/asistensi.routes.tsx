import { Type, type Static, type TObject } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DateTime } from 'luxon';
import type { Container } from '../../../container';
import type { Api } from '../../../http/api';
import type { Actor } from '../../../platform/actor';
import { notFound } from '../../../platform/errors';
import { Id, LocalDate, Text } from '../../../platform/schemas';
import { parseInstant } from '../../../platform/time';
import type { FormProblem } from '../../../web/components/form';
import { readForm, refusal, type Typed } from '../../../web/forms';
import { signedIn } from '../../../web/web';
import { flashOf, withFlash } from '../../shared/flash';
import type { FlashCode } from '../../shared/flash.text';
import { ProgrammeParams, operatorOf } from '../../shared/page-helpers';
import { AsistensiPage, type AsistensiPeriod, type GridSlot } from './asistensi.view';
import { mapInOrder, someInOrder } from '../../../platform/in-order';

type Services = Pick<Container, 'clock' | 'programmes' | 'periods' | 'bookings' | 'requests'>;
type Period = Awaited<ReturnType<Container['periods']['listForProgramme']>>[number];

const BookForm = Type.Object({ periodId: Id, slotId: Id });
const MoveForm = Type.Object({ bookingId: Id, slotId: Id });
const BookingForm = Type.Object({ bookingId: Id });
const RequestForm = Type.Object({ periodId: Id, preferredDates: Type.Optional(Type.Array(LocalDate, { maxItems: 60, uniqueItems: true })), notes: Type.Optional(Text(1000)) });
const WithdrawForm = Type.Object({ requestId: Id });

export function asistensiPages(web: Api, services: Services) {
  const { clock, bookings, requests, periods, programmes } = services;
  const options = { onRequest: signedIn('unit'), schema: { params: ProgrammeParams } };

  /**
   * A period as the unit sees it now: what it may do and why not (the bookings service's one
   * answer, the same rules booking applies), its booking or open request, the slots by day.
   */
  async function periodView(actor: Actor, unitId: number, period: Period, now: DateTime): Promise<AsistensiPeriod> {
    const options = await bookings.bookingOptions(actor, period.id, unitId);
    const open = (await requests.list(actor, period.id)).find((r) => r.status === 'open');
    const days = new Map<string, GridSlot[]>();
    for (const slot of await bookings.listSlots(actor, period.id, {})) {
      // A unit key sees who holds a slot only when it is its own.
      const state = 'unit' in slot && slot.unit?.id === unitId ? 'own' : slot.status === 'closed' ? 'closed' : slot.status === 'booked' ? 'taken' : 'free';
      days.set(slot.date, [...(days.get(slot.date) ?? []), { id: slot.id, date: slot.date, start: slot.start, end: slot.end, state, past: parseInstant(slot.startsAt) <= now }]);
    }
    return {
      ...period,
      options: {
        phase: options.phase,
        draft: options.draft,
        draftSentAt: options.draftSentAt,
        cutoffPassed: options.priorityCutoff !== null && parseInstant(options.priorityCutoff) < now,
        changeUntil: options.changeUntil,
        book: options.book.refusal,
        move: options.move.refusal,
        cancel: options.cancel.refusal,
      },
      booking: options.booking,
      openRequest: open ? { id: open.id, preferredDates: open.preferredDates } : null,
      days: [...days].map(([date, slots]) => ({ date, slots })),
    };
  }

  async function page(request: FastifyRequest, programmeId: number, extra: { problem?: FormProblem; notice?: string; typed?: Typed } = {}) {
    const { actor, unitId } = operatorOf(request);
    const now = clock.now();
    const programme = await programmes.get(programmeId);
    const shown = await mapInOrder(await periods.listForProgramme(programmeId), async (period) => await periodView(actor, unitId, period, now));
    return <AsistensiPage ctx={request.page} programme={programme} partner={programme.asistensiPartner} periods={shown} {...extra} />;
  }

  /** A period of this programme, or the page does not exist. */
  const periodOf = async (programmeId: number, periodId: number) => {
    const period = (await periods.listForProgramme(programmeId)).find((p) => p.id === periodId);
    if (!period) throw notFound('asistensi period', periodId);
    return period;
  };

  /** Runs one action; a refusal re-renders the page with the reason in words, with its status. */
  function act<S extends TObject>(schema: S, done: FlashCode, run: (request: FastifyRequest, value: Static<S>, programmeId: number) => Promise<unknown>) {
    return async (request: FastifyRequest, reply: FastifyReply) => {
      const { programmeId } = request.params as { programmeId: number };
      const form = readForm(schema, request.body, request.page);
      if (!form.ok) return reply.sendPage(await page(request, programmeId, { problem: form.problem, typed: form.typed }), 400);
      try {
        await run(request, form.value, programmeId);
      } catch (error) {
        const refused = refusal(error, request.page, (await programmes.get(programmeId)).timezone);
        return reply.sendPage(await page(request, programmeId, { problem: refused, typed: form.typed }), refused.status);
      }
      return reply.redirect(withFlash(`/unit/program/${programmeId}/asistensi`, done), 303);
    };
  }
  const actor = (request: FastifyRequest) => operatorOf(request).actor;

  web.get('/unit/program/:programmeId/asistensi', options, async (request, reply) => reply.sendPage(await page(request, request.params.programmeId, { notice: flashOf(request) })));
  web.post(
    '/unit/program/:programmeId/asistensi/pesan',
    options,
    act(BookForm, 'booked', async (request, { periodId, slotId }, programmeId) => await bookings.book(actor(request), (await periodOf(programmeId, periodId)).id, { slotId })),
  );
  /** The unit's booking in a period of this programme, or the page does not exist. */
  const bookingOf = async (request: FastifyRequest, programmeId: number, bookingId: number) => {
    await periodOf(programmeId, (await bookings.get(actor(request), bookingId)).periodId);
    return bookingId;
  };
  web.post(
    '/unit/program/:programmeId/asistensi/pindah',
    options,
    act(MoveForm, 'moved', async (request, { bookingId, slotId }, programmeId) => await bookings.reschedule(actor(request), await bookingOf(request, programmeId, bookingId), { slotId })),
  );
  web.post(
    '/unit/program/:programmeId/asistensi/batal',
    options,
    act(BookingForm, 'bookingCancelled', async (request, { bookingId }, programmeId) => await bookings.cancel(actor(request), await bookingOf(request, programmeId, bookingId))),
  );
  web.post(
    '/unit/program/:programmeId/asistensi/minta',
    options,
    act(RequestForm, 'requested', async (request, { periodId, preferredDates, notes }, programmeId) =>
      await requests.request(actor(request), (await periodOf(programmeId, periodId)).id, { preferredDates: preferredDates ?? [], notes: notes ?? null }),
    ),
  );
  web.post(
    '/unit/program/:programmeId/asistensi/tarik',
    options,
    act(WithdrawForm, 'requestWithdrawn', async (request, { requestId }, programmeId) => {
      const ofProgramme = await someInOrder(await periods.listForProgramme(programmeId), async (period) => (await requests.list(actor(request), period.id)).some((r) => r.id === requestId));
      if (!ofProgramme) throw notFound('request', requestId);
      await requests.withdraw(actor(request), requestId);
    }),
  );
}
