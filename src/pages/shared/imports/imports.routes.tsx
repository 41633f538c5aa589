import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import { PARTICIPANT_IMPORT_COLUMNS, participantImportRequired } from '../../../features/participants/participant-import.rules';
import { checkNip, nipDigits } from '../../../features/participants/participants.rules';
import type { ParticipantImportRow } from '../../../features/participants/participants.schemas';
import { UNIT_IMPORT_COLUMNS, UNIT_IMPORT_REQUIRED } from '../../../features/units/unit-import.rules';
import type { UnitCreateInput } from '../../../features/units/units.schemas';
import { unitKindText } from '../../../features/units/units.text';
import type { Api } from '../../../http/api';
import { sendDownload } from '../../../http/attachment';
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, type ImportColumn, type ImportOutcome } from '../../../platform/csv-import';
import { documentTypeOf } from '../../../platform/documents';
import { AppError, retryAfterOf } from '../../../platform/errors';
import { formatNip } from '../../../platform/format';
import { SpreadsheetError, templateCsv, type ImportTemplate } from '../../../platform/spreadsheet';
import type { PageContext } from '../../../web/context';
import { nipMessage, refusal } from '../../../web/forms';
import { readPageUpload } from '../../../web/uploads';
import { actorOf } from '../page-helpers';
import { importsText, officialsImportText, unitsImportText } from './imports.text';
import { ImportPage, type ImportPreview, type ImportState, type ImportWords, type LineError } from './imports.view';

export type { ImportWords } from './imports.view';

/** How many rows to be saved the preview lists (then "and N more"). */
export const PREVIEW_ROWS = 50;
/** How much of a bad value the page echoes. */
const ECHO_LENGTH = 80;

/** One kind of import on the pages: its words, its preview's columns, its template. */
export interface ImportKind<T> {
  words: (ctx: PageContext) => ImportWords;
  /** The preview's columns: each heading and what a row to be saved shows in it. */
  preview: (ctx: PageContext) => { header: string; cell: (row: T) => string }[];
  /** The template: the headings the import is documented with and one neutral example row. */
  template: (ctx: PageContext) => ImportTemplate;
}

/** What is wrong with a NIP as a file wrote it. */
function nipWhy(value: string, ctx: PageContext): string {
  const check = checkNip(nipDigits(value));
  return check.valid ? ctx.t.validation.nip.characters : nipMessage(check.part, check.digits, ctx);
}

const helpOf = (columns: readonly ImportColumn[], required: readonly string[]) => columns.map((c) => ({ field: c.field, headings: c.headings, required: required.includes(c.field) }));

/** The organiser's units import: code, name, kind (as people write it), email. */
export const unitsImport: ImportKind<UnitCreateInput> = {
  words(ctx) {
    const t = unitsImportText[ctx.lang];
    const p = t.lineProblems;
    const kinds = Object.values(unitKindText[ctx.lang]).join(', ');
    return {
      title: t.title,
      lead: t.lead,
      back: { href: '/organisasi/unit', label: t.back },
      file: t.file,
      fileHint: t.fileHint,
      counts: t.counts,
      confirm: t.confirm,
      columns: t.columns,
      help: helpOf(UNIT_IMPORT_COLUMNS, UNIT_IMPORT_REQUIRED),
      helpNote: t.kinds(Object.values(unitKindText.id).join(', ')),
      fieldProblem: (error) => {
        switch (error.path) {
          case 'code':
            return p.code(error.value);
          case 'name':
            return p.name(error.value);
          case 'kind':
            return p.kind(error.value, kinds);
          case 'email':
            return p.email(error.value);
          default:
            return undefined;
        }
      },
    };
  },
  preview(ctx) {
    const c = unitsImportText[ctx.lang].columns;
    return [
      { header: c.code, cell: (u) => u.code },
      { header: c.name, cell: (u) => u.name },
      { header: c.kind, cell: (u) => unitKindText[ctx.lang][u.kind] },
      { header: c.email, cell: (u) => u.email ?? '' },
    ];
  },
  template(ctx) {
    const t = unitsImportText[ctx.lang];
    return { ...t.template, headings: [t.columns.code, t.columns.name, t.columns.kind, t.columns.email] };
  },
};

/**
 * The officials import in the uploader's words. The organiser's file names every official's
 * unit by its code (`unitCodeColumn`); an operator's is their own unit's, so a unit code there
 * that is not theirs is said so.
 */
export function officialsImport(own: { title: (ctx: PageContext) => string; lead: (ctx: PageContext) => string; back: (ctx: PageContext) => { href: string; label: string }; unitCodeColumn: boolean }): ImportKind<ParticipantImportRow> {
  const fields = own.unitCodeColumn ? PARTICIPANT_IMPORT_COLUMNS.map((c) => c.field) : PARTICIPANT_IMPORT_COLUMNS.map((c) => c.field).filter((f) => f !== 'unitCode');
  return {
    words(ctx) {
      const t = officialsImportText[ctx.lang];
      const v = t.valueProblems;
      return {
        title: own.title(ctx),
        lead: own.lead(ctx),
        back: own.back(ctx),
        file: t.file,
        fileHint: t.fileHint,
        counts: t.counts,
        confirm: t.confirm,
        columns: t.columns,
        help: helpOf(
          PARTICIPANT_IMPORT_COLUMNS.filter((c) => fields.includes(c.field)),
          participantImportRequired(!own.unitCodeColumn),
        ),
        fieldProblem: ({ path, message, value }) => {
          switch (path) {
            case 'nip':
              if (/another unit/.test(message)) return v.nipOtherUnit(value ?? '', ctx.organisation);
              if (!value) return v.nipMissing;
              if (/E[+]\d+$/i.test(value)) return v.nipAsNumber(value);
              // Which part of it is wrong, in the words of every NIP field.
              return v.nip(value, nipWhy(value, ctx));
            case 'unitCode':
              if (!value) return v.unitMissing;
              return own.unitCodeColumn ? v.unknownUnit(value) : v.notYourUnit(value);
            case 'name':
              return value ? v.name(value) : v.nameMissing;
            case 'position':
              return v.position(value ?? '');
            case 'email':
              return v.email(value ?? '');
            case 'phone':
              return v.phone(value ?? '');
            default:
              return undefined;
          }
        },
      };
    },
    preview(ctx) {
      const c = officialsImportText[ctx.lang].columns;
      const cells: Record<(typeof fields)[number], { header: string; cell: (row: ParticipantImportRow) => string }> = {
        unitCode: { header: c.unitCode, cell: (o) => o.unitCode },
        nip: { header: c.nip, cell: (o) => formatNip(o.nip) },
        name: { header: c.name, cell: (o) => o.name },
        position: { header: c.position, cell: (o) => o.position ?? '' },
        email: { header: c.email, cell: (o) => o.email ?? '' },
        phone: { header: c.phone, cell: (o) => o.phone ?? '' },
      };
      return fields.map((f) => cells[f]);
    },
    template(ctx) {
      const t = officialsImportText[ctx.lang];
      return { name: t.template.name, sheet: t.template.sheet, headings: fields.map((f) => t.columns[f]), example: fields.map((f) => t.template.example[f]) };
    },
  };
}

const echoed = (value: string | undefined) => (value !== undefined && value.length > ECHO_LENGTH ? `${value.slice(0, ECHO_LENGTH - 1)}…` : value);
const lineErrors = (errors: readonly LineError[]) => errors.map((e) => ({ ...e, value: echoed(e.value) }));

const ACCEPT = '.csv,text/csv,.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * An import as pages: the upload form (GET path) with its templates (GET path/contoh.csv,
 * path/contoh.xlsx) and the headings it recognises; the check (POST path: a dry run showing the
 * rows to be saved, what is new or changed, every bad line with its value and the columns
 * left out); and the save (POST path/simpan, the same file again, in one transaction): every
 * line, or with skipInvalid the good lines, skipping the bad. XLSX files are read as CSV first.
 */
export function importPages<T>(
  web: Api,
  options: {
    path: string;
    guard: onRequestHookHandler;
    kind: ImportKind<T>;
    run: (request: FastifyRequest, csv: string, options: { dryRun: boolean; skipInvalid: boolean }) => Promise<ImportOutcome<T>>;
    /** Where a save goes: every line saved, or the bad lines skipped. */
    done: { all: string; skipping: string };
  },
) {
  const { path, guard, kind } = options;
  const page = (request: FastifyRequest, reply: FastifyReply, state: ImportState, status = 200) =>
    reply.sendPage(<ImportPage ctx={request.page} words={kind.words(request.page)} action={path} accept={ACCEPT} {...state} />, status);

  /** A refusal said on the page; one to wait out (the workers busy) with when to come back. */
  function refusedPage(request: FastifyRequest, reply: FastifyReply, error: unknown) {
    const refused = refusal(error, request.page);
    const wait = retryAfterOf(error);
    if (wait) reply.header('retry-after', wait);
    return page(request, reply, { problem: refused }, refused.status);
  }

  /** The preview of a file: what a save would do, every bad line; or why the file cannot be taken at all. */
  async function check(request: FastifyRequest, reply: FastifyReply, csv: string) {
    let outcome: ImportOutcome<T>;
    try {
      outcome = await options.run(request, csv, { dryRun: true, skipInvalid: true });
    } catch (error) {
      if (error instanceof AppError && error.code === 'IMPORT_INVALID') return page(request, reply, { fileProblems: lineErrors(error.errors ?? []) }, 422);
      return refusedPage(request, reply, error);
    }
    const columns = kind.preview(request.page);
    const preview: ImportPreview = {
      csv,
      counts: { created: outcome.created, updated: outcome.updated, unchanged: outcome.unchanged },
      total: outcome.rows.length,
      headers: columns.map((c) => c.header),
      rows: outcome.rows.slice(0, PREVIEW_ROWS).map((row) => ({ line: row.line, status: row.status, cells: columns.map((c) => c.cell(row.value)) })),
      badLines: lineErrors(outcome.skipped),
      ignoredColumns: outcome.ignoredColumns,
      headings: outcome.headings,
    };
    return page(request, reply, { preview }, preview.badLines.length > 0 ? 422 : 200);
  }

  web.get(path, { onRequest: guard }, async (request, reply) => page(request, reply, {}));

  web.get(`${path}/contoh.:format`, { onRequest: guard, schema: { params: Type.Object({ format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')]) }) } }, async (request, reply) => {
    const template = kind.template(request.page);
    return request.params.format === 'csv'
      ? sendDownload(reply, { filename: `${template.name}.csv`, type: 'text/csv; charset=utf-8', body: templateCsv(template) })
      : sendDownload(reply, { filename: `${template.name}.xlsx`, type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', body: await web.services.spreadsheets.templateXlsx(actorOf(request), template) });
  });

  web.post(path, { onRequest: guard, config: { upload: true } }, async (request, reply) => {
    const ctx = request.page;
    const t = importsText[ctx.lang];
    const read = await readPageUpload(request, { maxBytes: MAX_IMPORT_BYTES }, 'file');
    if ('refused' in read) return page(request, reply, { problem: read.refused }, read.status);
    const { upload } = read;
    const bytes = upload.file?.bytes;
    if (!bytes?.length) return page(request, reply, { problem: { fields: { file: t.noFile } } }, 400);
    const type = documentTypeOf(bytes.subarray(0, 64 * 1024), bytes.subarray(-256 * 1024));
    if (type && type !== 'xlsx') return page(request, reply, { problem: { fields: { file: t.notSpreadsheet } } }, 415);
    if (type !== 'xlsx') return check(request, reply, bytes.toString('utf8'));
    let csv;
    try {
      csv = await web.services.spreadsheets.xlsxToCsv(actorOf(request), bytes, MAX_IMPORT_ROWS + 1);
    } catch (error) {
      if (!(error instanceof SpreadsheetError)) throw error;
      return page(request, reply, { problem: { fields: { file: t.unreadable } } }, 422);
    }
    return check(request, reply, csv);
  });

  web.post(`${path}/simpan`, { onRequest: guard, bodyLimit: 4 * MAX_IMPORT_BYTES }, async (request, reply) => {
    const body = request.body as { csv?: unknown; skipInvalid?: unknown } | undefined;
    const csv = body?.csv;
    if (typeof csv !== 'string' || csv === '') return reply.redirect(path, 303);
    const skip = body?.skipInvalid === 'true';
    let outcome: ImportOutcome<T>;
    try {
      outcome = await options.run(request, csv, { dryRun: false, skipInvalid: skip });
    } catch (error) {
      // The file changed meaning since it was checked (a unit added meanwhile): checked again.
      if (error instanceof AppError && error.code === 'IMPORT_INVALID') return check(request, reply, csv);
      return refusedPage(request, reply, error);
    }
    return reply.redirect(skip && outcome.skipped.length > 0 ? options.done.skipping : options.done.all, 303);
  });
}
