import type { Config } from '../config';
import type { Container } from '../container';
import type { Api } from '../http/api';
import { registerWeb } from '../web/web';
import { accountPages, homeOf } from './account.pages';

/** Every page, on the same services as the API. */
export async function registerPages(app: Api, services: Container, config: Config) {
  const { accounts, units } = services;
  return registerWeb(
    app,
    {
      session: (token, requestId) => accounts.session(token, requestId),
      languageChosen: (person, lang) => accounts.setLanguage(person.user.id, lang),
      organisation: config.organisationName,
      defaultZone: config.defaultTimezone,
      secureCookies: config.publicBaseUrl.startsWith('https:'),
      sessionMaxHours: config.sessionMaxHours,
    },
    (pages, cookies) => {
      pages.get('/', async (request, reply) => {
        const person = request.page.signedIn;
        return reply.redirect(person ? homeOf(person.user.role) : '/masuk', 303);
      });
      accountPages(pages, { accounts, sessions: cookies, unitName: (id) => units.get(id).name });
    },
  );
}
