import { Field, Select } from '../../web/components/form';
import type { PageContext } from '../../web/context';
import { officialSearchText } from './official-search.text';

/** How a search narrows by unit: a list of every unit, or (a large deployment) a unit code typed, with its problem. */
export type UnitFilter = { unit?: string; choices: readonly { id: number; name: string }[] | null; code?: string; codeError?: string };

/** A GET form that narrows a list of officials by name or NIP and by unit. */
export function OfficialSearch({ ctx, action, query, units }: { ctx: PageContext; action: string; query: { cari?: string }; units: UnitFilter }) {
  const t = officialSearchText[ctx.lang];
  return (
    <form method="get" action={action} class="filters">
      <Field name="cari" label={t.search} hint={t.searchHint} value={query.cari} />
      {units.choices ? (
        <Select name="unit" label={t.unit} placeholder={t.allUnits} options={units.choices.map((u) => [String(u.id), u.name] as const)} value={units.unit} />
      ) : (
        <Field name="kodeUnit" label={t.unitCode} hint={t.unitCodeHint} value={units.code} problem={units.codeError ? { summary: units.codeError, fields: { kodeUnit: units.codeError } } : undefined} width="short" />
      )}
      <button type="submit" class="button button--secondary">
        {t.find}
      </button>
    </form>
  );
}
