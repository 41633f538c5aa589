import QRCode from 'qrcode';
import { CopyField } from '../../web/components/form';
import type { PageContext } from '../../web/context';
import { Csrf } from '../../web/layout';
import { when } from './components.view';
import { feedAddressText } from './feed-address.text';

/** A private feed address just made: shown once. */
export interface IssuedFeed {
  url: string;
  webcalUrl: string;
  /** The QR code of the webcal address, as an SVG data URI. */
  qr: string;
}

/** A feed address with the QR code of its webcal form. */
export async function issuedFeed({ url, webcalUrl }: { url: string; webcalUrl: string }): Promise<IssuedFeed> {
  const svg = await QRCode.toString(webcalUrl, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
  return { url, webcalUrl, qr: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
}

/** The button that makes a feed address, or a new one in place of the one made `issuedAt` (shown only when made). */
export function MakeFeedAddress({ ctx, action, issuedAt, rotateHint }: { ctx: PageContext; action: string; issuedAt: string | null; rotateHint: string }) {
  const t = feedAddressText[ctx.lang];
  return (
    <form method="post" action={action} class="form">
      <Csrf ctx={ctx} />
      {issuedAt && <p>{t.issuedAt(when(ctx, issuedAt, ctx.defaultZone))}</p>}
      {issuedAt && <p class="field__hint">{rotateHint}</p>}
      <button type="submit" class="button">
        {issuedAt ? t.rotate : t.create}
      </button>
    </form>
  );
}

/** A new private feed address, shown once: who may see it, and the ways to subscribe. */
export function NewFeedAddress({ ctx, issued, title, secret }: { ctx: PageContext; issued: IssuedFeed; title: string; secret: string }) {
  const t = feedAddressText[ctx.lang];
  return (
    <section aria-labelledby="address">
      <h2 id="address">{title}</h2>
      <p class="warning-text">{secret}</p>
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
  );
}
