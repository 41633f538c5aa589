import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import type { Db } from './database';
import { openPostgresReader } from './postgres';

/**
 * Where a worker thread can open the server's database on its own: the SQLite file, or the
 * PostgreSQL database's URL. An in-memory SQLite database has none (only its thread reads it).
 */
export type DatabaseSource = { engine: 'sqlite'; path: string } | { engine: 'postgres'; url: string };

/** A worker's own connection: repositories run on `db`, each read inside one `snapshot`. */
interface ReadOnlyConnection {
  db: Db;
  /** Runs `read` in one read transaction: it sees one committed state of the data. */
  snapshot<R>(read: () => Promise<R>): Promise<R>;
  close(): Promise<void>;
}

/**
 * A read-only connection to the server's database file, for a worker thread that reads much
 * (a report of every unit) so that the server's own thread does not: in WAL mode it reads the
 * last committed state and never blocks the writer. It neither migrates nor writes (the
 * server's connection does both).
 */
function openSqliteReader(databasePath: string): ReadOnlyConnection {
  const sqlite = new Database(databasePath, { readonly: true, fileMustExist: true });
  sqlite.pragma('busy_timeout = 5000');
  const db = drizzle(sqlite);
  return {
    db,
    async snapshot(read) {
      sqlite.exec('BEGIN');
      try {
        return await read();
      } finally {
        sqlite.exec('COMMIT');
      }
    },
    close: async () => void sqlite.close(),
  };
}

/**
 * This thread's connections, one per database, opened by the first read and kept while among
 * the `READERS_KEPT` most recently read: more than the largest province's kabupaten and kota
 * (38), whose overview reads each in turn and would otherwise reopen every one, and far fewer
 * than the hundreds a ministry's overview reads. Ending the thread (the worker pool's close, or a
 * worker replaced) closes them with it. Each has a queue, since a second read transaction would
 * run inside the first. The map's order is the order of use, the least recent first.
 */
const connections = new Map<string, { connection: ReadOnlyConnection; queue: Promise<unknown> }>();
export const READERS_KEPT = 64;

function connectionTo(source: DatabaseSource) {
  const key = source.engine === 'sqlite' ? `sqlite:${source.path}` : `postgres:${source.url}`;
  let entry = connections.get(key);
  if (entry) connections.delete(key);
  else entry = { connection: source.engine === 'sqlite' ? openSqliteReader(source.path) : openPostgresReader(source.url), queue: Promise.resolve() };
  connections.set(key, entry);
  for (const [leastRecent, old] of connections) {
    if (connections.size <= READERS_KEPT) break;
    connections.delete(leastRecent);
    // Once the reads already waiting for it are done.
    void old.queue.then(() => old.connection.close()).catch(() => undefined);
  }
  return entry;
}

/** How many databases this thread keeps a connection to (for the tests). */
export const openReaders = () => connections.size;

/**
 * What a worker thread reads a database through (repositories built over its read-only
 * connection to `source`); each read runs in one read transaction, so it sees one state of the
 * data. Readers of every kind share the thread's one connection to a database.
 */
export function readOnlyReaders<T>(build: (db: Db) => T) {
  const built = new WeakMap<ReadOnlyConnection, T>();
  return <R>(source: DatabaseSource, read: (reader: T) => R | Promise<R>): Promise<R> => {
    const entry = connectionTo(source);
    const { connection } = entry;
    let reader = built.get(connection);
    if (!reader) built.set(connection, (reader = build(connection.db)));
    const done = entry.queue.then(() => connection.snapshot(async () => await read(reader)));
    entry.queue = done.catch(() => undefined);
    return done;
  };
}
