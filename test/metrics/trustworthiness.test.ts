import { describe, expect, it } from 'vitest';
import { trustworthiness, trustworthinessOfMaps } from '../../src/metrics/trustworthiness.js';
import type { DenseMatrix } from '../../src/types.js';

/** Unit rows at angles θ on a circle in the first two of 3 dimensions. */
function onCircle(angles: number[]): DenseMatrix {
  return { rows: angles.length, cols: 3, data: Float64Array.from(angles.flatMap((a) => [Math.cos(a), Math.sin(a), 0])) };
}

/** The definition, with ranks by sorting the cosine distances: for checking the scan. */
function byDefinition(X: DenseMatrix, x: Float64Array, y: Float64Array, k: number): number {
  const n = X.rows;
  const d = X.cols;
  let penalty = 0;
  for (let i = 0; i < n; i++) {
    const others = [...Array(n).keys()].filter((j) => j !== i);
    const high = [...others].sort((a, b) => {
      const da = 1 - [0, 1, 2].reduce((s, t) => s + X.data[i * d + t] * X.data[a * d + t], 0);
      const db = 1 - [0, 1, 2].reduce((s, t) => s + X.data[i * d + t] * X.data[b * d + t], 0);
      return da - db || a - b;
    });
    const low = [...others].sort((a, b) => Math.hypot(x[i] - x[a], y[i] - y[a]) - Math.hypot(x[i] - x[b], y[i] - y[b]) || a - b).slice(0, k);
    for (const j of low) penalty += Math.max(0, high.indexOf(j) + 1 - k);
  }
  return 1 - (2 / (n * k * (2 * n - 3 * k - 1))) * penalty;
}

describe('trustworthiness', () => {
  // Unevenly spaced on an arc, so that no two distances tie.
  const angles = Array.from({ length: 24 }, (_, i) => 0.05 * i + 0.002 * i * i);
  const X = onCircle(angles);
  const all = Int32Array.from({ length: 24 }, (_, i) => i);

  it('is 1 for a map that keeps every neighbourhood (the arc itself)', () => {
    const x = Float64Array.from(angles, Math.cos);
    const y = Float64Array.from(angles, Math.sin);
    expect(trustworthiness(X, x, y, all, 3)).toBeCloseTo(1, 12);
  });

  it('falls for a map that puts strangers side by side, as the definition says', () => {
    // Points in a shuffled order along a line.
    const order = [5, 17, 2, 11, 23, 8, 14, 0, 20, 3, 9, 15, 21, 6, 12, 18, 1, 7, 13, 19, 4, 10, 16, 22];
    const x = new Float64Array(24);
    order.forEach((point, position) => { x[point] = position; });
    const y = new Float64Array(24);
    const t = trustworthiness(X, x, y, all, 3);
    expect(t).toBeLessThan(0.8);
    expect(t).toBeCloseTo(byDefinition(X, x, y, 3), 12);
    const [same, circle] = trustworthinessOfMaps(X, [{ x, y }, { x: Float64Array.from(angles, Math.cos), y: Float64Array.from(angles, Math.sin) }], all, 3);
    expect(same).toBe(t);
    expect(circle).toBeCloseTo(1, 12);
  });

  it('needs fewer neighbours than half the sample', () => {
    expect(() => trustworthiness(X, new Float64Array(24), new Float64Array(24), all, 12)).toThrow(/k = 12 needs k < 24/);
  });
});
