import { describe, expect, it } from 'vitest';
import { balancedRanges, shared } from '../../src/linalg/threadedWork.js';

describe('threadedWork', () => {
  it('splits rows into contiguous ranges of about equal weight', () => {
    expect(balancedRanges(10, 3)).toEqual([
      [0, 4],
      [4, 7],
      [7, 10],
    ]);
    // Row 0 holds most of the weight (stored entries + 1 per row).
    const indptr = Int32Array.from([0, 90, 91, 92, 93, 94]);
    const ranges = balancedRanges(5, 2, indptr);
    expect(ranges[0][0]).toBe(0);
    expect(ranges.at(-1)?.[1]).toBe(5);
    expect(ranges.length).toBeLessThanOrEqual(2);
    expect(balancedRanges(1, 4)).toEqual([[0, 1]]);
  });

  it('makes zero-filled arrays of the asked length on shared memory', () => {
    const a = shared(Float64Array, 5);
    expect(a.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(Array.from(a)).toEqual([0, 0, 0, 0, 0]);
    expect(shared(Int32Array, 0).length).toBe(0);
  });
});
