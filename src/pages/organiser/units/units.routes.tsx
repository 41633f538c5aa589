import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { Container } from '../../../container';
import { UnitCreateBody, UnitPatchBody } from '../../../features/units/units.schemas';
import { UNIT_KINDS, type UnitKind } from '../../../features/units/units.rules';
import type { Api } from '../../../http/api';
import type { PageContext } from '../../../web/context';
import { readForm, refusal } from '../../../web/forms';
import { signedIn } from '../../../web/web';
import { flashOf, withFlash } from '../../shared/flash';
import { importPages, officialsImportWords, type ImportWords } from '../../shared/imports/imports.routes';
import { IdParams, actorOf } from '../../shared/page-helpers';
import { unitImportText, unitsText } from './units.text';
import { UnitPage, UnitsPage, type UnitListRow, type UnitsFilter } from './units.view';

type Services = Pick<Container, 'units' | 'users' | 'participants'>;

const UnitsQuery = Type.Object({ cari: Type.Optional(Type.String({ maxLength: 100 })), jenis: Type.Optional(Type.String({ maxLength: 30 })), ok: Type.Optional(Type.String()) });

const isUnitKind = (kind: string | undefined): kind is UnitKind => UNIT_KINDS.some((k) => k === kind);
const hasKey = <T extends object>(map: T, key: PropertyKey): key is keyof T => Object.hasOwn(map, key);

function unitImportWords(ctx: PageContext): ImportWords {
  const t = unitImportText[ctx.lang];
  const p = t.lineProblems;
  return {
    title: t.title,
    lead: t.lead,
    back: { href: '/organisasi/unit', label: unitsText[ctx.lang].units },
    file: t.file,
    fileHint: t.fileHint,
    counts: t.counts,
    confirm: t.confirm,
    columns: { code: 'kode', name: 'nama', kind: 'jenis', email: 'email' },
    fieldProblem: (error) => (hasKey(p, error.path) ? p[error.path] : undefined),
  };
}

/** The organiser's officials import: every unit's officials in one file, the unit by its code. */
function officialsImport(ctx: PageContext): ImportWords {
  const t = unitsText[ctx.lang];
  return officialsImportWords(ctx, { title: t.officialsImport, lead: t.officialsImportLead, back: { href: '/organisasi/unit', label: t.units }, unitCodeColumn: true });
}

export function unitPages(web: Api, services: Services) {
  const { units, users, participants } = services;
  const guard = { onRequest: signedIn('organiser') };
  const codeTaken = (refused: ReturnType<typeof refusal>) => {
    if (refused.code === 'UNIT_CODE_TAKEN') refused.fields.code = refused.summary!;
    return refused;
  };

  /** The units the filter finds, each with its operators counted. */
  function unitList(request: FastifyRequest, filter: UnitsFilter): UnitListRow[] {
    const operators = new Map<number, number>();
    for (const user of users.list(actorOf(request))) if (user.unitId !== null && user.status !== 'disabled') operators.set(user.unitId, (operators.get(user.unitId) ?? 0) + 1);
    return units
      .list({ kind: filter.kind, search: filter.search?.trim() || undefined, limit: 1000, offset: 0 })
      .map((unit) => ({ id: unit.id, code: unit.code, name: unit.name, kind: unit.kind, operators: operators.get(unit.id) ?? 0 }));
  }

  web.get('/organisasi/unit', { ...guard, schema: { querystring: UnitsQuery } }, async (request, reply) => {
    const filter: UnitsFilter = { search: request.query.cari, kind: isUnitKind(request.query.jenis) ? request.query.jenis : undefined };
    return reply.sendPage(<UnitsPage ctx={request.page} units={unitList(request, filter)} filter={filter} notice={flashOf(request)} />);
  });

  web.post('/organisasi/unit', guard, async (request, reply) => {
    const ctx = request.page;
    const form = readForm(UnitCreateBody, request.body, ctx);
    if (!form.ok) return reply.sendPage(<UnitsPage ctx={ctx} units={unitList(request, {})} filter={{}} typed={form.typed} problem={form.problem} />, 400);
    try {
      units.create(actorOf(request), form.value);
    } catch (error) {
      const refused = codeTaken(refusal(error, ctx));
      return reply.sendPage(<UnitsPage ctx={ctx} units={unitList(request, {})} filter={{}} typed={form.typed} problem={refused} />, refused.status);
    }
    return reply.redirect(withFlash('/organisasi/unit', 'unitAdded'), 303);
  });

  web.get('/organisasi/unit/:id', { ...guard, schema: { params: IdParams } }, async (request, reply) => reply.sendPage(<UnitPage ctx={request.page} unit={units.get(request.params.id)} />));

  web.post('/organisasi/unit/:id', { ...guard, schema: { params: IdParams } }, async (request, reply) => {
    const ctx = request.page;
    const unit = units.get(request.params.id);
    const form = readForm(UnitPatchBody, request.body, ctx);
    if (!form.ok) return reply.sendPage(<UnitPage ctx={ctx} unit={unit} typed={form.typed} problem={form.problem} />, 400);
    try {
      // An email left blank removes it.
      units.update(actorOf(request), unit.id, { ...form.value, email: form.value.email ?? null });
    } catch (error) {
      const refused = codeTaken(refusal(error, ctx));
      return reply.sendPage(<UnitPage ctx={ctx} unit={unit} typed={form.typed} problem={refused} />, refused.status);
    }
    return reply.redirect(withFlash('/organisasi/unit', 'unitSaved'), 303);
  });

  importPages(web, {
    path: '/organisasi/unit/unggah',
    guard: signedIn('organiser'),
    spreadsheet: true,
    words: unitImportWords,
    run: (request, csv, dryRun) => units.importCsv(actorOf(request), csv, { dryRun }),
    done: withFlash('/organisasi/unit', 'unitsImported'),
  });

  importPages(web, {
    path: '/organisasi/pejabat/unggah',
    guard: signedIn('organiser'),
    spreadsheet: false,
    words: officialsImport,
    run: (request, csv, dryRun) => participants.importCsv(actorOf(request), csv, { dryRun }),
    done: withFlash('/organisasi/unit', 'imported'),
  });
}
