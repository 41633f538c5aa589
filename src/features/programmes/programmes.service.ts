import type { Actor } from '../../platform/actor';
import { invalidField, notFound } from '../../platform/errors';
import { isValidZone, toStoredInstant, type Clock } from '../../platform/time';
import type { UnitOfWork } from '../../platform/unit-of-work';
import type { AuditService } from '../audit/audit.service';
import type { ProgrammeRow, ProgrammesRepository } from './programmes.repository';
import type { ProgrammeCreateInput, ProgrammePatchInput } from './programmes.schemas';

export const DEFAULT_TIMEZONE = 'Asia/Makassar';

function checkProgramme(p: { timezone: string; draftDeadline: string | null; finalDeadline: string | null }) {
  if (!isValidZone(p.timezone)) throw invalidField('/body/timezone', `${p.timezone} is not an IANA time zone`);
  if (p.draftDeadline && p.finalDeadline && p.finalDeadline < p.draftDeadline)
    throw invalidField('/body/finalDeadline', 'finalDeadline cannot be before draftDeadline');
}

export type ProgrammesService = ReturnType<typeof createProgrammesService>;

export function createProgrammesService(deps: {
  repository: ProgrammesRepository;
  uow: UnitOfWork;
  clock: Clock;
  audit: AuditService;
  /** Where the programme's public feed is (null while it is off). */
  feedUrl: (programme: { id: number; publicCalendar: boolean }) => string | null;
}) {
  const { repository, uow, clock, audit, feedUrl } = deps;

  const view = (row: ProgrammeRow) => ({
    id: row.id,
    name: row.name,
    timezone: row.timezone,
    draftDeadline: row.draftDeadline,
    finalDeadline: row.finalDeadline,
    organiserEmail: row.organiserEmail,
    publicCalendar: row.publicCalendar,
    calendarUrl: feedUrl(row),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  });

  /** The programme, or 404: the one place that says whether it exists and what its zone is. */
  function require(id: number): ProgrammeRow {
    const row = repository.byId(id);
    if (!row) throw notFound('programme', id);
    return row;
  }

  return {
    require,
    find: repository.byId,
    byName: repository.byName,

    create(actor: Actor, input: ProgrammeCreateInput) {
      const values = {
        name: input.name,
        timezone: input.timezone ?? DEFAULT_TIMEZONE,
        draftDeadline: input.draftDeadline ?? null,
        finalDeadline: input.finalDeadline ?? null,
        organiserEmail: input.organiserEmail ?? null,
        publicCalendar: input.publicCalendar ?? true,
      };
      checkProgramme(values);
      return uow.write(() => {
        const row = repository.insert(values, toStoredInstant(clock.now()));
        audit.record(actor, { action: 'programme.create', entity: 'programme', entityId: row.id, after: view(row) });
        return view(row);
      });
    },

    list: () => repository.list().map(view),

    get: (id: number) => view(require(id)),

    /**
     * Schedules are stored as local wall-clock times, so changing the zone keeps "09:00"
     * at 09:00 in the new zone (the database raises every affected event's SEQUENCE).
     */
    update(actor: Actor, id: number, patch: ProgrammePatchInput) {
      return uow.write(() => {
        const before = require(id);
        const merged = { ...before, ...patch };
        checkProgramme({ timezone: merged.timezone, draftDeadline: merged.draftDeadline ?? null, finalDeadline: merged.finalDeadline ?? null });
        const after = repository.update(id, patch, toStoredInstant(clock.now()));
        audit.record(actor, { action: 'programme.update', entity: 'programme', entityId: id, before: view(before), after: view(after) });
        return view(after);
      });
    },
  };
}
