import type { Config } from '../config';
import type { Container } from '../container';
import type { Api } from '../http/api';
import { registerWeb } from '../web/web';
import { accountPages } from './account';
import { downloadPages } from './downloads';
import { consolePages } from './organiser/console';
import { accessPages } from './organiser/access';
import { asistensiConsolePages } from './organiser/asistensi';
import { batchPages } from './organiser/batches';
import { distributionPages } from './organiser/distribution';
import { noticePages } from './organiser/notices';
import { programmePages } from './organiser/programmes';
import { progressPages } from './organiser/progress';
import { unitPages } from './organiser/units';
import { publicPages } from './public';
import { asistensiPages } from './unit/asistensi';
import { calendarPages } from './unit/calendar';
import { draftPages } from './unit/drafts';
import { enrolmentPages } from './unit/enrolment';
import { unitHomePages } from './unit/home';
import { officialPages } from './unit/officials';

/** Every page, on the same services as the API (no rule is written twice). */
export async function registerPages(app: Api, services: Container, config: Config) {
  const { users, sessions, units, outbox } = services;
  return registerWeb(
    app,
    {
      session: (token, requestId) => sessions.session(token, requestId),
      languageChosen: (person, lang) => users.setLanguage(person.user.id, lang),
      organisation: config.organisationName,
      defaultZone: config.defaultTimezone,
      secureCookies: config.publicBaseUrl.startsWith('https:'),
      sessionMaxHours: config.sessionMaxHours,
      publicHost: new URL(config.publicBaseUrl).host,
    },
    (pages, cookies) => {
      publicPages(pages, services);
      accountPages(pages, { accounts: sessions, cookies, unitName: (id) => units.get(id).name, notices: outbox });
      unitHomePages(pages, services);
      officialPages(pages, services);
      enrolmentPages(pages, services);
      draftPages(pages, services);
      asistensiPages(pages, services);
      calendarPages(pages, services);
      consolePages(pages, services);
      unitPages(pages, services);
      downloadPages(pages, services);
      programmePages(pages, services);
      batchPages(pages, services);
      distributionPages(pages, services);
      asistensiConsolePages(pages, services);
      progressPages(pages, services);
      accessPages(pages, services);
      noticePages(pages, services, { smtpConfigured: config.smtpUrl !== null });
    },
  );
}
