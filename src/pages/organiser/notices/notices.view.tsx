import { DRAFT_STATUSES } from '../../../features/drafts/drafts.rules';
import { draftStatusText } from '../../../features/drafts/drafts.text';
import { DELIVERY_STATUSES, MAX_ATTEMPTS, NOTICE_KINDS, type Channel, type DeliveryStatus, type NoticeFacts, type NoticeKind } from '../../../features/outbox/outbox.rules';
import { noticeKindText } from '../../../features/outbox/outbox.text';
import { formatDate } from '../../../platform/format';
import { Select, type FormProblem } from '../../../web/components/form';
import { Table, type Column } from '../../../web/components/table';
import type { PageContext } from '../../../web/context';
import { ActionButton, BackLink, Layout } from '../../../web/layout';
import { sessionWhen, when } from '../../shared/components.view';
import { pageAddress, Pagination, type PageOf } from '../../shared/pagination.view';
import { consoleText } from '../console/console.text';
import { noticesPageText } from './notices.text';

export const BASE = '/organisasi/pemberitahuan';

/** The list's filters and page, as the address gives them. */
export type NoticeListQuery = {
  unit?: number;
  jenis?: NoticeKind;
  status?: DeliveryStatus;
  halaman?: number;
  ok?: string;
};

export interface DeliveryView {
  id: number;
  channel: Channel;
  address: string;
  name: string | null;
  status: DeliveryStatus;
  attempts: number;
  sentAt: string | null;
  nextAttemptAt: string;
  lastError: string | null;
}

export interface NoticeView {
  id: number;
  kind: NoticeKind;
  facts: NoticeFacts;
  createdAt: string;
  deliveries: readonly DeliveryView[];
  /** The unit it went to (`#12` if the unit is gone); null when it is for no unit. */
  unitName: string | null;
  /** The zone its facts are told in: its programme's, else the default. */
  zone: string;
}

export interface NoticeDetailView extends NoticeView {
  deliveries: readonly (DeliveryView & { attemptLog: readonly { at: string; ok: boolean; error: string | null }[] })[];
  programmeName?: string;
}

/** The list's address with these filters and page (the flash left out). */
export const listAddress = (query: NoticeListQuery) => pageAddress(BASE, query, query.halaman ?? 1);

const statusTag = (status: DeliveryStatus) => (status === 'sent' ? 'tag tag--ok' : status === 'pending' ? 'tag tag--wait' : 'tag tag--error');

const isDraftStatus = (status: string): status is (typeof DRAFT_STATUSES)[number] => DRAFT_STATUSES.some((s) => s === status);

/** What a notice is about, in a line: the session, the officials, the draft... */
function aboutOf(ctx: PageContext, facts: NoticeFacts, zone: string): string {
  const t = noticesPageText[ctx.lang];
  const slot = (s: { date: string; start: string; end: string }) => sessionWhen(ctx, s, zone);
  switch (facts.kind) {
    case 'account_link':
      return (facts.purpose === 'invite' ? t.aboutInvite : t.aboutReset)(when(ctx, facts.expiresAt, zone));
    case 'enrolment_confirmed':
    case 'enrolment_waitlisted':
    case 'enrolment_promoted':
    case 'enrolment_cancelled':
      return facts.officials.join(', ');
    case 'schedule_changed': {
      const c = facts.change;
      return c.what === 'batch' || c.what === 'batch_removed' ? c.batch : c.what === 'location' ? `${c.period}: ${c.from ?? '–'} → ${c.to ?? '–'}` : `${c.from ?? '–'} → ${c.to ?? '–'}`;
    }
    case 'booking_moved':
      return t.aboutMoved(slot(facts.from), slot(facts.slot));
    case 'booking_displaced':
      return `${slot(facts.slot)} (${facts.reason})`;
    case 'booking_confirmed':
    case 'booking_cancelled':
    case 'booking_auto_scheduled':
    case 'reminder_booking':
      return slot(facts.slot);
    case 'draft_status':
      return `${facts.title}: ${isDraftStatus(facts.status) ? draftStatusText[ctx.lang][facts.status] : facts.status}`;
    case 'reminder_batch_day':
      return `${t.aboutBatchDay(facts.day, formatDate(facts.date, ctx.lang))}: ${facts.officials.join(', ')}`;
    case 'summary_daily':
      return formatDate(facts.date, ctx.lang);
    default:
      return '';
  }
}

const recipientOf = (ctx: PageContext, delivery: DeliveryView) =>
  delivery.channel === 'webhook' ? noticesPageText[ctx.lang].channels.webhook : delivery.name ? `${delivery.name} <${delivery.address}>` : delivery.address;

const unitOf = (ctx: PageContext, notice: NoticeView) => notice.unitName ?? ctx.t.common.none;

/** Who a delivery goes to (unless a heading above says so), its state and how its attempts went. */
function DeliveryLine({ ctx, delivery, zone, named = true }: { ctx: PageContext; delivery: DeliveryView; zone: string; named?: boolean }) {
  const t = noticesPageText[ctx.lang];
  const facts = [
    t.channels[delivery.channel],
    // Zero after a resend too: the attempts since the last (re)send; the notice's page keeps every one.
    delivery.attempts > 0 ? t.attempts(delivery.attempts) : undefined,
    delivery.status === 'sent' && delivery.sentAt ? t.sentAt(when(ctx, delivery.sentAt, zone)) : undefined,
    delivery.status === 'pending' && delivery.attempts > 0 ? t.nextAttempt(when(ctx, delivery.nextAttemptAt, zone)) : undefined,
  ].filter(Boolean);
  return (
    <li class="delivery">
      <span class={statusTag(delivery.status)}>{t.statuses[delivery.status]}</span>
      {named && ` ${recipientOf(ctx, delivery)}`}
      <br />
      <span class="field__hint">{facts.join(' · ')}</span>
      {delivery.lastError && (
        <>
          <br />
          <span class="delivery__error">
            {t.lastError}: {delivery.lastError}
          </span>
        </>
      )}
    </li>
  );
}

function Deliveries({ ctx, notice, zone }: { ctx: PageContext; notice: NoticeView; zone: string }) {
  if (notice.deliveries.length === 0) return <p>{noticesPageText[ctx.lang].noRecipient}</p>;
  return (
    <ul class="plain-list deliveries">
      {notice.deliveries.map((d) => (
        <DeliveryLine ctx={ctx} delivery={d} zone={zone} />
      ))}
    </ul>
  );
}

/** The headline: deliveries by status, each a link to the list filtered by it. */
function Counts({ ctx, counts }: { ctx: PageContext; counts: Partial<Record<DeliveryStatus, number>> }) {
  const t = noticesPageText[ctx.lang];
  return (
    <ul class="counts" aria-label={t.countsLabel}>
      {DELIVERY_STATUSES.map((status) => (
        <li class={`counts__item counts__item--${status}`}>
          <a href={`${BASE}?status=${status}`}>
            <span class="counts__number">{counts[status] ?? 0}</span> <span class="counts__label">{t.statuses[status]}</span>
          </a>
        </li>
      ))}
    </ul>
  );
}

const SmtpMissing = ({ ctx }: { ctx: PageContext }) => <p class="warning-text">{noticesPageText[ctx.lang].smtpMissing}</p>;

/** The outbox: counts, filters, and a page of notices newest first (25 a page), each with its deliveries. */
export function NoticesPage(props: {
  ctx: PageContext;
  query: NoticeListQuery;
  units: readonly { id: number; name: string }[];
  counts: Partial<Record<DeliveryStatus, number>>;
  notices: readonly NoticeView[];
  /** Where this page stands in the filtered list (25 a page). */
  at: PageOf;
  smtpConfigured: boolean;
  notice?: string;
  problem?: FormProblem;
}) {
  const { ctx, query, notices } = props;
  const t = noticesPageText[ctx.lang];
  const kinds = noticeKindText[ctx.lang];
  const page = query.halaman ?? 1;
  const filtered = Boolean(query.unit || query.jenis || query.status);
  const resendAction = (id: number) => listAddress(query).replace(BASE, `${BASE}/${id}/kirim-ulang`);
  const columns: Column<NoticeView>[] = [
    {
      header: t.notice,
      rowHeader: true,
      cell: (n) => {
        const about = aboutOf(ctx, n.facts, n.zone);
        return (
          <>
            <a href={`${BASE}/${n.id}`}>{kinds[n.kind]}</a>
            {about && (
              <>
                <br />
                <span class="field__hint">{about}</span>
              </>
            )}
          </>
        );
      },
    },
    { header: t.when, cell: (n) => when(ctx, n.createdAt, ctx.defaultZone) },
    { header: t.unit, cell: (n) => unitOf(ctx, n) },
    { header: t.recipients, cell: (n) => <Deliveries ctx={ctx} notice={n} zone={ctx.defaultZone} /> },
    { header: t.actions, action: true, cell: (n) => <ActionButton ctx={ctx} action={resendAction(n.id)} label={t.resend} ariaLabel={t.resendLabel(n.id, kinds[n.kind])} variant="secondary" /> },
  ];
  return (
    <Layout ctx={ctx} title={t.title} notice={props.notice} problem={props.problem}>
      <BackLink href="/organisasi" label={consoleText[ctx.lang].title(ctx.organisation)} />
      <h1>{t.title}</h1>
      {!props.smtpConfigured && <SmtpMissing ctx={ctx} />}
      <p class="lead">{t.lead(MAX_ATTEMPTS)}</p>
      <Counts ctx={ctx} counts={props.counts} />
      <form method="get" action={BASE} class="filters">
        <Select name="unit" label={t.unit} placeholder={t.anyUnit} options={props.units.map((u): [string, string] => [String(u.id), u.name])} value={query.unit === undefined ? undefined : String(query.unit)} />
        <Select name="jenis" label={t.kind} placeholder={t.anyKind} options={NOTICE_KINDS.map((k): [string, string] => [k, kinds[k]])} value={query.jenis} />
        <Select name="status" label={t.status} placeholder={t.anyStatus} options={DELIVERY_STATUSES.map((s): [string, string] => [s, t.statuses[s]])} value={query.status} />
        <button type="submit" class="button button--secondary">
          {t.filter}
        </button>
      </form>
      {notices.length === 0 ? (
        <p>{filtered || page > 1 ? t.none : t.noneYet}</p>
      ) : (
        // The wrapper carries the list's own styles (notices in app.css).
        <div class="notices">
          <Table columns={columns} rows={notices} />
        </div>
      )}
      <Pagination ctx={ctx} base={BASE} query={query} at={props.at} />
    </Layout>
  );
}

/** One notice: what it is about, and each recipient's delivery with every attempt. */
export function NoticePage({ ctx, notice, smtpConfigured, flash, problem }: { ctx: PageContext; notice: NoticeDetailView; smtpConfigured: boolean; flash?: string; problem?: FormProblem }) {
  const t = noticesPageText[ctx.lang];
  const kinds = noticeKindText[ctx.lang];
  const kind = kinds[notice.kind];
  const about = aboutOf(ctx, notice.facts, notice.zone);
  const zone = ctx.defaultZone;
  type Attempt = NoticeDetailView['deliveries'][number]['attemptLog'][number];
  const attemptColumns: Column<Attempt>[] = [
    { header: t.when, cell: (a) => when(ctx, a.at, zone) },
    { header: t.outcome, cell: (a) => <span class={a.ok ? 'tag tag--ok' : 'tag tag--error'}>{a.ok ? t.attemptOk : t.attemptFailed}</span> },
    { header: t.error, cell: (a) => a.error ?? ctx.t.common.none },
  ];
  return (
    <Layout ctx={ctx} title={t.detailTitle(notice.id, kind)} notice={flash} problem={problem}>
      <BackLink href={BASE} label={t.title} />
      <h1>{t.detailTitle(notice.id, kind)}</h1>
      {!smtpConfigured && <SmtpMissing ctx={ctx} />}
      <dl class="summary-list">
        {about && (
          <div>
            <dt>{t.about}</dt>
            <dd>{about}</dd>
          </div>
        )}
        <div>
          <dt>{t.created}</dt>
          <dd>{when(ctx, notice.createdAt, zone)}</dd>
        </div>
        <div>
          <dt>{t.unit}</dt>
          <dd>{unitOf(ctx, notice)}</dd>
        </div>
        {notice.programmeName && (
          <div>
            <dt>{t.programme}</dt>
            <dd>{notice.programmeName}</dd>
          </div>
        )}
      </dl>
      <ActionButton ctx={ctx} action={`${BASE}/${notice.id}/kirim-ulang?rincian=1`} label={t.resend} ariaLabel={t.resendLabel(notice.id, kind)} />
      <h2>{t.recipients}</h2>
      {notice.deliveries.length === 0 && <p>{t.noRecipient}</p>}
      {notice.deliveries.map((d) => (
        <section class="card" aria-labelledby={`delivery-${d.id}`}>
          <h3 id={`delivery-${d.id}`} class="delivery">
            {recipientOf(ctx, d)}
          </h3>
          <ul class="plain-list deliveries">
            <DeliveryLine ctx={ctx} delivery={d} zone={zone} named={false} />
          </ul>
          {d.attemptLog.length === 0 ? (
            <p>{t.noAttempts}</p>
          ) : (
            <>
              <h4>{t.attemptLog}</h4>
              <Table columns={attemptColumns} rows={d.attemptLog} caption={t.attemptLog} />
            </>
          )}
        </section>
      ))}
    </Layout>
  );
}
