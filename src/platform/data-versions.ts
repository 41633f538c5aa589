import { inArray, sql } from 'drizzle-orm';
import { conflict, type AppError } from './errors';
import type { Db } from './database';
import { feedVersionChanges, feedVersions } from './data-versions.tables';
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
  const versionsOf = (count: number) => {
    const scopes = Array.from({ length: count }, (_, i) => sql.placeholder(`scope${i}`));
    return prepared(
      db
        .select({ scope: feedVersions.scope, version: feedVersions.version })
        .from(feedVersions)
        .where(inArray(feedVersions.scope, scopes))
        .unionAll(
          db
            .select({ scope: feedVersionChanges.scope, version: sql<number>`CAST(count(*) AS integer)` })
            .from(feedVersionChanges)
            .where(inArray(feedVersionChanges.scope, scopes))
            .groupBy(feedVersionChanges.scope),
        ),
    );
  };
  return {
    async signatureOf(scopes: readonly string[]): Promise<string> {
      let statement = statements.get(scopes.length);
      if (!statement) statements.set(scopes.length, (statement = versionsOf(scopes.length)));
      const rows = await statement.all(Object.fromEntries(scopes.map((scope, i) => [`scope${i}`, scope])));
      const versions = new Map<string, number>();
      for (const row of rows) versions.set(row.scope, (versions.get(row.scope) ?? 0) + Number(row.version));
      return scopes.map((scope) => `${scope}=${versions.get(scope) ?? 0}`).join(',');
    },
  };
}

/**
 * Adds the raises waiting in feed_version_changes into feed_versions (PostgreSQL), in one
 * statement: a reader sees every scope's sum as before or as after, never a raise twice or
 * not at all. One process at a time does it (the others skip: the next round takes theirs);
 * the scopes are updated in order, so two rounds could not deadlock anyway.
 */
export const ADD_UP_VERSION_CHANGES = `
  WITH turn AS (SELECT pg_try_advisory_xact_lock(hashtext('sop-scheduler feed versions')) AS mine),
  moved AS (DELETE FROM feed_version_changes WHERE (SELECT mine FROM turn) RETURNING scope)
  INSERT INTO feed_versions (scope, version)
  SELECT scope, count(*) FROM moved GROUP BY scope ORDER BY scope
  ON CONFLICT (scope) DO UPDATE SET version = feed_versions.version + excluded.version`;

export type VersionReader = ReturnType<typeof createVersionReader>;

/** Constraint errors of the versions table (written with upserts: SQLite's triggers, PostgreSQL's adding up). */
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
