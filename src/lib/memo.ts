/**
 * Memoises a function of a string key. Schedules repeat the same few dates, times and zones
 * thousands of times, so each is worked out once; past `max` keys the cache starts over.
 */
export function memoize<V>(fn: (key: string) => V, max = 50_000): (key: string) => V {
  const cache = new Map<string, V>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) {
      if (cache.size >= max) cache.clear();
      value = fn(key);
      cache.set(key, value);
    }
    return value;
  };
}
