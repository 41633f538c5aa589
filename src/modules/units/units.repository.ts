import { eq } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client';
import { units } from '../../db/schema';
import { unknownReference } from '../../lib/errors';

/** The unit a request body names in `unitId`, or a 422 naming that field. */
export function requireUnit(tx: Tx | Db, unitId: number): { id: number; name: string } {
  const unit = tx.select({ id: units.id, name: units.name }).from(units).where(eq(units.id, unitId)).get();
  if (!unit) throw unknownReference('/body/unitId', 'unit', unitId);
  return unit;
}
