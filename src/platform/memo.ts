import { Lru } from './lru';

/** About what a luxon DateTime or a short string result weighs. */
const RESULT_BYTES = 512;

/**
 * Memoises a function of a string key. Schedules repeat the same few dates, times and zones
 * thousands of times, so each is worked out once; at most `maxBytes` are kept.
 */
export function memoize<V>(fn: (key: string) => V, maxBytes = 2 * 1024 * 1024): (key: string) => V {
  const cache = new Lru<V>(maxBytes, () => RESULT_BYTES);
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) {
      value = fn(key);
      cache.set(key, value);
    }
    return value;
  };
}

/** A value made the first time it is asked for (a prepared statement, a loaded library). */
export function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}

/**
 * An object whose members are made the first time each is read: a repository's prepared
 * statements, built (by drizzle, then SQLite) only when a request first needs them, so that
 * assembling the service (a test does it hundreds of times) prepares nothing.
 */
export function madeOnFirstUse<T extends object>(makers: { [K in keyof T]: () => T[K] }): T {
  const members = {} as T;
  for (const key of Object.keys(makers) as (keyof T)[]) {
    const member = once(makers[key]);
    Object.defineProperty(members, key, { enumerable: true, get: member });
  }
  return members;
}
