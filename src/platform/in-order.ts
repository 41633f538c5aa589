/**
 * Array methods for an async callback, one item after another: the statements of a unit of
 * work run in the order the code reads (and one connection runs one statement at a time).
 */
export async function mapInOrder<T, R>(items: Iterable<T>, fn: (item: T, index: number) => R | Promise<R>): Promise<R[]> {
  const results: R[] = [];
  let index = 0;
  for (const item of items) results.push(await fn(item, index++));
  return results;
}

export async function flatMapInOrder<T, R>(items: Iterable<T>, fn: (item: T, index: number) => R | readonly R[] | Promise<R | readonly R[]>): Promise<R[]> {
  return (await mapInOrder(items, fn)).flat() as R[];
}

export async function filterInOrder<T>(items: Iterable<T>, keep: (item: T, index: number) => unknown): Promise<T[]> {
  const kept: T[] = [];
  let index = 0;
  for (const item of items) if (await keep(item, index++)) kept.push(item);
  return kept;
}

export async function someInOrder<T>(items: Iterable<T>, test: (item: T, index: number) => unknown): Promise<boolean> {
  let index = 0;
  for (const item of items) if (await test(item, index++)) return true;
  return false;
}
