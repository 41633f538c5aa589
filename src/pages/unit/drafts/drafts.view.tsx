import type { DraftStatus } from '../../../features/drafts/drafts.rules';
import { draftStatusText, type DocumentQuotaWords } from '../../../features/drafts/drafts.text';
import { formatDate } from '../../../platform/format';
import { Field, FileField, type FormProblem, type Typed } from '../../../web/components/form';
import { Table, type Column } from '../../../web/components/table';
import type { PageContext } from '../../../web/context';
import { Csrf, Layout } from '../../../web/layout';
import { DocumentLink, ProgrammeTabs, when } from '../../shared/components.view';
import { draftsText } from './drafts.text';

/** A draft the unit sent, as its list shows it. */
export interface SentDraft {
  id: number;
  title: string;
  sopCount: number;
  status: DraftStatus;
  /** When the organiser accepted it (an instant), if they have. */
  receivedAt: string | null;
  notes: string | null;
  createdAt: string;
  document: { name: string; size: number } | null;
}

/** What was typed into the form, to put back after a refusal (the forms reader's Typed, structurally). */
const typedValue = (typed: Typed | undefined, name: string) => [typed?.[name] ?? []].flat()[0];

/** A draft's status, when it was accepted, and the organiser's notes. */
function DraftStatusCell({ ctx, draft, zone }: { ctx: PageContext; draft: SentDraft; zone: string }) {
  const t = draftsText[ctx.lang];
  return (
    <>
      <span class={draft.status === 'submitted' ? 'tag tag--wait' : 'tag tag--ok'}>{draftStatusText[ctx.lang][draft.status]}</span>
      {draft.receivedAt && (
        <span class="muted">
          {' '}
          ({t.receivedAt} {when(ctx, draft.receivedAt, zone)})
        </span>
      )}
      {draft.notes && (
        <p class="muted">
          {t.notes(ctx.organisation)}: {draft.notes}
        </p>
      )}
    </>
  );
}

export interface DraftsPageProps {
  ctx: PageContext;
  programme: { id: number; name: string; timezone: string; draftDeadline: string | null };
  drafts: readonly SentDraft[];
  /** What the unit keeps of draft documents in the programme, and its quota. */
  storage: DocumentQuotaWords;
  typed?: Typed;
  problem?: FormProblem;
  notice?: string;
}

export function DraftsPage({ ctx, programme, drafts, storage, typed, problem, notice }: DraftsPageProps) {
  const t = draftsText[ctx.lang];
  const zone = programme.timezone;
  const columns: Column<SentDraft>[] = [
    { header: t.draftTitle, cell: (d) => d.title, rowHeader: true },
    { header: t.sopCount, cell: (d) => d.sopCount, numeric: true },
    { header: t.status, cell: (d) => <DraftStatusCell ctx={ctx} draft={d} zone={zone} /> },
    { header: t.sentAt, cell: (d) => when(ctx, d.createdAt, zone) },
    { header: t.document, cell: (d) => <DocumentLink ctx={ctx} draft={d} /> },
  ];
  return (
    <Layout ctx={ctx} title={`${t.title} · ${programme.name}`} problem={problem} notice={notice}>
      <h1>{programme.name}</h1>
      <ProgrammeTabs ctx={ctx} programmeId={programme.id} current="draf" />
      <h2>{t.title}</h2>
      <p>{t.lead(ctx.organisation)}</p>
      {programme.draftDeadline && <p>{t.deadline(formatDate(programme.draftDeadline, ctx.lang))}</p>}
      <h3>{t.sent}</h3>
      {drafts.length === 0 ? <p>{t.none}</p> : <Table columns={columns} rows={drafts} />}
      <h3>{t.sendTitle}</h3>
      <form method="post" action={`/unit/program/${programme.id}/draf`} enctype="multipart/form-data" class="form" novalidate>
        <Csrf ctx={ctx} />
        <Field name="title" label={t.draftTitle} hint={t.titleHint} value={typedValue(typed, 'title')} problem={problem} required />
        <Field name="sopCount" label={t.sopCount} hint={t.sopCountHint} type="number" inputMode="numeric" min={1} max={1000} width="short" value={typedValue(typed, 'sopCount')} problem={problem} required />
        <FileField name="document" label={t.document} hint={`${t.documentHint} ${t.storage(storage)}`} optionalLabel={ctx.t.common.optional} accept=".pdf,.docx,.xlsx" problem={problem} />
        <button type="submit" class="button">
          {t.submit}
        </button>
      </form>
    </Layout>
  );
}
