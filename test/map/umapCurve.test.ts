import { describe, expect, it } from 'vitest';
import { umapCurve } from '../../src/map/umapCurve.js';

describe('umapCurve', () => {
  it('fits a and b of 1 / (1 + a d^2b) as the reference UMAP does for min_dist 0.1 (a 1.577, b 0.895)', () => {
    const { a, b } = umapCurve(0.1, 1);
    expect(a).toBeCloseTo(1.577, 2);
    expect(b).toBeCloseTo(0.895, 2);
  });

  it('fits the target curve closely: within 0.1 of it beyond min_dist', () => {
    for (const minDist of [0.01, 0.1, 0.5]) {
      const { a, b } = umapCurve(minDist, 1);
      for (let x = minDist + 0.05; x < 3; x += 0.1) {
        expect(Math.abs(1 / (1 + a * x ** (2 * b)) - Math.exp(-(x - minDist)))).toBeLessThan(0.1);
      }
    }
  });

  it('packs points tighter for a smaller min_dist (a larger a)', () => {
    expect(umapCurve(0.01, 1).a).toBeGreaterThan(umapCurve(0.1, 1).a);
    expect(umapCurve(0.1, 1).a).toBeGreaterThan(umapCurve(0.5, 1).a);
  });
});
