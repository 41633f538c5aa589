import type { DraftStatus } from '../../../features/drafts/drafts.rules';
import { draftStatusText } from '../../../features/drafts/drafts.text';
import { Select, TextArea, type FormProblem } from '../../../web/components/form';
import { Table, type Column } from '../../../web/components/table';
import type { PageContext } from '../../../web/context';
import { BackLink, Csrf, Layout } from '../../../web/layout';
import { DocumentLink, when } from '../../shared/components.view';
import { consoleText } from '../console/console.text';
import { draftsInboxText } from './drafts.text';

export interface InboxDraft {
  id: number;
  unitName: string;
  title: string;
  sopCount: number;
  createdAt: string;
  document: { name: string; size: number } | null;
  status: DraftStatus;
  /** The statuses it may move to: its own first (kept), then the later ones. */
  choices: readonly DraftStatus[];
  notes: string | null;
}

/** A draft's status, and the form that moves it on and keeps the organiser's notes. */
function StatusForm({ ctx, programmeId, draft }: { ctx: PageContext; programmeId: number; draft: InboxDraft }) {
  const t = draftsInboxText[ctx.lang];
  const statuses = draftStatusText[ctx.lang];
  return (
    <>
      <p>{statuses[draft.status]}</p>
      <form method="post" action={`/organisasi/program/${programmeId}/draf`} class="form">
        <Csrf ctx={ctx} />
        <input type="hidden" name="draftId" value={draft.id} />
        <Select name={`status-${draft.id}`} label={t.moveTo} options={draft.choices.map((s): [string, string] => [s, s === draft.status ? t.keepStatus(statuses[s]) : statuses[s]])} />
        <TextArea name={`notes-${draft.id}`} id={`notes-${draft.id}`} label={t.notes(ctx.organisation)} optionalLabel={ctx.t.common.optional} rows={2} maxLength={2000} value={draft.notes} />
        <button type="submit" class="button button--secondary" aria-label={t.updateLabel(draft.title)}>
          {t.update}
        </button>
      </form>
    </>
  );
}

/** Every unit's draft of a programme: its file, its status and notes. */
export function DraftsInbox(props: { ctx: PageContext; programme: { id: number; name: string; timezone: string }; drafts: readonly InboxDraft[]; notice?: string; problem?: FormProblem }) {
  const { ctx, programme, drafts } = props;
  const t = draftsInboxText[ctx.lang];
  const columns: Column<InboxDraft>[] = [
    { header: t.unit, cell: (d) => d.unitName },
    { header: t.draftTitle, cell: (d) => d.title, rowHeader: true },
    { header: t.sopCount, cell: (d) => d.sopCount, numeric: true },
    { header: t.sentAt, cell: (d) => when(ctx, d.createdAt, programme.timezone) },
    { header: t.document, cell: (d) => <DocumentLink ctx={ctx} draft={d} /> },
    { header: t.status, cell: (d) => <StatusForm ctx={ctx} programmeId={programme.id} draft={d} /> },
  ];
  return (
    <Layout ctx={ctx} title={t.title(programme.name)} notice={props.notice} problem={props.problem}>
      <BackLink href="/organisasi" label={consoleText[ctx.lang].title(ctx.organisation)} />
      <h1>{t.title(programme.name)}</h1>
      {drafts.length === 0 ? <p>{t.none}</p> : <Table columns={columns} rows={drafts} />}
    </Layout>
  );
}
