import { canActForUnit, isOrganiser, requireOrganiser, type Actor } from '../../platform/actor';
import { AppError, conflict, invalidField, notFound, unknownReference } from '../../platform/errors';
import { localInstant, toStoredInstant, type Clock } from '../../platform/time';
import { searchTerms } from '../../platform/search';
import { attendanceRefusal } from '../attendance.rules';
import type { UnitOfWork } from '../../platform/unit-of-work';
import type { AuditService } from '../audit/audit.service';
import type { OutboxService } from '../outbox/outbox.service';
import type { ProgrammesService } from '../programmes/programmes.service';
import type { UnitsService } from '../units/units.service';
import { distributionPlanOf } from './distribution.plan';
import { fillFromWaitlist, tellUnits } from './waitlist';
import type { EnrolmentRow, WorkshopsRepository } from './workshops.repository';
import { mayAttend, seatFor } from './workshops.rules';
import { mapInOrder } from '../../platform/in-order';
import type { DatabaseSource } from '../../platform/read-only-database';

export type EnrolmentsService = ReturnType<typeof createEnrolmentsService>;

export function createEnrolmentsService(deps: {
  repository: WorkshopsRepository;
  uow: UnitOfWork;
  clock: Clock;
  audit: AuditService;
  outbox: Pick<OutboxService, 'record'>;
  programmes: Pick<ProgrammesService, 'require'>;
  units: Pick<UnitsService, 'requireActive'>;
  /** The distribution preview's worker job (src/heavy-work/jobs.ts), and the database it reads (null: in memory, read here). */
  plans: { distributionPlanOfDatabase(actor: Actor, source: DatabaseSource, programmeId: number, participantIds?: number[]): Promise<Awaited<ReturnType<typeof distributionPlanOf>>> };
  databaseSource: DatabaseSource | null;
}) {
  const { repository, uow, clock, audit, programmes } = deps;
  const notify = { repository, audit, outbox: deps.outbox };

  type Details = Awaited<ReturnType<WorkshopsRepository['detailsOf']>>;
  const toView = (row: EnrolmentRow, details: Details) => ({
    id: row.id,
    batchId: row.batchId,
    programmeId: row.programmeId,
    participantId: row.participantId,
    participantName: details.participantName,
    unitId: row.unitId,
    status: row.status,
    waitlistPosition: details.waitlistPosition,
    attendance: details.attendance,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  });
  const view = async (row: EnrolmentRow) => toView(row, await repository.detailsOf(row));
  async function views(rows: EnrolmentRow[]) {
    if (rows.length === 0) return [];
    const detailsOf = await repository.detailsOfMany(rows);
    return rows.map((row) => toView(row, detailsOf(row)));
  }

  /** An enrolment the actor may see; another unit's is "not found" to a unit key. */
  async function visible(actor: Actor, id: number): Promise<EnrolmentRow> {
    const row = await repository.enrolment(id);
    if (!row || !canActForUnit(actor, row.unitId)) throw notFound('enrolment', id);
    return row;
  }

  async function batchOf(id: number) {
    const row = await repository.batch(id);
    if (!row) throw notFound('batch', id);
    return row;
  }

  /**
   * Records whether a confirmed participant was present on one day of the batch, from the
   * day's start until 30 days after; `present: null` undoes a mark.
   */
  async function setAttendance(actor: Actor, id: number, input: { date: string; present: boolean | null }) {
    requireOrganiser(actor);
    return await uow.write(async () => {
      const row = await visible(actor, id);
      if (row.status !== 'confirmed') throw conflict('NOT_CONFIRMED', `Enrolment ${id} is ${row.status}; attendance is kept for confirmed enrolments`);
      const day = await repository.dayOf(row.batchId, input.date);
      if (!day) throw invalidField('/body/date', `${input.date} is not a day of batch ${row.batchId}`);
      const refusal = input.present === null ? undefined : attendanceRefusal(localInstant(day.date, day.start, (await programmes.require(row.programmeId)).timezone), clock.now());
      if (refusal) throw conflict(refusal.code, `${input.date}: ${refusal.message}`);
      const before = await view(row);
      if (input.present === null) await repository.clearAttendance(id, input.date);
      else await repository.setAttendance(id, input.date, input.present, toStoredInstant(clock.now()));
      const after = await view(row);
      await audit.record(actor, { action: 'enrolment.attendance', entity: 'enrolment', entityId: id, before, after });
      return after;
    });
  }

  return {
    /**
     * Enrols a participant: confirmed while there are seats, waitlisted (in arrival order)
     * once the batch is full. One unit of work; the triggers re-check every limit.
     */
    async enrol(actor: Actor, batchId: number, participantId: number) {
      const now = toStoredInstant(clock.now());
      return await uow.write(async () => {
        const batch = await batchOf(batchId);
        const participant = await repository.participantWithKind(participantId);
        if (!participant || !canActForUnit(actor, participant.unitId)) throw unknownReference('/body/participantId', 'participant', participantId);
        await deps.units.requireActive(participant.unitId, '/body/participantId');
        if (!mayAttend(batch.eligibleUnitKinds ?? null, participant.kind))
          throw new AppError(422, 'NOT_ELIGIBLE', `Batch ${batch.name} is for ${batch.eligibleUnitKinds!.join(', ')}; the participant's unit is ${participant.kind}`);
        const active = await repository.activeEnrolmentIn(batch.programmeId, participantId);
        if (active) {
          const where = await batchOf(active.batchId);
          throw conflict('ALREADY_ENROLLED', `${participant.name} is already enrolled in ${where.name} (enrolment ${active.id}) in this programme; cancel that first to move them`, {
            enrolmentId: active.id,
            batchId: where.id,
            batchName: where.name,
          });
        }
        const seat = seatFor(batch, await repository.seatsTaken(batchId, participant.unitId));
        if (seat === 'unit_at_quota') throw conflict('UNIT_QUOTA_REACHED', `The unit already holds its ${batch.unitQuota} confirmed seat(s) in this batch`);
        const row = await repository.insertEnrolment(
          { batchId, programmeId: batch.programmeId, participantId, unitId: participant.unitId, status: seat === 'free' ? 'confirmed' : 'waitlisted' },
          now,
        );
        const created = await view(row);
        await audit.record(actor, { action: 'enrolment.create', entity: 'enrolment', entityId: row.id, after: created });
        await tellUnits(notify, row.status === 'confirmed' ? 'enrolment_confirmed' : 'enrolment_waitlisted', batch, [row]);
        return created;
      });
    },

    /** Cancels an enrolment; a freed seat goes at once to the first waitlisted unit under quota. */
    async cancel(actor: Actor, id: number) {
      const now = toStoredInstant(clock.now());
      return await uow.write(async () => {
        const before = await visible(actor, id);
        if (before.status === 'cancelled') throw conflict('ALREADY_CANCELLED', `Enrolment ${id} is already cancelled`);
        const cancelled = await repository.setStatus(id, 'cancelled', now);
        await audit.record(actor, { action: 'enrolment.cancel', entity: 'enrolment', entityId: id, before: await view(before), after: await view(cancelled) });
        await deps.outbox.record({ facts: { kind: 'enrolment_cancelled', batchId: before.batchId, officials: [(await view(cancelled)).participantName], seated: before.status === 'confirmed' }, to: { unitId: before.unitId }, programmeId: before.programmeId });
        const promoted = before.status === 'confirmed' ? await fillFromWaitlist(notify, actor, await batchOf(before.batchId), now) : [];
        // A unit key learns that its seat went on, not to whom in another unit.
        return { cancelled: await view(cancelled), promoted: await views(promoted.filter((row) => canActForUnit(actor, row.unitId))) };
      });
    },

    get: async (actor: Actor, id: number) => await view(await visible(actor, id)),

    /**
     * Moves an active enrolment to another batch of the same programme, into a confirmed seat
     * there (a move never queues: a full batch is refused). The seat it leaves goes to the old
     * batch's waitlist; its attendance marks, for days of the old batch, go. Organisers only.
     */
    async move(actor: Actor, id: number, batchId: number) {
      requireOrganiser(actor);
      const now = toStoredInstant(clock.now());
      return await uow.write(async () => {
        const before = await visible(actor, id);
        if (before.status === 'cancelled') throw conflict('ALREADY_CANCELLED', `Enrolment ${id} is cancelled; enrol the official again instead`);
        const target = await repository.batch(batchId);
        if (!target) throw unknownReference('/body/batchId', 'batch', batchId);
        if (target.programmeId !== before.programmeId)
          throw new AppError(422, 'OTHER_PROGRAMME', `Batch ${target.name} belongs to another programme; an enrolment moves only within its programme`, [
            { path: '/body/batchId', message: `batch ${batchId} is not a batch of programme ${before.programmeId}` },
          ]);
        if (target.id === before.batchId) return await view(before);
        const participant = (await repository.participantWithKind(before.participantId))!;
        if (!mayAttend(target.eligibleUnitKinds ?? null, participant.kind))
          throw new AppError(422, 'NOT_ELIGIBLE', `Batch ${target.name} is for ${target.eligibleUnitKinds!.join(', ')}; the participant's unit is ${participant.kind}`, undefined, {
            batchName: target.name,
          });
        const seat = seatFor(target, await repository.seatsTaken(target.id, before.unitId));
        if (seat === 'unit_at_quota') throw conflict('UNIT_QUOTA_REACHED', `The unit already holds its ${target.unitQuota} confirmed seat(s) in ${target.name}`, { batchName: target.name, unitQuota: target.unitQuota });
        if (seat === 'batch_full') throw conflict('BATCH_FULL', `${target.name} has no seat left (${target.capacity} confirmed)`, { batchName: target.name, capacity: target.capacity });
        const beforeView = await view(before);
        const moved = await repository.moveToBatch(id, target.id, now);
        const after = await view(moved);
        await audit.record(actor, { action: 'enrolment.moveBatch', entity: 'enrolment', entityId: id, before: beforeView, after });
        await deps.outbox.record({ facts: { kind: 'enrolment_cancelled', batchId: before.batchId, officials: [after.participantName], seated: before.status === 'confirmed' }, to: { unitId: before.unitId }, programmeId: before.programmeId });
        await tellUnits(notify, 'enrolment_confirmed', target, [moved]);
        if (before.status === 'confirmed') await fillFromWaitlist(notify, actor, await batchOf(before.batchId), now);
        return after;
      });
    },

    /**
     * Gives a waitlisted enrolment a confirmed seat now, out of turn, when its batch and its
     * unit have room (BATCH_FULL, UNIT_QUOTA_REACHED otherwise); the rest of the waitlist keeps
     * its order. Organisers only.
     */
    async promote(actor: Actor, id: number) {
      requireOrganiser(actor);
      const now = toStoredInstant(clock.now());
      return await uow.write(async () => {
        const before = await visible(actor, id);
        if (before.status !== 'waitlisted') throw conflict('NOT_WAITLISTED', `Enrolment ${id} is ${before.status}, not on the waitlist`, { status: before.status });
        const batch = await batchOf(before.batchId);
        const seat = seatFor(batch, await repository.seatsTaken(batch.id, before.unitId));
        if (seat === 'unit_at_quota') throw conflict('UNIT_QUOTA_REACHED', `The unit already holds its ${batch.unitQuota} confirmed seat(s) in ${batch.name}`, { batchName: batch.name, unitQuota: batch.unitQuota });
        if (seat === 'batch_full') throw conflict('BATCH_FULL', `${batch.name} has no seat left (${batch.capacity} confirmed)`, { batchName: batch.name, capacity: batch.capacity });
        const beforeView = await view(before);
        const after = await view(await repository.setStatus(id, 'confirmed', now));
        await audit.record(actor, { action: 'enrolment.promote', entity: 'enrolment', entityId: id, before: beforeView, after });
        await deps.outbox.record({ facts: { kind: 'enrolment_promoted', batchId: batch.id, officials: [after.participantName] }, to: { unitId: before.unitId }, programmeId: batch.programmeId });
        return after;
      });
    },

    /**
     * A batch's roster for the console: its confirmed officials (by unit, then name) and its
     * waitlist in order, each with NIP, position, unit and attendance; only one unit's and / or
     * those whose name or NIP matches `search` when asked. The units and each day's count of
     * those present are the whole batch's.
     */
    async roster(actor: Actor, batchId: number, filter: { unitId?: number; search?: string }) {
      requireOrganiser(actor);
      await batchOf(batchId);
      const rows = await repository.roster(batchId, { unitId: filter.unitId, terms: searchTerms(filter.search) });
      const detailsOf = rows.length > 0 ? await repository.detailsOfMany(rows.map((r) => r.enrolment)) : undefined;
      const entries = rows.map((r) => ({ ...toView(r.enrolment, detailsOf!(r.enrolment)), nip: r.nip, position: r.position, unitName: r.unitName }));
      return {
        confirmed: entries.filter((e) => e.status === 'confirmed'),
        waitlist: entries.filter((e) => e.status === 'waitlisted').sort((a, b) => a.id - b.id),
        units: await repository.unitsOfBatch(batchId),
        presentByDate: await repository.presentByDate(batchId),
      };
    },

    /** Every enrolment (any status) of these officials, in one programme or all, oldest first. */
    async ofParticipants(actor: Actor, participantIds: readonly number[], programmeId?: number) {
      return await views((await repository.enrolmentsOfParticipants(participantIds, programmeId)).filter((row) => canActForUnit(actor, row.unitId)));
    },

    /** Each listed official's enrolment still in force in the programme (an official has at most one), by official. */
    async inForceByParticipant(actor: Actor, participantIds: readonly number[], programmeId: number) {
      const inForce = (await repository.enrolmentsOfParticipants(participantIds, programmeId)).filter((row) => row.status !== 'cancelled' && canActForUnit(actor, row.unitId));
      return new Map((await views(inForce)).map((e) => [e.participantId, e]));
    },

    activeOfParticipant: repository.activeOfParticipant,

    /** A unit's enrolments still in force (confirmed or waitlisted) in every programme, with names and waiting places. */
    activeOfUnit: async (unitId: number) => await views(await repository.activeOfUnit(unitId)),

    /** Moves an official's active enrolments to their new unit (the database checks its quota). */
    async moveToUnit(actor: Actor, participantId: number, unitId: number) {
      const now = toStoredInstant(clock.now());
      await uow.write(async () => {
        for (const before of await repository.activeOfParticipant(participantId)) {
          const after = await repository.setUnit(before.id, unitId, now);
          await audit.record(actor, { action: 'enrolment.move', entity: 'enrolment', entityId: before.id, before: await view(before), after: await view(after) });
        }
      });
    },

    /** A batch's enrolments in arrival order; a unit key sees only its own unit's. */
    async listForBatch(actor: Actor, batchId: number) {
      await batchOf(batchId);
      return await views(await repository.enrolmentsOfBatch(batchId, isOrganiser(actor) ? undefined : actor.unitId!));
    },

    setAttendance,

    /**
     * Records one day of a batch for every confirmed enrolment at once, as the room's checklist
     * gives it: those listed present, every other one absent (marks already equal are left
     * alone, each change audited as setAttendance audits it). One unit of work: every mark is
     * saved, or none.
     */
    async recordDayAttendance(actor: Actor, batchId: number, input: { date: string; present: readonly number[]; among?: readonly number[] }) {
      requireOrganiser(actor);
      return await uow.write(async () => {
        const batch = await batchOf(batchId);
        const day = await repository.dayOf(batchId, input.date);
        if (!day) throw new AppError(422, 'NO_SUCH_DAY', `${input.date} is not a day of batch ${batch.name}`, [{ path: '/body/date', message: `is not a day of batch ${batchId}` }]);
        const everyone = await views((await repository.enrolmentsOfBatch(batchId)).filter((row) => row.status === 'confirmed'));
        const ids = new Set(everyone.map((e) => e.id));
        // A checklist filtered by name covers only those it showed: the others keep their marks.
        const outside = (input.among ?? []).flatMap((id, i) => (ids.has(id) ? [] : [{ path: `/body/among/${i}`, message: `enrolment ${id} is not a confirmed enrolment of batch ${batchId}` }]));
        if (outside.length > 0) throw new AppError(422, 'REFERENCE_NOT_FOUND', `${outside.length} enrolment(s) of among are not confirmed enrolments of batch ${batchId}; nothing was recorded`, outside);
        const among = input.among && new Set(input.among);
        const confirmed = among ? everyone.filter((e) => among.has(e.id)) : everyone;
        const covered = new Set(confirmed.map((e) => e.id));
        const unknown = input.present.flatMap((id, i) => (covered.has(id) ? [] : [{ path: `/body/present/${i}`, message: `enrolment ${id} is not a confirmed enrolment of batch ${batchId}${among ? ' listed in among' : ''}` }]));
        if (unknown.length > 0) throw new AppError(422, 'REFERENCE_NOT_FOUND', `${unknown.length} listed enrolment(s) are not confirmed enrolments of batch ${batchId}; nothing was recorded`, unknown);
        const refusal = attendanceRefusal(localInstant(day.date, day.start, (await programmes.require(batch.programmeId)).timezone), clock.now());
        if (refusal) throw conflict(refusal.code, `${input.date}: ${refusal.message}`);
        const present = new Set(input.present);
        const enrolments = await mapInOrder(confirmed, async (e) => {
          const wanted = present.has(e.id);
          if (e.attendance.find((a) => a.date === input.date)?.present !== wanted) await setAttendance(actor, e.id, { date: input.date, present: wanted });
          return { enrolmentId: e.id, present: wanted };
        });
        return { date: input.date, enrolments };
      });
    },

    /**
     * Places participants with no active enrolment in the programme into its batches (see
     * distributionPlanOf), in one unit of work so the plan is applied to exactly the seats it
     * was made for.
     */
    async distribute(actor: Actor, programmeId: number, input: { participantIds?: number[] }) {
      requireOrganiser(actor);
      const now = toStoredInstant(clock.now());
      return await uow.write(async () => {
        await programmes.require(programmeId);
        const plan = await distributionPlanOf(repository, programmeId, input.participantIds);
        const placed = new Map<number, EnrolmentRow[]>();
        const assignments = await mapInOrder(plan.assignments, async (assignment) => {
          const row = await repository.insertEnrolment({ batchId: assignment.batchId, programmeId, participantId: assignment.participantId, unitId: assignment.unitId, status: 'confirmed' }, now);
          await audit.record(actor, { action: 'enrolment.distribute', entity: 'enrolment', entityId: row.id, after: { ...row } });
          placed.set(assignment.batchId, [...(placed.get(assignment.batchId) ?? []), row]);
          return { ...assignment, enrolmentId: row.id as number | null };
        });
        for (const [batchId, rows] of placed) await tellUnits(notify, 'enrolment_confirmed', { id: batchId, programmeId }, rows);
        return { dryRun: false, assignments, unplaced: plan.unplaced };
      });
    },

    /**
     * What distribute would do now, without doing it: read in a worker thread over its own
     * connection (on the server's thread for an in-memory database).
     */
    async previewDistribution(actor: Actor, programmeId: number, input: { participantIds?: number[] }) {
      requireOrganiser(actor);
      await programmes.require(programmeId);
      const plan = deps.databaseSource
        ? await deps.plans.distributionPlanOfDatabase(actor, deps.databaseSource, programmeId, input.participantIds)
        : await distributionPlanOf(repository, programmeId, input.participantIds);
      return { dryRun: true, assignments: plan.assignments.map((a) => ({ ...a, enrolmentId: null as number | null })), unplaced: plan.unplaced };
    },
  };
}
