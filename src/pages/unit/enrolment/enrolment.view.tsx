import type { UnitKind } from '../../../features/units/units.rules';
import { unitKindText } from '../../../features/units/units.text';
import { Select, type FormProblem } from '../../../web/components/form';
import type { PageContext } from '../../../web/context';
import { Csrf, Layout } from '../../../web/layout';
import { BatchDays, ProgrammeTabs } from '../../shared/components.view';
import { enrolmentText } from './enrolment.text';

/** A batch the unit may join (or where it already has someone), with the unit's own enrolments in it. */
export interface EnrolmentBatch {
  id: number;
  name: string;
  venue: string | null;
  days: { date: string; start: string; end: string }[];
  capacity: number;
  seatsLeft: number;
  unitQuota: number;
  /** Null: every kind of unit may join. */
  eligibleUnitKinds: UnitKind[] | null;
  /** Whether the unit's kind may join: only then can it enrol someone here. */
  eligible: boolean;
  /** The unit's enrolments that still hold a seat or a waiting place. */
  enrolments: { id: number; participantName: string; status: 'confirmed' | 'waitlisted'; waitlistPosition: number | null }[];
}

/** A refusal of the enrolment form, with the batch whose form it belongs to. */
export type EnrolmentProblem = FormProblem & { batchId?: number };

export interface EnrolmentPageProps {
  ctx: PageContext;
  programme: { id: number; name: string; timezone: string };
  batches: EnrolmentBatch[];
  /** How many officials the unit has, and those not yet in a batch of this programme. */
  officialCount: number;
  free: { id: number; name: string; nip: string }[];
  problem?: EnrolmentProblem;
  notice?: string;
}

export function EnrolmentPage({ ctx, programme, batches, officialCount, free, problem, notice }: EnrolmentPageProps) {
  const t = enrolmentText[ctx.lang];
  const base = `/unit/program/${programme.id}/angkatan`;
  return (
    <Layout ctx={ctx} title={`${t.title} · ${programme.name}`} problem={problem} notice={notice}>
      <h1>{programme.name}</h1>
      <ProgrammeTabs ctx={ctx} programmeId={programme.id} current="angkatan" />
      <h2>{t.title}</h2>
      <p>{t.lead}</p>
      {batches.length === 0 && <p>{t.noBatches}</p>}
      {batches.length > 0 && (
        <p>
          <a href={`/unit/program/${programme.id}/undangan.pdf`}>{t.invitation}</a>
        </p>
      )}
      {batches.map((batch) => {
        const used = batch.enrolments.filter((e) => e.status === 'confirmed').length;
        return (
          <section class="card" aria-labelledby={`batch-${batch.id}`}>
            <h3 id={`batch-${batch.id}`}>{batch.name}</h3>
            <BatchDays ctx={ctx} batch={batch} zone={programme.timezone} />
            <p>
              {t.seats(batch.seatsLeft, batch.capacity)}. {t.quota(used, batch.unitQuota)}.
            </p>
            {!batch.eligible && batch.eligibleUnitKinds && <p class="warning-text">{t.notEligible(batch.eligibleUnitKinds.map((k) => unitKindText[ctx.lang][k]).join(', '))}</p>}
            <h4>{t.enrolled}</h4>
            {batch.enrolments.length === 0 ? (
              <p>{t.noneEnrolled}</p>
            ) : (
              <ul class="plain-list">
                {batch.enrolments.map((e) => (
                  <li class="plain-list__item">
                    <span>
                      {e.participantName}{' '}
                      <span class={e.status === 'confirmed' ? 'tag tag--ok' : 'tag tag--wait'}>{e.status === 'confirmed' ? t.confirmed : t.waitlist(e.waitlistPosition ?? 0)}</span>
                    </span>
                    <form method="post" action={`${base}/batal`} class="inline-form" data-confirm={t.cancelConfirm}>
                      <Csrf ctx={ctx} />
                      <input type="hidden" name="enrolmentId" value={e.id} />
                      <button type="submit" class="button button--secondary" aria-label={t.cancelLabel(e.participantName)}>
                        {t.cancel}
                      </button>
                    </form>
                  </li>
                ))}
              </ul>
            )}
            {batch.eligible &&
              (officialCount === 0 ? (
                <p>
                  <a href="/unit/pejabat">{t.noOfficials}</a>
                </p>
              ) : free.length === 0 ? (
                <p>{t.allPlaced}</p>
              ) : (
                <form method="post" action={base} class="form">
                  <Csrf ctx={ctx} />
                  <input type="hidden" name="batchId" value={batch.id} />
                  {batch.seatsLeft === 0 && <p class="warning-text">{t.full}</p>}
                  {/* Each batch's select is named participantId-<batch> so its label and error stay its own. */}
                  <Select
                    name={`participantId-${batch.id}`}
                    label={t.official}
                    placeholder={t.choose}
                    options={free.map((o) => [String(o.id), `${o.name} (${o.nip})`] as const)}
                    problem={problem?.batchId === batch.id ? problem : undefined}
                  />
                  <button type="submit" class="button">
                    {t.enrol}
                  </button>
                </form>
              ))}
          </section>
        );
      })}
    </Layout>
  );
}
