import type { RegisteredGovernment } from '../../../features/tenants/tenants.service';
import { TENANT_KINDS } from '../../../features/tenants/tenants.rules';
import { tenantKindText } from '../../../features/tenants/tenants.text';
import { INDONESIAN_ZONES, zoneName } from '../../../platform/format';
import { CopyField, Field, Fieldset, type FormProblem, Select, type Typed } from '../../../web/components/form';
import { Table } from '../../../web/components/table';
import type { PageContext } from '../../../web/context';
import { BackLink, Csrf, Layout } from '../../../web/layout';
import { when } from '../../shared/components.view';
import { registryText } from './registry.text';

/** The governments this deployment serves, each with its address. */
export function RegistryPage({ ctx, governments }: { ctx: PageContext; governments: readonly RegisteredGovernment[] }) {
  const t = registryText[ctx.lang];
  const kinds = tenantKindText[ctx.lang];
  return (
    <Layout ctx={ctx} title={t.title}>
      <BackLink href="/organisasi" label={ctx.t.nav.console} />
      <h1>{t.title}</h1>
      <p class="lead">{t.lead}</p>
      <p>
        <a class="button" href="/organisasi/pemerintah/baru">
          {t.register}
        </a>
      </p>
      <Table
        rows={governments}
        columns={[
          { header: t.name, rowHeader: true, cell: (g) => g.name },
          { header: t.slug, cell: (g) => g.slug },
          { header: t.kind, cell: (g) => kinds[g.kind] },
          { header: t.parent, cell: (g) => g.parentSlug ?? '–' },
          { header: t.address, cell: (g) => (g.database === null ? t.home : <a href={g.address}>{g.address}</a>) },
        ]}
      />
    </Layout>
  );
}

/** Registering a government and its first organiser. */
export function RegisterPage({ ctx, parents, typed = {}, problem }: { ctx: PageContext; parents: readonly RegisteredGovernment[]; typed?: Typed; problem?: FormProblem }) {
  const t = registryText[ctx.lang];
  const kinds = tenantKindText[ctx.lang];
  const value = (name: string) => {
    const raw = typed[name];
    return (Array.isArray(raw) ? raw[0] : raw) ?? '';
  };
  return (
    <Layout ctx={ctx} title={t.newTitle} problem={problem}>
      <BackLink href="/organisasi/pemerintah/terdaftar" label={t.title} />
      <h1>{t.newTitle}</h1>
      <p class="lead">{t.newLead}</p>
      <form method="post" action="/organisasi/pemerintah/baru" class="form" novalidate>
        <Csrf ctx={ctx} />
        <Field name="name" label={t.name} hint={t.nameHint} value={value('name')} problem={problem} autocomplete="off" required />
        <Field name="slug" label={t.slug} hint={t.slugHint} value={value('slug')} problem={problem} autocomplete="off" width="medium" required />
        <Select name="kind" label={t.kind} hint={t.kindHint} options={TENANT_KINDS.map((kind) => [kind, kinds[kind]] as const)} value={value('kind') || 'kota'} problem={problem} />
        <Select name="parent" label={t.parent} hint={t.parentHint} placeholder={t.noParent} options={parents.map((p) => [p.slug, `${p.name} (${kinds[p.kind]})`] as const)} value={value('parent')} problem={problem} />
        <Field name="host" label={t.host} hint={t.hostHint} optionalLabel={ctx.t.common.optional} value={value('host')} problem={problem} autocomplete="off" />
        <Field name="organisationName" label={t.organisationName} hint={t.organisationNameHint} optionalLabel={ctx.t.common.optional} value={value('organisationName')} problem={problem} />
        <Select
          name="timezone"
          label={t.timezone}
          placeholder={t.timezoneDefault(zoneName(ctx.defaultZone))}
          options={INDONESIAN_ZONES.map((zone) => [zone, `${zoneName(zone)} (${zone})`] as const)}
          value={value('timezone')}
          problem={problem}
        />
        <Field name="mailFrom" label={t.mailFrom} hint={t.mailFromHint} optionalLabel={ctx.t.common.optional} value={value('mailFrom')} problem={problem} autocomplete="off" />
        <Fieldset legend={t.organiser} problem={problem} name="organiser">
          <Field name="organiserName" label={t.organiserName} value={value('organiserName')} problem={problem} autocomplete="off" required />
          <Field name="organiserEmail" label={t.organiserEmail} type="email" value={value('organiserEmail')} problem={problem} autocomplete="off" required />
        </Fieldset>
        <button type="submit" class="button">
          {t.submit}
        </button>
      </form>
    </Layout>
  );
}

/** A government just registered: its address, and its first organiser's link, shown once. */
export function RegisteredPage(props: { ctx: PageContext; government: RegisteredGovernment; organiser: { name: string; setPasswordUrl: string; linkExpiresAt: string } }) {
  const { ctx, government, organiser } = props;
  const t = registryText[ctx.lang];
  return (
    <Layout ctx={ctx} title={t.registeredTitle(government.name)}>
      <BackLink href="/organisasi/pemerintah/terdaftar" label={t.title} />
      <h1>{t.registeredTitle(government.name)}</h1>
      <p>{t.registeredLead(government.address)}</p>
      <p>{t.linkLead(organiser.name, when(ctx, organiser.linkExpiresAt, ctx.defaultZone))}</p>
      <CopyField ctx={ctx} name="link" label={t.link} value={organiser.setPasswordUrl} />
    </Layout>
  );
}
