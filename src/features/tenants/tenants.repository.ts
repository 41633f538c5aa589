import { asc, eq, isNull } from 'drizzle-orm';
import { conflict, invalidField } from '../../platform/errors';
import type { ConstraintErrors } from '../../platform/constraints';
import type { Db } from '../../platform/database';
import { first, returnedRow, rows } from '../../platform/statements';
import { TENANT_KINDS } from './tenants.rules';
import { tenants } from './tenants.tables';

export type TenantRow = typeof tenants.$inferSelect;
export type NewTenant = typeof tenants.$inferInsert;

export const tenantConstraints: ConstraintErrors = {
  tenants_kind_check: () => invalidField('/kind', `must be one of ${TENANT_KINDS.join(', ')}`),
  tenants_slug_unique: () => conflict('TENANT_SLUG_TAKEN', 'Another government already has this slug'),
  tenants_host_unique: () => conflict('TENANT_HOST_TAKEN', 'Another government is already reached at this host name'),
  tenants_database_unique: () => conflict('TENANT_DATABASE_TAKEN', 'Another government already keeps its data in this database'),
  tenants_one_home: () => conflict('TENANT_HOME_TAKEN', 'This deployment’s own government is already registered'),
};

/** The tenants registry; only the home database has one. */
export function createTenantsRepository(db: Db) {
  return {
    list: (): Promise<TenantRow[]> => rows(db.select().from(tenants).orderBy(asc(tenants.id))),
    home: (): Promise<TenantRow | undefined> => first(db.select().from(tenants).where(isNull(tenants.database))),
    bySlug: (slug: string): Promise<TenantRow | undefined> => first(db.select().from(tenants).where(eq(tenants.slug, slug))),
    insert: (tenant: NewTenant): Promise<TenantRow> => returnedRow(db.insert(tenants).values(tenant).returning()),
  };
}

export type TenantsRepository = ReturnType<typeof createTenantsRepository>;
