import { afterAll, describe, expect, it } from 'vitest';
import {
  balancedRanges,
  runRowKernel,
  shared,
  sharedCopy,
  stopLinalgWorkers,
} from '../../src/linalg/linalgWorkers.js';
import { gram, timesSmall } from '../../src/linalg/dense.js';
import { createRandom } from '../../src/random/seededRandom.js';

describe('linalgWorkers', () => {
  afterAll(stopLinalgWorkers);

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

  it('runs dense passes on workers with the same result as one thread', () => {
    const random = createRandom(3);
    const data = sharedCopy(Float64Array.from({ length: 203 * 7 }, () => random() - 0.5));
    const X = { rows: 203, cols: 7, data };
    expect(gram(X, 3)).toEqual(gram(X, 1));
    const w = Float64Array.from({ length: 7 * 4 }, () => random());
    expect(Array.from(timesSmall(X, w, 4, false, 2).data)).toEqual(Array.from(timesSmall(X, w, 4, false, 1).data));
  });

  it('refuses arrays that are not on shared memory, and reports a worker failure', () => {
    const task = { args: [new Float64Array(4), 2, new Float64Array(4)], start: 0, end: 2 };
    expect(() => runRowKernel('gramRange', [task, task], 2)).toThrow(/shared memory/);
    // A kernel that throws in the worker (an argument of the wrong kind).
    const x = shared(Float64Array, 4).fill(1);
    const bad = { args: [x, 2, null], start: 0, end: 2 };
    expect(() => runRowKernel('gramRange', [bad, bad, bad, bad], 2)).toThrow();
    // The pool still works afterwards.
    const g = shared(Float64Array, 4);
    runRowKernel('gramRange', [{ args: [x, 2, g], start: 0, end: 2 }], 2);
    expect(Array.from(g)).toEqual([2, 2, 0, 2]);
  });
});
