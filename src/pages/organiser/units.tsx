import { Type } from '@sinclair/typebox';
import type { Container } from '../../container';
import { UnitCreateBody, UnitPatchBody } from '../../features/units/units.schemas';
import { UNIT_KINDS, type UnitKind } from '../../features/units/units.rules';
import type { Api } from '../../http/api';
import type { PageContext } from '../../web/context';
import { readForm, refusal, type Typed } from '../../web/forms';
import { BackLink, Csrf, Field, Layout, Select, type FormProblem } from '../../web/layout';
import { signedIn } from '../../web/web';
import { importPages, type ImportWords } from '../imports';
import { flashOf } from '../shared/flash';
import { IdParams, actorOf } from '../shared/page-helpers';

type Services = Pick<Container, 'units' | 'users' | 'participants'>;
type Unit = ReturnType<Container['units']['get']>;

const UnitsQuery = Type.Object({ cari: Type.Optional(Type.String({ maxLength: 100 })), jenis: Type.Optional(Type.String({ maxLength: 30 })), ok: Type.Optional(Type.String()) });

function UnitsPage(props: { ctx: PageContext; services: Services; query?: typeof UnitsQuery.static; typed?: Typed; problem?: FormProblem; notice?: string }) {
  const { ctx, services, query = {}, typed = {}, problem } = props;
  const t = ctx.t.console;
  const kind = UNIT_KINDS.includes(query.jenis as UnitKind) ? (query.jenis as UnitKind) : undefined;
  const units = services.units.list({ kind, search: query.cari?.trim() || undefined, limit: 1000, offset: 0 });
  const operators = new Map<number, number>();
  for (const user of services.users.list(ctx.signedIn!.actor)) if (user.unitId !== null && user.status !== 'disabled') operators.set(user.unitId, (operators.get(user.unitId) ?? 0) + 1);
  return (
    <Layout ctx={ctx} title={t.units} problem={problem} notice={props.notice}>
      <h1>{t.units}</h1>
      <p class="lead">{t.unitsLead}</p>
      <p class="button-row">
        <a class="button button--secondary" href="/organisasi/unit/unggah">
          {ctx.t.unitImport.link}
        </a>
        <a href="/organisasi/pejabat/unggah">{t.officialsImport}</a>
      </p>
      <form method="get" action="/organisasi/unit" class="form">
        <Field name="cari" label={t.search} value={query.cari} />
        <Select name="jenis" label={t.kind} placeholder={t.kindAll} options={UNIT_KINDS.map((k) => [k, ctx.t.unitKinds[k]!])} value={kind} />
        <button type="submit" class="button button--secondary">
          {t.filter}
        </button>
      </form>
      {units.length === 0 ? (
        <p>{t.noUnits}</p>
      ) : (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{t.code}</th>
              <th scope="col">{t.unitName}</th>
              <th scope="col">{t.kind}</th>
              <th scope="col">{t.operators}</th>
              <th scope="col">
                <span class="visually-hidden">{t.invite}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {units.map((unit) => (
              <tr>
                <td data-label={t.code}>{unit.code}</td>
                <th scope="row">
                  <a href={`/organisasi/unit/${unit.id}`} aria-label={t.editUnit(unit.name)}>
                    {unit.name}
                  </a>
                </th>
                <td data-label={t.kind}>{ctx.t.unitKinds[unit.kind]}</td>
                <td data-label={t.operators} class="num">
                  {operators.get(unit.id) ?? 0}
                </td>
                <td>
                  <a href={`/organisasi/pengguna/baru?unit=${unit.id}`} aria-label={t.inviteLabel(unit.name)}>
                    {t.invite}
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{t.addUnit}</h2>
      <UnitForm ctx={ctx} action="/organisasi/unit" typed={typed} problem={problem} submit={t.addUnit} />
    </Layout>
  );
}

/** The unit's fields, for adding one and for changing one. */
function UnitForm({ ctx, action, typed, problem, submit }: { ctx: PageContext; action: string; typed: Typed; problem?: FormProblem; submit: string }) {
  const t = ctx.t.console;
  return (
    <form method="post" action={action} class="form" novalidate>
      <Csrf ctx={ctx} />
      <Field name="code" label={t.code} hint={t.codeHint} value={typed.code as string} problem={problem} width="medium" required />
      <Field name="name" label={t.unitName} value={typed.name as string} problem={problem} required />
      <Select name="kind" label={t.kind} options={UNIT_KINDS.map((k) => [k, ctx.t.unitKinds[k]!])} value={(typed.kind as string) ?? 'dinas'} problem={problem} />
      <Field name="email" label={t.unitEmail} type="email" optionalLabel={ctx.t.common.optional} value={typed.email as string} problem={problem} />
      <button type="submit" class="button">
        {submit}
      </button>
    </form>
  );
}

function UnitPage({ ctx, unit, typed, problem }: { ctx: PageContext; unit: Unit; typed?: Typed; problem?: FormProblem }) {
  const t = ctx.t.console;
  const values = typed ?? { code: unit.code, name: unit.name, kind: unit.kind, email: unit.email ?? '' };
  return (
    <Layout ctx={ctx} title={t.editUnit(unit.name)} problem={problem}>
      <BackLink href="/organisasi/unit" label={t.units} />
      <h1>{t.editUnit(unit.name)}</h1>
      <UnitForm ctx={ctx} action={`/organisasi/unit/${unit.id}`} typed={values} problem={problem} submit={ctx.t.common.save} />
    </Layout>
  );
}

function unitImportWords(ctx: PageContext): ImportWords {
  const t = ctx.t.unitImport;
  return {
    title: t.title,
    lead: t.lead,
    back: { href: '/organisasi/unit', label: ctx.t.console.units },
    file: t.file,
    fileHint: t.fileHint,
    counts: t.counts,
    confirm: t.confirm,
    columns: { code: 'kode', name: 'nama', kind: 'jenis', email: 'email' },
    fieldProblem: (error) => t.lineProblems[error.path],
  };
}

/** The organiser's officials import: every unit's officials in one file, the unit by its code. */
function officialsImportWords(ctx: PageContext): ImportWords {
  const t = ctx.t.officials;
  const p = t.lineProblems;
  return {
    title: ctx.t.console.officialsImport,
    lead: ctx.t.console.officialsImportLead,
    back: { href: '/organisasi/unit', label: ctx.t.console.units },
    file: t.file,
    fileHint: t.fileHint,
    counts: t.previewCounts,
    confirm: t.confirm,
    columns: { nip: 'nip', name: 'nama', position: 'jabatan', email: 'email', phone: 'telepon', unitCode: 'kode_unit' },
    fieldProblem: (error) => (error.path === 'nip' ? (/another unit/.test(error.message) ? p.nipOtherUnit : p.nip) : error.path === 'unitCode' ? p.unknownUnit : p[error.path]),
  };
}

export function unitPages(web: Api, services: Services) {
  const { units, participants } = services;
  const guard = { onRequest: signedIn('organiser') };
  const codeTaken = (refused: ReturnType<typeof refusal>) => {
    if (refused.code === 'UNIT_CODE_TAKEN') refused.fields.code = refused.summary!;
    return refused;
  };

  web.get('/organisasi/unit', { ...guard, schema: { querystring: UnitsQuery } }, async (request, reply) =>
    reply.sendPage(<UnitsPage ctx={request.page} services={services} query={request.query} notice={flashOf(request)} />),
  );

  web.post('/organisasi/unit', guard, async (request, reply) => {
    const ctx = request.page;
    const form = readForm(UnitCreateBody, request.body, ctx);
    if (!form.ok) return reply.sendPage(<UnitsPage ctx={ctx} services={services} typed={form.typed} problem={form.problem} />, 400);
    try {
      units.create(actorOf(request), form.value);
    } catch (error) {
      const refused = codeTaken(refusal(error, ctx));
      return reply.sendPage(<UnitsPage ctx={ctx} services={services} typed={form.typed} problem={refused} />, refused.status);
    }
    return reply.redirect('/organisasi/unit?ok=unitAdded', 303);
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
    return reply.redirect('/organisasi/unit?ok=unitSaved', 303);
  });

  importPages(web, {
    path: '/organisasi/unit/unggah',
    guard: signedIn('organiser'),
    spreadsheet: true,
    words: unitImportWords,
    run: (request, csv, dryRun) => units.importCsv(actorOf(request), csv, { dryRun }),
    done: '/organisasi/unit?ok=unitsImported',
  });

  importPages(web, {
    path: '/organisasi/pejabat/unggah',
    guard: signedIn('organiser'),
    spreadsheet: false,
    words: officialsImportWords,
    run: (request, csv, dryRun) => participants.importCsv(actorOf(request), csv, { dryRun }),
    done: '/organisasi/unit?ok=imported',
  });
}
