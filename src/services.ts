import type { Db } from './db/client';
import type { Clock } from './lib/time';
import { createBookingsService } from './modules/asistensi/bookings.service';
import { createPeriodsService } from './modules/asistensi/periods.service';
import { createAuditService } from './modules/audit/audit.service';
import { createBatchesService } from './modules/batches/batches.service';
import { createCalendarsService } from './modules/calendars/calendars.service';
import { createDraftsService } from './modules/drafts/drafts.service';
import { createEnrolmentsService } from './modules/enrolments/enrolments.service';
import { createKeysService } from './modules/keys/keys.service';
import { createParticipantsService } from './modules/participants/participants.service';
import { createProgrammesService } from './modules/programmes/programmes.service';
import { createProgressService } from './modules/progress/progress.service';
import { createUnitsService } from './modules/units/units.service';

/** Every service, built once per app (or script) over one database and one clock. */
/** `baseUrl`: PUBLIC_BASE_URL, for feed addresses and calendar UIDs. */
export function createServices({ db, clock, baseUrl }: { db: Db; clock: Clock; baseUrl: string }) {
  const audit = createAuditService({ db, clock });
  const deps = { db, clock, audit };
  const periods = createPeriodsService(deps);
  const calendars = createCalendarsService({ ...deps, baseUrl });
  return {
    audit,
    keys: createKeysService(deps),
    units: createUnitsService(deps),
    participants: createParticipantsService(deps),
    programmes: createProgrammesService({ ...deps, calendars }),
    batches: createBatchesService({ ...deps, calendars }),
    enrolments: createEnrolmentsService(deps),
    drafts: createDraftsService(deps),
    periods,
    bookings: createBookingsService({ ...deps, periods }),
    progress: createProgressService(deps),
    calendars,
  };
}

export type Services = ReturnType<typeof createServices>;
