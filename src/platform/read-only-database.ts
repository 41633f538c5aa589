import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import type { Db } from './database';

/**
 * A read-only connection to the server's database file, for a worker thread that reads much
 * (a report of every unit) so that the server's own thread does not: in WAL mode it reads the
 * last committed state and never blocks the writer. It neither migrates nor writes (the
 * server's connection does both).
 */
export function openReadOnly(databasePath: string): Db {
  const sqlite = new Database(databasePath, { readonly: true, fileMustExist: true });
  sqlite.pragma('busy_timeout = 5000');
  return drizzle(sqlite);
}

/**
 * What a worker thread reads a database file through (repositories built over a read-only
 * connection), opened once per file for as long as the thread lives; each read runs in one
 * read transaction, so it sees one state of the data.
 */
export function readOnlyReaders<T>(build: (db: Db) => T) {
  const open = new Map<string, { db: Db; reader: T; queue: Promise<unknown> }>();
  return <R>(databasePath: string, read: (reader: T) => R | Promise<R>): Promise<R> => {
    let entry = open.get(databasePath);
    if (!entry) {
      const db = openReadOnly(databasePath);
      open.set(databasePath, (entry = { db, reader: build(db), queue: Promise.resolve() }));
    }
    const { db, reader } = entry;
    // One read transaction at a time on a connection: a second would run inside the first.
    const done = entry.queue.then(async () => {
      db.$client.exec('BEGIN');
      try {
        return await read(reader);
      } finally {
        db.$client.exec('COMMIT');
      }
    });
    entry.queue = done.catch(() => undefined);
    return done;
  };
}
