import type { FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import type { Api } from '../../../http/api';
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from '../../../platform/csv-import';
import { documentTypeOf } from '../../../platform/documents';
import { AppError } from '../../../platform/errors';
import { SpreadsheetError, xlsxToCsv } from '../../../platform/spreadsheet';
import type { PageContext } from '../../../web/context';
import { refusal } from '../../../web/forms';
import { readUpload } from '../../../web/uploads';
import { importsText, officialsImportText } from './imports.text';
import { ImportPage, type ImportCounts, type ImportState, type ImportWords } from './imports.view';

export type { ImportWords } from './imports.view';

/**
 * The officials import in the uploader's words: the template's Indonesian columns, NIP problems
 * explained. The organiser's file names every official's unit by its code (`unitCodeColumn`);
 * an operator's is their own unit's, so a unit code there that is not theirs is said so.
 */
export function officialsImportWords(
  ctx: PageContext,
  own: { title: string; lead: string; back: { href: string; label: string }; template?: { href: string; label: string }; unitCodeColumn: boolean },
): ImportWords {
  const t = officialsImportText[ctx.lang];
  const p = t.lineProblems;
  return {
    title: own.title,
    lead: own.lead,
    back: own.back,
    template: own.template,
    file: t.file,
    fileHint: t.fileHint,
    counts: t.counts,
    confirm: t.confirm,
    columns: { nip: 'nip', name: 'nama', position: 'jabatan', email: 'email', phone: 'telepon', unitCode: 'kode_unit' },
    fieldProblem: (error) => {
      switch (error.path) {
        case 'nip':
          return /another unit/.test(error.message) ? p.nipOtherUnit(ctx.organisation) : p.nip;
        case 'unitCode':
          return own.unitCodeColumn ? p.unknownUnit : p.notYourUnit;
        case 'name':
          return p.name;
        case 'email':
          return p.email;
        case 'phone':
          return p.phone;
        default:
          return undefined;
      }
    },
  };
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
    run: (request: FastifyRequest, csv: string, dryRun: boolean) => Promise<ImportCounts>;
    done: string;
  },
) {
  const { path, guard, words } = options;
  const accept = options.spreadsheet ? '.csv,text/csv,.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : '.csv,text/csv';
  const page = (request: FastifyRequest, reply: FastifyReply, state: ImportState, status = 200) =>
    reply.sendPage(<ImportPage ctx={request.page} words={words(request.page)} action={path} accept={accept} {...state} />, status);

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
    const t = importsText[ctx.lang];
    let upload;
    try {
      upload = await readUpload(request, { maxBytes: MAX_IMPORT_BYTES });
    } catch (error) {
      const refused = refusal(error, ctx);
      if (refused.code === 'CSRF_FAILED') throw error;
      return page(request, reply, { problem: { ...refused, fields: { file: refused.summary! } } }, refused.status);
    }
    const bytes = upload.file?.bytes;
    if (!bytes?.length) return page(request, reply, { problem: { fields: { file: t.noFile } } }, 400);
    const type = documentTypeOf(bytes.subarray(0, 64 * 1024), bytes.subarray(-256 * 1024));
    if (type && (type !== 'xlsx' || !options.spreadsheet)) return page(request, reply, { problem: { fields: { file: t.notSpreadsheet } } }, 415);
    if (type !== 'xlsx') return check(request, reply, bytes.toString('utf8'), true);
    let csv;
    try {
      csv = await xlsxToCsv(bytes, MAX_IMPORT_ROWS + 1);
    } catch (error) {
      if (!(error instanceof SpreadsheetError)) throw error;
      return page(request, reply, { problem: { fields: { file: t.unreadable } } }, 422);
    }
    return check(request, reply, csv, true);
  });

  web.post(`${path}/simpan`, { onRequest: guard, bodyLimit: 4 * MAX_IMPORT_BYTES }, async (request, reply) => {
    const csv = (request.body as { csv?: unknown } | undefined)?.csv;
    if (typeof csv !== 'string' || csv === '') return reply.redirect(path, 303);
    return check(request, reply, csv, false);
  });
}
