import { describe, expect, it } from 'vitest';
import { contingencyTable, entropyOfSizes, mutualInformation } from '../../src/metrics/contingency.js';

describe('contingencyTable', () => {
  it('counts (class, cluster) pairs with classes and clusters numbered by first appearance', () => {
    const t = contingencyTable(['b', 'a', 'b', 'c', 'a'], Int32Array.from([1, 1, 0, 0, 1]));
    expect(t.classes).toBe(3);
    expect(t.clusters).toBe(2);
    // classes b, a, c; clusters 1, 0
    expect(Array.from(t.counts)).toEqual([1, 1, 2, 0, 0, 1]);
    expect(Array.from(t.classSizes)).toEqual([2, 2, 1]);
    expect(Array.from(t.clusterSizes)).toEqual([3, 2]);
    expect(t.n).toBe(5);
  });

  it('treats the number 1 and the string "1" as different labels', () => {
    expect(contingencyTable([1, '1'], [0, 0]).classes).toBe(2);
  });

  it('rejects labellings of different lengths', () => {
    expect(() => contingencyTable(['a'], Int32Array.from([0, 1]))).toThrow(RangeError);
  });
});

describe('entropyOfSizes', () => {
  it('is ln 2 for two equal parts, ln 4 for four, 0 for one part, 1 for no items', () => {
    expect(entropyOfSizes(Float64Array.from([5, 5]))).toBeCloseTo(Math.LN2, 15);
    expect(entropyOfSizes(Float64Array.from([1, 1, 1, 1]))).toBeCloseTo(Math.log(4), 15);
    expect(entropyOfSizes(Float64Array.from([7]))).toBe(0);
    expect(entropyOfSizes(new Float64Array(0))).toBe(1);
  });
});

describe('mutualInformation', () => {
  it('equals H(C) when the clustering reproduces the classes', () => {
    const t = contingencyTable(['x', 'x', 'y', 'z'], [2, 2, 0, 1]);
    expect(mutualInformation(t)).toBeCloseTo(entropyOfSizes(t.classSizes), 15);
  });

  it('is 0 for independent labellings and for a single cluster', () => {
    expect(mutualInformation(contingencyTable(['a', 'a', 'b', 'b'], [0, 1, 0, 1]))).toBe(0);
    expect(mutualInformation(contingencyTable(['a', 'b', 'c'], [0, 0, 0]))).toBe(0);
  });

  it('matches scikit-learn on a fixed case', () => {
    const t = contingencyTable(['a', 'a', 'a', 'b', 'b', 'b', 'c', 'c', 'c', 'c'], [0, 0, 1, 1, 1, 2, 2, 2, 2, 0]);
    // sklearn.metrics.mutual_info_score(['a','a','a','b','b','b','c','c','c','c'], [0,0,1,1,1,2,2,2,2,0])
    expect(mutualInformation(t)).toBeCloseTo(0.4820574165208128, 14);
  });
});
