import { describe, expect, it } from 'vitest';
import { adjustedRandIndex } from '../../src/metrics/ari.js';
import { createRandom } from '../../src/random/seededRandom.js';

describe('adjustedRandIndex', () => {
  it('is 1 for identical partitions, whatever the label names', () => {
    expect(adjustedRandIndex(['p', 'p', 'q', 'r', 'r'], Int32Array.from([4, 4, 0, 9, 9]))).toBe(1);
    expect(adjustedRandIndex([], new Int32Array(0))).toBe(1);
  });

  it('matches scikit-learn on fixed cases', () => {
    // sklearn.metrics.adjusted_rand_score(['a','a','a','b','b','b','c','c','c','c'], [0,0,1,1,1,2,2,2,2,0])
    expect(
      adjustedRandIndex(['a', 'a', 'a', 'b', 'b', 'b', 'c', 'c', 'c', 'c'], Int32Array.from([0, 0, 1, 1, 1, 2, 2, 2, 2, 0])),
    ).toBeCloseTo(0.20454545454545456, 14);
    // sklearn.metrics.adjusted_rand_score([3,3,1,1,1,2,2,5,5,5,5,5], [0,1,1,1,2,2,2,0,0,0,3,3])
    expect(
      adjustedRandIndex([3, 3, 1, 1, 1, 2, 2, 5, 5, 5, 5, 5], Int32Array.from([0, 1, 1, 1, 2, 2, 2, 0, 0, 0, 3, 3])),
    ).toBeCloseTo(0.2757201646090535, 14);
    // sklearn.metrics.adjusted_rand_score(['x','x','y','y','z','z','w','w'], [0,0,0,0,0,0,1,1])
    expect(
      adjustedRandIndex(['x', 'x', 'y', 'y', 'z', 'z', 'w', 'w'], Int32Array.from([0, 0, 0, 0, 0, 0, 1, 1])),
    ).toBeCloseTo(0.2222222222222222, 14);
  });

  it('goes negative for worse-than-chance agreement and is 0 against one cluster', () => {
    // sklearn.metrics.adjusted_rand_score([0,0,1,1], [0,1,0,1]) == -0.5
    expect(adjustedRandIndex([0, 0, 1, 1], Int32Array.from([0, 1, 0, 1]))).toBeCloseTo(-0.5, 15);
    // sklearn.metrics.adjusted_rand_score(['a','a','b'], [1,1,1]) == 0.0
    expect(adjustedRandIndex(['a', 'a', 'b'], Int32Array.from([1, 1, 1]))).toBe(0);
  });

  it('is symmetric in its two labellings', () => {
    const gold = [3, 3, 1, 1, 1, 2, 2, 5, 5, 5, 5, 5];
    const pred = [0, 1, 1, 1, 2, 2, 2, 0, 0, 0, 3, 3];
    expect(adjustedRandIndex(gold, Int32Array.from(pred))).toBeCloseTo(adjustedRandIndex(pred, Int32Array.from(gold)), 15);
  });

  it('is ≈ 0 for large independent random labellings', () => {
    const random = createRandom(3);
    const gold = Array.from({ length: 5000 }, () => `c${Math.floor(random() * 4)}`);
    const pred = Int32Array.from({ length: 5000 }, () => Math.floor(random() * 5));
    expect(Math.abs(adjustedRandIndex(gold, pred))).toBeLessThan(0.01);
  });
});
