import type { EnrolmentStatus } from '../../../features/workshops/workshops.rules';
import { formatNip } from '../../../platform/format';
import { Select, type FormProblem } from '../../../web/components/form';
import { Table } from '../../../web/components/table';
import type { PageContext } from '../../../web/context';
import { ActionButton, BackLink, Csrf, Layout } from '../../../web/layout';
import { OfficialSearch, type UnitFilter } from '../../shared/official-search.view';
import { Pagination, type PageOf } from '../../shared/pagination.view';
import { enrolmentsText } from './enrolments.text';

/** An enrolment as a roster line shows it (the enrolments service's view, structurally). */
export interface EnrolmentLine {
  id: number;
  participantName: string;
  status: EnrolmentStatus;
  waitlistPosition: number | null;
  attendance: readonly { date: string; present: boolean }[];
}

/** Where the actions' pages lead back to, in their addresses. */
const withBack = (path: string, back: string) => `${path}?kembali=${encodeURIComponent(back)}`;

/** The enrolment's status in words: enrolled, waitlisted (with the place in the queue), cancelled. */
export function EnrolmentStatusTag({ ctx, enrolment }: { ctx: PageContext; enrolment: Pick<EnrolmentLine, 'status' | 'waitlistPosition'> }) {
  const t = enrolmentsText[ctx.lang];
  if (enrolment.status === 'confirmed') return <span class="tag tag--ok">{t.confirmed}</span>;
  if (enrolment.status === 'waitlisted') return <span class="tag tag--wait">{t.waitlisted(enrolment.waitlistPosition)}</span>;
  return <span class="tag tag--off">{t.cancelled}</span>;
}

/** Each day of the batch with the official's mark: present, absent, or not recorded yet. */
export function AttendanceMarks({ ctx, days, attendance }: { ctx: PageContext; days: readonly { date: string }[]; attendance: EnrolmentLine['attendance'] }) {
  const t = enrolmentsText[ctx.lang];
  return (
    <ul class="plain-list">
      {days.map((day, i) => {
        const mark = attendance.find((a) => a.date === day.date);
        return (
          <li>
            {t.day(i + 1)}: {mark === undefined ? t.unmarked : mark.present ? t.present : t.absent}
          </li>
        );
      })}
    </ul>
  );
}

/** What may be done with an active enrolment: move it, cancel it, and give a waitlisted one a seat. */
export function EnrolmentActions({ ctx, enrolment, back }: { ctx: PageContext; enrolment: Pick<EnrolmentLine, 'id' | 'participantName' | 'status'>; back: string }) {
  const t = enrolmentsText[ctx.lang];
  if (enrolment.status === 'cancelled') return null;
  const base = `/organisasi/pendaftaran/${enrolment.id}`;
  return (
    <span class="button-row">
      {enrolment.status === 'waitlisted' && (
        <ActionButton ctx={ctx} action={`${base}/naikkan`} label={t.promote} fields={{ kembali: back }} variant="secondary" ariaLabel={t.promoteLabel(enrolment.participantName)} />
      )}
      <a href={withBack(`${base}/pindah`, back)} aria-label={t.moveLabel(enrolment.participantName)}>
        {t.move}
      </a>
      <a href={withBack(`${base}/batal`, back)} aria-label={t.cancelLabel(enrolment.participantName)}>
        {t.cancel}
      </a>
    </span>
  );
}

/** An official found for enrolment: where they stand in the programme, and whether this batch is for their kind of unit. */
export interface Candidate {
  id: number;
  name: string;
  nip: string;
  unitName: string;
  eligible: boolean;
  inProgramme: { batchName: string; status: EnrolmentStatus } | null;
}

export function EnrolSearchPage(props: {
  ctx: PageContext;
  programme: { id: number; name: string };
  batch: { id: number; name: string; seatsLeft: number };
  query: { cari?: string; unit?: string; halaman?: number };
  units: UnitFilter;
  candidates: readonly Candidate[];
  at: PageOf;
  problem?: FormProblem;
}) {
  const { ctx, batch, query, candidates, problem } = props;
  const t = enrolmentsText[ctx.lang];
  const base = `/organisasi/angkatan/${batch.id}/daftarkan`;
  const title = t.enrolTitle(batch.name);
  return (
    <Layout ctx={ctx} title={`${title} · ${props.programme.name}`} problem={problem}>
      <BackLink href={`/organisasi/angkatan/${batch.id}`} label={batch.name} />
      <h1>{title}</h1>
      <p class="lead">{t.enrolLead}</p>
      <p>{batch.seatsLeft > 0 ? t.seatsLeft(batch.seatsLeft) : t.full}</p>
      <OfficialSearch ctx={ctx} action={base} query={query} units={props.units} />
      {candidates.length === 0 ? (
        <p>{t.noneFound}</p>
      ) : (
        <Table
          rows={candidates}
          columns={[
            { header: t.name, rowHeader: true, cell: (c) => <a href={`/organisasi/pejabat/${c.id}?program=${props.programme.id}`}>{c.name}</a> },
            { header: t.nip, cell: (c) => formatNip(c.nip) },
            { header: t.unit, cell: (c) => c.unitName },
            {
              header: t.inProgramme,
              cell: (c) => (c.inProgramme === null ? t.notEnrolled : c.inProgramme.status === 'confirmed' ? t.enrolledIn(c.inProgramme.batchName) : t.waitingIn(c.inProgramme.batchName)),
            },
            {
              header: t.actions,
              action: true,
              cell: (c) =>
                c.inProgramme !== null ? null : !c.eligible ? (
                  <span class="hint-text">{t.notForKind}</span>
                ) : (
                  <ActionButton
                    ctx={ctx}
                    action={base}
                    label={t.enrol}
                    ariaLabel={t.enrolLabel(c.name, batch.name)}
                    fields={{ participantId: c.id, cari: query.cari ?? '', unit: query.unit ?? '', halaman: query.halaman ?? 1 }}
                  />
                ),
            },
          ]}
        />
      )}
      <Pagination ctx={ctx} base={base} query={{ cari: query.cari, unit: query.unit }} at={props.at} />
    </Layout>
  );
}

/** The enrolment an action page is about. */
interface About {
  id: number;
  participantName: string;
  unitName: string;
}

export function MovePage(props: { ctx: PageContext; enrolment: About; batchName: string; options: readonly (readonly [string, string])[]; chosen?: string; back: string; problem?: FormProblem }) {
  const { ctx, enrolment, problem } = props;
  const t = enrolmentsText[ctx.lang];
  return (
    <Layout ctx={ctx} title={t.moveTitle(enrolment.participantName)} problem={problem}>
      <BackLink href={props.back} label={t.back} />
      <h1>{t.moveTitle(enrolment.participantName)}</h1>
      <p>
        {enrolment.unitName}. {t.moveLead(props.batchName)}
      </p>
      {props.options.length === 0 ? (
        <p>{t.noOtherBatch}</p>
      ) : (
        <form method="post" action={`/organisasi/pendaftaran/${enrolment.id}/pindah`} class="form" novalidate>
          <Csrf ctx={ctx} />
          <input type="hidden" name="kembali" value={props.back} />
          <Select name="batchId" label={t.moveTo} hint={t.moveToHint} placeholder={t.chooseBatch} options={props.options} value={props.chosen} problem={problem} />
          <button type="submit" class="button">
            {t.moveSubmit}
          </button>
        </form>
      )}
    </Layout>
  );
}

export function CancelPage(props: {
  ctx: PageContext;
  enrolment: About & { status: EnrolmentStatus };
  batch: { name: string; waitlistCount: number };
  marks: number;
  back: string;
  problem?: FormProblem;
}) {
  const { ctx, enrolment, batch } = props;
  const t = enrolmentsText[ctx.lang];
  return (
    <Layout ctx={ctx} title={t.cancelTitle(enrolment.participantName)} problem={props.problem}>
      <BackLink href={props.back} label={t.back} />
      <h1>{t.cancelTitle(enrolment.participantName)}</h1>
      <ul>
        <li>{t.cancelWhat(batch.name, enrolment.unitName)}</li>
        <li>{enrolment.status === 'confirmed' ? t.cancelSeat(batch.waitlistCount) : t.cancelWaiting}</li>
        {props.marks > 0 && <li>{t.cancelMarks(props.marks)}</li>}
      </ul>
      {enrolment.status !== 'cancelled' && (
        <div class="button-row">
          <ActionButton ctx={ctx} action={`/organisasi/pendaftaran/${enrolment.id}/batal`} label={t.cancelSubmit} fields={{ kembali: props.back }} variant="warning" />
          <a href={props.back}>{t.keep}</a>
        </div>
      )}
    </Layout>
  );
}

export function PromotePage(props: {
  ctx: PageContext;
  enrolment: About & { waitlistPosition: number | null; status: EnrolmentStatus };
  batch: { name: string; capacity: number; confirmedCount: number; unitQuota: number };
  unitSeats: number;
  back: string;
  problem?: FormProblem;
}) {
  const { ctx, enrolment, batch } = props;
  const t = enrolmentsText[ctx.lang];
  return (
    <Layout ctx={ctx} title={t.promoteTitle(enrolment.participantName)} problem={props.problem}>
      <BackLink href={props.back} label={t.back} />
      <h1>{t.promoteTitle(enrolment.participantName)}</h1>
      <p>{t.promoteLead(batch.name, enrolment.waitlistPosition)}</p>
      <ul>
        <li>{t.seatsNow(batch.confirmedCount, batch.capacity)}</li>
        <li>{t.unitSeats(enrolment.unitName, props.unitSeats, batch.unitQuota)}</li>
      </ul>
      {enrolment.status === 'waitlisted' && (
        <div class="button-row">
          <ActionButton ctx={ctx} action={`/organisasi/pendaftaran/${enrolment.id}/naikkan`} label={t.promoteSubmit} fields={{ kembali: props.back }} />
          <a href={props.back}>{t.back}</a>
        </div>
      )}
    </Layout>
  );
}
