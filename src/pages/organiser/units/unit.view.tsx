import { accountText } from '../../../features/accounts/accounts.text';
import type { UserStatus } from '../../../features/accounts/accounts.rules';
import type { BookingStatus } from '../../../features/bookings/bookings.rules';
import type { DraftStatus } from '../../../features/drafts/drafts.rules';
import { draftStatusText } from '../../../features/drafts/drafts.text';
import type { NoticeKind } from '../../../features/outbox/outbox.rules';
import { noticeKindText } from '../../../features/outbox/outbox.text';
import type { RequestStatus } from '../../../features/requests/requests.rules';
import { unitKindText } from '../../../features/units/units.text';
import { formatDate, formatNip } from '../../../platform/format';
import type { FormProblem, Typed } from '../../../web/components/form';
import { Table } from '../../../web/components/table';
import type { PageContext } from '../../../web/context';
import { ActionButton, BackLink, Csrf, Layout } from '../../../web/layout';
import { sessionWhen, when } from '../../shared/components.view';
import { deactivateText, unitPageText } from './unit.text';
import { UnitForm, type UnitValues } from './units.view';

/** A unit as its page shows it: its fields and whether it takes part in new things. */
export interface UnitRecord extends UnitValues {
  active: boolean;
  deactivatedAt: string | null;
}

/** What the unit has in one programme: enrolments, drafts, asistensi sessions and requests. */
export interface ProgrammeActivity {
  id: number;
  name: string;
  timezone: string;
  enrolments: { id: number; participantId: number; participantName: string; batchId: number; batchName: string; status: 'confirmed' | 'waitlisted'; waitlistPosition: number | null }[];
  drafts: { id: number; title: string; sopCount: number; status: DraftStatus; receivedAt: string | null }[];
  bookings: { id: number; periodId: number; periodName: string; date: string; start: string; end: string; status: BookingStatus; attended: boolean | null }[];
  requests: { id: number; periodId: number; periodName: string; preferredDates: string[]; status: RequestStatus }[];
}

/** Everything the unit's page shows besides its form. */
export interface UnitOverview {
  unit: UnitRecord;
  officials: { id: number; name: string; nip: string; position: string | null }[];
  programmes: ProgrammeActivity[];
  operators: { id: number; name: string; email: string; status: UserStatus }[];
  notices: { id: number; kind: NoticeKind; createdAt: string; delivery: 'sent' | 'pending' | 'failed' | 'none' }[];
  /** Whether the unit has more notices than the page lists. */
  moreNotices: boolean;
}

const deliveryTag = { sent: 'tag tag--ok', pending: 'tag tag--wait', failed: 'tag tag--error', none: 'tag tag--off' } as const;

/** The unit's standing in one programme. */
function Programme({ ctx, programme, unit }: { ctx: PageContext; programme: ProgrammeActivity; unit: UnitRecord }) {
  const t = unitPageText[ctx.lang];
  const zone = programme.timezone;
  return (
    <section aria-labelledby={`programme-${programme.id}`}>
      <h2 id={`programme-${programme.id}`}>{programme.name}</h2>
      <h3>{t.enrolments}</h3>
      {programme.enrolments.length === 0 ? (
        <p>{t.noEnrolments}</p>
      ) : (
        <Table
          caption={`${t.enrolments}, ${programme.name}`}
          rows={programme.enrolments}
          columns={[
            { header: t.official, rowHeader: true, cell: (e) => <a href={`/organisasi/pejabat/${e.participantId}`}>{e.participantName}</a> },
            { header: t.batch, cell: (e) => <a href={`/organisasi/angkatan/${e.batchId}`}>{e.batchName}</a> },
            {
              header: t.status,
              cell: (e) => <span class={e.status === 'confirmed' ? 'tag tag--ok' : 'tag tag--wait'}>{e.status === 'confirmed' ? t.confirmed : t.waitlisted(e.waitlistPosition ?? 0)}</span>,
            },
            {
              header: t.change,
              action: true,
              cell: (e) => (
                <>
                  <a href={`/organisasi/pendaftaran/${e.id}/pindah`} aria-label={t.moveLabel(e.participantName)}>
                    {t.move}
                  </a>{' '}
                  ·{' '}
                  <a href={`/organisasi/pendaftaran/${e.id}/batal`} aria-label={t.cancelLabel(e.participantName)}>
                    {t.cancel}
                  </a>
                </>
              ),
            },
          ]}
        />
      )}
      <h3>{t.drafts}</h3>
      {programme.drafts.length === 0 ? (
        <p>{t.noDrafts}</p>
      ) : (
        <Table
          caption={`${t.drafts}, ${programme.name}`}
          rows={programme.drafts}
          columns={[
            { header: t.draftTitle, rowHeader: true, cell: (d) => d.title },
            { header: t.sopCount, numeric: true, cell: (d) => d.sopCount },
            { header: t.status, cell: (d) => <span class={d.status === 'submitted' ? 'tag tag--wait' : 'tag tag--ok'}>{draftStatusText[ctx.lang][d.status]}</span> },
            { header: t.receivedAt, cell: (d) => (d.receivedAt ? when(ctx, d.receivedAt, zone) : t.notReceived) },
          ]}
        />
      )}
      <p>
        <a href={`/organisasi/program/${programme.id}/draf`}>{t.openInbox}</a>
      </p>
      <h3>{t.bookings}</h3>
      {programme.bookings.length === 0 ? (
        <p>{t.noBookings}</p>
      ) : (
        <Table
          caption={`${t.bookings}, ${programme.name}`}
          rows={programme.bookings}
          columns={[
            { header: t.session, rowHeader: true, cell: (b) => sessionWhen(ctx, b, zone) },
            { header: t.period, cell: (b) => <a href={`/organisasi/asistensi/${b.periodId}`}>{b.periodName}</a> },
            {
              header: t.status,
              cell: (b) => (
                <>
                  <span class={b.status === 'active' ? 'tag tag--ok' : 'tag tag--off'}>{t.bookingStatuses[b.status]}</span>
                  {b.attended === true && <> {t.attended}</>}
                </>
              ),
            },
            {
              header: t.change,
              action: true,
              cell: (b) =>
                b.status === 'active' ? (
                  <a href={`/organisasi/asistensi/${b.periodId}/pesan?unitId=${unit.id}`} aria-label={t.changeBookingLabel(sessionWhen(ctx, b, zone))}>
                    {t.changeBooking}
                  </a>
                ) : null,
            },
          ]}
        />
      )}
      <h3>{t.requests}</h3>
      {programme.requests.length === 0 ? (
        <p>{t.noRequests}</p>
      ) : (
        <Table
          caption={`${t.requests}, ${programme.name}`}
          rows={programme.requests}
          columns={[
            { header: t.period, rowHeader: true, cell: (r) => <a href={`/organisasi/asistensi/${r.periodId}`}>{r.periodName}</a> },
            { header: t.preferredDates, cell: (r) => (r.preferredDates.length === 0 ? t.anyDate : r.preferredDates.map((d) => formatDate(d, ctx.lang)).join('; ')) },
            { header: t.status, cell: (r) => <span class={r.status === 'open' ? 'tag tag--wait' : 'tag tag--off'}>{t.requestStatuses[r.status]}</span> },
            {
              header: t.bookForUnit,
              action: true,
              cell: (r) =>
                r.status === 'open' && unit.active ? (
                  <a href={`/organisasi/asistensi/${r.periodId}/pesan?unitId=${unit.id}`} aria-label={t.bookForUnitLabel(unit.name, r.periodName)}>
                    {t.bookForUnit}
                  </a>
                ) : null,
            },
          ]}
        />
      )}
    </section>
  );
}

/** A unit's page: its officials, where it stands in each programme, its operators and notices, then its form. */
export function UnitPage(props: { ctx: PageContext; overview: UnitOverview; typed?: Typed; problem?: FormProblem; notice?: string }) {
  const { ctx, overview, problem } = props;
  const { unit } = overview;
  const t = unitPageText[ctx.lang];
  const values = props.typed ?? { code: unit.code, name: unit.name, kind: unit.kind, email: unit.email ?? '' };
  return (
    <Layout ctx={ctx} title={unit.name} problem={problem} notice={props.notice}>
      <BackLink href="/organisasi/unit" label={t.units} />
      <h1>
        {unit.name} {!unit.active && <span class="tag tag--off">{t.inactiveTag}</span>}
      </h1>
      {!unit.active && (
        <div class="warning-text">
          <p>{t.inactiveSince(when(ctx, unit.deactivatedAt!, ctx.defaultZone))}</p>
          <ActionButton ctx={ctx} action={`/organisasi/unit/${unit.id}/status`} fields={{ active: 'true' }} label={t.reactivate} ariaLabel={t.reactivateLabel(unit.name)} variant="secondary" />
        </div>
      )}
      <dl class="summary-list">
        <div>
          <dt>{t.code}</dt>
          <dd>{unit.code}</dd>
        </div>
        <div>
          <dt>{t.kind}</dt>
          <dd>{unitKindText[ctx.lang][unit.kind]}</dd>
        </div>
        <div>
          <dt>{t.email}</dt>
          <dd>{unit.email ?? t.noEmail}</dd>
        </div>
      </dl>

      <h2>{t.officials(overview.officials.length)}</h2>
      {overview.officials.length === 0 ? (
        <p>{t.noOfficials}</p>
      ) : (
        <Table
          rows={overview.officials}
          columns={[
            { header: t.official, rowHeader: true, cell: (o) => <a href={`/organisasi/pejabat/${o.id}`}>{o.name}</a> },
            { header: t.nip, cell: (o) => formatNip(o.nip) },
            { header: t.position, cell: (o) => o.position ?? '' },
          ]}
        />
      )}

      {overview.programmes.length === 0 ? (
        <>
          <h2>{t.programmes}</h2>
          <p>{t.noProgrammeActivity}</p>
        </>
      ) : (
        overview.programmes.map((programme) => <Programme ctx={ctx} programme={programme} unit={unit} />)
      )}

      <h2>{t.operators(overview.operators.length)}</h2>
      {overview.operators.length === 0 ? (
        <p>{t.noOperators}</p>
      ) : (
        <Table
          rows={overview.operators}
          columns={[
            { header: t.operatorName, rowHeader: true, cell: (u) => u.name },
            { header: t.operatorEmail, cell: (u) => u.email },
            { header: t.operatorStatus, cell: (u) => accountText[ctx.lang].statuses[u.status] },
            {
              header: t.newLink,
              action: true,
              cell: (u) => (u.status === 'disabled' ? null : <ActionButton ctx={ctx} action={`/organisasi/pengguna/${u.id}/tautan`} label={t.newLink} ariaLabel={t.newLinkLabel(u.name)} variant="secondary" />),
            },
          ]}
        />
      )}
      {unit.active ? (
        <p>
          <a class="button button--secondary" href={`/organisasi/pengguna/baru?unit=${unit.id}`}>
            {t.invite}
          </a>
        </p>
      ) : (
        <p class="muted">{t.noInviteInactive}</p>
      )}

      <h2>{t.notices}</h2>
      {overview.notices.length === 0 ? (
        <p>{t.noNotices}</p>
      ) : (
        <Table
          rows={overview.notices}
          columns={[
            { header: t.noticeKind, rowHeader: true, cell: (n) => <a href={`/organisasi/pemberitahuan/${n.id}`}>{noticeKindText[ctx.lang][n.kind]}</a> },
            { header: t.noticeWhen, cell: (n) => when(ctx, n.createdAt, ctx.defaultZone) },
            { header: t.noticeDelivery, cell: (n) => <span class={deliveryTag[n.delivery]}>{t.delivery[n.delivery]}</span> },
          ]}
        />
      )}
      {(overview.moreNotices || overview.notices.length > 0) && (
        <p>
          <a href={`/organisasi/pemberitahuan?unit=${unit.id}`}>{t.allNotices}</a>
        </p>
      )}

      <h2>{t.edit}</h2>
      <UnitForm ctx={ctx} action={`/organisasi/unit/${unit.id}`} typed={values} problem={problem} submit={ctx.t.common.save} />

      {unit.active && (
        <>
          <h2>{t.deactivate}</h2>
          <p>{t.deactivateHint}</p>
          <p>
            <a class="button button--warning" href={`/organisasi/unit/${unit.id}/nonaktifkan`}>
              {t.deactivate}
            </a>
          </p>
        </>
      )}
    </Layout>
  );
}

/** What deactivating the unit means and what it keeps, before it is done. */
export function DeactivatePage(props: { ctx: PageContext; unit: { id: number; name: string }; keeps: { enrolments: number; bookings: number; requests: number; operators: number }; problem?: FormProblem }) {
  const { ctx, unit, keeps } = props;
  const t = deactivateText[ctx.lang];
  return (
    <Layout ctx={ctx} title={t.title(unit.name)} problem={props.problem}>
      <BackLink href={`/organisasi/unit/${unit.id}`} label={unit.name} />
      <h1>{t.title(unit.name)}</h1>
      <p class="lead">{t.lead}</p>
      <h2>{t.meansTitle}</h2>
      <ul>
        {t.means.map((line) => (
          <li>{line}</li>
        ))}
      </ul>
      <h2>{t.keepsTitle}</h2>
      <ul>
        {t.keeps(keeps.enrolments, keeps.bookings, keeps.requests, keeps.operators).map((line) => (
          <li>{line}</li>
        ))}
      </ul>
      <p>{t.keepsHint}</p>
      <form method="post" action={`/organisasi/unit/${unit.id}/status`} class="form">
        <Csrf ctx={ctx} />
        <input type="hidden" name="active" value="false" />
        <div class="button-row">
          <button type="submit" class="button button--warning">
            {t.confirm(unit.name)}
          </button>
          <a href={`/organisasi/unit/${unit.id}`}>{t.cancel}</a>
        </div>
      </form>
    </Layout>
  );
}
