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

export type EnrolmentsService = ReturnType<typeof createEnrolmentsService>;

export function createEnrolmentsService(deps: {
  repository: WorkshopsRepository;
  uow: UnitOfWork;
  clock: Clock;
  audit: AuditService;
  outbox: Pick<OutboxService, 'record'>;
  programmes: Pick<ProgrammesService, 'require'>;
  units: Pick<UnitsService, 'requireActive'>;
  /** The distribution preview's worker job (src/heavy-work/jobs.ts), and the database file it reads. */
  plans: { distributionPlanOfDatabase(actor: Actor, databasePath: string, programmeId: number, participantIds?: number[]): Promise<ReturnType<typeof distributionPlanOf>> };
  databaseFile: string | null;
}) {
  const { repository, uow, clock, audit, programmes } = deps;
  const notify = { repository, audit, outbox: deps.outbox };

  type Details = ReturnType<WorkshopsRepository['detailsOf']>;
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
  const view = (row: EnrolmentRow) => toView(row, repository.detailsOf(row));
  function views(rows: EnrolmentRow[]) {
    if (rows.length === 0) return [];
    const detailsOf = repository.detailsOfMany(rows);
    return rows.map((row) => toView(row, detailsOf(row)));
  }

  /** An enrolment the actor may see; another unit's is "not found" to a unit key. */
  function visible(actor: Actor, id: number): EnrolmentRow {
    const row = repository.enrolment(id);
    if (!row || !canActForUnit(actor, row.unitId)) throw notFound('enrolment', id);
    return row;
  }

  function batchOf(id: number) {
    const row = repository.batch(id);
    if (!row) throw notFound('batch', id);
    return row;
  }

  /**
   * Records whether a confirmed participant was present on one day of the batch, from the
   * day's start until 30 days after; `present: null` undoes a mark.
   */
  function setAttendance(actor: Actor, id: number, input: { date: string; present: boolean | null }) {
    requireOrganiser(actor);
    return uow.write(() => {
      const row = visible(actor, id);
      if (row.status !== 'confirmed') throw conflict('NOT_CONFIRMED', `Enrolment ${id} is ${row.status}; attendance is kept for confirmed enrolments`);
      const day = repository.dayOf(row.batchId, input.date);
      if (!day) throw invalidField('/body/date', `${input.date} is not a day of batch ${row.batchId}`);
      const refusal = input.present === null ? undefined : attendanceRefusal(localInstant(day.date, day.start, programmes.require(row.programmeId).timezone), clock.now());
      if (refusal) throw conflict(refusal.code, `${input.date}: ${refusal.message}`);
      const before = view(row);
      if (input.present === null) repository.clearAttendance(id, input.date);
      else repository.setAttendance(id, input.date, input.present, toStoredInstant(clock.now()));
      const after = view(row);
      audit.record(actor, { action: 'enrolment.attendance', entity: 'enrolment', entityId: id, before, after });
      return after;
    });
  }

  return {
    /**
     * Enrols a participant: confirmed while there are seats, waitlisted (in arrival order)
     * once the batch is full. One unit of work; the triggers re-check every limit.
     */
    enrol(actor: Actor, batchId: number, participantId: number) {
      const now = toStoredInstant(clock.now());
      return uow.write(() => {
        const batch = batchOf(batchId);
        const participant = repository.participantWithKind(participantId);
        if (!participant || !canActForUnit(actor, participant.unitId)) throw unknownReference('/body/participantId', 'participant', participantId);
        deps.units.requireActive(participant.unitId, '/body/participantId');
        if (!mayAttend(batch.eligibleUnitKinds ?? null, participant.kind))
          throw new AppError(422, 'NOT_ELIGIBLE', `Batch ${batch.name} is for ${batch.eligibleUnitKinds!.join(', ')}; the participant's unit is ${participant.kind}`);
        const active = repository.activeEnrolmentIn(batch.programmeId, participantId);
        if (active) {
          const where = batchOf(active.batchId);
          throw conflict('ALREADY_ENROLLED', `${participant.name} is already enrolled in ${where.name} (enrolment ${active.id}) in this programme; cancel that first to move them`, {
            enrolmentId: active.id,
            batchId: where.id,
            batchName: where.name,
          });
        }
        const seat = seatFor(batch, repository.seatsTaken(batchId, participant.unitId));
        if (seat === 'unit_at_quota') throw conflict('UNIT_QUOTA_REACHED', `The unit already holds its ${batch.unitQuota} confirmed seat(s) in this batch`);
        const row = repository.insertEnrolment(
          { batchId, programmeId: batch.programmeId, participantId, unitId: participant.unitId, status: seat === 'free' ? 'confirmed' : 'waitlisted' },
          now,
        );
        const created = view(row);
        audit.record(actor, { action: 'enrolment.create', entity: 'enrolment', entityId: row.id, after: created });
        tellUnits(notify, row.status === 'confirmed' ? 'enrolment_confirmed' : 'enrolment_waitlisted', batch, [row]);
        return created;
      });
    },

    /** Cancels an enrolment; a freed seat goes at once to the first waitlisted unit under quota. */
    cancel(actor: Actor, id: number) {
      const now = toStoredInstant(clock.now());
      return uow.write(() => {
        const before = visible(actor, id);
        if (before.status === 'cancelled') throw conflict('ALREADY_CANCELLED', `Enrolment ${id} is already cancelled`);
        const cancelled = repository.setStatus(id, 'cancelled', now);
        audit.record(actor, { action: 'enrolment.cancel', entity: 'enrolment', entityId: id, before: view(before), after: view(cancelled) });
        deps.outbox.record({ facts: { kind: 'enrolment_cancelled', batchId: before.batchId, officials: [view(cancelled).participantName], seated: before.status === 'confirmed' }, to: { unitId: before.unitId }, programmeId: before.programmeId });
        const promoted = before.status === 'confirmed' ? fillFromWaitlist(notify, actor, batchOf(before.batchId), now) : [];
        // A unit key learns that its seat went on, not to whom in another unit.
        return { cancelled: view(cancelled), promoted: views(promoted.filter((row) => canActForUnit(actor, row.unitId))) };
      });
    },

    get: (actor: Actor, id: number) => view(visible(actor, id)),

    /**
     * Moves an active enrolment to another batch of the same programme, into a confirmed seat
     * there (a move never queues: a full batch is refused). The seat it leaves goes to the old
     * batch's waitlist; its attendance marks, for days of the old batch, go. Organisers only.
     */
    move(actor: Actor, id: number, batchId: number) {
      requireOrganiser(actor);
      const now = toStoredInstant(clock.now());
      return uow.write(() => {
        const before = visible(actor, id);
        if (before.status === 'cancelled') throw conflict('ALREADY_CANCELLED', `Enrolment ${id} is cancelled; enrol the official again instead`);
        const target = repository.batch(batchId);
        if (!target) throw unknownReference('/body/batchId', 'batch', batchId);
        if (target.programmeId !== before.programmeId)
          throw new AppError(422, 'OTHER_PROGRAMME', `Batch ${target.name} belongs to another programme; an enrolment moves only within its programme`, [
            { path: '/body/batchId', message: `batch ${batchId} is not a batch of programme ${before.programmeId}` },
          ]);
        if (target.id === before.batchId) return view(before);
        const participant = repository.participantWithKind(before.participantId)!;
        if (!mayAttend(target.eligibleUnitKinds ?? null, participant.kind))
          throw new AppError(422, 'NOT_ELIGIBLE', `Batch ${target.name} is for ${target.eligibleUnitKinds!.join(', ')}; the participant's unit is ${participant.kind}`, undefined, {
            batchName: target.name,
          });
        const seat = seatFor(target, repository.seatsTaken(target.id, before.unitId));
        if (seat === 'unit_at_quota') throw conflict('UNIT_QUOTA_REACHED', `The unit already holds its ${target.unitQuota} confirmed seat(s) in ${target.name}`, { batchName: target.name, unitQuota: target.unitQuota });
        if (seat === 'batch_full') throw conflict('BATCH_FULL', `${target.name} has no seat left (${target.capacity} confirmed)`, { batchName: target.name, capacity: target.capacity });
        const beforeView = view(before);
        const moved = repository.moveToBatch(id, target.id, now);
        const after = view(moved);
        audit.record(actor, { action: 'enrolment.moveBatch', entity: 'enrolment', entityId: id, before: beforeView, after });
        deps.outbox.record({ facts: { kind: 'enrolment_cancelled', batchId: before.batchId, officials: [after.participantName], seated: before.status === 'confirmed' }, to: { unitId: before.unitId }, programmeId: before.programmeId });
        tellUnits(notify, 'enrolment_confirmed', target, [moved]);
        if (before.status === 'confirmed') fillFromWaitlist(notify, actor, batchOf(before.batchId), now);
        return after;
      });
    },

    /**
     * Gives a waitlisted enrolment a confirmed seat now, out of turn, when its batch and its
     * unit have room (BATCH_FULL, UNIT_QUOTA_REACHED otherwise); the rest of the waitlist keeps
     * its order. Organisers only.
     */
    promote(actor: Actor, id: number) {
      requireOrganiser(actor);
      const now = toStoredInstant(clock.now());
      return uow.write(() => {
        const before = visible(actor, id);
        if (before.status !== 'waitlisted') throw conflict('NOT_WAITLISTED', `Enrolment ${id} is ${before.status}, not on the waitlist`, { status: before.status });
        const batch = batchOf(before.batchId);
        const seat = seatFor(batch, repository.seatsTaken(batch.id, before.unitId));
        if (seat === 'unit_at_quota') throw conflict('UNIT_QUOTA_REACHED', `The unit already holds its ${batch.unitQuota} confirmed seat(s) in ${batch.name}`, { batchName: batch.name, unitQuota: batch.unitQuota });
        if (seat === 'batch_full') throw conflict('BATCH_FULL', `${batch.name} has no seat left (${batch.capacity} confirmed)`, { batchName: batch.name, capacity: batch.capacity });
        const beforeView = view(before);
        const after = view(repository.setStatus(id, 'confirmed', now));
        audit.record(actor, { action: 'enrolment.promote', entity: 'enrolment', entityId: id, before: beforeView, after });
        deps.outbox.record({ facts: { kind: 'enrolment_promoted', batchId: batch.id, officials: [after.participantName] }, to: { unitId: before.unitId }, programmeId: batch.programmeId });
        return after;
      });
    },

    /**
     * A batch's roster for the console: its confirmed officials (by unit, then name) and its
     * waitlist in order, each with NIP, position, unit and attendance; only one unit's and / or
     * those whose name or NIP matches `search` when asked. The units and each day's count of
     * those present are the whole batch's.
     */
    roster(actor: Actor, batchId: number, filter: { unitId?: number; search?: string }) {
      requireOrganiser(actor);
      batchOf(batchId);
      const rows = repository.roster(batchId, { unitId: filter.unitId, terms: searchTerms(filter.search) });
      const detailsOf = rows.length > 0 ? repository.detailsOfMany(rows.map((r) => r.enrolment)) : undefined;
      const entries = rows.map((r) => ({ ...toView(r.enrolment, detailsOf!(r.enrolment)), nip: r.nip, position: r.position, unitName: r.unitName }));
      return {
        confirmed: entries.filter((e) => e.status === 'confirmed'),
        waitlist: entries.filter((e) => e.status === 'waitlisted').sort((a, b) => a.id - b.id),
        units: repository.unitsOfBatch(batchId),
        presentByDate: repository.presentByDate(batchId),
      };
    },

    /** Every enrolment (any status) of these officials, in one programme or all, oldest first. */
    ofParticipants(actor: Actor, participantIds: readonly number[], programmeId?: number) {
      return views(repository.enrolmentsOfParticipants(participantIds, programmeId).filter((row) => canActForUnit(actor, row.unitId)));
    },

    /** Each listed official's enrolment still in force in the programme (an official has at most one), by official. */
    inForceByParticipant(actor: Actor, participantIds: readonly number[], programmeId: number) {
      const inForce = repository.enrolmentsOfParticipants(participantIds, programmeId).filter((row) => row.status !== 'cancelled' && canActForUnit(actor, row.unitId));
      return new Map(views(inForce).map((e) => [e.participantId, e]));
    },

    activeOfParticipant: repository.activeOfParticipant,

    /** A unit's enrolments still in force (confirmed or waitlisted) in every programme, with names and waiting places. */
    activeOfUnit: (unitId: number) => views(repository.activeOfUnit(unitId)),

    /** Moves an official's active enrolments to their new unit (the database checks its quota). */
    moveToUnit(actor: Actor, participantId: number, unitId: number) {
      const now = toStoredInstant(clock.now());
      uow.write(() => {
        for (const before of repository.activeOfParticipant(participantId)) {
          const after = repository.setUnit(before.id, unitId, now);
          audit.record(actor, { action: 'enrolment.move', entity: 'enrolment', entityId: before.id, before: view(before), after: view(after) });
        }
      });
    },

    /** A batch's enrolments in arrival order; a unit key sees only its own unit's. */
    listForBatch(actor: Actor, batchId: number) {
      batchOf(batchId);
      return views(repository.enrolmentsOfBatch(batchId, isOrganiser(actor) ? undefined : actor.unitId!));
    },

    setAttendance,

    /**
     * Records one day of a batch for every confirmed enrolment at once, as the room's checklist
     * gives it: those listed present, every other one absent (marks already equal are left
     * alone, each change audited as setAttendance audits it). One unit of work: every mark is
     * saved, or none.
     */
    recordDayAttendance(actor: Actor, batchId: number, input: { date: string; present: readonly number[]; among?: readonly number[] }) {
      requireOrganiser(actor);
      return uow.write(() => {
        const batch = batchOf(batchId);
        const day = repository.dayOf(batchId, input.date);
        if (!day) throw new AppError(422, 'NO_SUCH_DAY', `${input.date} is not a day of batch ${batch.name}`, [{ path: '/body/date', message: `is not a day of batch ${batchId}` }]);
        const everyone = views(repository.enrolmentsOfBatch(batchId).filter((row) => row.status === 'confirmed'));
        const ids = new Set(everyone.map((e) => e.id));
        // A checklist filtered by name covers only those it showed: the others keep their marks.
        const outside = (input.among ?? []).flatMap((id, i) => (ids.has(id) ? [] : [{ path: `/body/among/${i}`, message: `enrolment ${id} is not a confirmed enrolment of batch ${batchId}` }]));
        if (outside.length > 0) throw new AppError(422, 'REFERENCE_NOT_FOUND', `${outside.length} enrolment(s) of among are not confirmed enrolments of batch ${batchId}; nothing was recorded`, outside);
        const among = input.among && new Set(input.among);
        const confirmed = among ? everyone.filter((e) => among.has(e.id)) : everyone;
        const covered = new Set(confirmed.map((e) => e.id));
        const unknown = input.present.flatMap((id, i) => (covered.has(id) ? [] : [{ path: `/body/present/${i}`, message: `enrolment ${id} is not a confirmed enrolment of batch ${batchId}${among ? ' listed in among' : ''}` }]));
        if (unknown.length > 0) throw new AppError(422, 'REFERENCE_NOT_FOUND', `${unknown.length} listed enrolment(s) are not confirmed enrolments of batch ${batchId}; nothing was recorded`, unknown);
        const refusal = attendanceRefusal(localInstant(day.date, day.start, programmes.require(batch.programmeId).timezone), clock.now());
        if (refusal) throw conflict(refusal.code, `${input.date}: ${refusal.message}`);
        const present = new Set(input.present);
        const enrolments = confirmed.map((e) => {
          const wanted = present.has(e.id);
          if (e.attendance.find((a) => a.date === input.date)?.present !== wanted) setAttendance(actor, e.id, { date: input.date, present: wanted });
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
    distribute(actor: Actor, programmeId: number, input: { participantIds?: number[] }) {
      requireOrganiser(actor);
      const now = toStoredInstant(clock.now());
      return uow.write(() => {
        programmes.require(programmeId);
        const plan = distributionPlanOf(repository, programmeId, input.participantIds);
        const placed = new Map<number, EnrolmentRow[]>();
        const assignments = plan.assignments.map((assignment) => {
          const row = repository.insertEnrolment({ batchId: assignment.batchId, programmeId, participantId: assignment.participantId, unitId: assignment.unitId, status: 'confirmed' }, now);
          audit.record(actor, { action: 'enrolment.distribute', entity: 'enrolment', entityId: row.id, after: { ...row } });
          placed.set(assignment.batchId, [...(placed.get(assignment.batchId) ?? []), row]);
          return { ...assignment, enrolmentId: row.id as number | null };
        });
        for (const [batchId, rows] of placed) tellUnits(notify, 'enrolment_confirmed', { id: batchId, programmeId }, rows);
        return { dryRun: false, assignments, unplaced: plan.unplaced };
      });
    },

    /**
     * What distribute would do now, without doing it: read in a worker thread over its own
     * connection (on the server's thread for an in-memory database).
     */
    async previewDistribution(actor: Actor, programmeId: number, input: { participantIds?: number[] }) {
      requireOrganiser(actor);
      programmes.require(programmeId);
      const plan = deps.databaseFile
        ? await deps.plans.distributionPlanOfDatabase(actor, deps.databaseFile, programmeId, input.participantIds)
        : distributionPlanOf(repository, programmeId, input.participantIds);
      return { dryRun: true, assignments: plan.assignments.map((a) => ({ ...a, enrolmentId: null as number | null })), unplaced: plan.unplaced };
    },
  };
}
