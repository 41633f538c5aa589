import { is, sql, type Column, type SQL } from 'drizzle-orm';
import { PgDatabase } from 'drizzle-orm/pg-core';
import { SQLitePreparedQuery } from 'drizzle-orm/sqlite-core';
import type { RunResult } from 'better-sqlite3';
import type { Db } from './database';

/*
 * Running drizzle queries the same way on SQLite (better-sqlite3) and PostgreSQL (node-postgres).
 * Repositories build their queries from the sqlite-core tables on either engine; only the
 * better-sqlite3 terminal calls (.all/.get/.run/.values) and a few SQL functions differ.
 *
 * Every helper starts its statement at once, in the call: on SQLite the statement then runs
 * before the call returns, as it did when repositories were synchronous, so no unit of work
 * can begin between a caller's check for open units and the statement. (Awaiting a builder
 * would run it one microtask later.)
 */

/** Whether the database is PostgreSQL (drizzle node-postgres) rather than SQLite. */
export function isPostgres(db: Db): boolean {
  return is(db, PgDatabase);
}

/** A query drizzle can run on either engine: a select, or an insert/update/delete. */
interface Query<R> {
  execute(): Promise<R>;
}

/** The rows of a select (or of a write with `returning()`). */
export function rows<R>(query: Query<R>): Promise<R> {
  return query.execute();
}

/** The first row of a select (or of a write with `returning()`), or undefined when there is none. */
export async function first<Row>(query: Query<Row[]>): Promise<Row | undefined> {
  const found = await query.execute();
  return found[0];
}

/** The row an insert or update with `returning()` wrote (undefined when it wrote none). */
export async function returnedRow<Row>(query: Query<Row[]>): Promise<Row> {
  const written = await query.execute();
  return written[0] as Row;
}

/** Runs an insert, update or delete and answers how many rows it changed. */
export async function run(query: Query<unknown>): Promise<number> {
  return changedRows(await query.execute());
}

/** How many rows a write changed: SQLite answers `changes`, node-postgres `rowCount`. */
export function changedRows(result: unknown): number {
  const { changes, rowCount } = result as Partial<RunResult> & { rowCount?: number | null };
  return Number(changes ?? rowCount ?? 0);
}

type Params = Record<string, unknown>;
type Rows<Q extends Query<unknown>> = Awaited<ReturnType<Q['execute']>>;
type Row<Q extends Query<unknown>> = Rows<Q> extends (infer R)[] ? R : never;

/** The methods a statement has once prepared, on either engine. */
interface SQLiteStatement {
  all(params?: Params): unknown;
  get(params?: Params): unknown;
  run(params?: Params): unknown;
}
interface PostgresStatement {
  execute(params?: Params): Promise<unknown>;
}

/** PostgreSQL names prepared statements per connection: each gets a name no other has in the process. */
let statementsNamed = 0;

/**
 * A query prepared once and run many times with `sql.placeholder` values: drizzle takes about
 * 100 µs to build a query, more than SQLite takes to run most of ours.
 */
export interface Prepared<Q extends Query<unknown>> {
  all(params?: Params): Promise<Row<Q>[]>;
  get(params?: Params): Promise<Row<Q> | undefined>;
  run(params?: Params): Promise<void>;
}

export function prepared<Q extends Query<unknown> & { prepare(): unknown }>(query: Q): Prepared<Q> {
  // SQLite's prepare() takes no name and ignores one.
  const statement = (query as unknown as { prepare(name: string): unknown }).prepare(`statement_${++statementsNamed}`);
  if (is(statement, SQLitePreparedQuery)) {
    // better-sqlite3 runs these synchronously, in the call.
    const sqlite = statement as unknown as SQLiteStatement;
    return {
      all: async (params) => sqlite.all(params) as Row<Q>[],
      get: async (params) => sqlite.get(params) as Row<Q> | undefined,
      run: async (params) => {
        sqlite.run(params);
      },
    };
  }
  const postgres = statement as PostgresStatement;
  return {
    all: async (params) => (await postgres.execute(params)) as Row<Q>[],
    get: async (params) => ((await postgres.execute(params)) as Row<Q>[])[0],
    run: async (params) => {
      await postgres.execute(params);
    },
  };
}

/**
 * A list of values bound as one JSON text, as a table `listed` of one column `value` (text on
 * PostgreSQL): lists run to thousands of values, more than a statement may bind one by one.
 * Use as `x IN (SELECT value FROM ${listed(db, values)})`, or cast `value` to integer for ids.
 */
export function listed(db: Db, values: readonly (string | number)[]): SQL {
  const json = JSON.stringify(values);
  return isPostgres(db) ? sql`jsonb_array_elements_text(${json}::jsonb) AS listed(value)` : sql`json_each(${json}) AS listed`;
}

/** `id IN (the ids)`, the ids bound as one value. */
export function idIn(db: Db, id: Column | SQL, ids: readonly number[]): SQL {
  return sql`${id} IN (SELECT CAST(value AS integer) FROM ${listed(db, ids)})`;
}

/** `'%fragment%'` for a contains-match, with the fragment's own %, _ and \ taken literally. */
export const containsPattern = (fragment: string) => `%${fragment.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Whether the text contains the fragment, whatever its (ASCII) case: SQLite's LIKE ignores
 * case, PostgreSQL's does not, so both sides are lowered on both engines.
 */
export function containsText(text: Column | SQL, fragment: string): SQL {
  return sql`lower(${text}) LIKE lower(${containsPattern(fragment)}) ESCAPE '\\'`;
}

/** A JSON array (as text) of the expression over the rows of each group. */
export function jsonArrayOf(db: Db, expression: Column | SQL): SQL<string> {
  return isPostgres(db) ? sql<string>`json_agg(${expression})::text` : sql<string>`json_group_array(${expression})`;
}

/**
 * A select whose rows stay locked to the end of the statement's transaction, skipping rows
 * another transaction has locked: how several workers take from one queue on PostgreSQL without
 * waiting for, or fighting over, the same row. SQLite runs one writer at a time: nothing to skip.
 */
export function skippingLocked<Q extends object>(db: Db, select: Q): Q {
  return isPostgres(db) ? (select as unknown as { for(strength: 'update', config: { skipLocked: true }): Q }).for('update', { skipLocked: true }) : select;
}

/** Ascending with NULLs first: SQLite's default, while PostgreSQL puts them last. */
export function ascNullsFirst(column: Column | SQL): SQL {
  return sql`${column} ASC NULLS FIRST`;
}

/**
 * How many rows of the group meet the condition (0 when none): SQLite sums booleans, which
 * PostgreSQL refuses; an aggregate FILTER reads the same on both.
 */
export function countWhere(condition: SQL): SQL<number> {
  return sql<number>`count(*) FILTER (WHERE ${condition})`;
}
