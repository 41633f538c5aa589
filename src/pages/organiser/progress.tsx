import type { Container } from '../../container';
import { DRAFT_STATUSES } from '../../features/drafts/drafts.rules';
import type { Api } from '../../http/api';
import type { PageContext } from '../../web/context';
import { BackLink, Layout } from '../../web/layout';
import { signedIn } from '../../web/web';
import { ProgrammeParams } from '../shared/page-helpers';

type Services = Pick<Container, 'progress'>;
type Report = ReturnType<Container['progress']['report']>;

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
      <title id="chart-title">{`${ctx.t.progress.chartTitle}: ${stages.map((s) => `${s.label} ${s.count}`).join(', ')}`}</title>
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

function ProgressPage({ ctx, report }: { ctx: PageContext; report: Report }) {
  const t = ctx.t.progress;
  const { totals } = report;
  const stages = [
    { label: t.noDraft, count: totals.units - totals.unitsWithDraft },
    ...DRAFT_STATUSES.map((status) => ({ label: ctx.t.draftStatuses[status]!, count: totals.draftStatus[status] ?? 0 })),
  ];
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
      <table class="table">
        <thead>
          <tr>
            <th scope="col">{t.code}</th>
            <th scope="col">{t.unit}</th>
            <th scope="col">{t.officials}</th>
            <th scope="col">{t.draft}</th>
            <th scope="col">{t.asistensi}</th>
          </tr>
        </thead>
        <tbody>
          {report.units.map((u) => (
            <tr>
              <td data-label={t.code}>{u.code}</td>
              <th scope="row">{u.name}</th>
              <td data-label={t.officials} class="num">
                {u.participantsAttended}/{u.participantsConfirmed}
              </td>
              <td data-label={t.draft}>{u.draftStatus ? ctx.t.draftStatuses[u.draftStatus] : t.noDraft}</td>
              <td data-label={t.asistensi}>{t.states[u.asistensi]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}

export function progressPages(web: Api, { progress }: Services) {
  web.get('/organisasi/program/:programmeId/progres', { onRequest: signedIn('organiser'), schema: { params: ProgrammeParams } }, async (request, reply) =>
    reply.sendPage(<ProgressPage ctx={request.page} report={progress.report(request.params.programmeId)} />),
  );
}
