import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    keyId: integer('key_id'),
    /** The person signed in to the pages who made the change, if it came from a page. */
    userId: integer('user_id'),
    /** The request that made the change (X-Request-Id when the client sent a valid one). */
    requestId: text('request_id'),
    role: text('role').notNull(),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: integer('entity_id'),
    before: text('before', { mode: 'json' }),
    after: text('after', { mode: 'json' }),
  },
  (t) => [index('audit_entity_idx').on(t.entity, t.entityId)],
);
