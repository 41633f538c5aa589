import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../platform/database';
import { ascNullsFirst, rows } from '../../platform/statements';
import { statusIs } from '../../platform/sql';
import { bookings } from '../bookings/bookings.tables';
import { drafts } from '../drafts/drafts.tables';
import { asistensiPeriods, slots } from '../periods/periods.tables';
import { programmes } from '../programmes/programmes.tables';
import { units } from '../units/units.tables';
import { walkIns } from '../walk-ins/walk-ins.tables';
import { attendance, enrolments } from '../workshops/workshops.tables';

const count = sql<number>`count(*)`;

/** The read model of the progress report: a handful of grouped queries, whatever the number of units. */
export function createProgressRepository(db: Db) {
  return {
    /** Every programme, for the overview of governments (a report each). */
    programmes: async () => rows(db.select({ id: programmes.id, name: programmes.name, timezone: programmes.timezone }).from(programmes).orderBy(asc(programmes.id))),
    // Only the columns the report shows: at 10,000 units, reading every column doubled the time of the one query that grows with the deployment.
    units: async () => rows(db.select({ id: units.id, code: units.code, name: units.name, kind: units.kind }).from(units).orderBy(asc(units.code))),
    confirmedByUnit: async (programmeId: number) =>
      new Map(
        (await rows(
          db
            .select({ unitId: enrolments.unitId, n: count })
            .from(enrolments)
            .where(and(eq(enrolments.programmeId, programmeId), statusIs(enrolments.status, 'confirmed')))
            .groupBy(enrolments.unitId),
        ))
          .map((r) => [r.unitId, r.n]),
      ),
    attendedByUnit: async (programmeId: number) =>
      new Map(
        (await rows(
          db
            .select({ unitId: enrolments.unitId, n: sql<number>`count(distinct ${enrolments.id})` })
            .from(enrolments)
            .innerJoin(attendance, and(eq(attendance.enrolmentId, enrolments.id), eq(attendance.present, true)))
            .where(and(eq(enrolments.programmeId, programmeId), statusIs(enrolments.status, 'confirmed')))
            .groupBy(enrolments.unitId),
        ))
          .map((r) => [r.unitId, r.n]),
      ),
    drafts: async (programmeId: number) => rows(db.select({ unitId: drafts.unitId, status: drafts.status, receivedAt: drafts.receivedAt }).from(drafts).where(eq(drafts.programmeId, programmeId)).orderBy(ascNullsFirst(drafts.receivedAt))),
    periodIds: async (programmeId: number) =>
      (await rows(db.select({ id: asistensiPeriods.id }).from(asistensiPeriods).where(eq(asistensiPeriods.programmeId, programmeId)))).map((p) => p.id),
    activeBookings: async (periodIds: number[]) =>
      rows(
        db
          .select({ unitId: bookings.unitId, attended: bookings.attended, date: slots.date, start: slots.start })
          .from(bookings)
          .innerJoin(slots, eq(slots.id, bookings.slotId))
          .where(and(inArray(bookings.periodId, periodIds), statusIs(bookings.status, 'active'))),
      ),
    walkIns: async (periodIds: number[]) => rows(db.select({ unitId: walkIns.unitId, date: walkIns.date }).from(walkIns).where(inArray(walkIns.periodId, periodIds)).orderBy(asc(walkIns.date))),
  };
}

export type ProgressRepository = ReturnType<typeof createProgressRepository>;
