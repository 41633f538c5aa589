import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/database';
import { first, prepared, returnedRow, rows } from '../../platform/statements';
import { statusIsNot } from '../../platform/sql';
import { asistensiPeriods, slots } from '../periods/periods.tables';
import { batchDays, batches } from '../workshops/workshops.tables';
import { programmes } from './programmes.tables';
import { once } from '../../platform/memo';

export type ProgrammeRow = typeof programmes.$inferSelect;
export type ProgrammeValues = Pick<ProgrammeRow, 'name' | 'timezone' | 'draftDeadline' | 'finalDeadline' | 'organiserEmail' | 'publicCalendar' | 'publicUnitNames' | 'asistensiPartner' | 'signatoryName' | 'signatoryPosition' | 'signatoryNip'>;

export function createProgrammesRepository(db: Db) {
  // Every schedule read asks for its programme's zone: prepared once.
  const byId = once(() => prepared(db.select().from(programmes).where(eq(programmes.id, sql.placeholder('id')))));

  return {
    byId: async (id: number): Promise<ProgrammeRow | undefined> => byId().get({ id }),
    byName: async (name: string): Promise<ProgrammeRow | undefined> => first(db.select().from(programmes).where(eq(programmes.name, name))),
    list: async (): Promise<ProgrammeRow[]> => rows(db.select().from(programmes).orderBy(asc(programmes.id))),
    insert: async (values: ProgrammeValues, now: string): Promise<ProgrammeRow> => returnedRow(db.insert(programmes).values({ ...values, createdAt: now, updatedAt: now }).returning()),
    /** Every local date and time the programme's schedule holds: batch days and live slots. */
    async scheduledTimes(id: number): Promise<{ what: string; date: string; time: string }[]> {
      const [days, slotTimes] = await Promise.all([
        rows(
          db
            .select({ what: batches.name, date: batchDays.date, start: batchDays.start, end: batchDays.end })
            .from(batchDays)
            .innerJoin(batches, eq(batches.id, batchDays.batchId))
            .where(eq(batches.programmeId, id)),
        ),
        rows(
          db
            .select({ what: asistensiPeriods.name, date: slots.date, start: slots.start, end: slots.end })
            .from(slots)
            .innerJoin(asistensiPeriods, eq(asistensiPeriods.id, slots.periodId))
            .where(and(eq(asistensiPeriods.programmeId, id), statusIsNot(slots.status, 'withdrawn'))),
        ),
      ]);
      return [...days, ...slotTimes].flatMap((r) => [r.start, r.end].map((time) => ({ what: r.what, date: r.date, time })));
    },
    update: async (id: number, values: Partial<ProgrammeValues>, now: string): Promise<ProgrammeRow> =>
      returnedRow(db.update(programmes).set({ ...values, updatedAt: now }).where(eq(programmes.id, id)).returning()),
  };
}

export type ProgrammesRepository = ReturnType<typeof createProgrammesRepository>;
