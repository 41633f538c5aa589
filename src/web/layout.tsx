import { VERSION } from '../platform/version';
import type { ComponentChildren } from 'preact';
import { assetPath } from './assets';
import { renderToString } from 'preact-render-to-string';
import { FieldLabelsContext, type FieldLabels, type FormProblem } from './components/form';
import type { PageContext } from './context';


/** The frame of every page: skip link, header with the menu and language switch, main, footer. */
export function Layout(props: { ctx: PageContext; title: string; children: ComponentChildren; notice?: string; problem?: FormProblem }) {
  const { ctx, title } = props;
  const { t, signedIn } = ctx;
  const other = ctx.lang === 'id' ? 'en' : 'id';
  return (
    <html lang={ctx.lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · ${t.common.appName}`}</title>
        <link rel="stylesheet" href={assetPath('app.css')} />
        <script type="module" src={assetPath('app.js')} />
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t.common.skipToContent}
        </a>
        <header class="site-header">
          <div class="site-header__inner">
            <a class="site-header__brand" href="/">
              <span class="site-header__app">{t.common.appName}</span>
              <span class="site-header__org">{ctx.organisation}</span>
            </a>
            {signedIn ? (
              // A form for signed-in people: the choice is also kept on their account (for their emails).
              <form method="post" action={`/bahasa/${other}`} class="inline-form">
                <Csrf ctx={ctx} />
                <input type="hidden" name="kembali" value={ctx.path} />
                <button type="submit" class="link-button site-header__language" lang={other}>
                  {t.common.otherLanguage}
                </button>
              </form>
            ) : (
              <a class="site-header__language" href={`/bahasa/${other}?kembali=${encodeURIComponent(ctx.path)}`} hreflang={other} lang={other}>
                {t.common.otherLanguage}
              </a>
            )}
          </div>
          {signedIn && <Navigation ctx={ctx} />}
        </header>
        <main id="main" class="main" tabIndex={-1}>
          {props.notice && <Notice>{props.notice}</Notice>}
          {props.problem && <ErrorSummary ctx={ctx} problem={props.problem} labels={labelsOf(props.problem, props.children)} />}
          {props.children}
        </main>
        <footer class="site-footer">
          <p>
            {t.common.footer} {t.common.version(VERSION)}
          </p>
        </footer>
      </body>
    </html>
  );
}

function Navigation({ ctx }: { ctx: PageContext }) {
  const { t, signedIn } = ctx;
  const links =
    signedIn?.user.role === 'unit'
      ? [
          ['/unit', t.nav.portal],
          ['/unit/pejabat', t.nav.officials],
          ['/unit/kalender', t.nav.calendar],
        ]
      : [
          ['/organisasi', t.nav.console],
          ['/organisasi/unit', t.nav.units],
          ['/organisasi/pengguna', t.nav.users],
        ];
  const current = ctx.path.split('?')[0]!;
  return (
    <nav class="site-nav" aria-label={t.common.mainNav}>
      <ul class="site-nav__list">
        {links.map(([href, label]) => (
          <li>
            <a href={href} aria-current={current === href ? 'page' : undefined}>
              {label}
            </a>
          </li>
        ))}
        <li>
          <a href="/akun" aria-current={current === '/akun' ? 'page' : undefined}>
            {t.common.account}
          </a>
        </li>
        <li>
          <form method="post" action="/keluar" class="inline-form">
            <Csrf ctx={ctx} />
            <button type="submit" class="link-button">
              {t.common.signOut}
            </button>
          </form>
        </li>
      </ul>
      <p class="site-nav__who">{t.common.signedInAs(signedIn!.user.name)}</p>
    </nav>
  );
}

export const Csrf = ({ ctx }: { ctx: PageContext }) => <input type="hidden" name="_csrf" value={ctx.csrf} />;

export const Notice = ({ children }: { children: ComponentChildren }) => (
  <div class="notice" role="status">
    {children}
  </div>
);

/** GOV.UK's pattern: what went wrong at the top, each item a link to its field. */
/**
 * The label of each field of a refused form, learnt by rendering the page's content once
 * (its controls say their labels as they render): only pages that show a problem pay for it.
 */
function labelsOf(problem: FormProblem, children: ComponentChildren): FieldLabels {
  const labels: FieldLabels = new Map();
  if (Object.keys(problem.fields).length > 0) renderToString(<FieldLabelsContext.Provider value={labels}>{children}</FieldLabelsContext.Provider>);
  return labels;
}

/**
 * The problems of a form at its top (GOV.UK): each field's message as a link to the field,
 * starting with the field's label; the form's sentence above them unless a field repeats it.
 */
export function ErrorSummary({ ctx, problem, labels }: { ctx: PageContext; problem: FormProblem; labels?: FieldLabels }) {
  // A field the page does not show (no label) that repeats the sentence is said once, as the sentence.
  const entries = Object.entries(problem.fields).filter(([field, message]) => labels?.has(field) || message !== problem.summary);
  const repeated = entries.some(([, message]) => message === problem.summary);
  return (
    <div class="error-summary" role="alert" tabIndex={-1} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title" class="error-summary__title">
        {ctx.t.common.errorSummaryTitle}
      </h2>
      {problem.summary && !repeated && <p>{problem.summary}</p>}
      {entries.length > 0 && (
        <ul>
          {entries.map(([field, message]) => {
            const named = labels?.get(field);
            return (
              <li>
                <a href={`#${named?.id ?? field}`}>{named ? `${named.label}: ${message}` : message}</a>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

/** A one-button form: every action is a POST that works without JavaScript. */
export function ActionButton(props: { ctx: PageContext; action: string; label: string; fields?: Record<string, string | number>; variant?: 'secondary' | 'warning'; ariaLabel?: string }) {
  return (
    <form method="post" action={props.action} class="inline-form">
      <Csrf ctx={props.ctx} />
      {Object.entries(props.fields ?? {}).map(([name, value]) => (
        <input type="hidden" name={name} value={String(value)} />
      ))}
      <button type="submit" class={props.variant ? `button button--${props.variant}` : 'button'} aria-label={props.ariaLabel}>
        {props.label}
      </button>
    </form>
  );
}

export const BackLink = ({ href, label }: { href: string; label: string }) => (
  <a class="back-link" href={href}>
    {label}
  </a>
);
