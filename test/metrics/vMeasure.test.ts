import { describe, expect, it } from 'vitest';
import { homogeneityCompletenessVMeasure, vMeasureScore } from '../../src/metrics/vMeasure.js';

const goldA = ['a', 'a', 'a', 'b', 'b', 'b', 'c', 'c', 'c', 'c'];
const predA = Int32Array.from([0, 0, 1, 1, 1, 2, 2, 2, 2, 0]);
const goldB = [3, 3, 1, 1, 1, 2, 2, 5, 5, 5, 5, 5];
const predB = Int32Array.from([0, 1, 1, 1, 2, 2, 2, 0, 0, 0, 3, 3]);

describe('homogeneityCompletenessVMeasure', () => {
  it('is 1, 1, 1 for a perfect clustering under any renaming of clusters', () => {
    expect(homogeneityCompletenessVMeasure(['x', 'x', 'y', 'z'], Int32Array.from([7, 7, 2, 0]))).toEqual({
      homogeneity: 1,
      completeness: 1,
      vMeasure: 1,
    });
  });

  it('matches scikit-learn on fixed cases', () => {
    // sklearn.metrics.homogeneity_completeness_v_measure(goldA, predA)
    const a = homogeneityCompletenessVMeasure(goldA, predA);
    expect(a.homogeneity).toBeCloseTo(0.44270128334605, 13);
    expect(a.completeness).toBeCloseTo(0.44270128334605, 13);
    expect(a.vMeasure).toBeCloseTo(0.44270128334605, 13);
    // sklearn.metrics.homogeneity_completeness_v_measure(goldB, predB)
    const b = homogeneityCompletenessVMeasure(goldB, predB);
    expect(b.homogeneity).toBeCloseTo(0.6135564339872828, 13);
    expect(b.completeness).toBeCloseTo(0.5912491517818368, 13);
    expect(b.vMeasure).toBeCloseTo(0.6021962803794423, 13);
    // sklearn: homogeneity_completeness_v_measure(['x','x','y','y','z','z','w','w'], [0,0,0,0,0,0,1,1])
    const c = homogeneityCompletenessVMeasure(['x', 'x', 'y', 'y', 'z', 'z', 'w', 'w'], Int32Array.from([0, 0, 0, 0, 0, 0, 1, 1]));
    expect(c.homogeneity).toBeCloseTo(0.40563906222956636, 13);
    expect(c.completeness).toBe(1);
    expect(c.vMeasure).toBeCloseTo(0.5771596324111234, 13);
  });

  it('weights completeness by beta', () => {
    // sklearn.metrics.v_measure_score(goldB, predB, beta=2.0)
    expect(vMeasureScore(goldB, predB, 2)).toBeCloseTo(0.5985024718243962, 13);
  });

  it('scores a single cluster as complete but not homogeneous, and all-singletons the other way round', () => {
    // sklearn: homogeneity_completeness_v_measure(['a','a','b'], [1,1,1]) == (0.0, 1.0, 0.0)
    expect(homogeneityCompletenessVMeasure(['a', 'a', 'b'], Int32Array.from([1, 1, 1]))).toEqual({
      homogeneity: 0,
      completeness: 1,
      vMeasure: 0,
    });
    // sklearn: homogeneity_completeness_v_measure([0,0,0,0], [0,1,2,3]) == (1.0, 0.0, 0.0)
    expect(homogeneityCompletenessVMeasure([0, 0, 0, 0], Int32Array.from([0, 1, 2, 3]))).toEqual({
      homogeneity: 1,
      completeness: 0,
      vMeasure: 0,
    });
  });

  it('is 0 for independent labellings and 1 for empty input', () => {
    expect(vMeasureScore([0, 0, 1, 1], Int32Array.from([0, 1, 0, 1]))).toBe(0);
    expect(vMeasureScore([], new Int32Array(0))).toBe(1);
  });
});
