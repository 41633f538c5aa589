import QRCode from 'qrcode';
import type { FastifyRequest } from 'fastify';
import type { Container } from '../../container';
import type { Api } from '../../http/api';
import type { PageContext } from '../../web/context';
import { Csrf, Layout } from '../../web/layout';
import { signedIn } from '../../web/web';
import { when } from '../shared/components.view';
import { operatorOf } from '../shared/page-helpers';

type Services = Pick<Container, 'units' | 'calendars'>;

interface Issued {
  url: string;
  webcalUrl: string;
  /** The QR code of the webcal address, as an SVG data URI. */
  qr: string;
}

function CalendarPage({ ctx, issuedAt, issued }: { ctx: PageContext; issuedAt: string | null; issued?: Issued }) {
  const t = ctx.t.calendar;
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
          <div class="field">
            <label class="field__label" for="feed-url">
              {t.address}
            </label>
            <div class="copy-field">
              <input class="input" id="feed-url" type="text" readOnly value={issued.url} />
              <button type="button" class="button button--secondary" data-copy="feed-url" data-copied={ctx.t.common.copied} hidden>
                {ctx.t.common.copy}
              </button>
            </div>
          </div>
          <img class="qr" src={issued.qr} alt={t.qr} width={192} height={192} />
          <h2>{t.howTitle}</h2>
          <ul>
            <li>{t.google}</li>
            <li>{t.outlook}</li>
            <li>{t.iphone}</li>
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

export function calendarPages(web: Api, { units, calendars }: Services) {
  const guard = { onRequest: signedIn('unit') };
  const issuedAt = (request: FastifyRequest) => units.get(operatorOf(request).unitId).calendarTokenIssuedAt;

  web.get('/unit/kalender', guard, async (request, reply) => reply.sendPage(<CalendarPage ctx={request.page} issuedAt={issuedAt(request)} />));

  // The address is a secret shown once, in the answer to this POST (stored only hashed).
  web.post('/unit/kalender', guard, async (request, reply) => {
    const { actor, unitId } = operatorOf(request);
    const { url, webcalUrl } = calendars.issueToken(actor, unitId);
    const svg = await QRCode.toString(webcalUrl, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
    const qr = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
    return reply.sendPage(<CalendarPage ctx={request.page} issuedAt={issuedAt(request)} issued={{ url, webcalUrl, qr }} />);
  });
}
