import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client';
import { auditLog } from '../../db/schema';
import type { Clock } from '../../lib/time';
import { toStoredInstant } from '../../lib/time';
import type { Actor } from '../auth/actor';

export interface AuditEntry {
  action: string;
  entity: string;
  entityId: number | null;
  before?: unknown;
  after?: unknown;
}

export type AuditLog = ReturnType<typeof createAuditService>;

export function createAuditService({ db, clock }: { db: Db; clock: Clock }) {
  // Every change writes one of these: prepared once.
  const insert = db
    .insert(auditLog)
    .values({
      at: sql`${sql.placeholder('at')}`,
      keyId: sql`${sql.placeholder('keyId')}`,
      requestId: sql`${sql.placeholder('requestId')}`,
      role: sql`${sql.placeholder('role')}`,
      action: sql`${sql.placeholder('action')}`,
      entity: sql`${sql.placeholder('entity')}`,
      entityId: sql`${sql.placeholder('entityId')}`,
      before: sql`${sql.placeholder('before')}`,
      after: sql`${sql.placeholder('after')}`,
    })
    .prepare();
  const json = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));

  return {
    /**
     * Writes one entry. Call it inside the change's transaction (the `tx` argument says so):
     * the change and its record commit together, or neither does.
     */
    record(_tx: Tx, actor: Actor, entry: AuditEntry): void {
      insert.run({
        at: toStoredInstant(clock.now()),
        keyId: actor.keyId,
        requestId: actor.requestId ?? null,
        role: actor.role,
        action: entry.action,
        entity: entry.entity,
        entityId: entry.entityId,
        before: json(entry.before),
        after: json(entry.after),
      });
    },

    list(filter: { entity?: string; entityId?: number; limit: number; offset: number }) {
      const conditions: SQL[] = [];
      if (filter.entity) conditions.push(eq(auditLog.entity, filter.entity));
      if (filter.entityId !== undefined) conditions.push(eq(auditLog.entityId, filter.entityId));
      return db
        .select()
        .from(auditLog)
        .where(and(...conditions))
        .orderBy(desc(auditLog.id))
        .limit(filter.limit)
        .offset(filter.offset)
        .all();
    },
  };
}
