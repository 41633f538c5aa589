import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import { writeTransaction, type Db, type Tx } from '../../db/client';
import { statusIs, statusIsNot } from '../../db/conditions';
import { attendance, batchDays, batches, enrolments, participants, programmes, units } from '../../db/schema';
import { AppError, conflict, invalidField, isUniqueViolation, notFound, triggerCode, unknownReference } from '../../lib/errors';
import { toStoredInstant, type Clock } from '../../lib/time';
import type { AuditLog } from '../audit/audit.service';
import { canActForUnit, isOrganiser, requireOrganiser, type Actor } from '../auth/actor';
import { planDistribution, type BatchSeats, type Candidate } from '../batches/distribution';
import { fillFromWaitlist, type EnrolmentRow } from './waitlist';

const alreadyEnrolled = (participantId: number) =>
  conflict('ALREADY_ENROLLED', `Participant ${participantId} already has an active enrolment in this programme`);
const quotaReached = (unitQuota: number) =>
  conflict('UNIT_QUOTA_REACHED', `The unit already holds its ${unitQuota} confirmed seat(s) in this batch`);

export function createEnrolmentsService({ db, clock, audit }: { db: Db; clock: Clock; audit: AuditLog }) {
  /** Views with participant name, waitlist position and attendance, for any set of rows. */
  // The enrolment path's statements, prepared once (drizzle spends ~100 µs building a query).
  const ph = (name: string) => sql.placeholder(name);
  const q = {
    enrolment: db.select().from(enrolments).where(eq(enrolments.id, ph('id'))).prepare(),
    batch: db.select().from(batches).where(eq(batches.id, ph('id'))).prepare(),
    participantWithKind: db
      .select({ id: participants.id, unitId: participants.unitId, kind: units.kind })
      .from(participants)
      .innerJoin(units, eq(units.id, participants.unitId))
      .where(eq(participants.id, ph('id')))
      .prepare(),
    activeInProgramme: db
      .select({ id: enrolments.id })
      .from(enrolments)
      .where(and(eq(enrolments.programmeId, ph('programmeId')), eq(enrolments.participantId, ph('participantId')), statusIsNot(enrolments.status, 'cancelled')))
      .prepare(),
    seats: db
      .select({ confirmed: sql<number>`count(*)`, ofUnit: sql<number>`coalesce(sum(${enrolments.unitId} = ${ph('unitId')}), 0)` })
      .from(enrolments)
      .where(and(eq(enrolments.batchId, ph('batchId')), statusIs(enrolments.status, 'confirmed')))
      .prepare(),
    insert: db
      .insert(enrolments)
      .values({
        batchId: sql`${ph('batchId')}`,
        programmeId: sql`${ph('programmeId')}`,
        participantId: sql`${ph('participantId')}`,
        unitId: sql`${ph('unitId')}`,
        status: sql`${ph('status')}`,
        createdAt: sql`${ph('now')}`,
        updatedAt: sql`${ph('now')}`,
      })
      .returning()
      .prepare(),
    name: db.select({ name: participants.name }).from(participants).where(eq(participants.id, ph('id'))).prepare(),
    marks: db.select({ date: attendance.date, present: attendance.present }).from(attendance).where(eq(attendance.enrolmentId, ph('id'))).orderBy(asc(attendance.date)).prepare(),
    position: db
      .select({ n: sql<number>`count(*)` })
      .from(enrolments)
      .where(and(eq(enrolments.batchId, ph('batchId')), statusIs(enrolments.status, 'waitlisted'), lte(enrolments.id, ph('id'))))
      .prepare(),
  };

  /** One enrolment's view, from prepared statements. */
  type Marks = { date: string; present: boolean }[];
  const toView = (row: EnrolmentRow, participantName: string, waitlistPosition: number | null, attendance: Marks) => ({
    id: row.id,
    batchId: row.batchId,
    programmeId: row.programmeId,
    participantId: row.participantId,
    participantName,
    unitId: row.unitId,
    status: row.status,
    waitlistPosition,
    attendance,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  });

  const view = (row: EnrolmentRow) =>
    toView(
      row,
      q.name.get({ id: row.participantId })?.name ?? '',
      row.status === 'waitlisted' ? q.position.get({ batchId: row.batchId, id: row.id })!.n : null,
      q.marks.all({ id: row.id }),
    );

  /** Views of many enrolments in four queries, however many there are. */
  function views(rows: EnrolmentRow[]) {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const names = new Map(
      db
        .select({ id: participants.id, name: participants.name })
        .from(participants)
        .where(inArray(participants.id, [...new Set(rows.map((r) => r.participantId))]))
        .all()
        .map((p) => [p.id, p.name]),
    );
    const marks = new Map<number, Marks>();
    for (const a of db.select().from(attendance).where(inArray(attendance.enrolmentId, ids)).orderBy(asc(attendance.date)).all()) {
      const list = marks.get(a.enrolmentId) ?? [];
      list.push({ date: a.date, present: a.present });
      marks.set(a.enrolmentId, list);
    }
    // Waitlist positions for every batch involved, in one query.
    const waitlistBatches = [...new Set(rows.filter((r) => r.status === 'waitlisted').map((r) => r.batchId))];
    const positions = new Map<number, number>();
    if (waitlistBatches.length > 0) {
      const counters = new Map<number, number>();
      for (const w of db
        .select({ id: enrolments.id, batchId: enrolments.batchId })
        .from(enrolments)
        .where(and(inArray(enrolments.batchId, waitlistBatches), statusIs(enrolments.status, 'waitlisted')))
        .orderBy(asc(enrolments.id))
        .all()) {
        const n = (counters.get(w.batchId) ?? 0) + 1;
        counters.set(w.batchId, n);
        positions.set(w.id, n);
      }
    }
    return rows.map((row) => toView(row, names.get(row.participantId) ?? '', positions.get(row.id) ?? null, marks.get(row.id) ?? []));
  }

  /** An enrolment the actor may see; another unit's is "not found" to a unit key. */
  function visible(actor: Actor, id: number): EnrolmentRow {
    const row = q.enrolment.get({ id });
    if (!row || !canActForUnit(actor, row.unitId)) throw notFound('enrolment', id);
    return row;
  }

  function batchRow(id: number) {
    const row = q.batch.get({ id });
    if (!row) throw notFound('batch', id);
    return row;
  }

  return {
    views,

    /**
     * Enrols a participant: confirmed while there are seats, waitlisted (in arrival order)
     * once the batch is full. One write transaction; the triggers re-check every limit.
     */
    enrol(actor: Actor, batchId: number, participantId: number) {
      const now = toStoredInstant(clock.now());
      try {
        return writeTransaction(db, (tx) => {
          const batch = batchRow(batchId);
          const participant = q.participantWithKind.get({ id: participantId });
          if (!participant || !canActForUnit(actor, participant.unitId))
            throw unknownReference('/body/participantId', 'participant', participantId);
          if (batch.eligibleUnitKinds && !batch.eligibleUnitKinds.includes(participant.kind))
            throw new AppError(
              422,
              'NOT_ELIGIBLE',
              `Batch ${batch.name} is for ${batch.eligibleUnitKinds.join(', ')}; the participant's unit is ${participant.kind}`,
            );
          if (q.activeInProgramme.get({ programmeId: batch.programmeId, participantId })) throw alreadyEnrolled(participantId);
          const seats = q.seats.get({ batchId, unitId: participant.unitId })!;
          if (seats.ofUnit >= batch.unitQuota) throw quotaReached(batch.unitQuota);
          const row = q.insert.get({
            batchId,
            programmeId: batch.programmeId,
            participantId,
            unitId: participant.unitId,
            status: seats.confirmed < batch.capacity ? 'confirmed' : 'waitlisted',
            now,
          })!;
          const created = view(row);
          audit.record(tx, actor, { action: 'enrolment.create', entity: 'enrolment', entityId: row.id, after: created });
          return created;
        });
      } catch (err) {
        if (isUniqueViolation(err, 'enrolments.programme_id, enrolments.participant_id')) throw alreadyEnrolled(participantId);
        if (triggerCode(err) === 'UNIT_QUOTA_REACHED') throw conflict('UNIT_QUOTA_REACHED', 'The unit is at its quota in this batch');
        throw err;
      }
    },

    /** Cancels an enrolment; a freed seat goes at once to the first waitlisted unit under quota. */
    cancel(actor: Actor, id: number) {
      const now = toStoredInstant(clock.now());
      return writeTransaction(db, (tx) => {
        const before = visible(actor, id);
        if (before.status === 'cancelled') throw conflict('ALREADY_CANCELLED', `Enrolment ${id} is already cancelled`);
        const cancelled = tx
          .update(enrolments)
          .set({ status: 'cancelled', updatedAt: now })
          .where(eq(enrolments.id, id))
          .returning()
          .get();
        audit.record(tx, actor, { action: 'enrolment.cancel', entity: 'enrolment', entityId: id, before: view(before), after: view(cancelled) });
        const promoted: EnrolmentRow[] = [];
        if (before.status === 'confirmed')
          fillFromWaitlist(tx, batchRow(before.batchId), now, (row) => {
            promoted.push(row);
            audit.record(tx, actor, { action: 'enrolment.promote', entity: 'enrolment', entityId: row.id, after: view(row) });
          });
        return { cancelled: view(cancelled), promoted: views(promoted) };
      });
    },

    get(actor: Actor, id: number) {
      return view(visible(actor, id));
    },

    /** A batch's enrolments in arrival order; a unit key sees only its own unit's. */
    listForBatch(actor: Actor, batchId: number) {
      batchRow(batchId);
      const conditions = [eq(enrolments.batchId, batchId)];
      if (!isOrganiser(actor)) conditions.push(eq(enrolments.unitId, actor.unitId!));
      return views(db.select().from(enrolments).where(and(...conditions)).orderBy(asc(enrolments.id)).all());
    },

    /** Records whether a confirmed participant was present on one day of the batch. */
    setAttendance(actor: Actor, id: number, input: { date: string; present: boolean }) {
      requireOrganiser(actor);
      const now = toStoredInstant(clock.now());
      return writeTransaction(db, (tx) => {
        const row = visible(actor, id);
        if (row.status !== 'confirmed')
          throw conflict('NOT_CONFIRMED', `Enrolment ${id} is ${row.status}; attendance is kept for confirmed enrolments`);
        const day = tx
          .select({ date: batchDays.date })
          .from(batchDays)
          .where(and(eq(batchDays.batchId, row.batchId), eq(batchDays.date, input.date)))
          .get();
        if (!day) throw invalidField('/body/date', `${input.date} is not a day of batch ${row.batchId}`);
        const before = view(row);
        tx.insert(attendance)
          .values({ enrolmentId: id, date: input.date, present: input.present, recordedAt: now })
          .onConflictDoUpdate({ target: [attendance.enrolmentId, attendance.date], set: { present: input.present, recordedAt: now } })
          .run();
        const after = view(row);
        audit.record(tx, actor, { action: 'enrolment.attendance', entity: 'enrolment', entityId: id, before, after });
        return after;
      });
    },

    /**
     * Places participants with no active enrolment in the programme into its batches
     * (see planDistribution). Reads and writes in one transaction, so the plan is applied
     * to exactly the seats it was made for.
     */
    distribute(actor: Actor, programmeId: number, input: { participantIds?: number[]; dryRun?: boolean }) {
      requireOrganiser(actor);
      const now = toStoredInstant(clock.now());
      const dryRun = input.dryRun ?? false;
      const run = (tx: Tx) => {
        if (!tx.select({ id: programmes.id }).from(programmes).where(eq(programmes.id, programmeId)).get())
          throw notFound('programme', programmeId);
        const batchRows = tx.select().from(batches).where(eq(batches.programmeId, programmeId)).all();
        const firstDays = new Map(
          tx
            .select({ batchId: batchDays.batchId, first: sql<string>`min(${batchDays.date})` })
            .from(batchDays)
            .innerJoin(batches, eq(batches.id, batchDays.batchId))
            .where(eq(batches.programmeId, programmeId))
            .groupBy(batchDays.batchId)
            .all()
            .map((r) => [r.batchId, r.first]),
        );
        const confirmed = tx
          .select({ batchId: enrolments.batchId, unitId: enrolments.unitId, n: sql<number>`count(*)` })
          .from(enrolments)
          .where(and(eq(enrolments.programmeId, programmeId), statusIs(enrolments.status, 'confirmed')))
          .groupBy(enrolments.batchId, enrolments.unitId)
          .all();
        const seats: BatchSeats[] = batchRows.map((b) => {
          const byUnit = new Map(confirmed.filter((c) => c.batchId === b.id).map((c) => [c.unitId, c.n]));
          return {
            id: b.id,
            capacity: b.capacity,
            unitQuota: b.unitQuota,
            eligibleUnitKinds: b.eligibleUnitKinds ?? null,
            confirmed: [...byUnit.values()].reduce((a, n) => a + n, 0),
            confirmedByUnit: byUnit,
            sortKey: `${firstDays.get(b.id) ?? '9999'}#${String(b.id).padStart(12, '0')}`,
          };
        });

        const enrolled = new Set(
          tx
            .select({ participantId: enrolments.participantId })
            .from(enrolments)
            .where(and(eq(enrolments.programmeId, programmeId), statusIsNot(enrolments.status, 'cancelled')))
            .all()
            .map((r) => r.participantId),
        );
        const people = tx
          .select({ participantId: participants.id, unitId: participants.unitId, unitKind: units.kind })
          .from(participants)
          .innerJoin(units, eq(units.id, participants.unitId))
          .where(input.participantIds ? inArray(participants.id, input.participantIds) : undefined)
          .all();
        const found = new Set(people.map((p) => p.participantId));
        const unplaced: { participantId: number; reason: string }[] = (input.participantIds ?? [])
          .filter((id) => !found.has(id))
          .map((participantId) => ({ participantId, reason: 'UNKNOWN_PARTICIPANT' }));
        const candidates: Candidate[] = [];
        for (const p of people)
          if (enrolled.has(p.participantId)) {
            if (input.participantIds) unplaced.push({ participantId: p.participantId, reason: 'ALREADY_ENROLLED' });
          } else candidates.push(p);

        const plan = planDistribution(seats, candidates);
        unplaced.push(...plan.unplaced);
        const unitOf = new Map(people.map((p) => [p.participantId, p.unitId]));
        const assignments = plan.assignments.map(({ participantId, batchId }) => {
          if (dryRun) return { participantId, batchId, enrolmentId: null };
          const row = tx
            .insert(enrolments)
            .values({ batchId, programmeId, participantId, unitId: unitOf.get(participantId)!, status: 'confirmed', createdAt: now, updatedAt: now })
            .returning()
            .get();
          audit.record(tx, actor, { action: 'enrolment.distribute', entity: 'enrolment', entityId: row.id, after: { ...row } });
          return { participantId, batchId, enrolmentId: row.id };
        });
        unplaced.sort((a, b) => a.participantId - b.participantId);
        return { dryRun, assignments, unplaced };
      };
      // A dry run only reads; it still sees one consistent snapshot.
      return dryRun ? db.transaction(run) : writeTransaction(db, run);
    },
  };
}
