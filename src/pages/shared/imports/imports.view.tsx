import { FileField, type FormProblem } from '../../../web/components/form';
import { Table } from '../../../web/components/table';
import type { PageContext } from '../../../web/context';
import { BackLink, Csrf, Layout } from '../../../web/layout';
import { importsText } from './imports.text';

/** A bad line of a file as the services name it, with its value as the file has it. */
export interface LineError {
  path: string;
  message: string;
  line?: number;
  value?: string;
  /** A repeated row: the line it first appeared on. */
  firstLine?: number;
}

/** How many rows an import creates, updates and leaves as they were. */
export type ImportCounts = { created: number; updated: number; unchanged: number };

/** What one kind of import says: its title and guidance, its columns and its line problems. */
export interface ImportWords {
  title: string;
  lead: string;
  back: { href: string; label: string };
  file: string;
  fileHint: string;
  counts: (created: number, updated: number, unchanged: number) => string;
  confirm: string;
  /** Each field's name as the template heads it ("Nama Unit" for name): for a column the file lacks. */
  columns: Record<string, string>;
  /** The sentence for a field's problem on a line, with its value, if the kind has its own. */
  fieldProblem: (error: LineError) => string | undefined;
  /** The headings recognised for each field (the feature's list), shown as help. */
  help: { field: string; headings: readonly string[]; required: boolean }[];
  /** More help under the headings (the kinds of unit and how they may be written). */
  helpNote?: string;
}

/** A row to be saved, as the preview shows it. */
export interface PreviewRow {
  line: number;
  status: 'new' | 'changed' | 'unchanged';
  cells: string[];
}

/** A checked file: what would be saved (the first rows of it), the bad lines, the columns left out. */
export interface ImportPreview {
  csv: string;
  counts: ImportCounts;
  /** Every row that can be saved (the table shows the first of them). */
  total: number;
  headers: string[];
  rows: PreviewRow[];
  badLines: LineError[];
  ignoredColumns: string[];
  /** Each field's heading as the file wrote it. */
  headings: Record<string, string>;
}

/** What the page shows: the upload form, a file that cannot be taken at all, or the preview of one. */
export interface ImportState {
  problem?: FormProblem;
  /** The file as a whole cannot be taken (its heading line, its size): nothing of it can be saved. */
  fileProblems?: LineError[];
  preview?: ImportPreview;
}

/** One bad line in the page's words (the services speak English to programs). */
function lineProblem(ctx: PageContext, words: ImportWords, error: LineError): string {
  const t = importsText[ctx.lang];
  if (error.firstLine !== undefined) return t.duplicate(error.value ?? '', error.firstLine);
  if (/^missing column/.test(error.message)) {
    const help = words.help.find((h) => h.field === error.path);
    return t.missingColumn(words.columns[error.path] ?? error.path, (help?.headings ?? []).join(', '));
  }
  // A refused file's lines come as the API names them: the two headings are in the message.
  const twice = /^columns "(.*)" and "(.*)" both give/.exec(error.message);
  if (twice) return t.twiceColumn(`${twice[1]}, ${twice[2]}`);
  const own = error.path ? words.fieldProblem(error) : undefined;
  if (own) return own;
  if (/expected \d+ fields/.test(error.message)) return t.columns;
  if (/empty|no data rows/.test(error.message)) return t.empty;
  if (/at most \d+ rows/.test(error.message)) return t.tooMany(Number(/\d+/.exec(error.message)![0]));
  if (/quote/i.test(error.message)) return t.quotes;
  return error.value ? t.otherValue(error.value) : t.other;
}

function BadLines({ ctx, words, lines, headings, lead }: { ctx: PageContext; words: ImportWords; lines: LineError[]; headings: Record<string, string>; lead: string }) {
  const t = importsText[ctx.lang];
  return (
    <section aria-labelledby="bad-lines">
      <h2 id="bad-lines">{t.badLinesTitle(lines.length)}</h2>
      <p>{lead}</p>
      <Table
        rows={lines}
        columns={[
          { header: t.line, numeric: true, cell: (e) => e.line ?? '' },
          { header: t.column, cell: (e) => (e.path && (headings[e.path] ?? words.columns[e.path] ?? e.path)) || ctx.t.common.none },
          { header: t.problem, cell: (e) => lineProblem(ctx, words, e) },
        ]}
      />
    </section>
  );
}

/** The upload form with the templates and the headings recognised. */
function Upload(props: { ctx: PageContext; words: ImportWords; action: string; accept: string; problem?: FormProblem; heading?: string }) {
  const { ctx, words } = props;
  const t = importsText[ctx.lang];
  return (
    <section aria-labelledby={props.heading ? 'upload' : undefined}>
      {props.heading && <h2 id="upload">{props.heading}</h2>}
      <p>
        {t.templates} <a href={`${props.action}/contoh.csv`}>{t.templateCsv}</a> · <a href={`${props.action}/contoh.xlsx`}>{t.templateXlsx}</a>
      </p>
      <details>
        <summary>{t.helpTitle}</summary>
        <p>{t.helpLead}</p>
        <Table
          rows={words.help}
          columns={[
            { header: t.helpColumn, rowHeader: true, cell: (h) => words.columns[h.field] ?? h.field },
            { header: t.helpHeadings, cell: (h) => h.headings.join(', ') },
            { header: t.helpRequired, cell: (h) => (h.required ? t.required : t.optional) },
          ]}
        />
        {words.helpNote && <p>{words.helpNote}</p>}
      </details>
      <form method="post" action={props.action} enctype="multipart/form-data" class="form">
        <Csrf ctx={ctx} />
        <FileField name="file" label={words.file} hint={words.fileHint} problem={props.problem} accept={props.accept} />
        <button type="submit" class="button">
          {t.check}
        </button>
      </form>
    </section>
  );
}

const STATUS_TAG = { new: 'tag tag--ok', changed: 'tag tag--wait', unchanged: 'tag' } as const;

function Preview({ ctx, words, action, preview }: { ctx: PageContext; words: ImportWords; action: string; preview: ImportPreview }) {
  const t = importsText[ctx.lang];
  const bad = preview.badLines.length;
  return (
    <section aria-labelledby="preview">
      <h2 id="preview">{t.previewTitle}</h2>
      <p>
        {words.counts(preview.counts.created, preview.counts.updated, preview.counts.unchanged)}
        {bad > 0 && ` ${t.goodRows(preview.total)}`}
      </p>
      <Table
        rows={preview.rows}
        columns={[
          { header: t.line, numeric: true, cell: (r) => r.line },
          { header: t.status, cell: (r) => <span class={STATUS_TAG[r.status]}>{t.statuses[r.status]}</span> },
          ...preview.headers.map((header, i) => ({ header, cell: (r: PreviewRow) => r.cells[i] || ctx.t.common.none })),
        ]}
      />
      {preview.total > preview.rows.length && <p>{t.more(preview.total - preview.rows.length)}</p>}
      {bad === 0 ? (
        <form method="post" action={`${action}/simpan`}>
          <Csrf ctx={ctx} />
          <input type="hidden" name="csv" value={preview.csv} />
          <button type="submit" class="button">
            {words.confirm}
          </button>
        </form>
      ) : (
        <>
          <h2>{t.chooseTitle}</h2>
          <form method="post" action={`${action}/simpan`}>
            <Csrf ctx={ctx} />
            <input type="hidden" name="csv" value={preview.csv} />
            <input type="hidden" name="skipInvalid" value="true" />
            <p class="hint">{t.skipHint}</p>
            <button type="submit" class="button">
              {t.skipBad(preview.total, bad)}
            </button>
          </form>
        </>
      )}
    </section>
  );
}

export function ImportPage(props: ImportState & { ctx: PageContext; words: ImportWords; action: string; accept: string }) {
  const { ctx, words, action, accept, problem, fileProblems, preview } = props;
  const t = importsText[ctx.lang];
  const bad = preview?.badLines.length ?? 0;
  return (
    <Layout ctx={ctx} title={words.title} problem={problem}>
      <BackLink href={words.back.href} label={words.back.label} />
      <h1>{words.title}</h1>
      {fileProblems && <BadLines ctx={ctx} words={words} lines={fileProblems} headings={{}} lead={t.fileProblemsLead} />}
      {preview && bad > 0 && <BadLines ctx={ctx} words={words} lines={preview.badLines} headings={preview.headings} lead={t.badLinesLead} />}
      {preview && preview.ignoredColumns.length > 0 && <p>{t.ignoredColumns(preview.ignoredColumns.join(', '))}</p>}
      {preview && preview.total > 0 && <Preview ctx={ctx} words={words} action={action} preview={preview} />}
      {preview && bad === 0 ? (
        <p>
          <a href={action}>{t.uploadOther}</a>
        </p>
      ) : (
        <>
          {!preview && !fileProblems && <p>{words.lead}</p>}
          <Upload ctx={ctx} words={words} action={action} accept={accept} problem={problem} heading={preview && preview.total > 0 ? t.fixTitle : undefined} />
        </>
      )}
    </Layout>
  );
}
