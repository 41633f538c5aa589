import type { Config } from '../config';
import type { Container } from '../container';
import type { Api } from '../http/api';
import { registerWeb } from '../web/web';
import { accountPages } from './account/account.routes';
import { downloadPages } from './downloads/downloads.routes';
import { consolePages } from './organiser/console/console.routes';
import { keyPages } from './organiser/keys/keys.routes';
import { logPages } from './organiser/log/log.routes';
import { userPages } from './organiser/users/users.routes';
import { draftInboxPages } from './organiser/drafts/drafts.routes';
import { signInPages } from './sign-in/sign-in.routes';
import { asistensiConsolePages } from './organiser/asistensi/asistensi.routes';
import { asistensiDeskPages } from './organiser/asistensi/desk.routes';
import { batchPages } from './organiser/batches/batches.routes';
import { enrolmentActionPages } from './organiser/enrolments/enrolments.routes';
import { peoplePages } from './organiser/people/people.routes';
import { distributionPages } from './organiser/distribution/distribution.routes';
import { noticePages } from './organiser/notices/notices.routes';
import { programmePages } from './organiser/programmes/programmes.routes';
import { progressPages } from './organiser/progress/progress.routes';
import { governmentPages } from './organiser/governments/governments.routes';
import { partnerPages } from './organiser/partners/partners.routes';
import { registryPages } from './organiser/registry/registry.routes';
import { unitPages } from './organiser/units/units.routes';
import { unitPage } from './organiser/units/unit.routes';
import { publicPages } from './public/public.routes';
import { unsubscribePages } from './unsubscribe/unsubscribe.routes';
import { asistensiPages } from './unit/asistensi/asistensi.routes';
import { calendarPages } from './unit/calendar/calendar.routes';
import { draftPages } from './unit/drafts/drafts.routes';
import { enrolmentPages } from './unit/enrolment/enrolment.routes';
import { unitHomePages } from './unit/home/home.routes';
import { officialPages } from './unit/officials/officials.routes';

/** Every page, on the same services as the API (no rule is written twice). */
export async function registerPages(app: Api, services: Container, config: Config) {
  const { users, sessions, units, outbox, settings } = services;
  return registerWeb(
    app,
    {
      session: async (token, requestId) => await sessions.session(token, requestId),
      languageChosen: async (person, lang) => await users.setLanguage(person.user.id, lang),
      // The current tenant's.
      organisation: () => settings.organisationName,
      defaultZone: () => settings.defaultTimezone,
      secureCookies: config.publicBaseUrl.startsWith('https:'),
      sessionMaxHours: config.sessionMaxHours,
      publicHost: new URL(config.publicBaseUrl).host,
    },
    (pages, cookies) => {
      // Everyone: the public pages, signing in and out, one's own account.
      publicPages(pages, services);
      signInPages(pages, { accounts: sessions, cookies });
      accountPages(pages, { accounts: sessions, cookies, unitName: async (id) => (await units.get(id)).name, notices: outbox });
      unsubscribePages(pages, services);
      // A unit's operator (unit/).
      unitHomePages(pages, services);
      officialPages(pages, services);
      enrolmentPages(pages, services);
      draftPages(pages, services);
      asistensiPages(pages, services);
      calendarPages(pages, services);
      // The organiser (organiser/).
      consolePages(pages, services);
      unitPages(pages, services);
      unitPage(pages, services);
      userPages(pages, services);
      programmePages(pages, services);
      batchPages(pages, services);
      enrolmentActionPages(pages, services);
      peoplePages(pages, services);
      distributionPages(pages, services);
      draftInboxPages(pages, services);
      asistensiConsolePages(pages, services);
      asistensiDeskPages(pages, services);
      progressPages(pages, services);
      governmentPages(pages, services);
      partnerPages(pages, services);
      registryPages(pages, services);
      keyPages(pages, services);
      logPages(pages, services);
      noticePages(pages, services, { smtpConfigured: config.smtpUrl !== null });
      // Printouts and spreadsheets for both.
      downloadPages(pages, services);
    },
  );
}
