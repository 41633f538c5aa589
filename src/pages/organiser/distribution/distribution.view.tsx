import { Table } from '../../../web/components/table';
import type { PageContext } from '../../../web/context';
import { BackLink, Csrf, Layout } from '../../../web/layout';
import { distributionText, type UnplacedReason } from './distribution.text';

const isReason = (code: string): code is UnplacedReason => Object.hasOwn(distributionText.id.reasons, code);

/** A dry run's plan: who goes where, and who cannot be placed and why (a reason code). */
export interface DistributionPlan {
  assignments: { participantName: string; unitName: string; batchName: string }[];
  unplaced: { participantName: string | null; unitName: string | null; reason: string }[];
}

/** The plan of a dry run, then one button to save that plan (the form carries its fingerprint). */
export function DistributionPage(props: { ctx: PageContext; programme: { id: number; name: string }; plan: DistributionPlan; fingerprint: string; changed?: boolean }) {
  const { ctx, programme, plan } = props;
  const t = distributionText[ctx.lang];
  const reason = (code: string) => (isReason(code) ? t.reasons[code] : code);
  return (
    <Layout ctx={ctx} title={`${t.title} · ${programme.name}`} problem={props.changed ? { summary: ctx.t.common.planChanged, fields: {} } : undefined}>
      <BackLink href={`/organisasi/program/${programme.id}/angkatan`} label={t.batches} />
      <h1>{t.title}</h1>
      <p class="lead">{t.lead}</p>
      {plan.assignments.length === 0 && plan.unplaced.length === 0 && <p>{t.nothing}</p>}
      {plan.assignments.length > 0 && (
        <>
          <h2>{t.placed(plan.assignments.length)}</h2>
          <Table
            rows={plan.assignments}
            columns={[
              { header: t.official, rowHeader: true, cell: (a) => a.participantName },
              { header: t.unit, cell: (a) => a.unitName },
              { header: t.batch, cell: (a) => a.batchName },
            ]}
          />
          <form method="post" action={`/organisasi/program/${programme.id}/distribusi`}>
            <Csrf ctx={ctx} />
            <input type="hidden" name="plan" value={props.fingerprint} />
            <button type="submit" class="button">
              {t.commit}
            </button>
          </form>
        </>
      )}
      {plan.unplaced.length > 0 && (
        <>
          <h2>{t.notPlaced(plan.unplaced.length)}</h2>
          <Table
            rows={plan.unplaced}
            columns={[
              { header: t.official, rowHeader: true, cell: (u) => u.participantName ?? ctx.t.common.none },
              { header: t.unit, cell: (u) => u.unitName ?? ctx.t.common.none },
              { header: t.why, cell: (u) => reason(u.reason) },
            ]}
          />
        </>
      )}
    </Layout>
  );
}
