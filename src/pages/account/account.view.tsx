import { accountText } from '../../features/accounts/accounts.text';
import type { NoticeKind } from '../../features/outbox/outbox.rules';
import { noticeKindText } from '../../features/outbox/outbox.text';
import { Field, Fieldset, type FormProblem } from '../../web/components/form';
import type { PageContext } from '../../web/context';
import { Csrf, Layout } from '../../web/layout';
import { NewPasswordFields } from '../sign-in/sign-in.view';
import { accountPageText } from './account.text';

/** The kinds of email the person may switch, each with whether they get it now. */
export type NoticeChoice = { kind: NoticeKind; enabled: boolean };

/** One checkbox per kind the person may switch; the kinds nobody may switch off are not asked. */
function NoticeChoices({ ctx, choices }: { ctx: PageContext; choices: NoticeChoice[] }) {
  const t = accountPageText[ctx.lang];
  const kinds = noticeKindText[ctx.lang];
  const hints: Partial<Record<NoticeKind, string>> = t.kindHints;
  const user = ctx.signedIn!.user;
  return (
    <>
      <h2 id="pemberitahuan">{t.noticesTitle}</h2>
      <p>{t.noticesLead(user.email)}</p>
      {user.role === 'unit' && <p class="hint-text">{t.noticesUnitMailbox}</p>}
      <form method="post" action="/akun/pemberitahuan" class="form" novalidate>
        <Csrf ctx={ctx} />
        {/* Ticks of one name, each with its own id and, for some kinds, its own hint. */}
        <Fieldset name="jenis" legend={t.noticesLegend}>
          {choices.map(({ kind, enabled }) => {
            const hint = hints[kind];
            return (
              <>
                <label class="checkbox">
                  <input type="checkbox" id={`jenis-${kind}`} name="jenis" value={kind} checked={enabled} aria-describedby={hint ? `jenis-${kind}-hint` : undefined} />
                  {kinds[kind]}
                </label>
                {hint && (
                  <p class="field__hint" id={`jenis-${kind}-hint`}>
                    {hint}
                  </p>
                )}
              </>
            );
          })}
        </Fieldset>
        <button type="submit" class="button">
          {t.noticesSubmit}
        </button>
      </form>
    </>
  );
}

export function AccountPage({ ctx, problem, notice, unitName, choices }: { ctx: PageContext; problem?: FormProblem; notice?: string; unitName?: string; choices: NoticeChoice[] }) {
  const t = accountPageText[ctx.lang];
  const user = ctx.signedIn!.user;
  return (
    <Layout ctx={ctx} title={t.title} problem={problem} notice={notice}>
      <h1>{t.title}</h1>
      <dl class="summary-list">
        <div>
          <dt>{t.name}</dt>
          <dd>{user.name}</dd>
        </div>
        <div>
          <dt>{t.email}</dt>
          <dd>{user.email}</dd>
        </div>
        <div>
          <dt>{t.role}</dt>
          <dd>{accountText[ctx.lang].roles[user.role]}</dd>
        </div>
        {unitName && (
          <div>
            <dt>{t.unit}</dt>
            <dd>{unitName}</dd>
          </div>
        )}
      </dl>
      <h2>{t.changeTitle}</h2>
      <p>{t.changeLead}</p>
      <form method="post" action="/akun/sandi" class="form" novalidate>
        <Csrf ctx={ctx} />
        <input type="hidden" name="username" autocomplete="username" value={user.email} />
        <Field name="currentPassword" label={t.current} type="password" autocomplete="current-password" problem={problem} required />
        <NewPasswordFields ctx={ctx} problem={problem} />
        <button type="submit" class="button">
          {t.changeSubmit}
        </button>
      </form>
      {choices.length > 0 && <NoticeChoices ctx={ctx} choices={choices} />}
      <h2>{t.everywhereTitle}</h2>
      <p>{t.everywhereLead}</p>
      <form method="post" action="/keluar-semua" class="inline-form">
        <Csrf ctx={ctx} />
        <button type="submit" class="button button--warning">
          {t.everywhereSubmit}
        </button>
      </form>
    </Layout>
  );
}
