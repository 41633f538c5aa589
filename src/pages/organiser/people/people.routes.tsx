import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { Container } from '../../../container';
import { daysMissed } from '../../../features/attendance.rules';
import { mayAttend } from '../../../features/workshops/workshops.rules';
import type { Api } from '../../../http/api';
import { Id } from '../../../platform/schemas';
import type { FormProblem } from '../../../web/components/form';
import { readForm } from '../../../web/forms';
import { signedIn } from '../../../web/web';
import { flashOf, withFlash } from '../../shared/flash';
import { IdParams, ProgrammeParams, actorOf } from '../../shared/page-helpers';
import { pageOf, pageSlice } from '../../shared/pagination.view';
import { batchChoice, enrolmentRefusal, PeopleQuery, unitFilter, unitOf } from '../enrolments/enrolments.routes';
import { OfficialPage, PeoplePage, type OfficialProgramme, type PersonRow } from './people.view';
import { peopleText } from './people.text';
import { mapInOrder } from '../../../platform/in-order';

type Services = Pick<Container, 'programmes' | 'batches' | 'enrolments' | 'participants' | 'units'>;

const OfficialQuery = Type.Object({ program: Type.Optional(Id), ok: Type.Optional(Type.String()) });
const EnrolForm = Type.Object({ program: Id });

/** A programme's officials searched in the database (name, NIP as typed, unit), 25 a page; and each official's page with the enrolment actions. */
export function peoplePages(web: Api, services: Services) {
  const { programmes, batches, enrolments, participants, units } = services;
  const guard = { onRequest: signedIn('organiser') };

  web.get('/organisasi/program/:programmeId/pejabat', { ...guard, schema: { params: ProgrammeParams, querystring: PeopleQuery } }, async (request, reply) => {
    const actor = actorOf(request);
    const programme = await programmes.get(request.params.programmeId);
    const { cari, halaman } = request.query;
    const page = halaman ?? 1;
    const filter = await unitFilter(units, request.query, request.page.lang);
    const found = filter.codeError ? { officials: [], total: 0 } : await participants.search(actor, { search: cari, unitId: unitOf(filter.unit), ...pageSlice(page) });
    const unitFacts = await units.namesAndStates(found.officials.map((o) => o.unitId));
    const batchName = new Map((await batches.listForProgramme(programme.id)).map((b) => [b.id, b.name]));
    const active = await enrolments.inForceByParticipant(actor, found.officials.map((o) => o.id), programme.id);
    const rows: PersonRow[] = found.officials.map((o) => {
      const enrolment = active.get(o.id);
      return {
        id: o.id,
        name: o.name,
        nip: o.nip,
        position: o.position,
        unitName: unitFacts.get(o.unitId)?.name ?? '',
        enrolment: enrolment ? { batchId: enrolment.batchId, batchName: batchName.get(enrolment.batchId) ?? '', status: enrolment.status, waitlistPosition: enrolment.waitlistPosition } : null,
      };
    });
    return reply.sendPage(
      <PeoplePage
        ctx={request.page}
        programme={programme}
        query={{ cari, unit: filter.unit }}
        units={filter}
        rows={rows}
        at={pageOf(page, found.total, rows.length)}
        filtered={Boolean(cari?.trim() || filter.unit || filter.code)}
      />,
    );
  });

  /** An official's page: their unit, and in each programme (the one they came from first) their enrolment, days, marks and certificate, or a way to enrol them. */
  async function officialPage(request: FastifyRequest, id: number, programmeId: number | undefined, extra: { chosen?: string; problem?: FormProblem; notice?: string } = {}) {
    const ctx = request.page;
    const t = peopleText[ctx.lang];
    const actor = actorOf(request);
    const official = await participants.get(actor, id);
    const unit = await units.get(official.unitId);
    const all = await enrolments.ofParticipants(actor, [id]);
    const list = await programmes.list();
    const ordered = [...list.filter((p) => p.id === programmeId), ...list.filter((p) => p.id !== programmeId)];
    const shown: OfficialProgramme[] = await mapInOrder(ordered, async (programme) => {
      const mine = all.filter((e) => e.programmeId === programme.id);
      const current = mine.find((e) => e.status !== 'cancelled');
      const batchList = await batches.listForProgramme(programme.id);
      const nameOf = (batchId: number) => batchList.find((b) => b.id === batchId)?.name ?? '';
      const batch = current && batchList.find((b) => b.id === current.batchId);
      return {
        id: programme.id,
        name: programme.name,
        active:
          current && batch
            ? {
                enrolment: current,
                batch,
                zone: programme.timezone,
                certificate: current.status === 'confirmed' && batch.days.length > 0 && daysMissed(batch.days, current.attendance).length === 0,
              }
            : null,
        cancelled: mine.filter((e) => e.status === 'cancelled').map((e) => nameOf(e.batchId)),
        options: batchList.filter((b) => mayAttend(b.eligibleUnitKinds, unit.kind)).map((b) => [String(b.id), batchChoice(ctx, b)] as const),
        hasBatches: batchList.length > 0,
      };
    });
    const known = programmeId !== undefined && list.some((p) => p.id === programmeId);
    const here = `/organisasi/pejabat/${id}${known ? `?program=${programmeId}` : ''}`;
    return (
      <OfficialPage
        ctx={ctx}
        official={{ ...official, unitName: unit.name }}
        back={known ? { href: `/organisasi/program/${programmeId}/pejabat`, label: t.back } : { href: '/organisasi', label: t.console }}
        here={here}
        programmes={shown}
        {...extra}
      />
    );
  }

  web.get('/organisasi/pejabat/:id', { ...guard, schema: { params: IdParams, querystring: OfficialQuery } }, async (request, reply) =>
    reply.sendPage(await officialPage(request, request.params.id, request.query.program, { notice: flashOf(request) })),
  );

  /** Enrols the official into a batch chosen on their page (the select of that programme). */
  web.post('/organisasi/pejabat/:id/daftarkan', { ...guard, schema: { params: IdParams } }, async (request, reply) => {
    const ctx = request.page;
    const { id } = request.params;
    const raw = (request.body ?? {}) as Record<string, string>;
    const form = readForm(EnrolForm, raw, ctx);
    if (!form.ok) return reply.callNotFound();
    const programmeId = form.value.program;
    const field = `batchId-${programmeId}`;
    const chosen = readForm(Type.Object({ batchId: Id }), { batchId: raw[field] }, ctx);
    if (!chosen.ok) return reply.sendPage(await officialPage(request, id, programmeId, { problem: { fields: { [field]: peopleText[ctx.lang].chooseBatch } } }), 400);
    const batch = (await batches.listForProgramme(programmeId)).find((b) => b.id === chosen.value.batchId);
    if (!batch) return reply.callNotFound();
    try {
      const enrolled = await enrolments.enrol(actorOf(request), batch.id, id);
      return reply.redirect(withFlash(`/organisasi/pejabat/${id}?program=${programmeId}`, enrolled.status === 'confirmed' ? 'enrolled' : 'waitlisted'), 303);
    } catch (error) {
      const refused = enrolmentRefusal(error, ctx, { batch, unit: await units.get((await participants.get(actorOf(request), id)).unitId) });
      return reply.sendPage(await officialPage(request, id, programmeId, { chosen: String(batch.id), problem: { fields: { [field]: refused.summary } } }), refused.status);
    }
  });
}
