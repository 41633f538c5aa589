import { asc, eq } from 'drizzle-orm';
import type { ConstraintErrors } from '../../platform/constraints';
import type { Db } from '../../platform/database';
import { conflict } from '../../platform/errors';
import { units } from '../units/units.tables';
import { walkIns } from './walk-ins.tables';

export type WalkInRow = typeof walkIns.$inferSelect;

export const walkInConstraints: ConstraintErrors = {
  walk_ins_unit_date_unique: () => conflict('WALK_IN_EXISTS', 'This walk-in is already recorded'),
};

export function createWalkInsRepository(db: Db) {
  return {
    byId: async (id: number): Promise<WalkInRow | undefined> => db.select().from(walkIns).where(eq(walkIns.id, id)).get(),
    insert: async (values: Omit<WalkInRow, 'id'>): Promise<WalkInRow> => db.insert(walkIns).values(values).returning().get(),
    update: async (id: number, values: Partial<Pick<WalkInRow, 'date' | 'notes'>>): Promise<WalkInRow> => db.update(walkIns).set(values).where(eq(walkIns.id, id)).returning().get(),
    delete: async (id: number) => db.delete(walkIns).where(eq(walkIns.id, id)).run(),
    listWithUnitNames: async (periodId: number) =>
      db
        .select({ walkIn: walkIns, unitName: units.name })
        .from(walkIns)
        .innerJoin(units, eq(units.id, walkIns.unitId))
        .where(eq(walkIns.periodId, periodId))
        .orderBy(asc(walkIns.date), asc(walkIns.id))
        .all()
        .map((r) => ({ ...r.walkIn, unitName: r.unitName })),
  };
}

export type WalkInsRepository = ReturnType<typeof createWalkInsRepository>;
