import { describe, expect, it } from 'vitest';
import { InputError } from '../domain/errors.js';
import { partitionList } from './options.js';

describe('--partitions', () => {
  it('reads all, lists and ranges', () => {
    expect(partitionList(undefined)).toBeUndefined();
    expect(partitionList('all')).toBeUndefined();
    expect(partitionList('0,1,5')).toEqual([0, 1, 5]);
    expect(partitionList('0-3, 8,2')).toEqual([0, 1, 2, 3, 8]);
    expect(partitionList('7-7')).toEqual([7]);
  });

  it.each(['', 'x', '1,,2', '3-1', '-1', '1-', '0-5000', '1.5'])('refuses "%s" naming the option', (bad) => {
    let error: unknown;
    try {
      partitionList(bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).issues[0]).toMatchObject({
      code: 'invalid_partitions',
      path: ['--partitions'],
    });
  });
});
