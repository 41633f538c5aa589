import type { GovernmentProgress } from '../../../features/progress/progress.service';
import type { TenantKind } from '../../../features/tenants/tenants.rules';
import { tenantKindText } from '../../../features/tenants/tenants.text';
import { Table } from '../../../web/components/table';
import type { PageContext } from '../../../web/context';
import { BackLink, Layout } from '../../../web/layout';
import { governmentsText } from './governments.text';

type Row = { government: GovernmentProgress; programme: GovernmentProgress['programmes'][number] | null };

/** A row per government and programme (a government without one still has its row). */
export function GovernmentsPage({ ctx, governments }: { ctx: PageContext; governments: readonly GovernmentProgress[] }) {
  const t = governmentsText[ctx.lang];
  const kinds = tenantKindText[ctx.lang];
  const rows = governments.flatMap((government): Row[] => (government.programmes.length ? government.programmes.map((programme) => ({ government, programme })) : [{ government, programme: null }]));
  const count = (row: Row, pick: (p: NonNullable<Row['programme']>) => number) => (row.programme ? pick(row.programme) : '–');
  return (
    <Layout ctx={ctx} title={t.title}>
      <BackLink href="/organisasi" label={ctx.t.nav.console} />
      <h1>{t.title}</h1>
      <p class="lead">{t.lead}</p>
      {governments.length === 0 ? (
        <p>{t.none}</p>
      ) : (
        <>
          <p class="button-row">
            <a href="/organisasi/pemerintah.xlsx">{t.download}</a>
          </p>
          <Table
            rows={rows}
            columns={[
              { header: t.government, rowHeader: true, cell: (r) => `${r.government.name} (${kinds[r.government.kind as TenantKind] ?? r.government.kind})` },
              { header: t.programme, cell: (r) => r.programme?.programmeName ?? t.noProgramme },
              { header: t.units, numeric: true, cell: (r) => count(r, (p) => p.totals.units) },
              { header: t.trained, numeric: true, cell: (r) => count(r, (p) => p.unitsTrained) },
              { header: t.withDraft, numeric: true, cell: (r) => count(r, (p) => p.totals.unitsWithDraft) },
              { header: t.final, numeric: true, cell: (r) => count(r, (p) => (p.totals.draftStatus.final ?? 0) + (p.totals.draftStatus.enacted ?? 0)) },
              { header: t.sessions, numeric: true, cell: (r) => count(r, (p) => (p.totals.asistensi.attended ?? 0) + (p.totals.asistensi.walk_in ?? 0)) },
            ]}
          />
        </>
      )}
    </Layout>
  );
}
