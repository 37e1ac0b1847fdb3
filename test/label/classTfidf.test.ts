import { describe, expect, it } from 'vitest';
import { classTfidf } from '../../src/label/classTfidf.js';
import { classTermCounts } from '../../src/label/classTermCounts.js';
import type { CsrMatrix } from '../../src/types.js';

describe('classTermCounts', () => {
  it('sums document counts by class', () => {
    // docs: [t0:2, t1:1], [t1:3], [t2:1]; classes 0, 1, 0
    const counts: CsrMatrix = {
      rows: 3, cols: 3,
      indptr: Int32Array.from([0, 2, 3, 4]),
      indices: Int32Array.from([0, 1, 1, 2]),
      values: Float64Array.from([2, 1, 3, 1]),
    };
    expect(Array.from(classTermCounts(counts, Int32Array.from([0, 1, 0]), 2))).toEqual([2, 1, 1, 0, 3, 0]);
  });
});

describe('classTfidf', () => {
  it('computes tf(t,c) * ln(1 + A / f(t)) (checked by hand)', () => {
    const counts = Float64Array.from([2, 1, 1, 0, 3, 0]);
    const w = classTfidf(counts, 2, 3);
    const A = 7 / 2;
    expect(w[0]).toBeCloseTo((2 / 4) * Math.log(1 + A / 2), 12);
    expect(w[1]).toBeCloseTo((1 / 4) * Math.log(1 + A / 4), 12);
    expect(w[4]).toBeCloseTo((3 / 3) * Math.log(1 + A / 4), 12);
    expect(w[3]).toBe(0);
  });

  it('ranks a term frequent in one class above a term spread over all classes', () => {
    const counts = Float64Array.from([5, 5, 0, 5]);
    const w = classTfidf(counts, 2, 2);
    expect(w[0]).toBeGreaterThan(w[1]);
  });
});
