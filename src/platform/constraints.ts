import type Database from 'better-sqlite3';
import { AppError } from './errors';

/**
 * The API error each database constraint stands for, by the constraint's name: a unique
 * index's name, a CHECK constraint's name, or the code a trigger raises
 * (`RAISE(ABORT, 'BATCH_FULL')`). Each repository declares the ones of its own tables; a
 * test checks that every constraint in the database has exactly one entry.
 */
export type ConstraintErrors = Readonly<Record<string, () => AppError>>;

export type ConstraintTranslator = (err: unknown) => unknown;

/** The SQLite error behind a driver or drizzle error (drizzle wraps driver errors in `cause`). */
export function sqliteErrorOf(err: unknown): { code: string; message: string } | undefined {
  let current: unknown = err;
  for (let depth = 0; current && depth < 5; depth++) {
    const candidate = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof candidate.code === 'string' && candidate.code.startsWith('SQLITE_')) return { code: candidate.code, message: String(candidate.message) };
    current = candidate.cause;
  }
  return undefined;
}

/**
 * Every unique index of the database by the way SQLite reports its violation: a plain index
 * by its columns ("bookings.period_id, bookings.unit_id"), an expression index by its name.
 * Read from the catalogue, so changing an index's columns changes this map with it.
 */
export function uniqueIndexes(sqlite: Database.Database): Map<string, string> {
  const byReport = new Map<string, string>();
  const tables = sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%'`).pluck().all() as string[];
  for (const table of tables)
    for (const index of sqlite.pragma(`index_list("${table}")`) as { name: string; unique: number; origin: string }[]) {
      if (!index.unique) continue;
      const name = index.origin === 'pk' ? `${table}_pkey` : index.name;
      const columns = (sqlite.pragma(`index_info("${index.name}")`) as { name: string | null }[]).map((c) => c.name);
      byReport.set(columns.every((c) => c !== null) ? columns.map((c) => `${table}.${c}`).join(', ') : `index '${index.name}'`, name);
    }
  return byReport;
}

/** The name of the constraint a SQLite error reports, if it is a constraint violation with a name. */
export function violatedConstraint(err: unknown, indexes: Map<string, string>): string | undefined {
  const e = sqliteErrorOf(err);
  if (!e) return undefined;
  if (e.code === 'SQLITE_CONSTRAINT_TRIGGER') return e.message;
  if (e.code === 'SQLITE_CONSTRAINT_CHECK') return e.message.replace(/^CHECK constraint failed: /, '');
  if (e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY')
    return indexes.get(e.message.replace(/^UNIQUE constraint failed: /, ''));
  return undefined;
}

/** Turns constraint violations into their API errors; anything else passes through unchanged. */
export function createConstraintTranslator(sqlite: Database.Database, errors: ConstraintErrors): ConstraintTranslator {
  const indexes = uniqueIndexes(sqlite);
  return translatorOf((err) => violatedConstraint(err, indexes), errors);
}

/** What node-postgres reports of a server error (its SQLSTATE `code`, and the constraint's and table's names where they apply). */
export interface PgError {
  code: string;
  message: string;
  constraint?: string;
  table?: string;
}

/** The PostgreSQL error behind a node-postgres or drizzle error (drizzle wraps driver errors in `cause`). */
export function pgErrorOf(err: unknown): PgError | undefined {
  let current: unknown = err;
  for (let depth = 0; current && depth < 5; depth++) {
    const candidate = current as { code?: unknown; message?: unknown; severity?: unknown; constraint?: unknown; table?: unknown; cause?: unknown };
    // node-postgres sets `severity` on errors the server sent; a five-character code alone could be a socket's (EPIPE).
    if (typeof candidate.code === 'string' && typeof candidate.severity === 'string')
      return {
        code: candidate.code,
        message: String(candidate.message),
        constraint: typeof candidate.constraint === 'string' ? candidate.constraint : undefined,
        table: typeof candidate.table === 'string' ? candidate.table : undefined,
      };
    current = candidate.cause;
  }
  return undefined;
}

const UNIQUE_VIOLATION = '23505';
const CHECK_VIOLATION = '23514';
/** `RAISE EXCEPTION 'BATCH_FULL'` in a trigger: the message is the code. */
const RAISED = 'P0001';

/**
 * The name of the constraint a PostgreSQL error reports, under the names SQLite's errors give
 * (so one map serves both): a unique index or CHECK by its own name, a trigger's code by its
 * message, a primary key as `<table>_pkey` (drizzle-kit names a composite one
 * `<table>_<columns>_pk`). Foreign keys and NOT NULL, unnamed on SQLite, give none.
 */
export function violatedPgConstraint(err: unknown): string | undefined {
  const e = pgErrorOf(err);
  if (!e) return undefined;
  if (e.code === RAISED) return e.message;
  if (e.code === CHECK_VIOLATION) return e.constraint;
  if (e.code === UNIQUE_VIOLATION && e.constraint)
    return e.table && /_pk(ey)?$/.test(e.constraint) && e.constraint.startsWith(`${e.table}_`) ? `${e.table}_pkey` : e.constraint;
  return undefined;
}

/**
 * Turns PostgreSQL's constraint violations into their API errors. No catalogue is read:
 * node-postgres names the violated constraint itself.
 */
export const createPgConstraintTranslator = (errors: ConstraintErrors): ConstraintTranslator => translatorOf(violatedPgConstraint, errors);

function translatorOf(nameOf: (err: unknown) => string | undefined, errors: ConstraintErrors): ConstraintTranslator {
  return (err) => {
    if (err instanceof AppError) return err;
    const name = nameOf(err);
    const toError = name === undefined ? undefined : errors[name];
    return toError ? toError() : err;
  };
}
