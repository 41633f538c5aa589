import { Table } from '../../../web/components/table';
import type { PageContext } from '../../../web/context';
import { BackLink, Csrf, Layout } from '../../../web/layout';
import { Pagination, type PageOf } from '../../shared/pagination.view';
import { distributionText, type UnplacedReason } from './distribution.text';

const isReason = (code: string): code is UnplacedReason => Object.hasOwn(distributionText.id.reasons, code);

/** How many of those who cannot be placed are listed by name (all of them are counted per reason). */
export const UNPLACED_SHOWN = 25;

type Assignment = { participantName: string; unitName: string; batchName: string };
type Unplaced = { participantName: string | null; unitName: string | null; reason: string };

/** A dry run's plan: who goes where, and who cannot be placed and why (a reason code). */
export interface DistributionPlan {
  assignments: Assignment[];
  unplaced: Unplaced[];
}

/** What the page shows of a plan: the counts of all of it, one page of assignments, the first unplaced. */
export interface DistributionPreview {
  placed: number;
  notPlaced: number;
  perBatch: { batchName: string; count: number }[];
  perReason: { reason: string; count: number }[];
  assignments: Assignment[];
  unplaced: Unplaced[];
  at: PageOf;
}

/** The plan of a dry run, then one button to save the whole plan (the form carries its fingerprint). */
export function DistributionPage(props: { ctx: PageContext; programme: { id: number; name: string }; preview: DistributionPreview; fingerprint: string; changed?: boolean }) {
  const { ctx, programme, preview } = props;
  const t = distributionText[ctx.lang];
  const reason = (code: string) => (isReason(code) ? t.reasons[code] : code);
  const base = `/organisasi/program/${programme.id}/distribusi`;
  return (
    <Layout ctx={ctx} title={`${t.title} · ${programme.name}`} problem={props.changed ? { summary: ctx.t.common.planChanged, fields: {} } : undefined}>
      <BackLink href={`/organisasi/program/${programme.id}/angkatan`} label={t.batches} />
      <h1>{t.title}</h1>
      <p class="lead">{t.lead}</p>
      {preview.placed === 0 && preview.notPlaced === 0 && <p>{t.nothing}</p>}
      {preview.placed > 0 && (
        <>
          <h2>{t.placed(preview.placed)}</h2>
          <Table
            caption={t.perBatch}
            rows={preview.perBatch}
            columns={[
              { header: t.batch, rowHeader: true, cell: (b) => b.batchName },
              { header: t.count, numeric: true, cell: (b) => b.count },
            ]}
          />
          <h3>{t.whoWhere}</h3>
          <Table
            rows={preview.assignments}
            columns={[
              { header: t.official, rowHeader: true, cell: (a) => a.participantName },
              { header: t.unit, cell: (a) => a.unitName },
              { header: t.batch, cell: (a) => a.batchName },
            ]}
          />
          <Pagination ctx={ctx} base={base} query={{}} at={preview.at} />
          <form method="post" action={base}>
            <Csrf ctx={ctx} />
            <input type="hidden" name="plan" value={props.fingerprint} />
            {preview.at.pages > 1 && <p>{t.savesAll(preview.placed)}</p>}
            <button type="submit" class="button">
              {t.commit}
            </button>
          </form>
        </>
      )}
      {preview.notPlaced > 0 && (
        <>
          <h2>{t.notPlaced(preview.notPlaced)}</h2>
          <Table
            caption={t.perReason}
            rows={preview.perReason}
            columns={[
              { header: t.why, rowHeader: true, cell: (r) => reason(r.reason) },
              { header: t.count, numeric: true, cell: (r) => r.count },
            ]}
          />
          <Table
            rows={preview.unplaced}
            columns={[
              { header: t.official, rowHeader: true, cell: (u) => u.participantName ?? ctx.t.common.none },
              { header: t.unit, cell: (u) => u.unitName ?? ctx.t.common.none },
              { header: t.why, cell: (u) => reason(u.reason) },
            ]}
          />
          {preview.notPlaced > preview.unplaced.length && <p>{t.notShown(preview.notPlaced - preview.unplaced.length)}</p>}
        </>
      )}
    </Layout>
  );
}
