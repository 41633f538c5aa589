import { derivedTriggers, type Trigger } from '../platform/triggers';
import { bookingTriggers } from './bookings/bookings.tables';
import { DATA_SCOPES, EVENT_SEQUENCES } from './derived-data';
import { participantTriggers } from './participants/participants.tables';
import { periodTriggers } from './periods/periods.tables';
import { requestTriggers } from './requests/requests.tables';
import { workshopTriggers } from './workshops/workshops.tables';

/**
 * Every trigger of the schema: the invariants each feature declares beside its tables, then
 * the data versions and event sequences generated from src/features/derived-data.ts.
 * `npm run db:triggers` writes them into migrations/repeatable/triggers.sql, and for PostgreSQL
 * into migrations/pg/repeatable/triggers.sql; a test fails while a file and the declarations disagree.
 */
export const TRIGGERS: readonly Trigger[] = [
  ...workshopTriggers,
  ...participantTriggers,
  ...periodTriggers,
  ...bookingTriggers,
  ...requestTriggers,
  ...derivedTriggers(DATA_SCOPES, EVENT_SEQUENCES),
];
