/** Bytes a JS string takes at most (V8 stores non-Latin-1 strings two bytes a character). */
export const stringBytes = (text: string) => 2 * text.length;

/** What a Map entry and its key cost besides the value. */
const ENTRY_OVERHEAD = 96;

/**
 * A Map bounded by the bytes of what it holds: past `maxBytes` the least recently used
 * entries go. `sizeOf` says what a value weighs; the one cache implementation of the service
 * (feeds, event fragments, listings, memoised dates), so memory is capped by configuration,
 * not by an entry count that means nothing about bytes.
 */
export class Lru<V> {
  private readonly map = new Map<string, { value: V; bytes: number }>();
  private total = 0;

  constructor(
    readonly maxBytes: number,
    private readonly sizeOf: (value: V) => number,
  ) {}

  get(key: string): V | undefined {
    const entry = this.map.get(key);
    if (!entry) return undefined;
    this.map.delete(key);
    this.map.set(key, entry);
    return entry.value;
  }

  set(key: string, value: V): void {
    this.delete(key);
    const bytes = ENTRY_OVERHEAD + stringBytes(key) + this.sizeOf(value);
    // A value larger than the whole cache is not kept (it would evict everything else).
    if (bytes > this.maxBytes) return;
    this.map.set(key, { value, bytes });
    this.total += bytes;
    for (const [oldest, entry] of this.map) {
      if (this.total <= this.maxBytes) break;
      this.map.delete(oldest);
      this.total -= entry.bytes;
    }
  }

  delete(key: string): void {
    const entry = this.map.get(key);
    if (!entry) return;
    this.map.delete(key);
    this.total -= entry.bytes;
  }

  clear(): void {
    this.map.clear();
    this.total = 0;
  }

  get bytes(): number {
    return this.total;
  }

  get size(): number {
    return this.map.size;
  }
}
