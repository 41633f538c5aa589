import { inArray, sql } from 'drizzle-orm';
import { conflict, type AppError } from './errors';
import type { Db } from './database';
import { feedVersions } from './data-versions.tables';
import { Lru } from './lru';
import { prepared } from './statements';

/**
 * Reads the data versions the generated triggers keep. A cache built from data with a given
 * signature is still right while the signature is unchanged, whoever wrote to the database
 * (this process, a script, a second server process).
 */
export function createVersionReader(db: Db) {
  // One statement per number of scopes, prepared once: a cached read costs one round trip.
  const statements = new Map<number, ReturnType<typeof versionsOf>>();
  const versionsOf = (count: number) =>
    prepared(
      db
        .select({ scope: feedVersions.scope, version: feedVersions.version })
        .from(feedVersions)
        .where(inArray(feedVersions.scope, Array.from({ length: count }, (_, i) => sql.placeholder(`scope${i}`)))),
    );
  return {
    async signatureOf(scopes: readonly string[]): Promise<string> {
      let statement = statements.get(scopes.length);
      if (!statement) statements.set(scopes.length, (statement = versionsOf(scopes.length)));
      const rows = await statement.all(Object.fromEntries(scopes.map((scope, i) => [`scope${i}`, scope])));
      const versions = new Map(rows.map((row) => [row.scope, row.version]));
      return scopes.map((scope) => `${scope}=${versions.get(scope) ?? 0}`).join(',');
    },
  };
}

export type VersionReader = ReturnType<typeof createVersionReader>;

/** Constraint errors of the versions table (only the triggers write it, with an upsert). */
export const dataVersionConstraints: Record<string, () => AppError> = {
  feed_versions_pkey: () => conflict('DATA_VERSION_CONFLICT', 'A data version was written twice'),
  deployment_single_row: () => conflict('DEPLOYMENT_CONFLICT', 'The deployment has one id'),
};

/**
 * Values built from the database, kept while the data versions they were built from hold,
 * within a byte budget. The signature is read before `build` runs: a change committed while
 * it runs leaves the entry under the older signature, so the next reader builds again.
 */
export class VersionedCache<T> {
  private readonly entries: Lru<{ signature: string; value: T }>;

  constructor(maxBytes: number, sizeOf: (value: T) => number) {
    this.entries = new Lru(maxBytes, (entry) => sizeOf(entry.value) + 2 * entry.signature.length);
  }

  async get(key: string, signature: string, build: () => T | Promise<T>): Promise<T> {
    const entry = this.entries.get(key);
    if (entry && entry.signature === signature) return entry.value;
    const value = await build();
    this.entries.set(key, { signature, value });
    return value;
  }
}
