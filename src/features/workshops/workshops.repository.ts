import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { ConstraintErrors } from '../../platform/constraints';
import type { Db } from '../../platform/database';
import { countWhere, first, idIn, prepared, returnedRow, rows, run } from '../../platform/statements';
import { madeOnFirstUse } from '../../platform/memo';
import { AppError, conflict, invalidField } from '../../platform/errors';
import { statusIs, statusIsNot } from '../../platform/sql';
import { matchesSearch, type SearchTerms } from '../../platform/search';
import { participants } from '../participants/participants.tables';
import { units } from '../units/units.tables';
import { attendance, batchDays, batches, enrolments } from './workshops.tables';
import type { DayInput, EnrolmentStatus } from './workshops.rules';

export type BatchRow = typeof batches.$inferSelect;
export type DayRow = typeof batchDays.$inferSelect;
export type EnrolmentRow = typeof enrolments.$inferSelect;
export type SeatCount = { batchId: number; confirmed: number; waitlisted: number };
type BatchValues = Pick<BatchRow, 'programmeId' | 'name' | 'venue' | 'capacity' | 'unitQuota' | 'eligibleUnitKinds'>;

export const workshopConstraints: ConstraintErrors = {
  batches_programme_name_unique: () => conflict('BATCH_NAME_TAKEN', 'The programme already has a batch with this name'),
  batches_capacity_check: () => invalidField('/body/capacity', 'capacity must be at least 1'),
  batches_quota_check: () => invalidField('/body/unitQuota', 'unitQuota must be at least 1 and at most capacity'),
  batch_days_pkey: () => invalidField('/body/days', 'a date appears twice'),
  batch_days_time_check: () => invalidField('/body/days', 'end must be after start'),
  enrolments_one_active_per_programme: () => conflict('ALREADY_ENROLLED', 'The official already has an active enrolment in this programme'),
  enrolments_status_check: () => conflict('INVALID_STATUS', 'Not an enrolment status'),
  attendance_pkey: () => conflict('ATTENDANCE_EXISTS', 'Attendance for this day is already recorded'),
  PROGRAMME_MISMATCH: () => conflict('PROGRAMME_MISMATCH', 'The enrolment does not belong to its batch’s programme'),
  BATCH_FULL: () => conflict('BATCH_FULL', 'The batch has no seat left'),
  UNIT_QUOTA_REACHED: () => conflict('UNIT_QUOTA_REACHED', 'The unit is at its quota in this batch'),
  CAPACITY_BELOW_CONFIRMED: () => new AppError(409, 'CAPACITY_BELOW_CONFIRMED', 'capacity cannot go below the number of confirmed enrolments'),
  QUOTA_BELOW_CONFIRMED: () => new AppError(409, 'QUOTA_BELOW_CONFIRMED', 'unitQuota cannot go below the confirmed enrolments a unit already holds'),
};

export function createWorkshopsRepository(db: Db) {
  // Statements on the listing and enrolment paths, prepared once (drizzle spends about 100 µs
  // building a query, more than SQLite spends running these).
  const ph = (name: string) => sql.placeholder(name);
  const counted = () =>
    db
      .select({
        batchId: enrolments.batchId,
        confirmed: countWhere(statusIs(enrolments.status, 'confirmed')),
        waitlisted: countWhere(statusIs(enrolments.status, 'waitlisted')),
      })
      .from(enrolments);
  const q = madeOnFirstUse({
    batch: () => prepared(db.select().from(batches).where(eq(batches.id, ph('id')))),
    batchesOfProgramme: () => prepared(db.select().from(batches).where(eq(batches.programmeId, ph('id'))).orderBy(asc(batches.id))),
    daysOfBatch: () => prepared(db.select().from(batchDays).where(eq(batchDays.batchId, ph('id'))).orderBy(asc(batchDays.date))),
    daysOfProgramme: () =>
      prepared(
        db
          .select({ day: batchDays })
          .from(batchDays)
          .innerJoin(batches, eq(batches.id, batchDays.batchId))
          .where(eq(batches.programmeId, ph('id')))
          .orderBy(asc(batchDays.date)),
      ),
    countsOfBatch: () => prepared(counted().where(eq(enrolments.batchId, ph('id'))).groupBy(enrolments.batchId)),
    // `status <> 'cancelled'` lets SQLite use the partial index on (programme_id, participant_id).
    countsOfProgramme: () =>
      prepared(
        counted()
          .where(and(eq(enrolments.programmeId, ph('id')), statusIsNot(enrolments.status, 'cancelled')))
          .groupBy(enrolments.batchId),
      ),
    enrolment: () => prepared(db.select().from(enrolments).where(eq(enrolments.id, ph('id')))),
    activeInProgramme: () =>
      prepared(
        db
          .select({ id: enrolments.id, batchId: enrolments.batchId })
          .from(enrolments)
          .where(and(eq(enrolments.programmeId, ph('programmeId')), eq(enrolments.participantId, ph('participantId')), statusIsNot(enrolments.status, 'cancelled'))),
      ),
    seats: () =>
      prepared(
        db
          .select({ confirmed: sql<number>`count(*)`, ofUnit: countWhere(sql`${enrolments.unitId} = ${ph('unitId')}`) })
          .from(enrolments)
          .where(and(eq(enrolments.batchId, ph('batchId')), statusIs(enrolments.status, 'confirmed'))),
      ),
    insertEnrolment: () =>
      prepared(
        db
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
          .returning(),
      ),
    name: () => prepared(db.select({ name: participants.name }).from(participants).where(eq(participants.id, ph('id')))),
    participantWithKind: () =>
      prepared(
        db
          .select({ id: participants.id, unitId: participants.unitId, name: participants.name, kind: units.kind })
          .from(participants)
          .innerJoin(units, eq(units.id, participants.unitId))
          .where(eq(participants.id, ph('id'))),
      ),
    marks: () => prepared(db.select({ date: attendance.date, present: attendance.present }).from(attendance).where(eq(attendance.enrolmentId, ph('id'))).orderBy(asc(attendance.date))),
    position: () =>
      prepared(
        db
          .select({ n: sql<number>`count(*)` })
          .from(enrolments)
          .where(and(eq(enrolments.batchId, ph('batchId')), statusIs(enrolments.status, 'waitlisted'), lte(enrolments.id, ph('id')))),
      ),
  });

  return {
    batch: async (id: number): Promise<BatchRow | undefined> => q.batch.get({ id }),
    batchesOfProgramme: async (programmeId: number): Promise<BatchRow[]> => q.batchesOfProgramme.all({ id: programmeId }),
    daysOfBatch: async (batchId: number): Promise<DayRow[]> => q.daysOfBatch.all({ id: batchId }),
    daysOfProgramme: async (programmeId: number): Promise<DayRow[]> => (await q.daysOfProgramme.all({ id: programmeId })).map((r) => r.day),
    countsOfBatch: async (batchId: number): Promise<SeatCount[]> => q.countsOfBatch.all({ id: batchId }),
    countsOfProgramme: async (programmeId: number): Promise<SeatCount[]> => q.countsOfProgramme.all({ id: programmeId }),

    insertBatch: async (values: BatchValues, now: string): Promise<BatchRow> => returnedRow(db.insert(batches).values({ ...values, createdAt: now, updatedAt: now }).returning()),
    updateBatch: async (id: number, values: Partial<BatchValues>, now: string): Promise<BatchRow> =>
      returnedRow(db.update(batches).set({ ...values, updatedAt: now }).where(eq(batches.id, id)).returning()),
    deleteBatch: async (id: number) => run(db.delete(batches).where(eq(batches.id, id))),

    /** Makes the batch's days these: only dates that went, came or changed times are written. */
    async replaceDays(batchId: number, days: readonly DayInput[]): Promise<void> {
      const current = new Map((await q.daysOfBatch.all({ id: batchId })).map((d) => [d.date, d]));
      const wanted = new Set(days.map((d) => d.date));
      for (const date of current.keys()) if (!wanted.has(date)) await run(db.delete(batchDays).where(and(eq(batchDays.batchId, batchId), eq(batchDays.date, date))));
      for (const day of days) {
        const old = current.get(day.date);
        if (!old) await run(db.insert(batchDays).values({ batchId, date: day.date, start: day.start, end: day.end }));
        else if (old.start !== day.start || old.end !== day.end)
          await run(db.update(batchDays).set({ start: day.start, end: day.end }).where(and(eq(batchDays.batchId, batchId), eq(batchDays.date, day.date))));
      }
    },

    /** Each batch's first day, for ordering batches by date. */
    firstDays: async (programmeId: number) =>
      new Map(
        (await rows(
          db
            .select({ batchId: batchDays.batchId, first: sql<string>`min(${batchDays.date})` })
            .from(batchDays)
            .innerJoin(batches, eq(batches.id, batchDays.batchId))
            .where(eq(batches.programmeId, programmeId))
            .groupBy(batchDays.batchId),
        ))
          .map((r) => [r.batchId, r.first]),
      ),
    dayOf: async (batchId: number, date: string): Promise<DayRow | undefined> => first(db.select().from(batchDays).where(and(eq(batchDays.batchId, batchId), eq(batchDays.date, date)))),

    enrolment: async (id: number): Promise<EnrolmentRow | undefined> => q.enrolment.get({ id }),
    /** An official with their unit's kind (eligibility is by kind). */
    participantWithKind: async (id: number) => q.participantWithKind.get({ id }),
    /** Officials with their unit's kind and whether it is active: all of them, or those listed. */
    async participantsWithKinds(ids?: readonly number[]) {
      const query = db
        .select({
          participantId: participants.id,
          participantName: participants.name,
          unitId: participants.unitId,
          unitName: units.name,
          unitKind: units.kind,
          unitActive: sql<boolean>`${units.deactivatedAt} IS NULL`.mapWith(Boolean),
        })
        .from(participants)
        .innerJoin(units, eq(units.id, participants.unitId));
      return rows(ids ? query.where(idIn(db, participants.id, ids)) : query);

    },
    /** A unit's enrolments still in force (confirmed or waitlisted) in every programme, in arrival order. */
    activeOfUnit: async (unitId: number): Promise<EnrolmentRow[]> =>
      rows(db.select().from(enrolments).where(and(eq(enrolments.unitId, unitId), statusIsNot(enrolments.status, 'cancelled'))).orderBy(asc(enrolments.id))),
    activeOfParticipant: async (participantId: number): Promise<EnrolmentRow[]> =>
      rows(db.select().from(enrolments).where(and(eq(enrolments.participantId, participantId), statusIsNot(enrolments.status, 'cancelled')))),
    setUnit: async (id: number, unitId: number, now: string): Promise<EnrolmentRow> => returnedRow(db.update(enrolments).set({ unitId, updatedAt: now }).where(eq(enrolments.id, id)).returning()),
    activeEnrolmentIn: async (programmeId: number, participantId: number) => q.activeInProgramme.get({ programmeId, participantId }),
    seatsTaken: async (batchId: number, unitId: number) => (await q.seats.get({ batchId, unitId }))!,
    insertEnrolment: async (values: Pick<EnrolmentRow, 'batchId' | 'programmeId' | 'participantId' | 'unitId' | 'status'>, now: string): Promise<EnrolmentRow> =>
      (await q.insertEnrolment.get({ ...values, now }))!,
    setStatus: async (id: number, status: EnrolmentStatus, now: string): Promise<EnrolmentRow> =>
      returnedRow(db.update(enrolments).set({ status, updatedAt: now }).where(eq(enrolments.id, id)).returning()),
    enrolmentsOfBatch: async (batchId: number, unitId?: number): Promise<EnrolmentRow[]> =>
      rows(
        db
          .select()
          .from(enrolments)
          .where(and(eq(enrolments.batchId, batchId), unitId === undefined ? undefined : eq(enrolments.unitId, unitId)))
          .orderBy(asc(enrolments.id)),
      ),
    /** Which of these units were deactivated. */
    inactiveUnitsAmong: async (unitIds: readonly number[]): Promise<Set<number>> =>
      new Set(
        unitIds.length === 0
          ? []
          : (await rows(
            db
                .select({ id: units.id })
                .from(units)
                .where(and(inArray(units.id, [...new Set(unitIds)]), sql`${units.deactivatedAt} IS NOT NULL`)),
          ))
              .map((u) => u.id),
      ),
    waitlisted: async (batchId: number): Promise<EnrolmentRow[]> =>
      rows(db.select().from(enrolments).where(and(eq(enrolments.batchId, batchId), statusIs(enrolments.status, 'waitlisted'))).orderBy(asc(enrolments.id))),
    confirmedByUnit: async (batchId: number) =>
      new Map(
        (await rows(
          db
            .select({ unitId: enrolments.unitId, n: sql<number>`count(*)` })
            .from(enrolments)
            .where(and(eq(enrolments.batchId, batchId), statusIs(enrolments.status, 'confirmed')))
            .groupBy(enrolments.unitId),
        ))
          .map((r) => [r.unitId, r.n]),
      ),
    confirmedByBatchAndUnit: async (programmeId: number) =>
      rows(
        db
          .select({ batchId: enrolments.batchId, unitId: enrolments.unitId, n: sql<number>`count(*)` })
          .from(enrolments)
          .where(and(eq(enrolments.programmeId, programmeId), statusIs(enrolments.status, 'confirmed')))
          .groupBy(enrolments.batchId, enrolments.unitId),
      ),
    activeParticipantIds: async (programmeId: number) =>
      new Set(
        (await rows(
          db
            .select({ participantId: enrolments.participantId })
            .from(enrolments)
            .where(and(eq(enrolments.programmeId, programmeId), statusIsNot(enrolments.status, 'cancelled'))),
        ))
          .map((r) => r.participantId),
      ),
    clearAttendance: async (enrolmentId: number, date: string) => run(db.delete(attendance).where(and(eq(attendance.enrolmentId, enrolmentId), eq(attendance.date, date)))),
    setAttendance: async (enrolmentId: number, date: string, present: boolean, now: string) =>
      run(
        db
          .insert(attendance)
          .values({ enrolmentId, date, present, recordedAt: now })
          .onConflictDoUpdate({ target: [attendance.enrolmentId, attendance.date], set: { present, recordedAt: now } }),
      ),

    /**
     * A batch's active enrolments with each official's NIP, position and unit, for the roster:
     * those of one unit and / or matching a search (name, or NIP digits) when asked; by unit
     * name, then official's name (the waitlist's order is the caller's: by id).
     */
    async roster(batchId: number, filter: { unitId?: number; terms?: SearchTerms | null }) {
      return rows(
        db
          .select({ enrolment: enrolments, nip: participants.nip, position: participants.position, unitName: units.name })
          .from(enrolments)
          .innerJoin(participants, eq(participants.id, enrolments.participantId))
          .innerJoin(units, eq(units.id, enrolments.unitId))
          .where(
            and(
              eq(enrolments.batchId, batchId),
              statusIsNot(enrolments.status, 'cancelled'),
              filter.unitId === undefined ? undefined : eq(enrolments.unitId, filter.unitId),
              filter.terms ? matchesSearch(participants.name, participants.nip, filter.terms) : undefined,
            ),
          )
          .orderBy(asc(units.name), asc(participants.name), asc(enrolments.id)),
      );
    },
    /** The units with an active enrolment in a batch, with their confirmed and waitlisted counts, by name. */
    unitsOfBatch: async (batchId: number) =>
      rows(
        db
          .select({
            unitId: units.id,
            name: units.name,
            confirmed: countWhere(statusIs(enrolments.status, 'confirmed')),
            waitlisted: countWhere(statusIs(enrolments.status, 'waitlisted')),
          })
          .from(enrolments)
          .innerJoin(units, eq(units.id, enrolments.unitId))
          .where(and(eq(enrolments.batchId, batchId), statusIsNot(enrolments.status, 'cancelled')))
          .groupBy(units.id)
          .orderBy(asc(units.name)),
      ),
    /** Confirmed officials of a batch marked present, per date. */
    presentByDate: async (batchId: number) =>
      new Map(
        (await rows(
          db
            .select({ date: attendance.date, n: sql<number>`count(*)` })
            .from(attendance)
            .innerJoin(enrolments, eq(enrolments.id, attendance.enrolmentId))
            .where(and(eq(enrolments.batchId, batchId), statusIs(enrolments.status, 'confirmed'), eq(attendance.present, true)))
            .groupBy(attendance.date),
        ))
          .map((r) => [r.date, r.n]),
      ),
    /** Every enrolment of these officials (all statuses), in one programme or all, oldest first. */
    enrolmentsOfParticipants: async (participantIds: readonly number[], programmeId?: number): Promise<EnrolmentRow[]> =>
      participantIds.length === 0
        ? []
        : rows(
            db
              .select()
              .from(enrolments)
              .where(and(inArray(enrolments.participantId, [...participantIds]), programmeId === undefined ? undefined : eq(enrolments.programmeId, programmeId)))
              .orderBy(asc(enrolments.id)),
          ),
    /** Moves an enrolment to another batch with a confirmed seat there; its attendance marks (days of the old batch) go. */
    async moveToBatch(id: number, batchId: number, now: string): Promise<EnrolmentRow> {
      await run(db.delete(attendance).where(eq(attendance.enrolmentId, id)));
      return returnedRow(db.update(enrolments).set({ batchId, status: 'confirmed', updatedAt: now }).where(eq(enrolments.id, id)).returning());
    },
    /** What deleting a batch takes with it: its enrolments by status and their attendance marks. */
    async removalImpact(batchId: number) {
      const [counts, marks] = await Promise.all([
        first(
          db
            .select({
              confirmed: countWhere(statusIs(enrolments.status, 'confirmed')),
              waitlisted: countWhere(statusIs(enrolments.status, 'waitlisted')),
              cancelled: countWhere(statusIs(enrolments.status, 'cancelled')),
            })
            .from(enrolments)
            .where(eq(enrolments.batchId, batchId)),
        ),
        first(
          db
            .select({ n: sql<number>`count(*)` })
            .from(attendance)
            .innerJoin(enrolments, eq(enrolments.id, attendance.enrolmentId))
            .where(eq(enrolments.batchId, batchId)),
        ),
      ]);
      return { ...counts!, attendanceMarks: marks!.n };
    },

    /** What an enrolment's view adds to its row: the official's name, waitlist position, attendance. */
    async detailsOf(row: EnrolmentRow) {
      const [name, position, attendance] = await Promise.all([
        q.name.get({ id: row.participantId }),
        row.status === 'waitlisted' ? q.position.get({ batchId: row.batchId, id: row.id }) : undefined,
        q.marks.all({ id: row.id }),
      ]);
      return {
        participantName: name?.name ?? '',
        waitlistPosition: position ? position.n : null,
        attendance,
      };
    },

    /** The same for many rows in three queries, however many there are. */
    async detailsOfMany(enrolmentRows: readonly EnrolmentRow[]) {
      const waitlistBatches = [...new Set(enrolmentRows.filter((r) => r.status === 'waitlisted').map((r) => r.batchId))];
      const [nameRows, markRows, waitlistRows] = await Promise.all([
        rows(
          db
            .select({ id: participants.id, name: participants.name })
            .from(participants)
            .where(inArray(participants.id, [...new Set(enrolmentRows.map((r) => r.participantId))])),
        ),
        rows(db.select().from(attendance).where(inArray(attendance.enrolmentId, enrolmentRows.map((r) => r.id))).orderBy(asc(attendance.date))),
        waitlistBatches.length === 0
          ? []
          : rows(
              db
                .select({ id: enrolments.id, batchId: enrolments.batchId })
                .from(enrolments)
                .where(and(inArray(enrolments.batchId, waitlistBatches), statusIs(enrolments.status, 'waitlisted')))
                .orderBy(asc(enrolments.id)),
            ),
      ]);
      const names = new Map(nameRows.map((p) => [p.id, p.name]));
      const marks = new Map<number, { date: string; present: boolean }[]>();
      for (const a of markRows) {
        const list = marks.get(a.enrolmentId) ?? [];
        list.push({ date: a.date, present: a.present });
        marks.set(a.enrolmentId, list);
      }
      const positions = new Map<number, number>();
      const counters = new Map<number, number>();
      for (const w of waitlistRows) {
        const n = (counters.get(w.batchId) ?? 0) + 1;
        counters.set(w.batchId, n);
        positions.set(w.id, n);
      }

      return (row: EnrolmentRow) => ({
        participantName: names.get(row.participantId) ?? '',
        waitlistPosition: positions.get(row.id) ?? null,
        attendance: marks.get(row.id) ?? [],
      });
    },
  };
}

export type WorkshopsRepository = ReturnType<typeof createWorkshopsRepository>;
