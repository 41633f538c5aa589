import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { Container } from '../../../container';
import { UnitCreateBody } from '../../../features/units/units.schemas';
import type { Api } from '../../../http/api';
import { readForm, refusal } from '../../../web/forms';
import { signedIn } from '../../../web/web';
import { flashOf, withFlash } from '../../shared/flash';
import { IdParams, actorOf } from '../../shared/page-helpers';
import { DeactivatePage, UnitPage, type ProgrammeActivity, type UnitOverview } from './unit.view';
import { mapInOrder } from '../../../platform/in-order';

type Services = Pick<Container, 'units' | 'users' | 'participants' | 'programmes' | 'batches' | 'enrolments' | 'drafts' | 'periods' | 'bookings' | 'requests' | 'outbox'>;

/** The unit's form: every field is on it (an email left blank removes it). */
const UnitForm = UnitCreateBody;
const StatusForm = Type.Object({ active: Type.Boolean() });

/** The notices the unit's page lists; the rest are on the notices page, filtered by the unit. */
const NOTICES_SHOWN = 10;
/** A unit has a few dozen officials; the page lists them all. */
const MAX_OFFICIALS = 1000;

/** One unit's page (what it has everywhere, its people and notices, its form) and deactivating it. */
export function unitPage(web: Api, services: Services) {
  const { units, users, participants, programmes, batches, enrolments, drafts, periods, bookings, requests, outbox } = services;
  const guard = { onRequest: signedIn('organiser') };
  const withId = { ...guard, schema: { params: IdParams } };

  /** Everything the unit's page shows besides its form, from the same services as the API. */
  async function overviewOf(request: FastifyRequest, unitId: number): Promise<UnitOverview> {
    const actor = actorOf(request);
    const unit = await units.get(unitId);
    const enrolled = await enrolments.activeOfUnit(unitId);
    const sent = await drafts.ofUnit(unitId);
    const booked = await bookings.bookingsOfUnit(unitId);
    const asked = await requests.ofUnit(actor, unitId);
    const periodOf = new Map(await mapInOrder([...new Set([...booked.map((b) => b.periodId), ...asked.map((r) => r.periodId)])], async (id) => [id, await periods.load(id)]));
    const programmeIds = new Set([...enrolled.map((e) => e.programmeId), ...sent.map((d) => d.programmeId), ...[...periodOf.values()].map((p) => p.programmeId)]);
    const activity = await mapInOrder((await programmes.list()).filter((p) => programmeIds.has(p.id)), async (programme): Promise<ProgrammeActivity> => {
        const batchName = new Map(enrolled.some((e) => e.programmeId === programme.id) ? (await batches.listForProgramme(programme.id)).map((b) => [b.id, b.name]) : []);
        const ofProgramme = (periodId: number) => periodOf.get(periodId)!.programmeId === programme.id;
        return {
          id: programme.id,
          name: programme.name,
          timezone: programme.timezone,
          enrolments: enrolled
            .filter((e) => e.programmeId === programme.id && (e.status === 'confirmed' || e.status === 'waitlisted'))
            .map((e) => ({
              id: e.id,
              participantId: e.participantId,
              participantName: e.participantName,
              batchId: e.batchId,
              batchName: batchName.get(e.batchId) ?? '',
              status: e.status === 'confirmed' ? ('confirmed' as const) : ('waitlisted' as const),
              waitlistPosition: e.waitlistPosition,
            })),
          drafts: sent.filter((d) => d.programmeId === programme.id).map(({ id, title, sopCount, status, receivedAt }) => ({ id, title, sopCount, status, receivedAt })),
          bookings: booked
            .filter((b) => ofProgramme(b.periodId))
            .map((b) => ({ id: b.id, periodId: b.periodId, periodName: periodOf.get(b.periodId)!.name, date: b.date, start: b.start, end: b.end, status: b.status, attended: b.attended })),
          requests: asked
            .filter((r) => ofProgramme(r.periodId))
            .map((r) => ({ id: r.id, periodId: r.periodId, periodName: periodOf.get(r.periodId)!.name, preferredDates: r.preferredDates, status: r.status })),
        };
      });
    const notices = await outbox.list(actor, { unitId, limit: NOTICES_SHOWN + 1, offset: 0 });
    return {
      unit,
      officials: (await participants.list(actor, { unitId, limit: MAX_OFFICIALS, offset: 0 })).map(({ id, name, nip, position }) => ({ id, name, nip, position })),
      programmes: activity,
      operators: (await users.list(actor, { unitId })).map(({ id, name, email, status }) => ({ id, name, email, status })),
      notices: notices.slice(0, NOTICES_SHOWN).map((n) => {
        const statuses = n.deliveries.map((d) => d.status);
        const delivery = statuses.length === 0 ? 'none' : statuses.includes('failed') ? 'failed' : statuses.includes('pending') ? 'pending' : 'sent';
        return { id: n.id, kind: n.kind, createdAt: n.createdAt, delivery };
      }),
      moreNotices: notices.length > NOTICES_SHOWN,
    };
  }

  web.get('/organisasi/unit/:id', withId, async (request, reply) =>
    reply.sendPage(<UnitPage ctx={request.page} overview={await overviewOf(request, request.params.id)} notice={flashOf(request)} />),
  );

  web.post('/organisasi/unit/:id', withId, async (request, reply) => {
    const ctx = request.page;
    const unit = await units.get(request.params.id);
    const form = readForm(UnitForm, request.body, ctx);
    if (!form.ok) return reply.sendPage(<UnitPage ctx={ctx} overview={await overviewOf(request, unit.id)} typed={form.typed} problem={form.problem} />, 400);
    try {
      // An email left blank removes it.
      await units.update(actorOf(request), unit.id, { ...form.value, email: form.value.email ?? null });
    } catch (error) {
      const refused = refusal(error, ctx);
      if (refused.code === 'UNIT_CODE_TAKEN') refused.fields.code = refused.summary!;
      return reply.sendPage(<UnitPage ctx={ctx} overview={await overviewOf(request, unit.id)} typed={form.typed} problem={refused} />, refused.status);
    }
    return reply.redirect(withFlash('/organisasi/unit', 'unitSaved'), 303);
  });

  /** What deactivating means, and what the unit keeps (counted), before anything changes. */
  async function deactivatePage(request: FastifyRequest, unitId: number, problem?: ReturnType<typeof refusal>) {
    const actor = actorOf(request);
    const unit = await units.get(unitId);
    const keeps = {
      enrolments: (await enrolments.activeOfUnit(unitId)).length,
      bookings: (await bookings.bookingsOfUnit(unitId)).filter((b) => b.status === 'active').length,
      requests: (await requests.ofUnit(actor, unitId)).filter((r) => r.status === 'open').length,
      operators: (await users.list(actor, { unitId })).filter((u) => u.status !== 'disabled').length,
    };
    return <DeactivatePage ctx={request.page} unit={unit} keeps={keeps} problem={problem} />;
  }

  web.get('/organisasi/unit/:id/nonaktifkan', withId, async (request, reply) => {
    const unit = await units.get(request.params.id);
    // Already inactive: its page says so and offers to reactivate it.
    if (!unit.active) return reply.redirect(`/organisasi/unit/${unit.id}`, 303);
    return reply.sendPage(await deactivatePage(request, unit.id));
  });

  web.post('/organisasi/unit/:id/status', withId, async (request, reply) => {
    const ctx = request.page;
    const unit = await units.get(request.params.id);
    const form = readForm(StatusForm, request.body, ctx);
    if (!form.ok) return reply.sendPage(<UnitPage ctx={ctx} overview={await overviewOf(request, unit.id)} problem={{ summary: ctx.t.validation.invalid, fields: {} }} />, 400);
    try {
      await units.update(actorOf(request), unit.id, { active: form.value.active });
    } catch (error) {
      const refused = refusal(error, ctx);
      return reply.sendPage(form.value.active ? <UnitPage ctx={ctx} overview={await overviewOf(request, unit.id)} problem={refused} /> : await deactivatePage(request, unit.id, refused), refused.status);
    }
    return reply.redirect(withFlash(`/organisasi/unit/${unit.id}`, form.value.active ? 'unitReactivated' : 'unitDeactivated'), 303);
  });
}
