import { formatDate, formatNip, INDONESIAN_ZONES, zoneName } from '../../../platform/format';
import { Checkbox, Field, Fieldset, type FormProblem, Select, type Typed } from '../../../web/components/form';
import type { PageContext } from '../../../web/context';
import { BackLink, Csrf, Layout } from '../../../web/layout';
import { programmesText } from './programmes.text';

/** A programme as its form and overview show it. */
export interface ProgrammeValues {
  id: number;
  name: string;
  timezone: string;
  draftDeadline: string | null;
  finalDeadline: string | null;
  organiserEmail: string | null;
  publicCalendar: boolean;
  publicUnitNames: boolean;
  asistensiPartner: string | null;
  signatoryName: string | null;
  signatoryPosition: string | null;
  signatoryNip: string | null;
}

/** A programme's parts, counted. */
export interface ProgrammeOverview {
  batches: number;
  /** Officials with a confirmed seat, and waiting for one, over every batch. */
  confirmed: number;
  waiting: number;
  periods: { id: number; name: string }[];
  /** Active bookings over every period. */
  booked: number;
  drafts: number;
}

export function ProgrammeFormPage({ ctx, programme, typed, problem }: { ctx: PageContext; programme?: ProgrammeValues; typed?: Typed; problem?: FormProblem }) {
  const t = programmesText[ctx.lang];
  const value = (name: 'name' | 'timezone' | 'draftDeadline' | 'finalDeadline' | 'organiserEmail' | 'asistensiPartner' | 'signatoryName' | 'signatoryPosition' | 'signatoryNip') => {
    if (!typed) return name === 'signatoryNip' ? formatNip(programme?.signatoryNip ?? '') : (programme?.[name] ?? '');
    const raw = typed[name];
    return (Array.isArray(raw) ? raw[0] : raw) ?? '';
  };
  const ticked = (name: 'publicCalendar' | 'publicUnitNames', fallback: boolean) => (typed ? typed[name] === 'true' : (programme?.[name] ?? fallback));
  const title = programme ? t.editTitle(programme.name) : t.newTitle;
  return (
    <Layout ctx={ctx} title={title} problem={problem}>
      <BackLink href={programme ? `/organisasi/program/${programme.id}` : '/organisasi'} label={programme ? programme.name : t.console(ctx.organisation)} />
      <h1>{title}</h1>
      <form method="post" action={programme ? `/organisasi/program/${programme.id}/ubah` : '/organisasi/program/baru'} class="form" novalidate>
        <Csrf ctx={ctx} />
        <Field name="name" label={t.name} hint={t.nameHint} value={value('name')} problem={problem} required />
        <Select
          name="timezone"
          label={t.timezone}
          hint={t.timezoneHint}
          // A zone set through the API (Asia/Pontianak, say) stays on the list, so saving keeps it.
          options={[...new Set([...INDONESIAN_ZONES, programme?.timezone ?? INDONESIAN_ZONES[0]])].map((zone) => [zone, `${zoneName(zone)} (${zone})`] as const)}
          value={value('timezone') || ctx.defaultZone}
          problem={problem}
        />
        <Field name="draftDeadline" label={t.draftDeadline} type="date" optionalLabel={ctx.t.common.optional} value={value('draftDeadline')} problem={problem} width="medium" />
        <Field name="finalDeadline" label={t.finalDeadline} type="date" optionalLabel={ctx.t.common.optional} value={value('finalDeadline')} problem={problem} width="medium" />
        <Field name="organiserEmail" label={t.organiserEmail(ctx.organisation)} type="email" optionalLabel={ctx.t.common.optional} value={value('organiserEmail')} problem={problem} />
        <Checkbox name="publicCalendar" label={t.publicCalendar} hint={t.publicCalendarHint} checked={ticked('publicCalendar', true)} />
        <Checkbox name="publicUnitNames" label={t.publicUnitNames} checked={ticked('publicUnitNames', false)} />
        <Field name="asistensiPartner" label={t.asistensiPartner} hint={t.asistensiPartnerHint(ctx.organisation)} optionalLabel={ctx.t.common.optional} value={value('asistensiPartner')} problem={problem} />
        <Fieldset name="signatory" legend={t.signatory} hint={t.signatoryHint}>
          <Field name="signatoryName" label={t.signatoryName} hint={t.signatoryNameHint} optionalLabel={ctx.t.common.optional} value={value('signatoryName')} problem={problem} />
          <Field name="signatoryPosition" label={t.signatoryPosition} hint={t.signatoryPositionHint(ctx.organisation)} optionalLabel={ctx.t.common.optional} value={value('signatoryPosition')} problem={problem} />
          <Field name="signatoryNip" label={t.signatoryNip} hint={t.signatoryNipHint} optionalLabel={ctx.t.common.optional} value={value('signatoryNip')} problem={problem} width="medium" />
        </Fieldset>
        <button type="submit" class="button">
          {programme ? t.save : t.create}
        </button>
      </form>
    </Layout>
  );
}

/** A programme at a glance, with the way to each part of it. */
export function ProgrammePage({ ctx, programme, overview, partner, notice }: { ctx: PageContext; programme: ProgrammeValues; overview: ProgrammeOverview; partner: string | null; notice?: string }) {
  const t = programmesText[ctx.lang];
  const base = `/organisasi/program/${programme.id}`;
  return (
    <Layout ctx={ctx} title={programme.name} notice={notice}>
      <BackLink href="/organisasi" label={t.console(ctx.organisation)} />
      <h1>{programme.name}</h1>
      <p>
        {zoneName(programme.timezone)} ({programme.timezone})
        {programme.draftDeadline && ` · ${t.draftDeadline}: ${formatDate(programme.draftDeadline, ctx.lang)}`}
        {programme.finalDeadline && ` · ${t.finalDeadline}: ${formatDate(programme.finalDeadline, ctx.lang)}`}
      </p>
      <p>
        {programme.signatoryName ? t.signatoryShown(programme.signatoryName, programme.signatoryPosition) : t.noSignatory}
        {programme.asistensiPartner && (
          <>
            <br />
            {t.partnerShown(programme.asistensiPartner)}
          </>
        )}
      </p>
      <p>
        <a href={`${base}/ubah`}>{t.edit}</a>
        {' · '}
        {programme.publicCalendar ? <a href={`/p/${programme.id}`}>{t.publicPage}</a> : t.notPublic}
        {partner && (
          <>
            {' · '}
            <a href={`${base}/mitra`}>{t.partnerOf(partner)}</a>
          </>
        )}
      </p>
      <h2>{t.overview}</h2>
      <ul class="plain-list">
        <li class="plain-list__item">
          <span>
            <a href={`${base}/angkatan`}>
              <strong>{t.batches}</strong>
            </a>
            : {t.batchesCount(overview.batches, overview.confirmed, overview.waiting)}
          </span>
        </li>
        <li class="plain-list__item">
          <span>
            <a href={`${base}/asistensi`}>
              <strong>{t.periods}</strong>
            </a>
            : {t.periodsCount(overview.periods.length, overview.booked)}
          </span>
        </li>
        <li class="plain-list__item">
          <span>
            <a href={`${base}/draf`}>
              <strong>{t.drafts}</strong>
            </a>
            : {t.draftsCount(overview.drafts)}
          </span>
        </li>
        <li class="plain-list__item">
          <span>
            <a href={`${base}/pejabat`}>
              <strong>{t.people}</strong>
            </a>
            : {t.peopleLead}
          </span>
        </li>
        <li class="plain-list__item">
          <a href={`${base}/progres`}>
            <strong>{t.progress}</strong>
          </a>
        </li>
      </ul>
      {overview.periods.length > 0 && (
        <>
          <h2>{t.printouts}</h2>
          <ul>
            {overview.periods.map((period) => (
              <li>
                <a href={`/organisasi/asistensi/${period.id}/jadwal.pdf`}>{t.schedulePdf(period.name)}</a>
              </li>
            ))}
          </ul>
        </>
      )}
    </Layout>
  );
}
