/** What kind of government a tenant is: a province hosts its kabupaten and kota; a ministry is one level up. */
export const TENANT_KINDS = ['provinsi', 'kabupaten', 'kota', 'kementerian'] as const;
export type TenantKind = (typeof TENANT_KINDS)[number];

/** Which kind of government may belong to which (a kabupaten/kota to a province, a province to a ministry). */
export const PARENT_KIND: Record<TenantKind, TenantKind | null> = { kota: 'provinsi', kabupaten: 'provinsi', provinsi: 'kementerian', kementerian: null };

/**
 * A slug names a tenant in addresses (`/g/sleman/...`) and folders: lower-case letters, digits
 * and inner hyphens, 2 to 40 of them. `g`, and names the service uses at its top level, are kept.
 */
const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])$/;
const RESERVED_SLUGS = new Set(['g', 'api', 'docs', 'health', 'metrics', 'static', 'assets', 'admin', 'tenants']);

/** Why the slug cannot be used, or null. */
export function slugProblem(slug: string): string | null {
  if (!SLUG.test(slug)) return 'must be 2-40 lower-case letters, digits and hyphens, starting and ending with a letter or digit (e.g. sleman)';
  if (RESERVED_SLUGS.has(slug)) return `"${slug}" is reserved`;
  return null;
}

/** A host name as registered and compared: lower-cased, without a port or a trailing dot. */
export function normaliseHost(host: string): string {
  return host.trim().toLowerCase().replace(/:\d+$/, '').replace(/\.$/, '');
}

const HOST = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** Why the host name cannot be registered, or null. */
export function hostProblem(host: string): string | null {
  return HOST.test(normaliseHost(host)) ? null : 'must be a host name such as sleman.sop.example.go.id';
}

/** Where a tenant's own files go (its SQLite database, documents), below the deployment's data folder. */
export const tenantFolderName = (slug: string) => `tenants/${slug}`;

/** A tenant's own PostgreSQL database: the deployment's database name and the slug (`sop` -> `sop_sleman`). */
export const tenantDatabaseName = (homeDatabase: string, slug: string) => `${homeDatabase}_${slug.replace(/-/g, '_')}`;
