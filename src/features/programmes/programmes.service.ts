import type { Actor } from '../../platform/actor';
import { AppError, invalidField, notFound } from '../../platform/errors';
import { checkNip, nipDigits } from '../../platform/nip';
import { canonicalZone, localTimeProblem, toStoredInstant, type Clock } from '../../platform/time';
import type { UnitOfWork } from '../../platform/unit-of-work';
import type { AuditService } from '../audit/audit.service';
import type { OutboxService } from '../outbox/outbox.service';
import type { ProgrammeRow, ProgrammesRepository } from './programmes.repository';
import type { ProgrammeCreateInput, ProgrammePatchInput } from './programmes.schemas';

/** The zone as calendars know it (WIB/WITA/WIT and aliases accepted), or 400 naming the field. */
function checkedZone(name: string): string {
  const zone = canonicalZone(name);
  if (!zone) throw invalidField('/body/timezone', `${name} is not a time zone calendars know; use WIB, WITA, WIT or an IANA name such as Asia/Makassar`);
  return zone;
}

/** The signatory's NIP as its 18 digits, or 400 saying which part is wrong. */
function checkedSignatoryNip(nip: string | null | undefined): string | null | undefined {
  if (nip === undefined || nip === null) return nip;
  const digits = nipDigits(nip);
  const check = checkNip(digits);
  if (!check.valid) throw invalidField('/body/signatoryNip', `NIP ${check.reason}`, { reason: 'NIP', nipPart: check.part, digits: check.digits });
  return digits;
}

function checkDeadlines(p: { draftDeadline: string | null; finalDeadline: string | null }) {
  if (p.draftDeadline && p.finalDeadline && p.finalDeadline < p.draftDeadline)
    throw invalidField('/body/finalDeadline', 'finalDeadline cannot be before draftDeadline', { reason: 'FINAL_BEFORE_DRAFT', draftDeadline: p.draftDeadline });
}

export type ProgrammesService = ReturnType<typeof createProgrammesService>;

export function createProgrammesService(deps: {
  repository: ProgrammesRepository;
  uow: UnitOfWork;
  clock: Clock;
  audit: AuditService;
  /** Where the programme's public feed is (null while it is off). */
  feedUrl: (programme: { id: number; publicCalendar: boolean }) => string | null;
  /** DEFAULT_TIMEZONE: the zone of a programme created without one. */
  defaultZone: string;
  /** Units whose calendar events a change of zone or organiser email moves are told (updated invitations). */
  outbox: Pick<OutboxService, 'record'>;
}) {
  const { repository, uow, clock, audit, feedUrl, defaultZone } = deps;

  /** Refuses a zone in which some stored local time of the programme would not exist or be ambiguous. */
  async function checkScheduleFits(programmeId: number, zone: string) {
    const problems = (await repository.scheduledTimes(programmeId)).flatMap(({ what, date, time }) => {
      const problem = localTimeProblem(date, time, zone);
      return problem ? [{ path: '/body/timezone', message: `${what}: ${date} ${time} ${problem === 'nonexistent' ? 'does not exist' : 'happens twice'} in ${zone}` }] : [];
    });
    if (problems.length > 0)
      throw new AppError(422, 'TIME_NOT_IN_ZONE', `${problems.length} scheduled time(s) would not exist or would be ambiguous in ${zone}; nothing was changed`, [
        ...new Map(problems.map((p) => [p.message, p])).values(),
      ]);
  }

  const view = (row: ProgrammeRow) => ({
    id: row.id,
    name: row.name,
    timezone: row.timezone,
    draftDeadline: row.draftDeadline,
    finalDeadline: row.finalDeadline,
    organiserEmail: row.organiserEmail,
    publicCalendar: row.publicCalendar,
    publicUnitNames: row.publicUnitNames,
    asistensiPartner: row.asistensiPartner,
    signatoryName: row.signatoryName,
    signatoryPosition: row.signatoryPosition,
    signatoryNip: row.signatoryNip,
    calendarUrl: feedUrl(row),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  });

  /** The programme, or 404: the one place that says whether it exists and what its zone is. */
  async function require(id: number): Promise<ProgrammeRow> {
    const row = await repository.byId(id);
    if (!row) throw notFound('programme', id);
    return row;
  }

  return {
    require,
    find: repository.byId,
    byName: repository.byName,

    async create(actor: Actor, input: ProgrammeCreateInput) {
      const values = {
        name: input.name,
        timezone: input.timezone === undefined ? defaultZone : checkedZone(input.timezone),
        draftDeadline: input.draftDeadline ?? null,
        finalDeadline: input.finalDeadline ?? null,
        organiserEmail: input.organiserEmail ?? null,
        publicCalendar: input.publicCalendar ?? true,
        publicUnitNames: input.publicUnitNames ?? false,
        asistensiPartner: input.asistensiPartner ?? null,
        signatoryName: input.signatoryName ?? null,
        signatoryPosition: input.signatoryPosition ?? null,
        signatoryNip: checkedSignatoryNip(input.signatoryNip) ?? null,
      };
      checkDeadlines(values);
      return await uow.write(async () => {
        const row = await repository.insert(values, toStoredInstant(clock.now()));
        await audit.record(actor, { action: 'programme.create', entity: 'programme', entityId: row.id, after: view(row) });
        return view(row);
      });
    },

    list: async () => (await repository.list()).map(view),

    get: async (id: number) => view(await require(id)),

    /**
     * Schedules are stored as local wall-clock times, so changing the zone keeps "09:00"
     * at 09:00 in the new zone (the database raises every affected event's SEQUENCE).
     */
    async update(actor: Actor, id: number, patch: ProgrammePatchInput) {
      const timezone = patch.timezone === undefined ? undefined : checkedZone(patch.timezone);
      const signatoryNip = checkedSignatoryNip(patch.signatoryNip);
      return await uow.write(async () => {
        const before = await require(id);
        const merged = { ...before, ...patch };
        checkDeadlines({ draftDeadline: merged.draftDeadline ?? null, finalDeadline: merged.finalDeadline ?? null });
        if (timezone !== undefined && timezone !== before.timezone) await checkScheduleFits(id, timezone);
        const after = await repository.update(id, { ...patch, ...(timezone ? { timezone } : {}), ...(signatoryNip === undefined ? {} : { signatoryNip }) }, toStoredInstant(clock.now()));
        await audit.record(actor, { action: 'programme.update', entity: 'programme', entityId: id, before: view(before), after: view(after) });
        if (after.timezone !== before.timezone)
          await deps.outbox.record({ facts: { kind: 'schedule_changed', change: { what: 'timezone', programmeId: id, from: before.timezone, to: after.timezone } }, to: { unitsAffectedBy: { programmeId: id } }, programmeId: id });
        else if (after.organiserEmail !== before.organiserEmail)
          await deps.outbox.record({ facts: { kind: 'schedule_changed', change: { what: 'organiser', programmeId: id, from: before.organiserEmail, to: after.organiserEmail } }, to: { unitsAffectedBy: { programmeId: id } }, programmeId: id });
        return view(after);
      });
    },
  };
}
