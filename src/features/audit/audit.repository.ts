import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/database';
import { auditLog } from './audit.tables';

export type AuditRow = typeof auditLog.$inferInsert;
type NewEntry = Omit<AuditRow, 'id' | 'before' | 'after'> & { before?: unknown; after?: unknown };

export function createAuditRepository(db: Db) {
  // Every change writes one of these: prepared once.
  const ph = (name: string) => sql`${sql.placeholder(name)}`;
  const insert = db
    .insert(auditLog)
    .values({ at: ph('at'), keyId: ph('keyId'), userId: ph('userId'), requestId: ph('requestId'), role: ph('role'), action: ph('action'), entity: ph('entity'), entityId: ph('entityId'), before: ph('before'), after: ph('after') })
    .prepare();
  const json = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));

  return {
    insert(row: NewEntry): void {
      insert.run({ ...row, keyId: row.keyId ?? null, userId: row.userId ?? null, requestId: row.requestId ?? null, entityId: row.entityId ?? null, before: json(row.before), after: json(row.after) });
    },

    list(filter: { entity?: string; entityId?: number; limit: number; offset: number }) {
      const conditions: SQL[] = [];
      if (filter.entity) conditions.push(eq(auditLog.entity, filter.entity));
      if (filter.entityId !== undefined) conditions.push(eq(auditLog.entityId, filter.entityId));
      return db.select().from(auditLog).where(and(...conditions)).orderBy(desc(auditLog.id)).limit(filter.limit).offset(filter.offset).all();
    },
  };
}

export type AuditRepository = ReturnType<typeof createAuditRepository>;

