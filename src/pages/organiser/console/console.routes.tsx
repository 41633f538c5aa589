import type { Container } from '../../../container';
import type { Api } from '../../../http/api';
import { signedIn } from '../../../web/web';
import { ConsoleHome } from './console.view';

type Services = Pick<Container, 'programmes' | 'outbox' | 'backups' | 'progress' | 'administration'>;

/** The console's home: the programmes, and what needs the organiser (failed notices, backups). */
export function consolePages(web: Api, services: Services) {
  const { programmes, outbox, backups, progress, administration } = services;
  const guard = { onRequest: signedIn('organiser') };

  web.get('/organisasi', guard, async (request, reply) =>
    reply.sendPage(<ConsoleHome ctx={request.page} programmes={await programmes.list()} failedDeliveries={(await outbox.counts()).failed ?? 0} backups={{ ...backups.standing(), byCron: backups.byCron }} governmentsBelow={await progress.countGovernmentsBelow()} administers={administration.available} />),
  );
}
