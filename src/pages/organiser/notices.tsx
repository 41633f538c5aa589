import { Type } from '@sinclair/typebox';
import type { Container } from '../../container';
import { DELIVERY_STATUSES, MAX_ATTEMPTS, NOTICE_KINDS, type NoticeFacts } from '../../features/outbox/outbox.rules';
import type { Api } from '../../http/api';
import { AppError } from '../../platform/errors';
import { Id } from '../../platform/schemas';
import { formatDate, formatTimeRange } from '../../platform/format';
import type { PageContext } from '../../web/context';
import { refusal } from '../../web/forms';
import { ActionButton, BackLink, Layout, Select, type FormProblem } from '../../web/layout';
import { signedIn } from '../../web/web';
import { when } from '../shared/components.view';
import { flashOf } from '../shared/flash';
import { IdParams, actorOf } from '../shared/page-helpers';

type Services = Pick<Container, 'outbox' | 'units' | 'programmes'>;
type Notice = ReturnType<Container['outbox']['list']>[number];
type NoticeDetail = ReturnType<Container['outbox']['get']>;
type Delivery = Notice['deliveries'][number];

/** A filter left at "all" arrives blank and is dropped before validation (see web.ts). */
const ListQuery = Type.Object({
  unit: Type.Optional(Id),
  jenis: Type.Optional(Type.Union(NOTICE_KINDS.map((k) => Type.Literal(k)))),
  status: Type.Optional(Type.Union(DELIVERY_STATUSES.map((s) => Type.Literal(s)))),
  halaman: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
  ok: Type.Optional(Type.String()),
});
type ListQuery = typeof ListQuery.static;
/** The resend form says where it came from: the list (with its filters) or a notice's page. */
const ResendQuery = Type.Object({ ...ListQuery.properties, rincian: Type.Optional(Type.Literal('1')) });

const PAGE_SIZE = 30;
const BASE = '/organisasi/pemberitahuan';

/** The list's address with these filters (the flash left out). */
function listAddress(query: ListQuery, changes: Partial<Record<keyof ListQuery, string | number | undefined>> = {}) {
  const merged: Record<string, unknown> = { ...query, ok: undefined, ...changes };
  const params = new URLSearchParams(Object.entries(merged).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]])));
  const search = params.toString();
  return search ? `${BASE}?${search}` : BASE;
}

const statusTag = (status: Delivery['status']) => (status === 'sent' ? 'tag tag--ok' : status === 'pending' ? 'tag tag--wait' : 'tag tag--error');

/** What a notice is about, in a line: the session, the officials, the draft... */
function aboutOf(ctx: PageContext, facts: NoticeFacts, zone: string): string {
  const t = ctx.t.notices;
  const slot = (s: { date: string; start: string; end: string }) => `${formatDate(s.date, ctx.lang)}, ${formatTimeRange(s.start, s.end, zone, ctx.lang)}`;
  switch (facts.kind) {
    case 'account_link':
      return (facts.purpose === 'invite' ? t.aboutInvite : t.aboutReset)(when(ctx, facts.expiresAt, zone));
    case 'enrolment_confirmed':
    case 'enrolment_waitlisted':
    case 'enrolment_promoted':
      return facts.officials.join(', ');
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
      return `${facts.title}: ${ctx.t.draftStatuses[facts.status] ?? facts.status}`;
    case 'reminder_batch_day':
      return `${t.aboutBatchDay(facts.day, formatDate(facts.date, ctx.lang))}: ${facts.officials.join(', ')}`;
    case 'summary_daily':
      return formatDate(facts.date, ctx.lang);
    default:
      return '';
  }
}

/** Names for a page full of notices: units, and each programme's zone (sessions are local times there). */
function lookups(services: Services, ctx: PageContext) {
  const units = services.units.list({ limit: 1000, offset: 0 });
  const programmes = new Map(services.programmes.list().map((p) => [p.id, p]));
  return {
    units,
    unitName: new Map(units.map((u) => [u.id, u.name])),
    programmeName: (id: number | null) => (id === null ? undefined : programmes.get(id)?.name),
    zoneOf: (notice: { programmeId: number | null }) => (notice.programmeId !== null && programmes.get(notice.programmeId)?.timezone) || ctx.defaultZone,
  };
}

const recipientOf = (ctx: PageContext, delivery: Delivery) =>
  delivery.channel === 'webhook' ? ctx.t.notices.channels.webhook : delivery.name ? `${delivery.name} <${delivery.address}>` : delivery.address;

/** Who a delivery goes to (unless a heading above says so), its state and how its attempts went. */
function DeliveryLine({ ctx, delivery, zone, named = true }: { ctx: PageContext; delivery: Delivery; zone: string; named?: boolean }) {
  const t = ctx.t.notices;
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

function Deliveries({ ctx, notice, zone }: { ctx: PageContext; notice: Notice; zone: string }) {
  if (notice.deliveries.length === 0) return <p>{ctx.t.notices.noRecipient}</p>;
  return (
    <ul class="plain-list deliveries">
      {notice.deliveries.map((d) => (
        <DeliveryLine ctx={ctx} delivery={d} zone={zone} />
      ))}
    </ul>
  );
}

/** The headline: deliveries by status, each a link to the list filtered by it. */
function Counts({ ctx, counts }: { ctx: PageContext; counts: Partial<Record<Delivery['status'], number>> }) {
  const t = ctx.t.notices;
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

const SmtpMissing = ({ ctx }: { ctx: PageContext }) => <p class="warning-text">{ctx.t.notices.smtpMissing}</p>;

function NoticesPage({ ctx, services, query, smtpConfigured, notice, problem }: { ctx: PageContext; services: Services; query: ListQuery; smtpConfigured: boolean; notice?: string; problem?: FormProblem }) {
  const t = ctx.t.notices;
  const page = query.halaman ?? 1;
  const { units, unitName, zoneOf } = lookups(services, ctx);
  const filtered = Boolean(query.unit || query.jenis || query.status);
  const rows = services.outbox.list(ctx.signedIn!.actor, {
    unitId: query.unit,
    kind: query.jenis,
    status: query.status,
    limit: PAGE_SIZE + 1,
    offset: (page - 1) * PAGE_SIZE,
  });
  const resendAction = (id: number) => listAddress(query).replace(BASE, `${BASE}/${id}/kirim-ulang`);
  return (
    <Layout ctx={ctx} title={t.title} notice={notice} problem={problem}>
      <BackLink href="/organisasi" label={ctx.t.console.title} />
      <h1>{t.title}</h1>
      {!smtpConfigured && <SmtpMissing ctx={ctx} />}
      <p class="lead">{t.lead(MAX_ATTEMPTS)}</p>
      <Counts ctx={ctx} counts={services.outbox.counts()} />
      <form method="get" action={BASE} class="filters">
        <Select name="unit" label={t.unit} placeholder={t.anyUnit} options={units.map((u) => [String(u.id), u.name])} value={query.unit === undefined ? undefined : String(query.unit)} />
        <Select name="jenis" label={t.kind} placeholder={t.anyKind} options={NOTICE_KINDS.map((k) => [k, t.kinds[k]!])} value={query.jenis} />
        <Select name="status" label={t.status} placeholder={t.anyStatus} options={DELIVERY_STATUSES.map((s) => [s, t.statuses[s]!])} value={query.status} />
        <button type="submit" class="button button--secondary">
          {t.filter}
        </button>
      </form>
      {rows.length === 0 ? (
        <p>{filtered || page > 1 ? t.none : t.noneYet}</p>
      ) : (
        <table class="table notices">
          <thead>
            <tr>
              <th scope="col">{t.notice}</th>
              <th scope="col">{t.when}</th>
              <th scope="col">{t.unit}</th>
              <th scope="col">{t.recipients}</th>
              <th scope="col">
                <span class="visually-hidden">{t.actions}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, PAGE_SIZE).map((n) => {
              const zone = zoneOf(n);
              const about = aboutOf(ctx, n.facts, zone);
              return (
                <tr>
                  <th scope="row">
                    <a href={`${BASE}/${n.id}`}>{t.kinds[n.kind]}</a>
                    {about && (
                      <>
                        <br />
                        <span class="field__hint">{about}</span>
                      </>
                    )}
                  </th>
                  <td data-label={t.when}>
                    {when(ctx, n.createdAt, ctx.defaultZone)}
                  </td>
                  <td data-label={t.unit}>{n.unitId === null ? ctx.t.common.none : unitName.get(n.unitId) ?? `#${n.unitId}`}</td>
                  <td data-label={t.recipients}>
                    <Deliveries ctx={ctx} notice={n} zone={ctx.defaultZone} />
                  </td>
                  <td>
                    <ActionButton ctx={ctx} action={resendAction(n.id)} label={t.resend} ariaLabel={t.resendLabel(n.id, t.kinds[n.kind]!)} variant="secondary" />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {(page > 1 || rows.length > PAGE_SIZE) && (
        <p class="button-row">
          {page > 1 && <a href={listAddress(query, { halaman: page - 1 === 1 ? undefined : page - 1 })}>{t.newer}</a>}
          {rows.length > PAGE_SIZE && <a href={listAddress(query, { halaman: page + 1 })}>{t.older}</a>}
        </p>
      )}
    </Layout>
  );
}

function NoticePage({ ctx, services, notice, smtpConfigured, flash, problem }: { ctx: PageContext; services: Services; notice: NoticeDetail; smtpConfigured: boolean; flash?: string; problem?: FormProblem }) {
  const t = ctx.t.notices;
  const { unitName, programmeName, zoneOf } = lookups(services, ctx);
  const kind = t.kinds[notice.kind]!;
  const about = aboutOf(ctx, notice.facts, zoneOf(notice));
  const programme = programmeName(notice.programmeId);
  const zone = ctx.defaultZone;
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
          <dd>{notice.unitId === null ? ctx.t.common.none : unitName.get(notice.unitId) ?? `#${notice.unitId}`}</dd>
        </div>
        {programme && (
          <div>
            <dt>{t.programme}</dt>
            <dd>{programme}</dd>
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
              <h4 id={`attempts-${d.id}`}>{t.attemptLog}</h4>
              <table class="table" aria-labelledby={`attempts-${d.id}`}>
                <thead>
                  <tr>
                    <th scope="col">{t.when}</th>
                    <th scope="col">{t.outcome}</th>
                    <th scope="col">{t.error}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.attemptLog.map((a) => (
                    <tr>
                      <td data-label={t.when}>{when(ctx, a.at, zone)}</td>
                      <td data-label={t.outcome}>
                        <span class={a.ok ? 'tag tag--ok' : 'tag tag--error'}>{a.ok ? t.attemptOk : t.attemptFailed}</span>
                      </td>
                      <td data-label={t.error}>{a.error ?? ctx.t.common.none}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </section>
      ))}
    </Layout>
  );
}

/** The console's notices: what the service told whom, whether it arrived, and sending again. */
export function noticePages(web: Api, services: Services, options: { smtpConfigured: boolean }) {
  const { outbox } = services;
  const guard = { onRequest: signedIn('organiser') };
  const { smtpConfigured } = options;

  web.get(BASE, { ...guard, schema: { querystring: ListQuery } }, async (request, reply) =>
    reply.sendPage(<NoticesPage ctx={request.page} services={services} query={request.query} smtpConfigured={smtpConfigured} notice={flashOf(request)} />),
  );

  web.get(`${BASE}/:id`, { ...guard, schema: { params: IdParams, querystring: Type.Object({ ok: Type.Optional(Type.String()) }) } }, async (request, reply) =>
    reply.sendPage(<NoticePage ctx={request.page} services={services} notice={outbox.get(actorOf(request), request.params.id)} smtpConfigured={smtpConfigured} flash={flashOf(request)} />),
  );

  web.post(`${BASE}/:id/kirim-ulang`, { ...guard, schema: { params: IdParams, querystring: ResendQuery } }, async (request, reply) => {
    const ctx = request.page;
    const { id } = request.params;
    const { rincian, ...query } = request.query;
    try {
      outbox.resend(actorOf(request), id);
    } catch (error) {
      // A notice that does not exist is a missing page; a refusal is told on the page it came from.
      if (error instanceof AppError && error.status === 404) throw error;
      const refused = refusal(error, ctx);
      const page = rincian
        ? <NoticePage ctx={ctx} services={services} notice={outbox.get(actorOf(request), id)} smtpConfigured={smtpConfigured} problem={refused} />
        : <NoticesPage ctx={ctx} services={services} query={query} smtpConfigured={smtpConfigured} problem={refused} />;
      return reply.sendPage(page, refused.status);
    }
    const back = rincian ? `${BASE}/${id}` : listAddress(query);
    return reply.redirect(`${back}${back.includes('?') ? '&' : '?'}ok=noticeResent`, 303);
  });
}
