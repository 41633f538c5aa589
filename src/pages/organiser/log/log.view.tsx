import { actionWords, auditText, entityWords, fieldWords } from '../../../features/audit/audit.text';
import { formatInstant } from '../../../platform/format';
import { Field, Select } from '../../../web/components/form';
import { Table, type Column } from '../../../web/components/table';
import type { PageContext } from '../../../web/context';
import { BackLink, Layout } from '../../../web/layout';
import { Pagination, type PageOf } from '../../shared/pagination.view';
import { consoleText } from '../console/console.text';
import { logText } from './log.text';

/** The filters as the address gave them (`siapa`: u12 for a person, k3 for a key). */
export type LogFilter = {
  siapa?: string;
  tindakan?: string;
  data?: string;
  nomor?: number;
  dari?: string;
  sampai?: string;
};

/** A field's value before or after: text, a yes/no, or null when the field was absent. */
export type LogValue = string | boolean | null;

/** One field that changed. */
export interface LogChange {
  field: string;
  before: LogValue;
  after: LogValue;
}

export type LogActor = { kind: 'user'; name: string } | { kind: 'key'; label: string } | { kind: 'partner'; government: string } | { kind: 'system' };

export interface LogEntry {
  at: string;
  by: LogActor;
  action: string;
  entity: string;
  entityId: number | null;
  /** The fields whose value differs, with before and after. */
  changes: readonly LogChange[];
}

/** What changed in one entry, field by field (named in words where the catalogue knows the field), behind a "details" toggle. */
function Changes({ ctx, changes }: { ctx: PageContext; changes: LogEntry['changes'] }) {
  const t = logText[ctx.lang];
  const words = auditText[ctx.lang];
  if (changes.length === 0) return null;
  const shown = (value: LogValue) => (typeof value === 'boolean' ? (value ? words.yes : words.no) : value);
  return (
    <details>
      <summary>{t.details}</summary>
      <dl class="changes">
        {changes.map(({ field, before, after }) => (
          <div>
            <dt>{fieldWords(words, field)}</dt>
            <dd>
              {before !== null && before !== '' && <del aria-label={t.before}>{shown(before)}</del>} {after !== null && after !== '' && <ins aria-label={t.after}>{shown(after)}</ins>}
            </dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

/** The change log: filters, the entries newest first in words, and the pages. */
export function LogPage(props: {
  ctx: PageContext;
  filter: LogFilter;
  people: readonly { id: number; name: string }[];
  keys: readonly { id: number; label: string }[];
  actions: readonly string[];
  entities: readonly string[];
  entries: readonly LogEntry[];
  at: PageOf;
}) {
  const { ctx, filter } = props;
  const t = logText[ctx.lang];
  const words = auditText[ctx.lang];
  /** Filter options in words, alphabetical in the page's language. */
  const options = (codes: readonly string[], word: (code: string) => string) =>
    codes.map((code): [string, string] => [code, word(code)]).sort((a, b) => a[1].localeCompare(b[1], ctx.lang));
  const who = (by: LogActor) => (by.kind === 'user' ? by.name : by.kind === 'key' ? t.keyOf(by.label) : by.kind === 'partner' ? t.partner(by.government) : t.system);
  const columns: Column<LogEntry>[] = [
    { header: t.when, cell: (e) => formatInstant(e.at, ctx.defaultZone, ctx.lang) },
    { header: t.who, cell: (e) => who(e.by) },
    {
      header: t.what,
      rowHeader: true,
      cell: (e) => (
        <>
          {actionWords(words, e.action)}
          <br />
          <span class="field__hint">{words.record(entityWords(words, e.entity), e.entityId)}</span>
        </>
      ),
    },
    { header: t.change, cell: (e) => <Changes ctx={ctx} changes={e.changes} /> },
  ];
  const whoOptions: [string, string][] = [...props.people.map((u): [string, string] => [`u${u.id}`, u.name]), ...props.keys.map((k): [string, string] => [`k${k.id}`, t.keyOf(k.label)])];
  return (
    <Layout ctx={ctx} title={t.title}>
      <BackLink href="/organisasi" label={consoleText[ctx.lang].title(ctx.organisation)} />
      <h1>{t.title}</h1>
      <p class="lead">{t.lead}</p>
      <form method="get" action="/organisasi/catatan" class="form">
        <Select name="siapa" label={t.who} placeholder={t.anyone} options={whoOptions} value={filter.siapa} />
        <Select name="tindakan" label={t.what} placeholder={t.anything} options={options(props.actions, (a) => actionWords(words, a))} value={filter.tindakan} />
        <Select name="data" label={t.record} placeholder={t.anyRecord} options={options(props.entities, (e) => entityWords(words, e))} value={filter.data} />
        <Field name="nomor" label={t.recordId} type="number" inputMode="numeric" min={1} value={filter.nomor} width="short" />
        <Field name="dari" label={t.from} type="date" value={filter.dari} width="medium" />
        <Field name="sampai" label={t.to} type="date" value={filter.sampai} width="medium" />
        <button type="submit" class="button button--secondary">
          {t.filter}
        </button>
      </form>
      {props.entries.length === 0 ? <p>{t.none}</p> : <Table columns={columns} rows={props.entries} />}
      <Pagination ctx={ctx} base="/organisasi/catatan" query={filter} at={props.at} />
    </Layout>
  );
}
