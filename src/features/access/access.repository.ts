import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { ConstraintErrors } from '../../platform/constraints';
import type { Db } from '../../platform/database';
import { conflict, invalidField } from '../../platform/errors';
import { apiKeys } from './access.tables';
import { once } from '../../platform/memo';

export type KeyRow = typeof apiKeys.$inferSelect;

export const accessConstraints: ConstraintErrors = {
  api_keys_hash_unique: () => conflict('KEY_COLLISION', 'The new key collided with an existing one; try again'),
  api_keys_role_check: () => invalidField('/body/role', 'must be organiser or unit'),
  api_keys_unit_check: () => invalidField('/body/unitId', 'a unit key needs unitId; an organiser key has none'),
};

export function createAccessRepository(db: Db) {
  // Runs on every authenticated request: prepared once.
  const activeByHash = once(() =>
    db
      .select({ id: apiKeys.id, role: apiKeys.role, unitId: apiKeys.unitId })
      .from(apiKeys)
      .where(and(eq(apiKeys.keyHash, sql.placeholder('hash')), isNull(apiKeys.revokedAt)))
      .prepare(),
  );

  return {
    activeByHash: async (hash: string) => activeByHash().get({ hash }),
    byId: async (id: number): Promise<KeyRow | undefined> => db.select().from(apiKeys).where(eq(apiKeys.id, id)).get(),
    list: async (): Promise<KeyRow[]> => db.select().from(apiKeys).orderBy(asc(apiKeys.id)).all(),
    insert: async (values: Omit<KeyRow, 'id' | 'revokedAt'>): Promise<KeyRow> => db.insert(apiKeys).values(values).returning().get(),
    revoke: async (id: number, at: string): Promise<KeyRow> => db.update(apiKeys).set({ revokedAt: at }).where(eq(apiKeys.id, id)).returning().get(),
  };
}

export type AccessRepository = ReturnType<typeof createAccessRepository>;
