import type { Container } from '../../container';
import type { Api } from '../../http/api';
import { UnsubscribePage } from './unsubscribe.view';

/**
 * The page an email's one-click unsubscribe link opens (GET): whose emails and which kinds it
 * stops, and a button. The POST to the same address is the outbox's public route (a mail
 * program posts it with no form token), which switches the kinds off and comes back here.
 */
export function unsubscribePages(web: Api, { outbox }: Pick<Container, 'outbox'>) {
  web.get('/berhenti-email/:token', async (request, reply) => {
    const { token } = request.params as { token: string };
    // An unknown or forged link is "not found", as the outbox answers it.
    const state = await outbox.unsubscribeState(token);
    reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
    return reply.sendPage(<UnsubscribePage ctx={request.page} link={`/berhenti-email/${encodeURIComponent(token)}`} state={state} />);
  });
}
