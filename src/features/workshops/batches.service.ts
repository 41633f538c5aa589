import type { Actor } from '../../platform/actor';
import { CACHED_VIEWS } from '../derived-data';
import type { VersionReader } from '../../platform/data-versions';
import { VersionedCache } from '../../platform/data-versions';
import { AppError, conflict, invalidField, notFound } from '../../platform/errors';
import { localToOffsetIso, toStoredInstant, type Clock } from '../../platform/time';
import type { UnitOfWork } from '../../platform/unit-of-work';
import type { AuditService } from '../audit/audit.service';
import type { OutboxService } from '../outbox/outbox.service';
import type { HolidaysService } from '../holidays/holidays.service';
import type { ProgrammesService } from '../programmes/programmes.service';
import { fillFromWaitlist } from './waitlist';
import type { BatchRow, DayRow, SeatCount, WorkshopsRepository } from './workshops.repository';
import { daysProblem, sortedDays } from './workshops.rules';
import type { BatchCreateInput, BatchDayInput, BatchPatchInput, BatchView } from './workshops.schemas';

function checkLimits(capacity: number, unitQuota: number) {
  if (unitQuota > capacity) throw invalidField('/body/unitQuota', 'unitQuota cannot exceed capacity');
}

const REASONS = { weekend: 'a weekend', holiday: 'a national holiday', cuti_bersama: 'cuti bersama' } as const;

const sameDays = (a: readonly BatchDayInput[], b: readonly BatchDayInput[]) =>
  a.length === b.length && a.every((d, i) => d.date === b[i]!.date && d.start === b[i]!.start && d.end === b[i]!.end);

export type BatchesService = ReturnType<typeof createBatchesService>;

export function createBatchesService(deps: {
  repository: WorkshopsRepository;
  uow: UnitOfWork;
  clock: Clock;
  audit: AuditService;
  outbox: Pick<OutboxService, 'record'>;
  programmes: Pick<ProgrammesService, 'require'>;
  holidays: Pick<HolidaysService, 'nonWorkingDays'>;
  versions: VersionReader;
  /** Bytes the cached batch listings may hold. */
  cacheBytes: number;
  feedUrl: (batchId: number) => string;
}) {
  const { repository, uow, clock, audit, programmes, holidays, versions, feedUrl } = deps;

  /**
   * The days sorted, or 422: a date twice, an end before its start, a time that does not
   * exist in the zone, or (unless the organiser says so) a day offices are closed.
   */
  async function checkDays(days: readonly BatchDayInput[], zone: string, allowNonWorkingDays: boolean | undefined): Promise<BatchDayInput[]> {
    const problem = daysProblem(days, zone);
    if (problem) throw invalidField(problem.path, problem.message);
    const closed = allowNonWorkingDays ? [] : await holidays.nonWorkingDays(days.map((d) => d.date));
    if (closed.length > 0) {
      const errors = closed.map((c) => ({
        path: `/body/days/${days.findIndex((d) => d.date === c.date)}/date`,
        message: `${c.date} is ${REASONS[c.reason]} (${c.name}); send allowNonWorkingDays: true to keep it`,
      }));
      throw new AppError(422, 'NOT_A_WORKING_DAY', `Offices are closed on ${closed.map((c) => `${c.date} (${c.name})`).join(', ')}`, errors);
    }
    return sortedDays(days);
  }
  // A programme's listing is rebuilt only when its batches, days or seats changed.
  const listings = new VersionedCache<BatchView[]>(deps.cacheBytes, (views) => 600 * views.length + 200 * views.reduce((n, v) => n + v.days.length, 0));

  function toViews(rows: BatchRow[], programme: { timezone: string; publicCalendar: boolean }, days: DayRow[], counts: SeatCount[]): BatchView[] {
    const zone = programme.timezone;
    const daysByBatch = new Map<number, DayRow[]>();
    for (const day of days) daysByBatch.set(day.batchId, [...(daysByBatch.get(day.batchId) ?? []), day]);
    const countOf = new Map(counts.map((c) => [c.batchId, c]));
    return rows.map((row) => {
      const confirmed = countOf.get(row.id)?.confirmed ?? 0;
      return {
        id: row.id,
        programmeId: row.programmeId,
        name: row.name,
        venue: row.venue,
        capacity: row.capacity,
        unitQuota: row.unitQuota,
        eligibleUnitKinds: row.eligibleUnitKinds ?? null,
        days: (daysByBatch.get(row.id) ?? []).map((d) => ({
          date: d.date,
          start: d.start,
          end: d.end,
          startsAt: localToOffsetIso(d.date, d.start, zone),
          endsAt: localToOffsetIso(d.date, d.end, zone),
        })),
        confirmedCount: confirmed,
        waitlistCount: countOf.get(row.id)?.waitlisted ?? 0,
        seatsLeft: Math.max(0, row.capacity - confirmed),
        calendarUrl: programme.publicCalendar ? feedUrl(row.id) : null,
        createdAt: row.createdAt,
        updatedAt: row.updatedAt,
      };
    });
  }

  const view = async (row: BatchRow) =>
    toViews([row], await programmes.require(row.programmeId), await repository.daysOfBatch(row.id), await repository.countsOfBatch(row.id))[0]!;

  async function require(id: number): Promise<BatchRow> {
    const row = await repository.batch(id);
    if (!row) throw notFound('batch', id);
    return row;
  }

  return {
    require,

    async create(actor: Actor, programmeId: number, input: BatchCreateInput) {
      const capacity = input.capacity ?? 50;
      const unitQuota = input.unitQuota ?? Math.min(3, capacity);
      checkLimits(capacity, unitQuota);
      return await uow.write(async () => {
        const days = await checkDays(input.days, (await programmes.require(programmeId)).timezone, input.allowNonWorkingDays);
        const row = await repository.insertBatch(
          { programmeId, name: input.name, venue: input.venue ?? null, capacity, unitQuota, eligibleUnitKinds: input.eligibleUnitKinds ?? null },
          toStoredInstant(clock.now()),
        );
        await repository.replaceDays(row.id, days);
        const created = await view(row);
        await audit.record(actor, { action: 'batch.create', entity: 'batch', entityId: row.id, after: created });
        return created;
      });
    },

    async listForProgramme(programmeId: number) {
      // Programmes are never deleted: a listing cached under the programme's current versions
      // proves it exists, so only a rebuild reads (or misses) it.
      return await listings.get(String(programmeId), await versions.signatureOf(CACHED_VIEWS.batchListing(programmeId)), async () => {
        const programme = await programmes.require(programmeId);
        return toViews(await repository.batchesOfProgramme(programmeId), programme, await repository.daysOfProgramme(programmeId), await repository.countsOfProgramme(programmeId));
      });
    },

    get: async (id: number) => await view(await require(id)),

    async update(actor: Actor, id: number, patch: BatchPatchInput) {
      return await uow.write(async () => {
        const beforeRow = await require(id);
        const before = await view(beforeRow);
        checkLimits(patch.capacity ?? beforeRow.capacity, patch.unitQuota ?? beforeRow.unitQuota);
        const { days, allowNonWorkingDays, ...fields } = patch;
        const newDays = days && await checkDays(days, (await programmes.require(beforeRow.programmeId)).timezone, allowNonWorkingDays);
        const now = toStoredInstant(clock.now());
        const row = await repository.updateBatch(id, fields, now);
        if (newDays && !sameDays(newDays, before.days)) await repository.replaceDays(id, newDays);
        const slotsOf = (list: readonly BatchDayInput[]) => list.map(({ date, start, end }) => ({ date, start, end }));
        if ((newDays && !sameDays(newDays, before.days)) || row.venue !== beforeRow.venue)
          await deps.outbox.record({ facts: { kind: 'schedule_changed', change: { what: 'batch', batchId: id, batch: row.name, before: slotsOf(before.days), after: slotsOf(newDays ?? before.days), venue: { from: beforeRow.venue, to: row.venue } } }, to: { unitsAffectedBy: { batchId: id } }, programmeId: row.programmeId });
        // More seats or a higher quota: waitlisted people move up now, not at the next cancellation.
        await fillFromWaitlist({ repository, audit, outbox: deps.outbox }, actor, row, now);
        const after = await view(row);
        await audit.record(actor, { action: 'batch.update', entity: 'batch', entityId: id, before, after });
        return after;
      });
    },

    /** What deleting a batch would take with it (its enrolments by status, their attendance marks), to show before it is deleted. */
    async removalImpact(id: number) {
      await require(id);
      return await repository.removalImpact(id);
    },

    /** Deletes a batch nobody is confirmed in (waitlisted and cancelled enrolments go with it). */
    async remove(actor: Actor, id: number) {
      await uow.write(async () => {
        const before = await view(await require(id));
        if (before.confirmedCount > 0)
          throw conflict('BATCH_HAS_ENROLMENTS', `Batch ${id} has ${before.confirmedCount} confirmed enrolment(s); cancel them first`);
        await deps.outbox.record({ facts: { kind: 'schedule_changed', change: { what: 'batch_removed', batchId: id, batch: before.name, venue: before.venue, days: before.days.map(({ date, start, end }) => ({ date, start, end })), sequence: (await require(id)).sequence, seatedUnitIds: [...(await repository.confirmedByUnit(id)).keys()] } }, to: { unitsAffectedBy: { batchId: id, withWaiting: true } }, programmeId: before.programmeId });
        await repository.deleteBatch(id);
        await audit.record(actor, { action: 'batch.delete', entity: 'batch', entityId: id, before });
      });
    },
  };
}
