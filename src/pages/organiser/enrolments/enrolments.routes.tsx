import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { Container } from '../../../container';
import type { UnitKind } from '../../../features/units/units.rules';
import { unitKindText } from '../../../features/units/units.text';
import { mayAttend } from '../../../features/workshops/workshops.rules';
import type { Api } from '../../../http/api';
import { AppError } from '../../../platform/errors';
import { formatDate } from '../../../platform/format';
import { Id } from '../../../platform/schemas';
import type { FormProblem } from '../../../web/components/form';
import type { PageContext } from '../../../web/context';
import { readForm, refusal } from '../../../web/forms';
import { localPath, signedIn } from '../../../web/web';
import { withFlash } from '../../shared/flash';
import { IdParams, PageNumber, actorOf } from '../../shared/page-helpers';
import { pageAddress, pageOf, pageSlice } from '../../shared/pagination.view';
import { officialSearchText } from '../../shared/official-search.text';
import { enrolmentsText } from './enrolments.text';
import { CancelPage, EnrolSearchPage, MovePage, PromotePage, type Candidate } from './enrolments.view';
import { mapInOrder } from '../../../platform/in-order';

type Services = Pick<Container, 'programmes' | 'batches' | 'enrolments' | 'participants' | 'units'>;
type Batch = Awaited<ReturnType<Container['batches']['get']>>;

/** A search of officials: name or NIP, unit (blank: every unit), page. */
export const PeopleQuery = Type.Object({
  cari: Type.Optional(Type.String({ maxLength: 100 })),
  unit: Type.Optional(Type.String({ pattern: '^\\d{0,12}$' })),
  kodeUnit: Type.Optional(Type.String({ maxLength: 40 })),
  halaman: PageNumber,
  ok: Type.Optional(Type.String()),
});
const BackQuery = Type.Object({ kembali: Type.Optional(Type.String({ maxLength: 500 })) });
const EnrolForm = Type.Object({ participantId: Id });
const MoveForm = Type.Object({ batchId: Id });

/** The unit chosen in a search's address ("" or absent: every unit). */
export const unitOf = (unit: string | undefined) => (unit ? Number(unit) : undefined);

/** Up to this many units the search offers them in a list; past it (a province's deployment), a unit code is typed. */
export const UNIT_CHOICES_MAX = 300;

/**
 * The search's unit filter: a list of every unit in a small deployment; in a large one a code
 * field (`kodeUnit`), whose unit then travels on as `unit` like a chosen one. An unknown code
 * finds nobody and says so on its field.
 */
export async function unitFilter(units: Container['units'], query: { unit?: string; kodeUnit?: string }, lang: PageContext['lang']) {
  if (await units.count({}) <= UNIT_CHOICES_MAX)
    return { unit: query.unit || undefined, choices: (await units.list({ limit: UNIT_CHOICES_MAX, offset: 0 })).sort((a, b) => a.name.localeCompare(b.name)), code: undefined, codeError: undefined };
  const typed = query.kodeUnit?.trim();
  if (typed) {
    const found = await units.getByCode(typed);
    return found
      ? { unit: String(found.id), choices: null, code: found.code, codeError: undefined }
      : { unit: undefined, choices: null, code: typed, codeError: officialSearchText[lang].unknownUnitCode(typed) };
  }
  const chosen = query.kodeUnit === undefined && query.unit ? await units.find(Number(query.unit)) : undefined;
  return { unit: chosen ? String(chosen.id) : undefined, choices: null, code: chosen?.code, codeError: undefined };
}

/**
 * Where an action leads back to: the console's page of a batch, an official or a programme's
 * officials, with its filters (never another site, nor the flash of an earlier action).
 */
export function returnAddress(raw: unknown, fallback: string): string {
  const path = localPath(raw, '');
  const match = /^(\/organisasi\/(?:angkatan\/\d+|pejabat\/\d+|program\/\d+\/pejabat))(?:\?(.*))?$/.exec(path);
  if (!match) return fallback;
  const params = new URLSearchParams(match[2] ?? '');
  params.delete('ok');
  const query = params.toString();
  return query ? `${match[1]}?${query}` : match[1]!;
}

/**
 * A refused enrolment action in the organiser's words: which batch is full, which unit holds
 * its quota, which kinds a batch is for. Anything else as every page words it.
 */
export function enrolmentRefusal(
  error: unknown,
  ctx: PageContext,
  about: { batch: Pick<Batch, 'name' | 'unitQuota' | 'eligibleUnitKinds'>; unit: { name: string; kind: UnitKind } },
): { status: number; code: string; summary: string } {
  const refused = refusal(error, ctx);
  const words = enrolmentsText[ctx.lang].refused;
  const kinds = unitKindText[ctx.lang];
  const named = error instanceof AppError && typeof error.extensions?.batchName === 'string' ? error.extensions.batchName : about.batch.name;
  const sentence = (() => {
    switch (refused.code) {
      case 'BATCH_FULL':
        return words.BATCH_FULL(named);
      case 'UNIT_QUOTA_REACHED':
        return words.UNIT_QUOTA_REACHED(named, about.unit.name, about.batch.unitQuota);
      case 'NOT_ELIGIBLE':
        return words.NOT_ELIGIBLE(about.batch.name, (about.batch.eligibleUnitKinds ?? []).map((k) => kinds[k]).join(', '), kinds[about.unit.kind]);
      case 'ALREADY_ENROLLED':
        return words.ALREADY_ENROLLED(named);
      case 'NOT_WAITLISTED':
      case 'ALREADY_CANCELLED':
      case 'OTHER_PROGRAMME':
        return words[refused.code];
      default:
        return refused.summary ?? '';
    }
  })();
  return { status: refused.status, code: refused.code, summary: sentence };
}

/** A batch as one choice of a list: its name, first day and seats. */
export const batchChoice = (ctx: PageContext, batch: Batch) => {
  const t = enrolmentsText[ctx.lang];
  const first = batch.days[0];
  return `${batch.name}${first ? ` · ${formatDate(first.date, ctx.lang)}` : ''} · ${batch.seatsLeft > 0 ? t.seatsLeft(batch.seatsLeft) : t.full}`;
};

/** The organiser's actions on one enrolment (enrol into a batch, move, cancel, promote), each through the API's own service call. */
export function enrolmentActionPages(web: Api, services: Services) {
  const { programmes, batches, enrolments, participants, units } = services;
  const guard = { onRequest: signedIn('organiser') };
  const unitOfId = async (id: number) => await units.get(id);

  /** The officials found for enrolment into a batch, each with where they stand in the programme. */
  async function searchPage(request: FastifyRequest, batch: Batch, asked: { cari?: string; unit?: string; kodeUnit?: string; halaman?: number }, problem?: FormProblem) {
    const actor = actorOf(request);
    const programme = await programmes.get(batch.programmeId);
    const page = asked.halaman ?? 1;
    const filter = await unitFilter(units, asked, request.page.lang);
    const query = { cari: asked.cari, unit: filter.unit, halaman: asked.halaman };
    const found = filter.codeError ? { officials: [], total: 0 } : await participants.search(actor, { search: query.cari, unitId: unitOf(filter.unit), ...pageSlice(page) });
    const active = await enrolments.inForceByParticipant(actor, found.officials.map((o) => o.id), programme.id);
    const batchName = new Map((await batches.listForProgramme(programme.id)).map((b) => [b.id, b.name]));
    const unitsById = new Map<number, Awaited<ReturnType<typeof unitOfId>>>();
    const unitFor = async (id: number) => unitsById.get(id) ?? unitsById.set(id, await unitOfId(id)).get(id)!;
    const candidates: Candidate[] = await mapInOrder(found.officials, async (o) => {
      const enrolment = active.get(o.id);
      return {
        id: o.id,
        name: o.name,
        nip: o.nip,
        unitName: (await unitFor(o.unitId)).name,
        eligible: mayAttend(batch.eligibleUnitKinds, (await unitFor(o.unitId)).kind),
        inProgramme: enrolment ? { batchName: batchName.get(enrolment.batchId) ?? '', status: enrolment.status } : null,
      };
    });
    return (
      <EnrolSearchPage
        ctx={request.page}
        programme={programme}
        batch={batch}
        query={query}
        units={filter}
        candidates={candidates}
        at={pageOf(page, found.total, candidates.length)}
        problem={problem}
      />
    );
  }

  web.get('/organisasi/angkatan/:id/daftarkan', { ...guard, schema: { params: IdParams, querystring: PeopleQuery } }, async (request, reply) =>
    reply.sendPage(await searchPage(request, await batches.get(request.params.id), request.query)),
  );

  web.post('/organisasi/angkatan/:id/daftarkan', { ...guard, schema: { params: IdParams } }, async (request, reply) => {
    const ctx = request.page;
    const batch = await batches.get(request.params.id);
    const raw = (request.body ?? {}) as Record<string, string>;
    const halaman = Number(raw.halaman);
    const query = { cari: raw.cari || undefined, unit: /^\d{1,12}$/.test(raw.unit ?? '') ? raw.unit : undefined, halaman: Number.isInteger(halaman) && halaman > 1 ? halaman : undefined };
    const form = readForm(EnrolForm, raw, ctx);
    if (!form.ok) return reply.sendPage(await searchPage(request, batch, query, { summary: ctx.t.validation.invalid, fields: {} }), 400);
    const back = pageAddress(`/organisasi/angkatan/${batch.id}/daftarkan`, query, query.halaman ?? 1);
    try {
      const enrolled = await enrolments.enrol(actorOf(request), batch.id, form.value.participantId);
      return reply.redirect(withFlash(back, enrolled.status === 'confirmed' ? 'enrolled' : 'waitlisted'), 303);
    } catch (error) {
      const official = await participants.get(actorOf(request), form.value.participantId);
      const refused = enrolmentRefusal(error, ctx, { batch, unit: await unitOfId(official.unitId) });
      return reply.sendPage(await searchPage(request, batch, query, { summary: refused.summary, fields: {} }), refused.status);
    }
  });

  /** The enrolment an action page is about, with its official's unit and its batch. */
  async function about(request: FastifyRequest, id: number) {
    const enrolment = await enrolments.get(actorOf(request), id);
    const unit = await unitOfId(enrolment.unitId);
    const batch = await batches.get(enrolment.batchId);
    return { enrolment: { ...enrolment, unitName: unit.name }, unit, batch, fallback: `/organisasi/angkatan/${batch.id}` };
  }

  const byEnrolment = { ...guard, schema: { params: IdParams, querystring: BackQuery } };
  const postByEnrolment = { ...guard, schema: { params: IdParams } };
  const backOf = (request: FastifyRequest, fallback: string) => returnAddress((request.body as Record<string, unknown> | undefined)?.kembali, fallback);

  // Move to another batch of the programme.
  async function movePage(request: FastifyRequest, id: number, back: string | undefined, extra: { chosen?: string; problem?: FormProblem } = {}) {
    const { enrolment, unit, batch, fallback } = await about(request, id);
    const options = (await batches.listForProgramme(batch.programmeId))
      .filter((b) => b.id !== batch.id && mayAttend(b.eligibleUnitKinds, unit.kind))
      .map((b) => [String(b.id), batchChoice(request.page, b)] as const);
    const problem = enrolment.status === 'cancelled' && !extra.problem ? { summary: enrolmentsText[request.page.lang].refused.ALREADY_CANCELLED, fields: {} } : extra.problem;
    return (
      <MovePage
        ctx={request.page}
        enrolment={enrolment}
        batchName={batch.name}
        options={enrolment.status === 'cancelled' ? [] : options}
        chosen={extra.chosen}
        back={returnAddress(back, fallback)}
        problem={problem}
      />
    );
  }

  web.get('/organisasi/pendaftaran/:id/pindah', byEnrolment, async (request, reply) => reply.sendPage(await movePage(request, request.params.id, request.query.kembali)));

  web.post('/organisasi/pendaftaran/:id/pindah', postByEnrolment, async (request, reply) => {
    const ctx = request.page;
    const { id } = request.params;
    const { unit, batch, fallback } = await about(request, id);
    const back = backOf(request, fallback);
    const form = readForm(MoveForm, request.body, ctx);
    if (!form.ok) return reply.sendPage(await movePage(request, id, back, { problem: { fields: { batchId: enrolmentsText[ctx.lang].chooseBatch } } }), 400);
    try {
      await enrolments.move(actorOf(request), id, form.value.batchId);
    } catch (error) {
      // A batch of another programme (or none) is refused without naming it.
      const target = (await batches.listForProgramme(batch.programmeId)).find((b) => b.id === form.value.batchId) ?? batch;
      const refused = enrolmentRefusal(error, ctx, { batch: target, unit });
      return reply.sendPage(await movePage(request, id, back, { chosen: String(form.value.batchId), problem: { fields: { batchId: refused.summary } } }), refused.status);
    }
    return reply.redirect(withFlash(back, 'enrolmentMoved'), 303);
  });

  // Cancel, after saying what happens to the seat and the marks.
  async function cancelPage(request: FastifyRequest, id: number, back: string | undefined, problem?: FormProblem) {
    const { enrolment, batch, fallback } = await about(request, id);
    const shown = enrolment.status === 'cancelled' && !problem ? { summary: enrolmentsText[request.page.lang].refused.ALREADY_CANCELLED, fields: {} } : problem;
    return <CancelPage ctx={request.page} enrolment={enrolment} batch={batch} marks={enrolment.attendance.length} back={returnAddress(back, fallback)} problem={shown} />;
  }

  web.get('/organisasi/pendaftaran/:id/batal', byEnrolment, async (request, reply) => reply.sendPage(await cancelPage(request, request.params.id, request.query.kembali)));

  web.post('/organisasi/pendaftaran/:id/batal', postByEnrolment, async (request, reply) => {
    const ctx = request.page;
    const { id } = request.params;
    const { unit, batch, fallback } = await about(request, id);
    const back = backOf(request, fallback);
    try {
      await enrolments.cancel(actorOf(request), id);
    } catch (error) {
      const refused = enrolmentRefusal(error, ctx, { batch, unit });
      return reply.sendPage(await cancelPage(request, id, back, { summary: refused.summary, fields: {} }), refused.status);
    }
    return reply.redirect(withFlash(back, 'enrolmentCancelled'), 303);
  });

  // Promote from the waitlist, out of turn, when there is room.
  async function promotePage(request: FastifyRequest, id: number, back: string | undefined, problem?: FormProblem) {
    const { enrolment, batch, fallback } = await about(request, id);
    const unitSeats = (await enrolments.roster(actorOf(request), batch.id, { unitId: enrolment.unitId })).units.find((u) => u.unitId === enrolment.unitId)?.confirmed ?? 0;
    const shown = enrolment.status !== 'waitlisted' && !problem ? { summary: enrolmentsText[request.page.lang].refused.NOT_WAITLISTED, fields: {} } : problem;
    return <PromotePage ctx={request.page} enrolment={enrolment} batch={batch} unitSeats={unitSeats} back={returnAddress(back, fallback)} problem={shown} />;
  }

  web.get('/organisasi/pendaftaran/:id/naikkan', byEnrolment, async (request, reply) => reply.sendPage(await promotePage(request, request.params.id, request.query.kembali)));

  web.post('/organisasi/pendaftaran/:id/naikkan', postByEnrolment, async (request, reply) => {
    const ctx = request.page;
    const { id } = request.params;
    const { unit, batch, fallback } = await about(request, id);
    const back = backOf(request, fallback);
    try {
      await enrolments.promote(actorOf(request), id);
    } catch (error) {
      const refused = enrolmentRefusal(error, ctx, { batch, unit });
      return reply.sendPage(await promotePage(request, id, back, { summary: refused.summary, fields: {} }), refused.status);
    }
    return reply.redirect(withFlash(back, 'enrolmentPromoted'), 303);
  });
}
