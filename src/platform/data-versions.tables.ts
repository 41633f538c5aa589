import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Versions of what cached listings and calendar feeds are built from, raised only by the
 * triggers generated from src/features/derived-data.ts. Scopes: 'all', 'programme:<id>',
 * 'unit:<id>', 'seats:<programme id>'. A scope's version is its row here plus its rows in
 * feed_version_changes (see there).
 */
export const feedVersions = sqliteTable(
  'feed_versions',
  {
    scope: text('scope').primaryKey(),
    version: integer('version').notNull(),
  },
  () => [],
);

/**
 * Raises of a scope's version not yet added to feed_versions, one row per raise (no key: rows
 * are only counted and deleted). On PostgreSQL the triggers insert here instead of updating
 * feed_versions: two SERIALIZABLE transactions that update one row cannot both commit, so every
 * booking of a programme would have failed every other one made at the same time. One
 * statement adds the rows into feed_versions and deletes them (platform/data-versions.ts),
 * which leaves each scope's version as it was. On SQLite (one writer) the triggers update
 * feed_versions directly and this table stays empty.
 */
export const feedVersionChanges = sqliteTable(
  'feed_version_changes',
  { scope: text('scope').notNull() },
  (t) => [index('feed_version_changes_scope_idx').on(t.scope)],
);
