import type { Db } from './db/client';
import type { Clock } from './lib/time';
import { createAuditService } from './modules/audit/audit.service';
import { createBatchesService } from './modules/batches/batches.service';
import { createEnrolmentsService } from './modules/enrolments/enrolments.service';
import { createKeysService } from './modules/keys/keys.service';
import { createParticipantsService } from './modules/participants/participants.service';
import { createProgrammesService } from './modules/programmes/programmes.service';
import { createUnitsService } from './modules/units/units.service';

/** Every service, built once per app (or script) over one database and one clock. */
export function createServices({ db, clock }: { db: Db; clock: Clock }) {
  const audit = createAuditService({ db, clock });
  const deps = { db, clock, audit };
  return {
    audit,
    keys: createKeysService(deps),
    units: createUnitsService(deps),
    participants: createParticipantsService(deps),
    programmes: createProgrammesService(deps),
    batches: createBatchesService(deps),
    enrolments: createEnrolmentsService(deps),
  };
}

export type Services = ReturnType<typeof createServices>;
