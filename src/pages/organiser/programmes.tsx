import type { Container } from '../../container';
import { ProgrammeCreateBody } from '../../features/programmes/programmes.schemas';
import type { Api } from '../../http/api';
import { formatDate, zoneName } from '../../platform/format';
import type { PageContext } from '../../web/context';
import { readForm, refusal, type Typed } from '../../web/forms';
import { BackLink, Checkbox, Csrf, Field, Layout, Select, type FormProblem } from '../../web/layout';
import { signedIn } from '../../web/web';
import { flashOf } from '../shared/flash';
import { ProgrammeParams, actorOf } from '../shared/page-helpers';

type Services = Pick<Container, 'programmes' | 'batches' | 'periods' | 'bookings' | 'drafts'>;
type Programme = ReturnType<Container['programmes']['get']>;

/** Indonesia's three zones, the abbreviation first (the IANA name beside it). */
const ZONES = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'] as const;

/** The form read as the API's body: an empty date or email means none, an unticked box means no. */
function readProgramme(body: unknown, ctx: PageContext) {
  const raw = (body ?? {}) as Record<string, string>;
  const form = readForm(ProgrammeCreateBody, { ...raw, publicCalendar: raw.publicCalendar ?? 'false', publicUnitNames: raw.publicUnitNames ?? 'false' }, ctx);
  if (form.ok) for (const optional of ['draftDeadline', 'finalDeadline', 'organiserEmail'] as const) form.value[optional] ??= null;
  return form;
}

function ProgrammeFormPage({ ctx, programme, typed, problem }: { ctx: PageContext; programme?: Programme; typed?: Typed; problem?: FormProblem }) {
  const t = ctx.t.programme;
  const value = (name: keyof Programme & string) => (typed ? (typed[name] as string | undefined) : (programme?.[name] as string | null | undefined)) ?? '';
  const ticked = (name: 'publicCalendar' | 'publicUnitNames', fallback: boolean) => (typed ? typed[name] === 'true' : (programme?.[name] ?? fallback));
  const title = programme ? t.editTitle(programme.name) : t.newTitle;
  return (
    <Layout ctx={ctx} title={title} problem={problem}>
      <BackLink href={programme ? `/organisasi/program/${programme.id}` : '/organisasi'} label={programme ? programme.name : ctx.t.console.title} />
      <h1>{title}</h1>
      <form method="post" action={programme ? `/organisasi/program/${programme.id}/ubah` : '/organisasi/program/baru'} class="form" novalidate>
        <Csrf ctx={ctx} />
        <Field name="name" label={t.name} hint={t.nameHint} value={value('name')} problem={problem} required />
        <Select
          name="timezone"
          label={t.timezone}
          hint={t.timezoneHint}
          // A zone set through the API (Asia/Pontianak, say) stays on the list, so saving keeps it.
          options={[...new Set([...ZONES, programme?.timezone ?? ZONES[0]])].map((zone) => [zone, `${zoneName(zone)} (${zone})`])}
          value={value('timezone') || ctx.defaultZone}
          problem={problem}
        />
        <Field name="draftDeadline" label={t.draftDeadline} type="date" optionalLabel={ctx.t.common.optional} value={value('draftDeadline')} problem={problem} width="medium" />
        <Field name="finalDeadline" label={t.finalDeadline} type="date" optionalLabel={ctx.t.common.optional} value={value('finalDeadline')} problem={problem} width="medium" />
        <Field name="organiserEmail" label={t.organiserEmail} type="email" optionalLabel={ctx.t.common.optional} value={value('organiserEmail')} problem={problem} />
        <Checkbox name="publicCalendar" label={t.publicCalendar} hint={t.publicCalendarHint} checked={ticked('publicCalendar', true)} />
        <Checkbox name="publicUnitNames" label={t.publicUnitNames} checked={ticked('publicUnitNames', false)} />
        <button type="submit" class="button">
          {programme ? t.save : t.create}
        </button>
      </form>
    </Layout>
  );
}

/** A programme at a glance, with the way to each part of it. */
function ProgrammePage({ ctx, services, programmeId, notice }: { ctx: PageContext; services: Services; programmeId: number; notice?: string }) {
  const t = ctx.t.programme;
  const actor = ctx.signedIn!.actor;
  const programme = services.programmes.get(programmeId);
  const base = `/organisasi/program/${programmeId}`;
  const batches = services.batches.listForProgramme(programmeId);
  const periods = services.periods.listForProgramme(programmeId);
  const confirmed = batches.reduce((sum, b) => sum + b.confirmedCount, 0);
  const waiting = batches.reduce((sum, b) => sum + b.waitlistCount, 0);
  const booked = periods.reduce((sum, p) => sum + services.bookings.list(actor, p.id).filter((b) => b.status === 'active').length, 0);
  const drafts = services.drafts.list(actor, programmeId).length;
  return (
    <Layout ctx={ctx} title={programme.name} notice={notice}>
      <BackLink href="/organisasi" label={ctx.t.console.title} />
      <h1>{programme.name}</h1>
      <p>
        {zoneName(programme.timezone)} ({programme.timezone})
        {programme.draftDeadline && ` · ${t.draftDeadline}: ${formatDate(programme.draftDeadline, ctx.lang)}`}
        {programme.finalDeadline && ` · ${t.finalDeadline}: ${formatDate(programme.finalDeadline, ctx.lang)}`}
      </p>
      <p>
        <a href={`${base}/ubah`}>{t.edit}</a>
        {' · '}
        {programme.publicCalendar ? <a href={`/p/${programmeId}`}>{t.publicPage}</a> : t.notPublic}
      </p>
      <h2>{t.overview}</h2>
      <ul class="plain-list">
        <li class="plain-list__item">
          <span>
            <a href={`${base}/angkatan`}>
              <strong>{t.batches}</strong>
            </a>
            : {t.batchesCount(batches.length, confirmed, waiting)}
          </span>
        </li>
        <li class="plain-list__item">
          <span>
            <a href={`${base}/asistensi`}>
              <strong>{t.periods}</strong>
            </a>
            : {t.periodsCount(periods.length, booked)}
          </span>
        </li>
        <li class="plain-list__item">
          <span>
            <a href={`${base}/draf`}>
              <strong>{t.drafts}</strong>
            </a>
            : {t.draftsCount(drafts)}
          </span>
        </li>
        <li class="plain-list__item">
          <a href={`${base}/progres`}>
            <strong>{ctx.t.progress.link}</strong>
          </a>
        </li>
      </ul>
      {periods.length > 0 && (
        <>
          <h2>{t.printouts}</h2>
          <ul>
            {periods.map((period) => (
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

export function programmePages(web: Api, services: Services) {
  const { programmes } = services;
  const guard = { onRequest: signedIn('organiser') };
  const withId = { ...guard, schema: { params: ProgrammeParams } };

  web.get('/organisasi/program/baru', guard, async (request, reply) => reply.sendPage(<ProgrammeFormPage ctx={request.page} />));

  web.post('/organisasi/program/baru', guard, async (request, reply) => {
    const ctx = request.page;
    const form = readProgramme(request.body, ctx);
    if (!form.ok) return reply.sendPage(<ProgrammeFormPage ctx={ctx} typed={form.typed} problem={form.problem} />, 400);
    try {
      const created = programmes.create(actorOf(request), form.value);
      return reply.redirect(`/organisasi/program/${created.id}?ok=programmeCreated`, 303);
    } catch (error) {
      const refused = refusal(error, ctx);
      return reply.sendPage(<ProgrammeFormPage ctx={ctx} typed={form.typed} problem={refused} />, refused.status);
    }
  });

  web.get('/organisasi/program/:programmeId', withId, async (request, reply) =>
    reply.sendPage(<ProgrammePage ctx={request.page} services={services} programmeId={request.params.programmeId} notice={flashOf(request)} />),
  );

  web.get('/organisasi/program/:programmeId/ubah', withId, async (request, reply) => reply.sendPage(<ProgrammeFormPage ctx={request.page} programme={programmes.get(request.params.programmeId)} />));

  web.post('/organisasi/program/:programmeId/ubah', withId, async (request, reply) => {
    const ctx = request.page;
    const programme = programmes.get(request.params.programmeId);
    const form = readProgramme(request.body, ctx);
    if (!form.ok) return reply.sendPage(<ProgrammeFormPage ctx={ctx} programme={programme} typed={form.typed} problem={form.problem} />, 400);
    try {
      programmes.update(actorOf(request), programme.id, form.value);
    } catch (error) {
      const refused = refusal(error, ctx);
      return reply.sendPage(<ProgrammeFormPage ctx={ctx} programme={programme} typed={form.typed} problem={refused} />, refused.status);
    }
    return reply.redirect(`/organisasi/program/${programme.id}?ok=programmeSaved`, 303);
  });
}
