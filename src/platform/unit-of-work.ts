import type Database from 'better-sqlite3';
import type { ConstraintTranslator } from './constraints';

/**
 * The one way commands change the database. `write` runs a synchronous function in one
 * transaction that takes the write lock at BEGIN (IMMEDIATE), so no other connection changes
 * what it reads before it commits; called inside another `write` it becomes a savepoint, so
 * services compose (closing a day displaces bookings inside the closure's transaction).
 * `dryRun` runs the same code and rolls it back: the answer of a change without the change.
 * A database refusal (unique index, CHECK, trigger) leaves as the API error mapped to the
 * constraint's name.
 */
export interface UnitOfWork {
  write<T>(fn: () => T): T;
  dryRun<T>(fn: () => T): T;
}

class DryRunRollback extends Error {
  constructor(readonly result: unknown) {
    super('dry run');
  }
}

export function createUnitOfWork(sqlite: Database.Database, translate: ConstraintTranslator): UnitOfWork {
  // Prepared once: these run around every command.
  const begin = sqlite.prepare('BEGIN IMMEDIATE');
  const commit = sqlite.prepare('COMMIT');
  const rollback = sqlite.prepare('ROLLBACK');
  const savepoints: { open: Database.Statement; release: Database.Statement; undo: Database.Statement }[] = [];
  const savepoint = (depth: number) =>
    (savepoints[depth] ??= {
      open: sqlite.prepare(`SAVEPOINT uow_${depth}`),
      release: sqlite.prepare(`RELEASE uow_${depth}`),
      undo: sqlite.prepare(`ROLLBACK TO uow_${depth}`),
    });
  let depth = 0;

  function run<T>(fn: () => T): T {
    const outer = depth === 0;
    const level = outer ? undefined : savepoint(depth);
    if (outer) begin.run();
    else level!.open.run();
    depth++;
    try {
      const result = fn();
      if (result instanceof Promise) throw new Error('a unit of work must be synchronous');
      depth--;
      if (outer) commit.run();
      else level!.release.run();
      return result;
    } catch (err) {
      depth--;
      if (outer) {
        if (sqlite.inTransaction) rollback.run();
      } else if (sqlite.inTransaction) {
        level!.undo.run();
        level!.release.run();
      }
      throw err instanceof DryRunRollback ? err : translate(err);
    }
  }

  return {
    write: run,
    dryRun<T>(fn: () => T): T {
      try {
        run(() => {
          throw new DryRunRollback(fn());
        });
      } catch (err) {
        if (err instanceof DryRunRollback) return err.result as T;
        throw err;
      }
      throw new Error('unreachable');
    },
  };
}
