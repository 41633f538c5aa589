import path from 'node:path';
import { MIGRATIONS_FOLDER } from './migrations';

/** PostgreSQL's migrations (drizzle-kit, dialect postgresql): a journal of their own. */
export const PG_MIGRATIONS_FOLDER = path.join(MIGRATIONS_FOLDER, 'pg');

/** Every trigger of the schema for PostgreSQL, generated from the same declarations (`npm run db:triggers`). */
export const PG_TRIGGERS_FILE = path.join(PG_MIGRATIONS_FOLDER, 'repeatable', 'triggers.sql');
