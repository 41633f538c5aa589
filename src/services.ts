import type { Db } from './db/client';
import type { Clock } from './lib/time';
import { createBookingsService } from './modules/asistensi/bookings.service';
import { createPeriodsService } from './modules/asistensi/periods.service';
import { createAuditService } from './modules/audit/audit.service';
import { createBatchesService } from './modules/batches/batches.service';
import { createDraftsService } from './modules/drafts/drafts.service';
import { createEnrolmentsService } from './modules/enrolments/enrolments.service';
import { createKeysService } from './modules/keys/keys.service';
import { createParticipantsService } from './modules/participants/participants.service';
import { createProgrammesService } from './modules/programmes/programmes.service';
import { createProgressService } from './modules/progress/progress.service';
import { createUnitsService } from './modules/units/units.service';

/** Every service, built once per app (or script) over one database and one clock. */
export function createServices({ db, clock }: { db: Db; clock: Clock }) {
  const audit = createAuditService({ db, clock });
  const deps = { db, clock, audit };
  const periods = createPeriodsService(deps);
  return {
    audit,
    keys: createKeysService(deps),
    units: createUnitsService(deps),
    participants: createParticipantsService(deps),
    programmes: createProgrammesService(deps),
    batches: createBatchesService(deps),
    enrolments: createEnrolmentsService(deps),
    drafts: createDraftsService(deps),
    periods,
    bookings: createBookingsService({ ...deps, periods }),
    progress: createProgressService(deps),
  };
}

export type Services = ReturnType<typeof createServices>;
