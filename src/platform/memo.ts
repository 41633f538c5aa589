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
