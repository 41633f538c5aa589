import { UNIT_KINDS, type UnitKind } from '../../../features/units/units.rules';
import { unitKindText } from '../../../features/units/units.text';
import { Field, type FormProblem, Select, type Typed } from '../../../web/components/form';
import { Table } from '../../../web/components/table';
import type { PageContext } from '../../../web/context';
import { Csrf, Layout } from '../../../web/layout';
import { Pagination, type PageOf } from '../../shared/pagination.view';
import { unitsText } from './units.text';

/** A unit in the list, with how many operators (accounts not disabled) it has. */
export interface UnitListRow {
  id: number;
  code: string;
  name: string;
  kind: UnitKind;
  operators: number;
  active: boolean;
}

/** One unit as its form shows it. */
export interface UnitValues {
  id: number;
  code: string;
  name: string;
  kind: UnitKind;
  email: string | null;
}

/** The list's filters as typed: part of the name or code, a kind, and active or deactivated units. */
export interface UnitsFilter {
  search?: string;
  kind?: UnitKind;
  /** Active units unless asked otherwise. */
  status?: UnitStatusChoice;
}

/** The status filter as the address spells it. */
export const UNIT_STATUS_CHOICES = ['aktif', 'nonaktif', 'semua'] as const;
export type UnitStatusChoice = (typeof UNIT_STATUS_CHOICES)[number];

/** What was typed into a form, to put back after a refusal (the forms reader's Typed, structurally). */

const kindOptions = (ctx: PageContext) => UNIT_KINDS.map((k) => [k, unitKindText[ctx.lang][k]] as const);

export function UnitsPage(props: { ctx: PageContext; list: { rows: UnitListRow[]; at: PageOf }; filter: UnitsFilter; typed?: Typed; problem?: FormProblem; notice?: string }) {
  const { ctx, filter, typed = {}, problem } = props;
  const units = props.list.rows;
  const t = unitsText[ctx.lang];
  return (
    <Layout ctx={ctx} title={t.units} problem={problem} notice={props.notice}>
      <h1>{t.units}</h1>
      <p class="lead">{t.unitsLead}</p>
      <p class="button-row">
        <a class="button button--secondary" href="/organisasi/unit/unggah">
          {t.unitsImportLink}
        </a>
        <a href="/organisasi/pejabat/unggah">{t.officialsImport}</a>
      </p>
      <form method="get" action="/organisasi/unit" class="form">
        <Field name="cari" label={t.search} value={filter.search} />
        <Select name="jenis" label={t.kind} placeholder={t.kindAll} options={kindOptions(ctx)} value={filter.kind} />
        <Select name="status" label={t.status} options={UNIT_STATUS_CHOICES.map((s) => [s, t.statuses[s]] as const)} value={filter.status ?? 'aktif'} />
        <button type="submit" class="button button--secondary">
          {t.filter}
        </button>
      </form>
      {props.list.at.total === 0 ? (
        <p>{t.noUnits}</p>
      ) : (
        <Table
          rows={units}
          columns={[
            { header: t.code, cell: (unit) => unit.code },
            {
              header: t.unitName,
              rowHeader: true,
              cell: (unit) => (
                <>
                  <a href={`/organisasi/unit/${unit.id}`}>{unit.name}</a>
                  {!unit.active && <span class="tag tag--off"> {t.inactive}</span>}
                </>
              ),
            },
            { header: t.kind, cell: (unit) => unitKindText[ctx.lang][unit.kind] },
            { header: t.operators, numeric: true, cell: (unit) => unit.operators },
            {
              header: t.invite,
              action: true,
              cell: (unit) =>
                unit.active ? (
                  <a href={`/organisasi/pengguna/baru?unit=${unit.id}`} aria-label={t.inviteLabel(unit.name)}>
                    {t.invite}
                  </a>
                ) : null,
            },
          ]}
        />
      )}
      <Pagination ctx={ctx} base="/organisasi/unit" query={{ cari: filter.search, jenis: filter.kind, status: filter.status }} at={props.list.at} />
      <h2>{t.addUnit}</h2>
      <UnitForm ctx={ctx} action="/organisasi/unit" typed={typed} problem={problem} submit={t.addUnit} />
    </Layout>
  );
}

/** The unit's fields, for adding one and for changing one. */
export function UnitForm({ ctx, action, typed, problem, submit }: { ctx: PageContext; action: string; typed: Typed; problem?: FormProblem; submit: string }) {
  const t = unitsText[ctx.lang];
  const text = (name: string) => {
    const value = typed[name];
    return Array.isArray(value) ? value[0] : value;
  };
  return (
    <form method="post" action={action} class="form" novalidate>
      <Csrf ctx={ctx} />
      <Field name="code" label={t.code} hint={t.codeHint} value={text('code')} problem={problem} width="medium" required />
      <Field name="name" label={t.unitName} value={text('name')} problem={problem} required />
      <Select name="kind" label={t.kind} options={kindOptions(ctx)} value={text('kind') ?? 'dinas'} problem={problem} />
      <Field name="email" label={t.unitEmail} type="email" optionalLabel={ctx.t.common.optional} value={text('email')} problem={problem} />
      <button type="submit" class="button">
        {submit}
      </button>
    </form>
  );
}
