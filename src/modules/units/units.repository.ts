import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { units } from '../../db/schema';
import { unknownReference } from '../../lib/errors';

const unitByIdFor = new WeakMap<Db, ReturnType<typeof prepareUnitById>>();
const prepareUnitById = (db: Db) =>
  db.select({ id: units.id, name: units.name }).from(units).where(eq(units.id, sql.placeholder('id'))).prepare();

/** The unit a request body names in `unitId`, or a 422 naming that field. */
export function requireUnit(db: Db, unitId: number): { id: number; name: string } {
  let unitById = unitByIdFor.get(db);
  if (!unitById) unitByIdFor.set(db, (unitById = prepareUnitById(db)));
  const unit = unitById.get({ id: unitId });
  if (!unit) throw unknownReference('/body/unitId', 'unit', unitId);
  return unit;
}
