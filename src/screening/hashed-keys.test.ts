import { describe, expect, it } from 'vitest';
import { HashedKeys, hashSkipping, VALUE_RANGE } from './hashed-keys.js';

describe('HashedKeys', () => {
  it('returns every value stored under a hash, and nothing for others', () => {
    const pairs = [
      [hashSkipping('abc', -1), 1],
      [hashSkipping('abd', -1), 2],
      [hashSkipping('abc', -1), 3],
    ].map(([hash, value]) => hash! * VALUE_RANGE + value!);
    const keys = new HashedKeys(Float64Array.from(pairs));
    expect(keys.size).toBe(2);
    expect([...keys.get(hashSkipping('abc', -1))!].sort()).toEqual([1, 3]);
    expect([...keys.get(hashSkipping('abd', -1))!]).toEqual([2]);
    expect(keys.get(hashSkipping('xyz', -1))).toBeUndefined();
  });

  it('hashes a word with one letter left out as that shorter word', () => {
    expect(hashSkipping('huawei', 2)).toBe(hashSkipping('huwei', -1));
  });
});
