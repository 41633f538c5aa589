import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Versions of what cached listings and calendar feeds are built from, raised only by the
 * triggers generated from src/features/derived-data.ts. Scopes: 'all', 'programme:<id>',
 * 'unit:<id>', 'seats:<programme id>'.
 */
export const feedVersions = sqliteTable(
  'feed_versions',
  {
    scope: text('scope').primaryKey(),
    version: integer('version').notNull(),
  },
  () => [],
);
