import { and, desc, eq, type SQL } from 'drizzle-orm';
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
  return {
    /** Writes one entry inside the caller's transaction, so the change and its record commit together. */
    record(tx: Tx, actor: Actor, entry: AuditEntry): void {
      tx.insert(auditLog)
        .values({
          at: toStoredInstant(clock.now()),
          keyId: actor.keyId,
          role: actor.role,
          action: entry.action,
          entity: entry.entity,
          entityId: entry.entityId,
          before: entry.before ?? null,
          after: entry.after ?? null,
        })
        .run();
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
