import type { PageContext } from '../../../web/context';
import { Layout } from '../../../web/layout';
import { MakeFeedAddress, NewFeedAddress, type IssuedFeed } from '../../shared/feed-address.view';
import { calendarText } from './calendar.text';

/** The unit's calendar: when its address was last made, or the new address with the ways to subscribe. */
export function CalendarPage({ ctx, issuedAt, issued }: { ctx: PageContext; issuedAt: string | null; issued?: IssuedFeed }) {
  const t = calendarText[ctx.lang];
  return (
    <Layout ctx={ctx} title={t.title}>
      <h1>{t.title}</h1>
      <p class="lead">{t.lead}</p>
      {issued ? (
        <NewFeedAddress ctx={ctx} issued={issued} title={t.yourAddress} secret={t.secret} />
      ) : (
        <MakeFeedAddress ctx={ctx} action="/unit/kalender" issuedAt={issuedAt} rotateHint={t.rotateHint} />
      )}
    </Layout>
  );
}
