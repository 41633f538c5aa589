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
    insert: (values: Omit<WalkInRow, 'id'>): WalkInRow => db.insert(walkIns).values(values).returning().get(),
    listWithUnitNames: (periodId: number) =>
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
