import { formatNip } from '../../../platform/format';
import { Select, type FormProblem } from '../../../web/components/form';
import { Table } from '../../../web/components/table';
import type { PageContext } from '../../../web/context';
import { BackLink, Csrf, Layout } from '../../../web/layout';
import { BatchDays } from '../../shared/components.view';
import { OfficialSearch, type UnitFilter } from '../../shared/official-search.view';
import { Pagination, type PageOf } from '../../shared/pagination.view';
import { enrolmentsText } from '../enrolments/enrolments.text';
import { AttendanceMarks, EnrolmentActions, EnrolmentStatusTag, type EnrolmentLine } from '../enrolments/enrolments.view';
import { peopleText } from './people.text';

/** An official on the programme's list, with their active enrolment in it, if any. */
export interface PersonRow {
  id: number;
  name: string;
  nip: string;
  position: string | null;
  unitName: string;
  enrolment: (Pick<EnrolmentLine, 'status' | 'waitlistPosition'> & { batchId: number; batchName: string }) | null;
}

export function PeoplePage(props: {
  ctx: PageContext;
  programme: { id: number; name: string };
  query: { cari?: string; unit?: string };
  units: UnitFilter;
  rows: readonly PersonRow[];
  at: PageOf;
  filtered: boolean;
}) {
  const { ctx, programme, query, rows } = props;
  const t = peopleText[ctx.lang];
  const e = enrolmentsText[ctx.lang];
  const base = `/organisasi/program/${programme.id}/pejabat`;
  return (
    <Layout ctx={ctx} title={`${t.title} · ${programme.name}`}>
      <BackLink href={`/organisasi/program/${programme.id}`} label={programme.name} />
      <h1>{t.title}</h1>
      <p class="lead">{t.lead}</p>
      <OfficialSearch ctx={ctx} action={base} query={query} units={props.units} />
      <p>
        {t.count(props.at.total)}
        {props.filtered && (
          <>
            {' '}
            <a href={base}>{t.clear}</a>
          </>
        )}
      </p>
      {rows.length === 0 ? (
        <p>{props.filtered ? t.noneFound : t.noOfficials}</p>
      ) : (
        <Table
          caption={t.title}
          rows={rows}
          columns={[
            { header: e.name, rowHeader: true, cell: (row) => <a href={`/organisasi/pejabat/${row.id}?program=${programme.id}`}>{row.name}</a> },
            { header: e.nip, cell: (row) => formatNip(row.nip) },
            { header: e.position, cell: (row) => row.position ?? ctx.t.common.none },
            { header: t.unit, cell: (row) => row.unitName },
            {
              header: t.batch,
              cell: (row) =>
                row.enrolment === null ? (
                  t.notEnrolled
                ) : (
                  <>
                    <a href={`/organisasi/angkatan/${row.enrolment.batchId}`}>{row.enrolment.batchName}</a> <EnrolmentStatusTag ctx={ctx} enrolment={row.enrolment} />
                  </>
                ),
            },
          ]}
        />
      )}
      <Pagination ctx={ctx} base={base} query={query} at={props.at} />
    </Layout>
  );
}

/** One programme on an official's page: their active enrolment with its days and marks, or a way to enrol them. */
export interface OfficialProgramme {
  id: number;
  name: string;
  active: {
    enrolment: EnrolmentLine;
    batch: { id: number; name: string; venue: string | null; days: { date: string; start: string; end: string }[] };
    zone: string;
    /** Present on every day: the certificate may be printed. */
    certificate: boolean;
  } | null;
  /** Batches of earlier, cancelled enrolments. */
  cancelled: string[];
  /** The batches their unit's kind may attend, as choices. */
  options: (readonly [string, string])[];
  hasBatches: boolean;
}

export function OfficialPage(props: {
  ctx: PageContext;
  official: { id: number; name: string; nip: string; position: string | null; email: string | null; phone: string | null; unitId: number; unitName: string };
  back: { href: string; label: string };
  /** This page's address: where the actions lead back to. */
  here: string;
  programmes: readonly OfficialProgramme[];
  chosen?: string;
  problem?: FormProblem;
  notice?: string;
}) {
  const { ctx, official, problem } = props;
  const t = peopleText[ctx.lang];
  const none = ctx.t.common.none;
  return (
    <Layout ctx={ctx} title={official.name} problem={problem} notice={props.notice}>
      <BackLink href={props.back.href} label={props.back.label} />
      <h1>{official.name}</h1>
      <h2>{t.details}</h2>
      <dl class="summary-list">
        <div>
          <dt>{t.nip}</dt>
          <dd>{formatNip(official.nip)}</dd>
        </div>
        <div>
          <dt>{t.position}</dt>
          <dd>{official.position ?? none}</dd>
        </div>
        <div>
          <dt>{t.unit}</dt>
          <dd>
            <a href={`/organisasi/unit/${official.unitId}`}>{official.unitName}</a>
          </dd>
        </div>
        <div>
          <dt>{t.email}</dt>
          <dd>{official.email ?? none}</dd>
        </div>
        <div>
          <dt>{t.phone}</dt>
          <dd>{official.phone ?? none}</dd>
        </div>
      </dl>
      {props.programmes.length === 0 && <p>{t.noProgrammes}</p>}
      {props.programmes.map((programme) => (
        <section class="card" aria-labelledby={`programme-${programme.id}`}>
          <h2 id={`programme-${programme.id}`}>{programme.name}</h2>
          {programme.active ? (
            <>
              <p>
                <a href={`/organisasi/angkatan/${programme.active.batch.id}`}>{programme.active.batch.name}</a> <EnrolmentStatusTag ctx={ctx} enrolment={programme.active.enrolment} />
              </p>
              <BatchDays ctx={ctx} batch={programme.active.batch} zone={programme.active.zone} />
              {programme.active.enrolment.status === 'confirmed' && (
                <>
                  <h3>{t.days}</h3>
                  <AttendanceMarks ctx={ctx} days={programme.active.batch.days} attendance={programme.active.enrolment.attendance} />
                </>
              )}
              {programme.active.certificate && (
                <p>
                  <a href={`/organisasi/pendaftaran/${programme.active.enrolment.id}/sertifikat.pdf`}>{t.certificate}</a>
                </p>
              )}
              <div>
                <EnrolmentActions ctx={ctx} enrolment={{ ...programme.active.enrolment, participantName: official.name }} back={props.here} />
              </div>
            </>
          ) : (
            <>
              <p>{t.noEnrolment}</p>
              {!programme.hasBatches ? (
                <p>{t.noBatches}</p>
              ) : programme.options.length === 0 ? (
                <p>{t.noEligible}</p>
              ) : (
                <form method="post" action={`/organisasi/pejabat/${official.id}/daftarkan`} class="form" novalidate>
                  <Csrf ctx={ctx} />
                  <input type="hidden" name="program" value={String(programme.id)} />
                  <Select
                    name={`batchId-${programme.id}`}
                    label={t.enrolIn}
                    hint={t.enrolHint}
                    placeholder={t.chooseBatch}
                    options={programme.options}
                    value={props.chosen}
                    problem={problem}
                  />
                  <button type="submit" class="button">
                    {t.enrol}
                  </button>
                </form>
              )}
            </>
          )}
          {programme.cancelled.map((batch) => (
            <p class="hint-text">{t.cancelledBefore(batch)}</p>
          ))}
        </section>
      ))}
    </Layout>
  );
}
