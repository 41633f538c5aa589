import { noticeKindText } from '../../features/outbox/outbox.text';
import type { NoticeKind } from '../../features/outbox/outbox.rules';
import type { PageContext } from '../../web/context';
import { Layout } from '../../web/layout';
import { unsubscribeText } from './unsubscribe.text';

export interface UnsubscribeView {
  name: string;
  email: string;
  kinds: { kind: NoticeKind; enabled: boolean }[];
}

/**
 * What a one-click unsubscribe link switches off, with the button that does it; once done, that
 * it is done and where to switch it back on. The form posts to the link itself, which needs no
 * sign-in (the signed link is the authority), so it carries no form token.
 */
export function UnsubscribePage({ ctx, link, state }: { ctx: PageContext; link: string; state: UnsubscribeView }) {
  const t = unsubscribeText[ctx.lang];
  const kinds = noticeKindText[ctx.lang];
  const done = state.kinds.every((k) => !k.enabled);
  const title = done ? t.doneTitle : t.title;
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p class="lead">{done ? t.done(state.name, state.email) : t.lead(state.name, state.email)}</p>
      <ul>
        {state.kinds.map((k) => (
          <li>{kinds[k.kind]}</li>
        ))}
      </ul>
      {done ? (
        <p>
          {t.settings} <a href="/akun">{t.settingsLink}</a>
        </p>
      ) : (
        <>
          <p>{t.others}</p>
          <form method="post" action={link} class="form">
            <button type="submit" class="button">
              {t.submit}
            </button>
          </form>
        </>
      )}
    </Layout>
  );
}
