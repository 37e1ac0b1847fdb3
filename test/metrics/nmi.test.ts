import { describe, expect, it } from 'vitest';
import { normalizedMutualInfo } from '../../src/metrics/nmi.js';
import { vMeasureScore } from '../../src/metrics/vMeasure.js';
import { createRandom } from '../../src/random/seededRandom.js';

describe('normalizedMutualInfo', () => {
  it('is 1 for identical partitions, whatever the label names', () => {
    expect(normalizedMutualInfo(['p', 'p', 'q', 'r', 'r'], Int32Array.from([4, 4, 0, 9, 9]))).toBeCloseTo(1, 15);
  });

  it('matches scikit-learn (arithmetic normalisation) on fixed cases', () => {
    // sklearn.metrics.normalized_mutual_info_score(['a','a','a','b','b','b','c','c','c','c'], [0,0,1,1,1,2,2,2,2,0])
    expect(
      normalizedMutualInfo(['a', 'a', 'a', 'b', 'b', 'b', 'c', 'c', 'c', 'c'], Int32Array.from([0, 0, 1, 1, 1, 2, 2, 2, 2, 0])),
    ).toBeCloseTo(0.44270128334605, 13);
    // sklearn.metrics.normalized_mutual_info_score([3,3,1,1,1,2,2,5,5,5,5,5], [0,1,1,1,2,2,2,0,0,0,3,3])
    expect(
      normalizedMutualInfo([3, 3, 1, 1, 1, 2, 2, 5, 5, 5, 5, 5], Int32Array.from([0, 1, 1, 1, 2, 2, 2, 0, 0, 0, 3, 3])),
    ).toBeCloseTo(0.6021962803794424, 13);
    // sklearn.metrics.normalized_mutual_info_score(['x','x','y','y','z','z','w','w'], [0,0,0,0,0,0,1,1])
    expect(
      normalizedMutualInfo(['x', 'x', 'y', 'y', 'z', 'z', 'w', 'w'], Int32Array.from([0, 0, 0, 0, 0, 0, 1, 1])),
    ).toBeCloseTo(0.5771596324111234, 13);
  });

  it('equals the V-measure (β = 1), as arithmetic NMI always does', () => {
    const random = createRandom(1);
    const gold = Array.from({ length: 200 }, () => Math.floor(random() * 5));
    const pred = Int32Array.from(gold, (g) => (random() < 0.7 ? g : Math.floor(random() * 6)));
    expect(normalizedMutualInfo(gold, pred)).toBeCloseTo(vMeasureScore(gold, pred), 13);
  });

  it('follows scikit-learn on degenerate inputs: one class and one cluster → 1, zero information → 0', () => {
    // sklearn: normalized_mutual_info_score(['a','a','a'], [1,1,1]) == 1.0
    expect(normalizedMutualInfo(['a', 'a', 'a'], Int32Array.from([1, 1, 1]))).toBe(1);
    // sklearn: normalized_mutual_info_score(['a','a','b'], [1,1,1]) == 0.0
    expect(normalizedMutualInfo(['a', 'a', 'b'], Int32Array.from([1, 1, 1]))).toBe(0);
    // sklearn: normalized_mutual_info_score([0,0,1,1], [0,1,0,1]) == 0.0
    expect(normalizedMutualInfo([0, 0, 1, 1], Int32Array.from([0, 1, 0, 1]))).toBe(0);
  });

  it('is near 0 for large independent random labellings', () => {
    const random = createRandom(2);
    const gold = Array.from({ length: 5000 }, () => `c${Math.floor(random() * 4)}`);
    const pred = Int32Array.from({ length: 5000 }, () => Math.floor(random() * 5));
    expect(normalizedMutualInfo(gold, pred)).toBeLessThan(0.01);
  });
});
