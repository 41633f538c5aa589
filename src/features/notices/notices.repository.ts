import { and, asc, between, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../../platform/database';
import { first, jsonArrayOf, rows } from '../../platform/statements';
import { statusIs } from '../../platform/sql';
import { bookings } from '../bookings/bookings.tables';
import { drafts } from '../drafts/drafts.tables';
import { participants } from '../participants/participants.tables';
import { asistensiPeriods, slots } from '../periods/periods.tables';
import { programmes } from '../programmes/programmes.tables';
import { asistensiRequests } from '../requests/requests.tables';
import { units } from '../units/units.tables';
import { batchDays, batches, enrolments } from '../workshops/workshops.tables';

/** What scheduled notices are made of: read across features, written by none here. */
export function createNoticesRepository(db: Db) {
  return {
    /** A batch's name, venue and days in order. */
    async batch(id: number) {
      const [row, days] = await Promise.all([
        first(db.select({ name: batches.name, venue: batches.venue }).from(batches).where(eq(batches.id, id))),
        rows(db.select({ date: batchDays.date, start: batchDays.start, end: batchDays.end }).from(batchDays).where(eq(batchDays.batchId, id)).orderBy(asc(batchDays.date))),
      ]);
      if (!row) return undefined;
      return { ...row, days };
    },

    /** A booking's status and slot now: a reminder written for another slot, or for a cancelled booking, is not sent. */
    bookingNow: async (id: number) =>
      first(
        db
          .select({ status: bookings.status, date: slots.date, start: slots.start })
          .from(bookings)
          .innerJoin(slots, eq(slots.id, bookings.slotId))
          .where(eq(bookings.id, id)),
      ),

    /** The names of a unit's confirmed officials in a batch, when the batch still meets on `date` (else none). */
    attendingOn: async (batchId: number, unitId: number, date: string): Promise<string[]> =>
      (await rows(
        db
          .select({ name: participants.name })
          .from(enrolments)
          .innerJoin(participants, eq(participants.id, enrolments.participantId))
          .innerJoin(batchDays, and(eq(batchDays.batchId, enrolments.batchId), eq(batchDays.date, date)))
          .where(and(eq(enrolments.batchId, batchId), eq(enrolments.unitId, unitId), statusIs(enrolments.status, 'confirmed')))
          .orderBy(asc(participants.name)),
      ))
        .map((r) => r.name),

    /** The batches a unit's officials are confirmed in now, of those given. */
    attendedBy: async (unitId: number, batchIds: number[]): Promise<Set<number>> =>
      new Set(
        batchIds.length === 0
          ? []
          : (await rows(
            db
                .selectDistinct({ batchId: enrolments.batchId })
                .from(enrolments)
                .where(and(eq(enrolments.unitId, unitId), inArray(enrolments.batchId, batchIds), statusIs(enrolments.status, 'confirmed'))),
          ))
              .map((r) => r.batchId),
      ),

    /** The zones programmes are in: each has its own "today". */
    zones: async () => (await rows(db.selectDistinct({ zone: programmes.timezone }).from(programmes))).map((r) => r.zone),

    /** Active bookings on dates from `from` to `to` (inclusive) in programmes of one zone. */
    bookingsBetween: async (zone: string, from: string, to: string) =>
      rows(
        db
          .select({ bookingId: bookings.id, periodId: bookings.periodId, unitId: bookings.unitId, programmeId: asistensiPeriods.programmeId, date: slots.date, start: slots.start, end: slots.end })
          .from(bookings)
          .innerJoin(slots, eq(slots.id, bookings.slotId))
          .innerJoin(asistensiPeriods, eq(asistensiPeriods.id, bookings.periodId))
          .innerJoin(programmes, eq(programmes.id, asistensiPeriods.programmeId))
          .where(and(statusIs(bookings.status, 'active'), between(slots.date, from, to), eq(programmes.timezone, zone)))
          .orderBy(asc(slots.date), asc(slots.start), asc(bookings.id)),
      ),

    /** Batch days from `from` to `to` in programmes of one zone, one row per unit with confirmed officials, naming them. */
    batchDaysBetween: async (zone: string, from: string, to: string) =>
      (
        await rows(
          db
            .select({
              batchId: batchDays.batchId,
              date: batchDays.date,
              day: sql<number>`(SELECT count(*) FROM ${batchDays} AS earlier WHERE earlier.batch_id = ${batchDays.batchId} AND earlier.date <= ${batchDays.date})`,
              programmeId: batches.programmeId,
              unitId: enrolments.unitId,
              officials: jsonArrayOf(db, participants.name),
            })
            .from(batchDays)
            .innerJoin(batches, eq(batches.id, batchDays.batchId))
            .innerJoin(programmes, eq(programmes.id, batches.programmeId))
            .innerJoin(enrolments, and(eq(enrolments.batchId, batchDays.batchId), statusIs(enrolments.status, 'confirmed')))
            .innerJoin(participants, eq(participants.id, enrolments.participantId))
            .where(and(between(batchDays.date, from, to), eq(programmes.timezone, zone)))
            // The programme is named in the grouping too: PostgreSQL allows no column outside it.
            .groupBy(batchDays.batchId, batchDays.date, enrolments.unitId, batches.programmeId)
            .orderBy(asc(batchDays.date), asc(batchDays.batchId), asc(enrolments.unitId)),
        )
      ).map((r) => ({ ...r, officials: (JSON.parse(r.officials) as string[]).sort() })),

    /** New drafts, requests and cancelled bookings between two stored instants, for the daily summary. */
    async activityBetween(from: string, to: string) {
      const [draftRows, requestRows, cancelled] = await Promise.all([
        rows(
          db
            .select({ unit: units.name, title: drafts.title })
            .from(drafts)
            .innerJoin(units, eq(units.id, drafts.unitId))
            .where(and(gte(drafts.createdAt, from), lt(drafts.createdAt, to)))
            .orderBy(asc(drafts.createdAt), asc(drafts.id)),
        ),
        rows(
          db
            .select({ unit: units.name, period: asistensiPeriods.name })
            .from(asistensiRequests)
            .innerJoin(units, eq(units.id, asistensiRequests.unitId))
            .innerJoin(asistensiPeriods, eq(asistensiPeriods.id, asistensiRequests.periodId))
            .where(and(gte(asistensiRequests.createdAt, from), lt(asistensiRequests.createdAt, to)))
            .orderBy(asc(asistensiRequests.createdAt), asc(asistensiRequests.id)),
        ),
        rows(
          db
            .select({ unit: units.name, date: slots.date, start: slots.start, end: slots.end, zone: programmes.timezone })
            .from(bookings)
            .innerJoin(units, eq(units.id, bookings.unitId))
            .innerJoin(slots, eq(slots.id, bookings.slotId))
            .innerJoin(asistensiPeriods, eq(asistensiPeriods.id, bookings.periodId))
            .innerJoin(programmes, eq(programmes.id, asistensiPeriods.programmeId))
            .where(and(statusIs(bookings.status, 'cancelled'), gte(bookings.cancelledAt, from), lt(bookings.cancelledAt, to)))
            .orderBy(asc(bookings.cancelledAt), asc(bookings.id)),
        ),
      ]);
      return {
        drafts: draftRows.map((d) => `${d.unit}: ${d.title}`),
        requests: requestRows.map((r) => `${r.unit} (${r.period})`),
        // Worded when sent: the date in words, the times in the programme's zone.
        cancellations: cancelled,
      };
    },
  };
}

export type NoticesRepository = ReturnType<typeof createNoticesRepository>;
