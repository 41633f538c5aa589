import { and, asc, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/database';
import { first, prepared, rows } from '../../platform/statements';
import { auditLog } from './audit.tables';
import { once } from '../../platform/memo';

export type AuditRow = typeof auditLog.$inferInsert;
type NewEntry = Omit<AuditRow, 'id' | 'before' | 'after'> & { before?: unknown; after?: unknown };

export function createAuditRepository(db: Db) {
  // Every change writes one of these: prepared once.
  const ph = (name: string) => sql`${sql.placeholder(name)}`;
  const insert = once(() =>
    prepared(
      db
        .insert(auditLog)
        .values({ at: ph('at'), keyId: ph('keyId'), userId: ph('userId'), requestId: ph('requestId'), role: ph('role'), action: ph('action'), entity: ph('entity'), entityId: ph('entityId'), before: ph('before'), after: ph('after') }),
    ),
  );
  const json = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));

  return {
    async insert(row: NewEntry): Promise<void> {
      await insert().run({ ...row, keyId: row.keyId ?? null, userId: row.userId ?? null, requestId: row.requestId ?? null, entityId: row.entityId ?? null, before: json(row.before), after: json(row.after) });
    },

    async list(filter: AuditFilter & { limit: number; offset: number }) {
      return rows(db.select().from(auditLog).where(entriesMatching(filter)).orderBy(desc(auditLog.id)).limit(filter.limit).offset(filter.offset));
    },

    /** How many entries the filter keeps (one COUNT), for "page n of m". */
    count: async (filter: AuditFilter): Promise<number> => (await first(db.select({ n: sql<number>`count(*)` }).from(auditLog).where(entriesMatching(filter))))!.n,

    /** The actions and kinds of record the log holds, for filter lists. */
    async vocabulary() {
      const [actions, entities] = await Promise.all([
        rows(db.selectDistinct({ action: auditLog.action }).from(auditLog).orderBy(asc(auditLog.action))),
        rows(db.selectDistinct({ entity: auditLog.entity }).from(auditLog).orderBy(asc(auditLog.entity))),
      ]);
      return { actions: actions.map((r) => r.action), entities: entities.map((r) => r.entity) };
    },

  };
}

/** Who (an account or a key), what (action, kind of record, which one) and when (from inclusive, to exclusive). */
export interface AuditFilter {
  entity?: string;
  entityId?: number;
  action?: string;
  userId?: number;
  keyId?: number;
  from?: string;
  to?: string;
}

/** The entries a filter keeps. */
function entriesMatching(filter: AuditFilter): SQL | undefined {
  const conditions: SQL[] = [];
  if (filter.entity) conditions.push(eq(auditLog.entity, filter.entity));
  if (filter.entityId !== undefined) conditions.push(eq(auditLog.entityId, filter.entityId));
  if (filter.action) conditions.push(eq(auditLog.action, filter.action));
  if (filter.userId !== undefined) conditions.push(eq(auditLog.userId, filter.userId));
  if (filter.keyId !== undefined) conditions.push(eq(auditLog.keyId, filter.keyId));
  // Stored instants are UTC ISO strings of one format: they compare as text.
  if (filter.from) conditions.push(gte(auditLog.at, filter.from));
  if (filter.to) conditions.push(lt(auditLog.at, filter.to));
  return and(...conditions);
}

export type AuditRepository = ReturnType<typeof createAuditRepository>;

