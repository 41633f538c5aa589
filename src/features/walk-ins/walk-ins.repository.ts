import { asc, eq } from 'drizzle-orm';
import type { ConstraintErrors } from '../../platform/constraints';
import type { Db } from '../../platform/database';
import { first, returnedRow, rows, run } from '../../platform/statements';
import { conflict } from '../../platform/errors';
import { units } from '../units/units.tables';
import { walkIns } from './walk-ins.tables';

export type WalkInRow = typeof walkIns.$inferSelect;

export const walkInConstraints: ConstraintErrors = {
  walk_ins_unit_date_unique: () => conflict('WALK_IN_EXISTS', 'This walk-in is already recorded'),
};

export function createWalkInsRepository(db: Db) {
  return {
    byId: async (id: number): Promise<WalkInRow | undefined> => first(db.select().from(walkIns).where(eq(walkIns.id, id))),
    insert: async (values: Omit<WalkInRow, 'id'>): Promise<WalkInRow> => returnedRow(db.insert(walkIns).values(values).returning()),
    update: async (id: number, values: Partial<Pick<WalkInRow, 'date' | 'notes'>>): Promise<WalkInRow> => returnedRow(db.update(walkIns).set(values).where(eq(walkIns.id, id)).returning()),
    delete: async (id: number) => run(db.delete(walkIns).where(eq(walkIns.id, id))),
    listWithUnitNames: async (periodId: number) =>
      (await rows(
        db
          .select({ walkIn: walkIns, unitName: units.name })
          .from(walkIns)
          .innerJoin(units, eq(units.id, walkIns.unitId))
          .where(eq(walkIns.periodId, periodId))
          .orderBy(asc(walkIns.date), asc(walkIns.id)),
      ))
        .map((r) => ({ ...r.walkIn, unitName: r.unitName })),
  };
}

export type WalkInsRepository = ReturnType<typeof createWalkInsRepository>;
