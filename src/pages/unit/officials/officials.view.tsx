import { Field, type FormProblem, type Typed } from '../../../web/components/form';
import { Table } from '../../../web/components/table';
import type { PageContext } from '../../../web/context';
import { BackLink, Csrf, Layout } from '../../../web/layout';
import { officialsText } from './officials.text';

/** An official of the operator's unit, as the list and the form show them. */
export interface OfficialValues {
  id: number;
  name: string;
  nip: string;
  position: string | null;
  email: string | null;
  phone: string | null;
}

/** What was typed into a form, to put back after a refusal (the forms reader's Typed, structurally). */

export function OfficialsPage({ ctx, officials, notice }: { ctx: PageContext; officials: OfficialValues[]; notice?: string }) {
  const t = officialsText[ctx.lang];
  return (
    <Layout ctx={ctx} title={t.title} notice={notice}>
      <h1>{t.title}</h1>
      <p class="lead">{t.lead}</p>
      <div class="button-row">
        <a class="button" href="/unit/pejabat/baru">
          {t.add}
        </a>
        <a class="button button--secondary" href="/unit/pejabat/unggah">
          {t.upload}
        </a>
      </div>
      {officials.length === 0 ? (
        <p>{t.none}</p>
      ) : (
        <Table
          caption={t.title}
          rows={officials}
          columns={[
            { header: t.name, rowHeader: true, cell: (o) => o.name },
            { header: t.nip, numeric: true, cell: (o) => o.nip },
            { header: t.position, cell: (o) => o.position ?? ctx.t.common.none },
            { header: t.contact, cell: (o) => [o.email, o.phone].filter(Boolean).join(', ') || ctx.t.common.none },
            {
              header: t.actions,
              action: true,
              cell: (o) => (
                <a href={`/unit/pejabat/${o.id}`} aria-label={t.editTitle(o.name)}>
                  {t.edit}
                </a>
              ),
            },
          ]}
        />
      )}
    </Layout>
  );
}

export function OfficialFormPage({ ctx, official, typed, problem }: { ctx: PageContext; official?: OfficialValues; typed?: Typed; problem?: FormProblem }) {
  const t = officialsText[ctx.lang];
  const value = (name: 'name' | 'nip' | 'position' | 'email' | 'phone') => {
    if (!typed) return official?.[name] ?? '';
    const raw = typed[name];
    return (Array.isArray(raw) ? raw[0] : raw) ?? '';
  };
  const title = official ? t.editTitle(official.name) : t.addTitle;
  return (
    <Layout ctx={ctx} title={title} problem={problem}>
      <BackLink href="/unit/pejabat" label={t.title} />
      <h1>{title}</h1>
      <form method="post" action={official ? `/unit/pejabat/${official.id}` : '/unit/pejabat/baru'} class="form" novalidate>
        <Csrf ctx={ctx} />
        <Field name="name" label={t.name} hint={t.nameHint} value={value('name')} problem={problem} autocomplete="name" required />
        <Field name="nip" label={t.nip} hint={t.nipHint} value={value('nip')} problem={problem} inputMode="numeric" width="medium" required />
        <Field name="position" label={t.position} optionalLabel={ctx.t.common.optional} value={value('position')} problem={problem} />
        <Field name="email" label={t.email} type="email" optionalLabel={ctx.t.common.optional} value={value('email')} problem={problem} autocomplete="off" />
        <Field name="phone" label={t.phone} type="tel" optionalLabel={ctx.t.common.optional} value={value('phone')} problem={problem} width="medium" autocomplete="off" />
        <button type="submit" class="button">
          {ctx.t.common.save}
        </button>
      </form>
      {official && (
        <form method="post" action={`/unit/pejabat/${official.id}/hapus`} class="inline-form" data-confirm={t.removeConfirm}>
          <Csrf ctx={ctx} />
          <button type="submit" class="button button--warning">
            {t.remove}
          </button>
        </form>
      )}
    </Layout>
  );
}
