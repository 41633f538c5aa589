import { DRAFT_STATUSES, type DraftStatus } from '../../../features/drafts/drafts.rules';
import { draftStatusText } from '../../../features/drafts/drafts.text';
import type { AsistensiState } from '../../../features/progress/progress.rules';
import { asistensiStateText } from '../../../features/progress/progress.text';
import { Table } from '../../../web/components/table';
import type { PageContext } from '../../../web/context';
import { BackLink, Layout } from '../../../web/layout';
import { Pagination, type PageOf } from '../../shared/pagination.view';
import { progressText } from './progress.text';

/** The progress report of a programme, as the page shows it: the totals of every unit, one page of units. */
export interface ProgressReport {
  programmeId: number;
  programmeName: string;
  totals: { units: number; unitsWithDraft: number; participantsAttended: number; participantsConfirmed: number; draftStatus: Record<DraftStatus, number> };
  units: { code: string; name: string; participantsAttended: number; participantsConfirmed: number; draftStatus: DraftStatus | null; asistensi: AsistensiState }[];
}

/**
 * Units by draft stage as horizontal bars, drawn on the server (no script, no inline style:
 * SVG attributes only). The numbers are in the text too, for those who cannot see the bars.
 */
function StageChart({ ctx, stages }: { ctx: PageContext; stages: { label: string; count: number }[] }) {
  const max = Math.max(1, ...stages.map((s) => s.count));
  // Label above its bar: narrow enough to stay readable on a phone.
  const row = 52;
  const barWidth = 300;
  const width = (count: number) => Math.max(2, (count / max) * barWidth);
  return (
    <svg class="chart" viewBox={`0 0 370 ${stages.length * row}`} role="img" aria-labelledby="chart-title">
      <title id="chart-title">{`${progressText[ctx.lang].chartTitle}: ${stages.map((s) => `${s.label} ${s.count}`).join(', ')}`}</title>
      {stages.map((stage, i) => (
        <g>
          <text x={0} y={i * row + 16} font-size="15" fill="#0b0c0c">
            {stage.label}
          </text>
          <rect x={0} y={i * row + 22} width={width(stage.count)} height={20} fill="#0b4f6c" />
          <text x={width(stage.count) + 6} y={i * row + 37} font-size="15" fill="#0b0c0c">
            {stage.count}
          </text>
        </g>
      ))}
    </svg>
  );
}

export function ProgressPage({ ctx, report, at }: { ctx: PageContext; report: ProgressReport; at: PageOf }) {
  const t = progressText[ctx.lang];
  const statuses = draftStatusText[ctx.lang];
  const states = asistensiStateText[ctx.lang];
  const { totals } = report;
  const stages = [{ label: t.noDraft, count: totals.units - totals.unitsWithDraft }, ...DRAFT_STATUSES.map((status) => ({ label: statuses[status], count: totals.draftStatus[status] }))];
  const base = `/organisasi/program/${report.programmeId}`;
  return (
    <Layout ctx={ctx} title={`${t.title} · ${report.programmeName}`}>
      <BackLink href={base} label={report.programmeName} />
      <h1>{t.title}</h1>
      <p class="lead">{t.lead}</p>
      <ul>
        <li>{t.units(totals.units)}</li>
        <li>{t.trained(totals.participantsAttended, totals.participantsConfirmed)}</li>
        <li>{t.withDraft(totals.unitsWithDraft)}</li>
      </ul>
      <h2>{t.chartTitle}</h2>
      <StageChart ctx={ctx} stages={stages} />
      <p class="button-row">
        <span>{t.download}:</span>
        <a href={`${base}/progres.xlsx`}>{t.xlsx}</a>
        <a href={`${base}/progres.csv`}>{t.csv}</a>
      </p>
      <Table
        rows={report.units}
        columns={[
          { header: t.code, cell: (u) => u.code },
          { header: t.unit, rowHeader: true, cell: (u) => u.name },
          { header: t.officials, numeric: true, cell: (u) => `${u.participantsAttended}/${u.participantsConfirmed}` },
          { header: t.draft, cell: (u) => (u.draftStatus ? statuses[u.draftStatus] : t.noDraft) },
          { header: t.asistensi, cell: (u) => states[u.asistensi] },
        ]}
      />
      <Pagination ctx={ctx} base={`${base}/progres`} query={{}} at={at} />
    </Layout>
  );
}
