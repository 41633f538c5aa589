import { sql } from 'drizzle-orm';
import { check, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** The one row naming this deployment: calendar UIDs carry it instead of a host name that can change. */
export const deployment = sqliteTable('deployment', { id: integer('id').primaryKey(), uid: text('uid').notNull() }, (t) => [check('deployment_single_row', sql`${t.id} = 1`)]);
