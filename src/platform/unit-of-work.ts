import { AsyncLocalStorage } from 'node:async_hooks';
import type Database from 'better-sqlite3';
import type { ConstraintTranslator } from './constraints';

/**
 * The one way commands change the database. `write` runs a function in one transaction that
 * takes the write lock at BEGIN (IMMEDIATE), so no other connection changes what it reads
 * before it commits; called inside another `write` it becomes a savepoint, so services compose
 * (closing a day displaces bookings inside the closure's transaction). `dryRun` runs the same
 * code and rolls it back: the answer of a change without the change. A database refusal
 * (unique index, CHECK, trigger) leaves as the API error mapped to the constraint's name.
 *
 * A unit of work awaits only the database (never a network call, a timer or a worker thread):
 * units run one after another, and every other statement waits while one is open.
 */
export interface UnitOfWork {
  write<T>(fn: () => T | Promise<T>): Promise<T>;
  dryRun<T>(fn: () => T | Promise<T>): Promise<T>;
  /**
   * The repository with each method waiting, outside a unit of work, until none is open: on
   * one connection a statement run while a unit is open would see, or join, its uncommitted
   * changes.
   */
  outsideUnits<R extends object>(repository: R): R;
}

class DryRunRollback extends Error {
  constructor(readonly result: unknown) {
    super('dry run');
  }
}

/** The unit of work the current async context runs in; `open` turns false when it ends. */
interface Unit {
  depth: number;
  open: boolean;
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
  const current = new AsyncLocalStorage<Unit>();
  const inside = () => current.getStore()?.open === true;
  /** Settles when the open outer unit ends; null while none is open. */
  let openUnit: Promise<void> | null = null;
  /** The end of the last unit queued: units start in the order they asked. */
  let queue: Promise<void> = Promise.resolve();

  async function nested<T>(parent: Unit, fn: () => T | Promise<T>): Promise<T> {
    const level = savepoint(parent.depth);
    const unit: Unit = { depth: parent.depth + 1, open: true };
    level.open.run();
    try {
      const result = await current.run(unit, fn);
      level.release.run();
      return result;
    } catch (err) {
      if (sqlite.inTransaction) {
        level.undo.run();
        level.release.run();
      }
      throw err instanceof DryRunRollback ? err : translate(err);
    } finally {
      unit.open = false;
    }
  }

  async function outer<T>(fn: () => T | Promise<T>): Promise<T> {
    const previous = queue;
    let end!: () => void;
    const done = new Promise<void>((resolve) => (end = resolve));
    queue = done;
    await previous;
    openUnit = done;
    const unit: Unit = { depth: 1, open: true };
    try {
      begin.run();
      try {
        const result = await current.run(unit, fn);
        commit.run();
        return result;
      } catch (err) {
        if (sqlite.inTransaction) rollback.run();
        throw err instanceof DryRunRollback ? err : translate(err);
      }
    } finally {
      unit.open = false;
      openUnit = null;
      end();
    }
  }

  function write<T>(fn: () => T | Promise<T>): Promise<T> {
    const parent = current.getStore();
    return parent?.open ? nested(parent, fn) : outer(fn);
  }

  async function afterOpenUnits<T>(run: () => T): Promise<Awaited<T>> {
    while (openUnit && !inside()) await openUnit;
    return await run();
  }

  return {
    write,
    async dryRun<T>(fn: () => T | Promise<T>): Promise<T> {
      try {
        await write(async () => {
          throw new DryRunRollback(await fn());
        });
      } catch (err) {
        if (err instanceof DryRunRollback) return err.result as T;
        throw err;
      }
      throw new Error('unreachable');
    },
    outsideUnits<R extends object>(repository: R): R {
      const guarded: Record<string, unknown> = {};
      for (const [name, member] of Object.entries(repository))
        guarded[name] =
          typeof member !== 'function'
            ? member
            : (...args: unknown[]) => (openUnit && !inside() ? afterOpenUnits(() => member.apply(repository, args)) : member.apply(repository, args));
      return guarded as R;
    },
  };
}
