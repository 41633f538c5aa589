import { Lru } from '../../src/platform/lru';

describe('Lru', () => {
  it('keeps what fits in its bytes and drops the least recently used first', () => {
    const lru = new Lru<string>(1000, (v) => 2 * v.length);
    lru.set('a', 'x'.repeat(150));
    lru.set('b', 'x'.repeat(150));
    expect(lru.get('a')).toBeDefined();
    lru.set('c', 'x'.repeat(150));
    expect([lru.get('a') !== undefined, lru.get('b') !== undefined, lru.get('c') !== undefined]).toEqual([true, false, true]);
    expect(lru.bytes).toBeLessThanOrEqual(1000);
  });

  it('does not keep a value larger than the whole cache', () => {
    const lru = new Lru<string>(1000, (v) => 2 * v.length);
    lru.set('a', 'x'.repeat(10));
    lru.set('big', 'x'.repeat(10_000));
    expect([lru.get('a'), lru.get('big'), lru.size]).toEqual(['x'.repeat(10), undefined, 1]);
  });

  it('counts a replaced value once', () => {
    const lru = new Lru<string>(10_000, (v) => v.length);
    lru.set('a', 'xx');
    const once = lru.bytes;
    lru.set('a', 'xx');
    expect(lru.bytes).toBe(once);
  });

  it('forgets everything when cleared', () => {
    const lru = new Lru<string>(10_000, (v) => v.length);
    lru.set('a', 'xx');
    lru.set('b', 'yy');
    lru.clear();
    expect([lru.get('a'), lru.get('b'), lru.size, lru.bytes]).toEqual([undefined, undefined, 0, 0]);
  });
});
