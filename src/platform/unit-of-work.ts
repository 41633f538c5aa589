import { AsyncLocalStorage } from 'node:async_hooks';
import type Database from 'better-sqlite3';
import type { ConstraintTranslator } from './constraints';

/**
 * The one way commands change the database. `write` runs a function in one transaction, as if
 * no other ran at the same time: on SQLite (here) it takes the write lock at BEGIN (IMMEDIATE)
 * and units take turns on the one connection; on PostgreSQL (platform/postgres.ts) it is a
 * SERIALIZABLE transaction, run again from the start when it could not be serialised. Called
 * inside another `write` it becomes a savepoint, so services compose (closing a day displaces
 * bookings inside the closure's transaction). `dryRun` runs the same code and rolls it back:
 * the answer of a change without the change. A database refusal (unique index, CHECK,
 * trigger) leaves as the API error mapped to the constraint's name.
 *
 * A unit of work awaits only the database (never a network call, a timer or a worker thread),
 * and may run more than once: what must follow its commit goes through `afterCommit`.
 */
export interface UnitOfWork {
  write<T>(fn: () => T | Promise<T>): Promise<T>;
  dryRun<T>(fn: () => T | Promise<T>): Promise<T>;
  /**
   * Runs `fn`, which only reads, on one snapshot of the committed data: what it reads agrees
   * with itself whatever commits meanwhile (a feed and the versions it is cached under). On
   * SQLite it takes its turn among the units; on PostgreSQL it is a REPEATABLE READ READ ONLY
   * transaction, which never fails to serialise. Inside a unit it is part of that unit.
   */
  read<T>(fn: () => T | Promise<T>): Promise<T>;
  /**
   * Runs `fn` once the unit of work this is called in has committed (never after a rollback),
   * outside it; called outside any unit, on the next turn of the event loop.
   */
  afterCommit(fn: () => void): void;
  /**
   * The repository as services use it. On SQLite each method waits, outside a unit of work,
   * until none is open: on the one connection a statement run while a unit is open would see,
   * or join, its uncommitted changes. On PostgreSQL a lost database becomes a 503.
   */
  outsideUnits<R extends object>(repository: R): R;
}

/** Leaves a dry run's transaction with its answer: the rollback is the point. */
export class DryRunRollback extends Error {
  constructor(readonly result: unknown) {
    super('dry run');
  }
}

/** `dryRun` over an engine's `write`: the function's answer, then everything it wrote undone. */
export function dryRunOver(write: UnitOfWork['write']): UnitOfWork['dryRun'] {
  return async (fn) => {
    try {
      await write(async () => {
        throw new DryRunRollback(await fn());
      });
    } catch (err) {
      if (err instanceof DryRunRollback) return err.result as Awaited<ReturnType<typeof fn>>;
      throw err;
    }
    throw new Error('unreachable');
  };
}

/** The unit of work the current async context runs in; `open` turns false when it ends. */
interface Unit {
  depth: number;
  open: boolean;
  /** What runs after the outermost unit commits (a savepoint's, once it is released). */
  committed: (() => void)[];
}

/** The repository with each of its methods called through `call` (its other members as they are). */
export function callingThrough<R extends object>(repository: R, call: (method: (...args: unknown[]) => unknown, args: unknown[]) => unknown): R {
  const wrapped: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(repository))
    wrapped[name] = typeof member === 'function' ? (...args: unknown[]) => call((...a) => member.apply(repository, a), args) : member;
  return wrapped as R;
}

/** Runs what waited for a commit, in the order it was asked, outside every unit of work. */
export function runCommitted(units: AsyncLocalStorage<unknown>, committed: readonly (() => void)[]) {
  if (committed.length > 0) units.exit(() => setImmediate(() => committed.forEach((fn) => fn())));
}

export function createUnitOfWork(sqlite: Database.Database, translate: ConstraintTranslator): UnitOfWork {
  // Prepared once: these run around every command.
  const begin = sqlite.prepare('BEGIN IMMEDIATE');
  const beginRead = sqlite.prepare('BEGIN');
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
    const unit: Unit = { depth: parent.depth + 1, open: true, committed: [] };
    level.open.run();
    try {
      const result = await current.run(unit, fn);
      level.release.run();
      parent.committed.push(...unit.committed);
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

  async function outer<T>(fn: () => T | Promise<T>, reading = false): Promise<T> {
    const previous = queue;
    let end!: () => void;
    const done = new Promise<void>((resolve) => (end = resolve));
    queue = done;
    await previous;
    openUnit = done;
    const unit: Unit = { depth: 1, open: true, committed: [] };
    try {
      (reading ? beginRead : begin).run();
      try {
        const result = await current.run(unit, fn);
        (reading ? rollback : commit).run();
        runCommitted(current, unit.committed);
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
    dryRun: dryRunOver(write),
    read: async (fn) => (inside() ? await fn() : await outer(fn, true)),
    afterCommit(fn) {
      const unit = current.getStore();
      if (unit?.open) unit.committed.push(fn);
      else runCommitted(current, [fn]);
    },
    outsideUnits: (repository) => callingThrough(repository, (method, args) => (openUnit && !inside() ? afterOpenUnits(() => method(...args)) : method(...args))),
  };
}
