import { openDatabase, type OpenDatabase, type Synchronous } from './database';
import { describePostgres, openPostgres, type PostgresDatabase } from './postgres';

/** Where the data is (the configuration's DATABASE_* settings). */
export interface DatabaseSettings {
  databaseUrl: string | null;
  databasePoolSize: number;
  databasePath: string;
  databaseSynchronous: Synchronous;
}

/** Where the configuration keeps the data, for messages: the file, or host and database (never the password). */
export function databaseName(settings: Pick<DatabaseSettings, 'databaseUrl' | 'databasePath'>): string {
  return settings.databaseUrl ? describePostgres(settings.databaseUrl) : settings.databasePath;
}

/** The database the configuration names, migrated: PostgreSQL at DATABASE_URL, else the SQLite file at DATABASE_PATH. */
export async function openConfiguredDatabase(settings: DatabaseSettings): Promise<OpenDatabase | PostgresDatabase> {
  return settings.databaseUrl ? await openPostgres(settings.databaseUrl, { poolSize: settings.databasePoolSize }) : openDatabase(settings.databasePath, { synchronous: settings.databaseSynchronous });
}
