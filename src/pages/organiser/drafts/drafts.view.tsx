import type { DraftStatus } from '../../../features/drafts/drafts.rules';
import { draftStatusText } from '../../../features/drafts/drafts.text';
import { Field, FileField, Select, TextArea, type FormProblem, type Typed } from '../../../web/components/form';
import { Table, type Column } from '../../../web/components/table';
import type { PageContext } from '../../../web/context';
import { ActionButton, BackLink, Csrf, Layout } from '../../../web/layout';
import { DocumentLink, when } from '../../shared/components.view';
import { consoleText } from '../console/console.text';
import { draftsInboxText, recordDraftText } from './drafts.text';

export interface InboxDraft {
  id: number;
  unitName: string;
  title: string;
  sopCount: number;
  createdAt: string;
  document: { name: string; size: number } | null;
  status: DraftStatus;
  /** When the organiser accepted it (an instant), if they have. */
  receivedAt: string | null;
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
      {draft.status === 'submitted' && (
        <ActionButton ctx={ctx} action={`/organisasi/program/${programmeId}/draf/${draft.id}/terima`} label={t.accept} ariaLabel={t.acceptLabel(draft.title, draft.unitName)} />
      )}
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
    { header: t.receivedAt, cell: (d) => (d.receivedAt ? when(ctx, d.receivedAt, programme.timezone) : t.notReceived) },
    { header: t.document, cell: (d) => <DocumentLink ctx={ctx} draft={d} /> },
    { header: t.status, cell: (d) => <StatusForm ctx={ctx} programmeId={programme.id} draft={d} /> },
  ];
  return (
    <Layout ctx={ctx} title={t.title(programme.name)} notice={props.notice} problem={props.problem}>
      <BackLink href="/organisasi" label={consoleText[ctx.lang].title(ctx.organisation)} />
      <h1>{t.title(programme.name)}</h1>
      <p>{t.recordLead}</p>
      <p>
        <a class="button button--secondary" href={`/organisasi/program/${programme.id}/draf/catat`}>
          {t.record}
        </a>
      </p>
      {drafts.length === 0 ? <p>{t.none}</p> : <Table columns={columns} rows={drafts} />}
    </Layout>
  );
}

/** What was typed into the record form, to put back after a refusal. */
const typedValue = (typed: Typed | undefined, name: string) => [typed?.[name] ?? []].flat()[0];

/** Recording a draft that arrived on paper or by WhatsApp: its unit, title, SOPs, the date it came, its file. */
export function RecordDraftPage(props: {
  ctx: PageContext;
  programme: { id: number; name: string };
  units: readonly { id: number; name: string; code: string }[];
  /** Today in the programme's zone: the date received unless another is typed. */
  today: string;
  typed?: Typed;
  problem?: FormProblem;
}) {
  const { ctx, programme, units, typed, problem } = props;
  const t = recordDraftText[ctx.lang];
  return (
    <Layout ctx={ctx} title={`${t.title} · ${programme.name}`} problem={problem}>
      <BackLink href={`/organisasi/program/${programme.id}/draf`} label={t.back} />
      <h1>{t.title}</h1>
      <p class="lead">{t.lead}</p>
      <form method="post" action={`/organisasi/program/${programme.id}/draf/catat`} enctype="multipart/form-data" class="form" novalidate>
        <Csrf ctx={ctx} />
        <Select
          name="unitId"
          label={t.unit}
          hint={t.unitHint}
          placeholder={t.chooseUnit}
          options={units.map((u): [string, string] => [String(u.id), `${u.name} (${u.code})`])}
          value={typedValue(typed, 'unitId')}
          problem={problem}
        />
        <Field name="title" label={t.draftTitle} hint={t.titleHint} value={typedValue(typed, 'title')} problem={problem} required />
        <Field name="sopCount" label={t.sopCount} hint={t.sopCountHint} type="number" inputMode="numeric" min={1} max={1000} width="short" value={typedValue(typed, 'sopCount')} problem={problem} required />
        <Field name="receivedAt" label={t.receivedAt} hint={t.receivedAtHint(ctx.organisation)} type="date" width="medium" value={typedValue(typed, 'receivedAt') ?? props.today} problem={problem} required />
        <FileField name="document" label={t.document} hint={t.documentHint} optionalLabel={ctx.t.common.optional} accept=".pdf,.docx,.xlsx" problem={problem} />
        <button type="submit" class="button">
          {t.submit}
        </button>
      </form>
    </Layout>
  );
}
