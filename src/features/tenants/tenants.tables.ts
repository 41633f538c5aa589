import { sql } from 'drizzle-orm';
import { check, integer, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { inList } from '../../platform/sql';
import { TENANT_KINDS, type TenantKind } from './tenants.rules';

/**
 * The governments this deployment hosts, kept in the deployment's own (home) database. Each
 * other tenant's data lives in a database of its own (`database`): no query of one tenant can
 * reach another's rows. No row at all: a deployment of one government, as before tenants.
 */
export const tenants = sqliteTable(
  'tenants',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    slug: text('slug').notNull(),
    /** The government's official name, e.g. "Kabupaten Sleman". */
    name: text('name').notNull(),
    kind: text('kind').$type<TenantKind>().notNull(),
    /** The government it answers to (a kabupaten/kota's province, a province's ministry). */
    parentId: integer('parent_id').references((): AnySQLiteColumn => tenants.id),
    /** Who runs its programmes, as pages, documents and emails name it; null: ORGANISATION_NAME. */
    organisationName: text('organisation_name'),
    /** Its default zone; null: DEFAULT_TIMEZONE. */
    timezone: text('timezone'),
    /** The sender of its emails; null: MAIL_FROM. */
    mailFrom: text('mail_from'),
    /** The host name it is reached at when TENANT_ROUTING=host (lower-case). */
    host: text('host'),
    /** Its SQLite file or PostgreSQL URL; null for the home tenant, whose data is this database. */
    database: text('database'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('tenants_slug_unique').on(t.slug),
    uniqueIndex('tenants_host_unique').on(t.host),
    uniqueIndex('tenants_database_unique').on(t.database),
    check('tenants_kind_check', sql`${t.kind} IN (${inList(TENANT_KINDS)})`),
    // One home tenant at most: the only one without a database of its own.
    uniqueIndex('tenants_one_home').on(sql`(${t.database} IS NULL)`).where(sql`${t.database} IS NULL`),
  ],
);
