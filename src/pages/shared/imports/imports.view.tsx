import { FileField, type FormProblem } from '../../../web/components/form';
import { Table } from '../../../web/components/table';
import type { PageContext } from '../../../web/context';
import { BackLink, Csrf, Layout } from '../../../web/layout';
import { importsText } from './imports.text';

/** A bad line of a file as the services name it (the platform's FieldError, structurally). */
export interface LineError {
  path: string;
  message: string;
  line?: number;
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
  template?: { href: string; label: string };
  counts: (created: number, updated: number, unchanged: number) => string;
  confirm: string;
  /** The column of the template a field comes from ("nama" for name): the file the person is fixing. */
  columns: Record<string, string>;
  /** The sentence for a field's problem on a line, if the kind has its own. */
  fieldProblem: (error: LineError) => string | undefined;
}

/** What the page shows: the upload form, the bad lines of a check, or the counts of a good one. */
export interface ImportState {
  problem?: FormProblem;
  badLines?: LineError[];
  preview?: ImportCounts & { csv: string };
}

/** One bad line in the page's words (the services speak English to programs). */
function lineProblem(ctx: PageContext, words: ImportWords, error: LineError): string {
  const t = importsText[ctx.lang];
  if (/already appears/.test(error.message)) return t.duplicate;
  if (error.line === 1 && /column/.test(error.message)) return t.header;
  const own = error.path ? words.fieldProblem(error) : undefined;
  if (own) return own;
  if (/expected \d+ fields/.test(error.message)) return t.columns;
  if (/empty|no data rows/.test(error.message)) return t.empty;
  return t.other;
}

export function ImportPage(props: ImportState & { ctx: PageContext; words: ImportWords; action: string; accept: string }) {
  const { ctx, words, action, problem, badLines, preview } = props;
  const t = importsText[ctx.lang];
  return (
    <Layout ctx={ctx} title={words.title} problem={problem}>
      <BackLink href={words.back.href} label={words.back.label} />
      <h1>{words.title}</h1>
      {badLines && (
        <section aria-labelledby="bad-lines">
          <h2 id="bad-lines">{t.badLinesTitle(badLines.length)}</h2>
          <p>{t.badLinesLead}</p>
          <Table
            rows={badLines}
            columns={[
              { header: t.line, numeric: true, cell: (e) => e.line ?? '' },
              { header: t.column, cell: (e) => (e.path && (words.columns[e.path] ?? e.path)) || ctx.t.common.none },
              { header: t.problem, cell: (e) => lineProblem(ctx, words, e) },
            ]}
          />
        </section>
      )}
      {preview ? (
        <section aria-labelledby="preview">
          <h2 id="preview">{t.previewTitle}</h2>
          <p>{words.counts(preview.created, preview.updated, preview.unchanged)}</p>
          <form method="post" action={`${action}/simpan`}>
            <Csrf ctx={ctx} />
            <input type="hidden" name="csv" value={preview.csv} />
            <button type="submit" class="button">
              {words.confirm}
            </button>
          </form>
        </section>
      ) : (
        <>
          <p>{words.lead}</p>
          {words.template && (
            <p>
              <a href={words.template.href} download>
                {words.template.label}
              </a>
            </p>
          )}
          <form method="post" action={action} enctype="multipart/form-data" class="form">
            <Csrf ctx={ctx} />
            <FileField name="file" label={words.file} hint={words.fileHint} problem={problem} accept={props.accept} />
            <button type="submit" class="button">
              {t.check}
            </button>
          </form>
        </>
      )}
    </Layout>
  );
}
