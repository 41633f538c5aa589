import type { Config } from '../config';
import { openDatabase, type OpenDatabase } from './database';
import { describePostgres, openPostgres, type PostgresDatabase } from './postgres';

/** Where the configuration keeps the data, for messages: the file, or host and database (never the password). */
export function databaseName(config: Pick<Config, 'databaseUrl' | 'databasePath'>): string {
  return config.databaseUrl ? describePostgres(config.databaseUrl) : config.databasePath;
}

/** The database the configuration names, migrated: PostgreSQL at DATABASE_URL, else the SQLite file at DATABASE_PATH. */
export async function openConfiguredDatabase(config: Pick<Config, 'databaseUrl' | 'databasePoolSize' | 'databasePath' | 'databaseSynchronous'>): Promise<OpenDatabase | PostgresDatabase> {
  return config.databaseUrl ? await openPostgres(config.databaseUrl, { poolSize: config.databasePoolSize }) : openDatabase(config.databasePath, { synchronous: config.databaseSynchronous });
}
