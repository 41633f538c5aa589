import { eq, sql } from 'drizzle-orm';
import type { Db } from './client';
import { feedVersions } from './schema';

/**
 * Reads the data versions that triggers keep in feed_versions ('all', 'programme:<id>',
 * 'unit:<id>', 'seats:<programme id>'). A cache built from data with a given signature is
 * still right while the signature is unchanged, whoever wrote to the database.
 */
export function createVersions(db: Db) {
  const version = db.select({ version: feedVersions.version }).from(feedVersions).where(eq(feedVersions.scope, sql.placeholder('scope'))).prepare();
  return {
    signatureOf(scopes: string[]): string {
      return scopes.map((scope) => `${scope}=${version.get({ scope })?.version ?? 0}`).join(',');
    },
  };
}

/**
 * Values built from the database, kept while the data versions they were built from hold.
 * `build` runs synchronously right after the versions are read, so nothing can change
 * between the two. Least recently used entries go beyond `max`.
 */
export class VersionedCache<T> {
  private readonly entries = new Map<string, { signature: string; value: T }>();
  constructor(private readonly max = 10_000) {}

  get(key: string, signature: string, build: () => T): T {
    const entry = this.entries.get(key);
    this.entries.delete(key);
    const value = entry && entry.signature === signature ? entry.value : build();
    this.entries.set(key, { signature, value });
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }
}
