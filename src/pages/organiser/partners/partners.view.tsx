import { draftStatusText } from '../../../features/drafts/drafts.text';
import type { PartnersService } from '../../../features/partners/partners.service';
import { formatDate, formatInstant, formatTime } from '../../../platform/format';
import { type FormProblem, Select, TextArea } from '../../../web/components/form';
import { Table } from '../../../web/components/table';
import type { PageContext } from '../../../web/context';
import { ActionButton, BackLink, Csrf, Layout } from '../../../web/layout';
import { MakeFeedAddress, NewFeedAddress, type IssuedFeed } from '../../shared/feed-address.view';
import { partnersText } from './partners.text';

type Granted = Awaited<ReturnType<PartnersService['grantedProgrammes']>>[number];
type PartnerProgramme = Awaited<ReturnType<PartnersService['programme']>>;
type Session = PartnerProgramme['periods'][number]['sessions'][number];

/** The city's page: whether its province is the programme's asistensi partner, and the button that changes it. */
export function GrantPage(props: { ctx: PageContext; programme: { id: number; name: string }; candidate: { slug: string; name: string } | null; grant: { grantedAt: string } | undefined; notice?: string }) {
  const { ctx, programme, candidate, grant } = props;
  const t = partnersText[ctx.lang];
  const base = `/organisasi/program/${programme.id}/mitra`;
  return (
    <Layout ctx={ctx} title={`${t.grantTitle} · ${programme.name}`} notice={props.notice}>
      <BackLink href={`/organisasi/program/${programme.id}`} label={programme.name} />
      <h1>{t.grantTitle}</h1>
      {!candidate ? (
        <p>{t.noCandidate}</p>
      ) : grant ? (
        <>
          <p>{t.granted(candidate.name, formatInstant(grant.grantedAt, ctx.defaultZone, ctx.lang))}</p>
          <ActionButton ctx={ctx} action={`${base}/cabut`} label={t.revoke} variant="warning" />
        </>
      ) : (
        <>
          <p>{t.grantLead(candidate.name)}</p>
          <ActionButton ctx={ctx} action={base} label={t.grant(candidate.name)} />
        </>
      )}
    </Layout>
  );
}

/** The province's list of the programmes it is partner in, and its calendar of their sessions. */
export function GrantedPage({ ctx, granted, feedIssuedAt, issued }: { ctx: PageContext; granted: readonly Granted[]; feedIssuedAt: string | null; issued?: IssuedFeed }) {
  const t = partnersText[ctx.lang];
  return (
    <Layout ctx={ctx} title={t.title}>
      <BackLink href="/organisasi" label={ctx.t.nav.console} />
      <h1>{t.title}</h1>
      <p class="lead">{t.lead}</p>
      {granted.length === 0 ? (
        <p>{t.none}</p>
      ) : (
        <Table
          rows={granted}
          columns={[
            { header: t.programme, rowHeader: true, cell: (g) => <a href={`/organisasi/mitra/${g.government.slug}/program/${g.programmeId}`}>{g.programmeName}</a> },
            { header: t.government, cell: (g) => g.government.name },
            { header: t.since, cell: (g) => formatInstant(g.grantedAt, ctx.defaultZone, ctx.lang) },
          ]}
        />
      )}
      {/* The calendar of those programmes' sessions, once there are any (or its address was just made). */}
      {(granted.length > 0 || issued) && (
        <>
          <h2>{t.calendarTitle}</h2>
          <p>{t.calendarLead}</p>
          {issued ? (
            <NewFeedAddress ctx={ctx} issued={issued} title={t.calendarAddress} secret={t.calendarSecret} />
          ) : (
            <MakeFeedAddress ctx={ctx} action="/organisasi/mitra/kalender" issuedAt={feedIssuedAt} rotateHint={t.calendarRotateHint} />
          )}
        </>
      )}
    </Layout>
  );
}

/** One session's attendance and notes, saved together. */
function SessionForm({ ctx, government, programmeId, session, typed }: { ctx: PageContext; government: string; programmeId: number; session: Session; typed?: string }) {
  const t = partnersText[ctx.lang];
  if (session.status !== 'active') return <>{t.cancelled}</>;
  const id = `sesi-${session.bookingId}`;
  return (
    <form method="post" action={`/organisasi/mitra/${government}/sesi/${session.bookingId}`} class="stack">
      <Csrf ctx={ctx} />
      <input type="hidden" name="programmeId" value={String(programmeId)} />
      {/* The notes as they were read: a save over someone else's change since is refused. */}
      <input type="hidden" name="before" value={session.notes ?? ''} />
      <Select
        name="attended"
        id={`${id}-hadir`}
        label={t.attendance}
        value={session.attended === null ? '' : String(session.attended)}
        options={[
          ['', t.notRecorded],
          ['true', t.attended],
          ['false', t.absent],
        ]}
      />
      <TextArea name="notes" id={`${id}-catatan`} label={t.notes} value={typed ?? session.notes} maxLength={4000} />
      <button type="submit" class="button button--secondary" aria-label={t.saveLabel(session.unitName)}>
        {t.save}
      </button>
    </form>
  );
}

/** A programme the province is partner in: each period's sessions (attendance and notes), and the drafts. */
/** `typed`: the notes a refused save wrote, kept in their session's box. */
export function PartnerProgrammePage({ ctx, programme, notice, problem, typed }: { ctx: PageContext; programme: PartnerProgramme; notice?: string; problem?: FormProblem; typed?: { bookingId: number; notes: string } }) {
  const t = partnersText[ctx.lang];
  const statuses = draftStatusText[ctx.lang];
  return (
    <Layout ctx={ctx} title={`${programme.programmeName} · ${programme.government.name}`} notice={notice} problem={problem}>
      <BackLink href="/organisasi/mitra" label={t.title} />
      <h1>{programme.programmeName}</h1>
      <p class="lead">{programme.government.name}</p>
      {programme.periods.map((period) => (
        <>
          <h2>{t.sessionsOf(period.name)}</h2>
          {period.sessions.length === 0 ? (
            <p>{t.noSessions}</p>
          ) : (
            // A card per session: its form gets the page's width for the notes.
            period.sessions.map((s) => (
              <section class="card" aria-labelledby={`sesi-${s.bookingId}`}>
                <h3 id={`sesi-${s.bookingId}`}>
                  {s.unitName} ({s.unitCode})
                </h3>
                <p>
                  {formatDate(s.date, ctx.lang)} {formatTime(s.start, ctx.lang)}–{formatTime(s.end, ctx.lang)}
                  {s.topic && ` · ${t.topic}: ${s.topic}`}
                </p>
                <SessionForm ctx={ctx} government={programme.government.slug} programmeId={programme.programmeId} session={s} typed={typed?.bookingId === s.bookingId ? typed.notes : undefined} />
              </section>
            ))
          )}
        </>
      ))}
      <h2>{t.drafts}</h2>
      {programme.drafts.length === 0 ? (
        <p>{t.noDrafts}</p>
      ) : (
        <Table
          rows={programme.drafts}
          columns={[
            { header: t.unit, rowHeader: true, cell: (d) => `${d.unitName} (${d.unitCode})` },
            { header: t.title2, cell: (d) => d.title },
            { header: t.sopCount, numeric: true, cell: (d) => d.sopCount },
            { header: t.status, cell: (d) => statuses[d.status] },
          ]}
        />
      )}
    </Layout>
  );
}
