import { and, asc, eq, sql } from 'drizzle-orm';
import type { ConstraintErrors } from '../../platform/constraints';
import type { Db } from '../../platform/database';
import { first, prepared, returnedRow, rows, run } from '../../platform/statements';
import { madeOnFirstUse } from '../../platform/memo';
import { conflict, invalidField } from '../../platform/errors';
import { statusIs } from '../../platform/sql';
import { programmes } from '../programmes/programmes.tables';
import { asistensiPeriods, closedDates, slots } from './periods.tables';
import type { ClosedDateSource, SlotStatus } from './periods.rules';

export type PeriodRow = typeof asistensiPeriods.$inferSelect;
export type SlotRow = typeof slots.$inferSelect;
export type ClosedDateRow = typeof closedDates.$inferSelect;

export const periodConstraints: ConstraintErrors = {
  closed_dates_pkey: () => conflict('ALREADY_CLOSED', 'The date is already closed'),
  closed_dates_source_check: () => invalidField('/body/source', 'must be holiday or organiser'),
  slots_period_date_start_unique: () => conflict('SLOT_EXISTS', 'The period already has a slot at that time'),
  slots_status_check: () => conflict('INVALID_STATUS', 'Not a slot status'),
  slots_time_check: () => invalidField('/body/slotTimes', 'end must be after start'),
  // Reopening a closed date withdraws the day added in its place; a booking there holds it.
  SLOT_HAS_BOOKING: () => conflict('CLOSURE_IN_USE', 'A day this change would remove from the schedule is booked; move or cancel that booking first'),
};

export function createPeriodsRepository(db: Db) {
  // Statements on every booking and listing path are prepared once.
  const ph = (name: string) => sql.placeholder(name);
  const q = madeOnFirstUse({
    periodById: () =>
      prepared(
        db
          .select({ period: asistensiPeriods, zone: programmes.timezone })
          .from(asistensiPeriods)
          .innerJoin(programmes, eq(programmes.id, asistensiPeriods.programmeId))
          .where(eq(asistensiPeriods.id, ph('id'))),
      ),
    closedOf: () => prepared(db.select().from(closedDates).where(eq(closedDates.periodId, ph('periodId'))).orderBy(asc(closedDates.date))),
    slotInPeriod: () => prepared(db.select().from(slots).where(and(eq(slots.id, ph('slotId')), eq(slots.periodId, ph('periodId'))))),
    slotById: () => prepared(db.select().from(slots).where(eq(slots.id, ph('id')))),
  });

  return {
    /** A period with its programme's zone, which every time in it is local to. */
    async withZone(id: number): Promise<(PeriodRow & { zone: string }) | undefined> {
      const row = await q.periodById.get({ id });

      return row && { ...row.period, zone: row.zone };
    },
    ofProgramme: async (programmeId: number): Promise<(PeriodRow & { zone: string })[]> =>
      (await rows(
        db
          .select({ period: asistensiPeriods, zone: programmes.timezone })
          .from(asistensiPeriods)
          .innerJoin(programmes, eq(programmes.id, asistensiPeriods.programmeId))
          .where(eq(asistensiPeriods.programmeId, programmeId))
          .orderBy(asc(asistensiPeriods.startDate), asc(asistensiPeriods.id)),
      ))
        .map((r) => ({ ...r.period, zone: r.zone })),
    byName: async (programmeId: number, name: string): Promise<PeriodRow | undefined> =>
      first(db.select().from(asistensiPeriods).where(and(eq(asistensiPeriods.programmeId, programmeId), eq(asistensiPeriods.name, name)))),
    closedDatesOf: async (periodId: number): Promise<ClosedDateRow[]> => q.closedOf.all({ periodId }),
    closedDate: async (periodId: number, date: string): Promise<ClosedDateRow | undefined> =>
      first(db.select().from(closedDates).where(and(eq(closedDates.periodId, periodId), eq(closedDates.date, date)))),
    slotsOf: async (periodId: number): Promise<SlotRow[]> => rows(db.select().from(slots).where(eq(slots.periodId, periodId))),
    openSlotsOf: async (periodId: number): Promise<SlotRow[]> => rows(db.select().from(slots).where(and(eq(slots.periodId, periodId), statusIs(slots.status, 'open')))),
    slotInPeriod: async (periodId: number, slotId: number): Promise<SlotRow | undefined> => q.slotInPeriod.get({ slotId, periodId }),
    slotById: async (id: number): Promise<SlotRow | undefined> => q.slotById.get({ id }),

    insert: async (values: Omit<PeriodRow, 'id' | 'createdAt' | 'updatedAt'>, now: string): Promise<PeriodRow> =>
      returnedRow(db.insert(asistensiPeriods).values({ ...values, createdAt: now, updatedAt: now }).returning()),
    update: async (id: number, values: Partial<Omit<PeriodRow, 'id' | 'createdAt' | 'updatedAt'>>, now: string): Promise<PeriodRow> =>
      returnedRow(db.update(asistensiPeriods).set({ ...values, updatedAt: now }).where(eq(asistensiPeriods.id, id)).returning()),
    insertClosedDates: async (rows: { periodId: number; date: string; reason: string; source: ClosedDateSource }[]) => {
      if (rows.length > 0) await run(db.insert(closedDates).values(rows));
    },
    deleteClosedDate: async (periodId: number, date: string) => run(db.delete(closedDates).where(and(eq(closedDates.periodId, periodId), eq(closedDates.date, date)))),
    insertSlots: async (rows: Omit<SlotRow, 'id'>[]) => {
      if (rows.length > 0) await run(db.insert(slots).values(rows));
    },
    setSlotStatus: async (id: number, status: SlotStatus) => run(db.update(slots).set({ status }).where(eq(slots.id, id))),
    /** A session that keeps its start and ends at another time (its bookings' SEQUENCE rises: derived-data.ts). */
    setSlotEnd: async (id: number, end: string) => run(db.update(slots).set({ end }).where(eq(slots.id, id))),
  };
}

export type PeriodsRepository = ReturnType<typeof createPeriodsRepository>;
