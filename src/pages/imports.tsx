import type { FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import type { Api } from '../http/api';
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from '../platform/csv-import';
import { documentTypeOf } from '../platform/documents';
import { AppError, type FieldError } from '../platform/errors';
import { SpreadsheetError, xlsxToCsv } from '../platform/spreadsheet';
import type { PageContext } from '../web/context';
import { refusal } from '../web/forms';
import { BackLink, Csrf, Layout, type FormProblem } from '../web/layout';
import { readUpload } from '../web/uploads';

type Counts = { created: number; updated: number; unchanged: number };

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
  fieldProblem: (error: FieldError) => string | undefined;
}

/** One bad line in the page's words (the services speak English to programs). */
function lineProblem(ctx: PageContext, words: ImportWords, error: FieldError): string {
  const t = ctx.t.imports;
  if (/already appears/.test(error.message)) return t.duplicate;
  if (error.line === 1 && /column/.test(error.message)) return t.header;
  const own = error.path ? words.fieldProblem(error) : undefined;
  if (own) return own;
  if (/expected \d+ fields/.test(error.message)) return t.columns;
  if (/empty|no data rows/.test(error.message)) return t.empty;
  return t.other;
}

function ImportPage(props: { ctx: PageContext; words: ImportWords; action: string; accept: string; problem?: FormProblem; badLines?: FieldError[]; preview?: Counts & { csv: string } }) {
  const { ctx, words, action, problem, badLines, preview } = props;
  const t = ctx.t.imports;
  return (
    <Layout ctx={ctx} title={words.title} problem={problem}>
      <BackLink href={words.back.href} label={words.back.label} />
      <h1>{words.title}</h1>
      {badLines && (
        <section aria-labelledby="bad-lines">
          <h2 id="bad-lines">{t.badLinesTitle(badLines.length)}</h2>
          <p>{t.badLinesLead}</p>
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t.line}</th>
                <th scope="col">{t.column}</th>
                <th scope="col">{t.problem}</th>
              </tr>
            </thead>
            <tbody>
              {badLines.map((e) => (
                <tr>
                  <td data-label={t.line} class="num">
                    {e.line ?? ''}
                  </td>
                  <td data-label={t.column}>{(e.path && (words.columns[e.path] ?? e.path)) || ctx.t.common.none}</td>
                  <td data-label={t.problem}>{lineProblem(ctx, words, e)}</td>
                </tr>
              ))}
            </tbody>
          </table>
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
            <div class={problem?.fields.file ? 'field field--error' : 'field'}>
              <label class="field__label" for="file">
                {words.file}
              </label>
              <p class="field__hint" id="file-hint">
                {words.fileHint}
              </p>
              {problem?.fields.file && (
                <p class="field__error" id="file-error">
                  {problem.fields.file}
                </p>
              )}
              <input class="file" type="file" id="file" name="file" accept={props.accept} aria-describedby={problem?.fields.file ? 'file-hint file-error' : 'file-hint'} />
            </div>
            <button type="submit" class="button">
              {t.check}
            </button>
          </form>
        </>
      )}
    </Layout>
  );
}

/**
 * An import as pages: the upload form (GET path), the check (POST path: a dry run that lists
 * every bad line, or the counts and a button), and the save (POST path/simpan, the same file
 * again, written in one transaction). With `spreadsheet`, XLSX files are read as CSV first.
 */
export function importPages(
  web: Api,
  options: {
    path: string;
    guard: onRequestHookHandler;
    spreadsheet: boolean;
    words: (ctx: PageContext) => ImportWords;
    run: (request: FastifyRequest, csv: string, dryRun: boolean) => Promise<Counts>;
    done: string;
  },
) {
  const { path, guard, words } = options;
  const accept = options.spreadsheet ? '.csv,text/csv,.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : '.csv,text/csv';
  const page = (request: FastifyRequest, reply: FastifyReply, extra: { problem?: FormProblem; badLines?: FieldError[]; preview?: Counts & { csv: string } }, status = 200) =>
    reply.sendPage(<ImportPage ctx={request.page} words={words(request.page)} action={path} accept={accept} {...extra} />, status);

  async function check(request: FastifyRequest, reply: FastifyReply, csv: string, dryRun: boolean) {
    try {
      const counts = await options.run(request, csv, dryRun);
      return dryRun ? page(request, reply, { preview: { csv, ...counts } }) : reply.redirect(options.done, 303);
    } catch (error) {
      if (error instanceof AppError && error.code === 'IMPORT_INVALID') return page(request, reply, { badLines: error.errors ?? [] }, 422);
      const refused = refusal(error, request.page);
      return page(request, reply, { problem: refused }, refused.status);
    }
  }

  web.get(path, { onRequest: guard }, async (request, reply) => page(request, reply, {}));

  web.post(path, { onRequest: guard, config: { upload: true } }, async (request, reply) => {
    const ctx = request.page;
    let upload;
    try {
      upload = await readUpload(request, { maxBytes: MAX_IMPORT_BYTES });
    } catch (error) {
      const refused = refusal(error, ctx);
      if (refused.code === 'CSRF_FAILED') throw error;
      return page(request, reply, { problem: { ...refused, fields: { file: refused.summary! } } }, refused.status);
    }
    const bytes = upload.file?.bytes;
    if (!bytes?.length) return page(request, reply, { problem: { fields: { file: ctx.t.imports.noFile } } }, 400);
    const type = documentTypeOf(bytes.subarray(0, 64 * 1024), bytes.subarray(-256 * 1024));
    if (type && (type !== 'xlsx' || !options.spreadsheet)) return page(request, reply, { problem: { fields: { file: ctx.t.imports.notSpreadsheet } } }, 415);
    if (type !== 'xlsx') return check(request, reply, bytes.toString('utf8'), true);
    let csv;
    try {
      csv = await xlsxToCsv(bytes, MAX_IMPORT_ROWS + 1);
    } catch (error) {
      if (!(error instanceof SpreadsheetError)) throw error;
      return page(request, reply, { problem: { fields: { file: ctx.t.imports.unreadable } } }, 422);
    }
    return check(request, reply, csv, true);
  });

  web.post(`${path}/simpan`, { onRequest: guard, bodyLimit: 4 * MAX_IMPORT_BYTES }, async (request, reply) => {
    const csv = (request.body as { csv?: unknown } | undefined)?.csv;
    if (typeof csv !== 'string' || csv === '') return reply.redirect(path, 303);
    return check(request, reply, csv, false);
  });
}
