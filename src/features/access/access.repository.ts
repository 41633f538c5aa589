import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { ConstraintErrors } from '../../platform/constraints';
import type { Db } from '../../platform/database';
import { first, prepared, returnedRow, rows } from '../../platform/statements';
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
    prepared(
      db
        .select({ id: apiKeys.id, role: apiKeys.role, unitId: apiKeys.unitId })
        .from(apiKeys)
        .where(and(eq(apiKeys.keyHash, sql.placeholder('hash')), isNull(apiKeys.revokedAt))),
    ),
  );

  return {
    activeByHash: async (hash: string) => activeByHash().get({ hash }),
    byId: async (id: number): Promise<KeyRow | undefined> => first(db.select().from(apiKeys).where(eq(apiKeys.id, id))),
    list: async (): Promise<KeyRow[]> => rows(db.select().from(apiKeys).orderBy(asc(apiKeys.id))),
    insert: async (values: Omit<KeyRow, 'id' | 'revokedAt'>): Promise<KeyRow> => returnedRow(db.insert(apiKeys).values(values).returning()),
    revoke: async (id: number, at: string): Promise<KeyRow> => returnedRow(db.update(apiKeys).set({ revokedAt: at }).where(eq(apiKeys.id, id)).returning()),
  };
}

export type AccessRepository = ReturnType<typeof createAccessRepository>;
