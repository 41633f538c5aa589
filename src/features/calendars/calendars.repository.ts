import { and, asc, eq, gte, inArray, isNotNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/database';
import { first, prepared, rows } from '../../platform/statements';
import { statusIs } from '../../platform/sql';
import { bookings } from '../bookings/bookings.tables';
import { drafts } from '../drafts/drafts.tables';
import { participants } from '../participants/participants.tables';
import { asistensiPeriods, closedDates, slots } from '../periods/periods.tables';
import { programmes } from '../programmes/programmes.tables';
import { asistensiRequests } from '../requests/requests.tables';
import { units } from '../units/units.tables';
import { walkIns } from '../walk-ins/walk-ins.tables';
import { batchDays, batches, enrolments } from '../workshops/workshops.tables';
import { once } from '../../platform/memo';

export type ProgrammeRow = typeof programmes.$inferSelect;
export type BatchRow = typeof batches.$inferSelect;
export type DayRow = typeof batchDays.$inferSelect;
export type UnitRow = typeof units.$inferSelect;

/** Which bookings a feed shows: a unit's, a programme's periods', or one. */
export type BookingScope = { unitId: number } | { periodIds: number[] } | { bookingId: number };

/** The read model of the calendar feeds: everything a feed shows, read in a few queries. */
export function createCalendarsRepository(db: Db) {
  const programmeById = once(() => prepared(db.select().from(programmes).where(eq(programmes.id, sql.placeholder('id')))));

  function scopeCondition(scope: BookingScope): SQL {
    if ('unitId' in scope) return eq(bookings.unitId, scope.unitId);
    if ('periodIds' in scope) return inArray(bookings.periodId, scope.periodIds);
    return eq(bookings.id, scope.bookingId);
  }

  return {
    programme: async (id: number): Promise<ProgrammeRow | undefined> => programmeById().get({ id }),
    programmes: async (ids: number[]): Promise<ProgrammeRow[]> => (ids.length ? rows(db.select().from(programmes).where(inArray(programmes.id, ids))) : []),
    batch: async (id: number): Promise<BatchRow | undefined> => first(db.select().from(batches).where(eq(batches.id, id))),
    batchesOfProgramme: async (programmeId: number): Promise<BatchRow[]> => rows(db.select().from(batches).where(eq(batches.programmeId, programmeId))),
    batchesById: async (ids: number[]): Promise<BatchRow[]> => (ids.length ? rows(db.select().from(batches).where(inArray(batches.id, ids))) : []),
    periodIdsOfProgramme: async (programmeId: number) =>
      (await rows(db.select({ id: asistensiPeriods.id }).from(asistensiPeriods).where(eq(asistensiPeriods.programmeId, programmeId)))).map((p) => p.id),
    bookingUnit: async (id: number) => (await first(db.select({ unitId: bookings.unitId }).from(bookings).where(eq(bookings.id, id))))?.unitId,

    /** Each batch's days, in date order. */
    async daysOf(batchIds: number[]): Promise<Map<number, DayRow[]>> {
      const byBatch = new Map<number, DayRow[]>();
      if (batchIds.length === 0) return byBatch;
      for (const day of await rows(db.select().from(batchDays).where(inArray(batchDays.batchId, batchIds)).orderBy(asc(batchDays.date)))) {
        const list = byBatch.get(day.batchId) ?? [];
        list.push(day);
        byBatch.set(day.batchId, list);
      }
      return byBatch;
    },

    /** Bookings with their slot, place, unit name and programme: active ones, and those ended since `endedSince`. */
    bookings: async (scope: BookingScope, endedSince: string) =>
      rows(
        db
          .select({ booking: bookings, slot: slots, location: asistensiPeriods.location, unitName: units.name, programme: programmes, closedBecause: closedDates.reason })
          .from(bookings)
          .innerJoin(slots, eq(slots.id, bookings.slotId))
          .leftJoin(closedDates, and(eq(closedDates.periodId, bookings.periodId), eq(closedDates.date, slots.date)))
          .innerJoin(asistensiPeriods, eq(asistensiPeriods.id, bookings.periodId))
          .innerJoin(programmes, eq(programmes.id, asistensiPeriods.programmeId))
          .innerJoin(units, eq(units.id, bookings.unitId))
          .where(and(scopeCondition(scope), or(statusIs(bookings.status, 'active'), and(isNotNull(bookings.cancelledAt), gte(bookings.cancelledAt, endedSince))))),
      ),

    /** Every enrolment of the unit with the official's name (confirmed ones name the officials in the feed). */
    seatsOfUnit: async (unitId: number) =>
      rows(
        db
          .select({ batchId: enrolments.batchId, name: participants.name, status: enrolments.status, updatedAt: enrolments.updatedAt })
          .from(enrolments)
          .innerJoin(participants, eq(participants.id, enrolments.participantId))
          .where(eq(enrolments.unitId, unitId))
          .orderBy(asc(participants.name)),
      ),

    walkInsOfUnit: async (unitId: number) =>
      rows(
        db
          .select({ walkIn: walkIns, programmeId: asistensiPeriods.programmeId })
          .from(walkIns)
          .innerJoin(asistensiPeriods, eq(asistensiPeriods.id, walkIns.periodId))
          .where(eq(walkIns.unitId, unitId)),
      ),

    /** Programmes the unit sent drafts to, booked in, or asked to be scheduled in. */
    async programmeIdsOfUnit(unitId: number): Promise<number[]> {
      const [ids, viaPeriods] = await Promise.all([
        rows(db.select({ id: drafts.programmeId }).from(drafts).where(eq(drafts.unitId, unitId))),
        rows(
          db
            .select({ id: asistensiPeriods.programmeId })
            .from(asistensiPeriods)
            .where(
              or(
                inArray(asistensiPeriods.id, db.select({ id: bookings.periodId }).from(bookings).where(eq(bookings.unitId, unitId))),
                inArray(asistensiPeriods.id, db.select({ id: asistensiRequests.periodId }).from(asistensiRequests).where(eq(asistensiRequests.unitId, unitId))),
              ),
            ),
        ),
      ]);
      return [...ids, ...viaPeriods].map((r) => r.id);

    },
  };
}

export type CalendarsRepository = ReturnType<typeof createCalendarsRepository>;
