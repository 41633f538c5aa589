import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { Container } from '../../../container';
import { UnitCreateBody } from '../../../features/units/units.schemas';
import { UNIT_KINDS, type UnitKind, type UnitStatusFilter } from '../../../features/units/units.rules';
import type { Api } from '../../../http/api';
import { readForm, refusal } from '../../../web/forms';
import { signedIn } from '../../../web/web';
import { flashOf, withFlash } from '../../shared/flash';
import { importPages, officialsImport, unitsImport } from '../../shared/imports/imports.routes';
import { PageNumber, actorOf } from '../../shared/page-helpers';
import { pageOf, pageSlice, type PageOf } from '../../shared/pagination.view';
import { unitsText } from './units.text';
import { UNIT_STATUS_CHOICES, UnitsPage, type UnitListRow, type UnitsFilter, type UnitStatusChoice } from './units.view';

type Services = Pick<Container, 'units' | 'users' | 'participants'>;

const UnitsQuery = Type.Object({
  cari: Type.Optional(Type.String({ maxLength: 100 })),
  jenis: Type.Optional(Type.String({ maxLength: 30 })),
  status: Type.Optional(Type.String({ maxLength: 30 })),
  halaman: PageNumber,
  ok: Type.Optional(Type.String()),
});

/** The list's status filter as the address spells it, and what the units service calls it. */
const STATUS_OF: Record<UnitStatusChoice, UnitStatusFilter> = { aktif: 'active', nonaktif: 'inactive', semua: 'all' };
const isStatusChoice = (status: string | undefined): status is UnitStatusChoice => UNIT_STATUS_CHOICES.some((s) => s === status);

const isUnitKind = (kind: string | undefined): kind is UnitKind => UNIT_KINDS.some((k) => k === kind);

/** The organiser's officials import: every unit's officials in one file, the unit by its code. */
const organiserOfficialsImport = officialsImport({
  title: (ctx) => unitsText[ctx.lang].officialsImport,
  lead: (ctx) => unitsText[ctx.lang].officialsImportLead,
  back: (ctx) => ({ href: '/organisasi/unit', label: unitsText[ctx.lang].units }),
  unitCodeColumn: true,
});

export function unitPages(web: Api, services: Services) {
  const { units, users, participants } = services;
  const guard = { onRequest: signedIn('organiser') };
  const codeTaken = (refused: ReturnType<typeof refusal>) => {
    if (refused.code === 'UNIT_CODE_TAKEN') refused.fields.code = refused.summary!;
    return refused;
  };

  /** One page (25) of the units the filter finds, each with its operators counted, and where that page stands. */
  async function unitList(request: FastifyRequest, filter: UnitsFilter, page = 1): Promise<{ rows: UnitListRow[]; at: PageOf }> {
    const operators = new Map<number, number>();
    for (const user of await users.list(actorOf(request))) if (user.unitId !== null && user.status !== 'disabled') operators.set(user.unitId, (operators.get(user.unitId) ?? 0) + 1);
    const found = { kind: filter.kind, search: filter.search?.trim() || undefined, status: STATUS_OF[filter.status ?? 'aktif'] };
    const rows = (await units.list({ ...found, ...pageSlice(page) }))
      .map((unit) => ({ id: unit.id, code: unit.code, name: unit.name, kind: unit.kind, operators: operators.get(unit.id) ?? 0, active: unit.active }));
    return { rows, at: pageOf(page, await units.count(found), rows.length) };
  }

  web.get('/organisasi/unit', { ...guard, schema: { querystring: UnitsQuery } }, async (request, reply) => {
    const { cari, jenis, status, halaman } = request.query;
    const filter: UnitsFilter = { search: cari, kind: isUnitKind(jenis) ? jenis : undefined, status: isStatusChoice(status) ? status : undefined };
    return reply.sendPage(<UnitsPage ctx={request.page} list={await unitList(request, filter, halaman)} filter={filter} notice={flashOf(request)} />);
  });

  web.post('/organisasi/unit', guard, async (request, reply) => {
    const ctx = request.page;
    const form = readForm(UnitCreateBody, request.body, ctx);
    if (!form.ok) return reply.sendPage(<UnitsPage ctx={ctx} list={await unitList(request, {})} filter={{}} typed={form.typed} problem={form.problem} />, 400);
    try {
      await units.create(actorOf(request), form.value);
    } catch (error) {
      const refused = codeTaken(refusal(error, ctx));
      return reply.sendPage(<UnitsPage ctx={ctx} list={await unitList(request, {})} filter={{}} typed={form.typed} problem={refused} />, refused.status);
    }
    return reply.redirect(withFlash('/organisasi/unit', 'unitAdded'), 303);
  });

  importPages(web, {
    path: '/organisasi/unit/unggah',
    guard: signedIn('organiser'),
    kind: unitsImport,
    run: (request, csv, options) => units.importCsv(actorOf(request), csv, options),
    done: { all: withFlash('/organisasi/unit', 'unitsImported'), skipping: withFlash('/organisasi/unit', 'unitsImportedSkipping') },
  });

  importPages(web, {
    path: '/organisasi/pejabat/unggah',
    guard: signedIn('organiser'),
    kind: organiserOfficialsImport,
    run: (request, csv, options) => participants.importCsv(actorOf(request), csv, options),
    done: { all: withFlash('/organisasi/unit', 'imported'), skipping: withFlash('/organisasi/unit', 'importedSkipping') },
  });
}
