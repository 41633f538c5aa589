import { sql } from 'drizzle-orm';
import { check, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { ROLES, type Role } from '../../platform/actor';
import { inList } from '../../platform/sql';
import { units } from '../units/units.tables';

export const apiKeys = sqliteTable(
  'api_keys',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** SHA-256 of the secret; the secret itself is never stored. */
    keyHash: text('key_hash').notNull(),
    /** The first characters of the key, to recognise it in listings. */
    prefix: text('prefix').notNull(),
    role: text('role').$type<Role>().notNull(),
    unitId: integer('unit_id').references(() => units.id),
    label: text('label').notNull(),
    createdAt: text('created_at').notNull(),
    revokedAt: text('revoked_at'),
  },
  (t) => [
    uniqueIndex('api_keys_hash_unique').on(t.keyHash),
    check('api_keys_role_check', sql`${t.role} IN (${inList(ROLES)})`),
    // A unit key is bound to exactly one unit; an organiser key to none.
    check('api_keys_unit_check', sql`(${t.role} = 'unit') = (${t.unitId} IS NOT NULL)`),
  ],
);
