import { Field, Select } from '../../web/components/form';
import type { PageContext } from '../../web/context';
import { officialSearchText } from './official-search.text';

/** A GET form that narrows a list of officials by name or NIP and by unit. */
export function OfficialSearch({ ctx, action, query, units }: { ctx: PageContext; action: string; query: { cari?: string; unit?: string }; units: readonly { id: number; name: string }[] }) {
  const t = officialSearchText[ctx.lang];
  return (
    <form method="get" action={action} class="filters">
      <Field name="cari" label={t.search} hint={t.searchHint} value={query.cari} />
      <Select name="unit" label={t.unit} placeholder={t.allUnits} options={units.map((u) => [String(u.id), u.name] as const)} value={query.unit} />
      <button type="submit" class="button button--secondary">
        {t.find}
      </button>
    </form>
  );
}
