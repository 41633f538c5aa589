import { CopyField } from '../../../web/components/form';
import type { PageContext } from '../../../web/context';
import { Csrf, Layout } from '../../../web/layout';
import { when } from '../../shared/components.view';
import { calendarText } from './calendar.text';

/** A feed address just made: shown once. */
export interface IssuedFeed {
  url: string;
  webcalUrl: string;
  /** The QR code of the webcal address, as an SVG data URI. */
  qr: string;
}

/** The unit's calendar: when its address was last made, or the new address with the ways to subscribe. */
export function CalendarPage({ ctx, issuedAt, issued }: { ctx: PageContext; issuedAt: string | null; issued?: IssuedFeed }) {
  const t = calendarText[ctx.lang];
  return (
    <Layout ctx={ctx} title={t.title}>
      <h1>{t.title}</h1>
      <p class="lead">{t.lead}</p>
      {issued ? (
        <section aria-labelledby="address">
          <h2 id="address">{t.yourAddress}</h2>
          <p class="warning-text">{t.secret}</p>
          <p>
            <a class="button" href={issued.webcalUrl}>
              {t.subscribe}
            </a>
          </p>
          <CopyField ctx={ctx} name="feed-url" label={t.address} value={issued.url} />
          <img class="qr" src={issued.qr} alt={t.qr} width={192} height={192} />
          <h2>{t.howTitle}</h2>
          <ul>
            <li>{t.google}</li>
            <li>{t.outlook}</li>
            <li>{t.iphone}</li>
            <li>{t.androidGoogle}</li>
            <li>{t.androidIcsx}</li>
          </ul>
        </section>
      ) : (
        <>
          {issuedAt && <p>{t.issuedAt(when(ctx, issuedAt, ctx.defaultZone))}</p>}
          <form method="post" action="/unit/kalender" class="form">
            <Csrf ctx={ctx} />
            {issuedAt && <p class="field__hint">{t.rotateHint}</p>}
            <button type="submit" class="button">
              {issuedAt ? t.rotate : t.create}
            </button>
          </form>
        </>
      )}
    </Layout>
  );
}
