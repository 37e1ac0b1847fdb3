import { describe, expect, it } from 'vitest';
import { classicalMds } from '../../src/hierarchy/classicalMds.js';
import { centroidCosines, cosineDistances } from '../../src/hierarchy/centroidCosines.js';

function distancesOf(points: number[][]): Float64Array {
  const k = points.length;
  const D = new Float64Array(k * k);
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) D[i * k + j] = Math.hypot(...points[i].map((v, t) => v - points[j][t]));
  return D;
}

function placed(X: Float64Array, k: number): number[][] {
  return Array.from({ length: k }, (_, i) => [X[2 * i], X[2 * i + 1]]);
}

describe('classicalMds', () => {
  it('recovers the distances of points in the plane exactly, centred', () => {
    const points = [[0, 0], [3, 0], [3, 4], [-1, 2], [5, 5]];
    const D = distancesOf(points);
    const X = classicalMds(D, 5);
    const back = distancesOf(placed(X, 5));
    for (let i = 0; i < 25; i++) expect(back[i]).toBeCloseTo(D[i], 9);
    expect(X[0] + X[2] + X[4] + X[6] + X[8]).toBeCloseTo(0, 12);
    expect(X[1] + X[3] + X[5] + X[7] + X[9]).toBeCloseTo(0, 12);
  });

  it('puts two items on the first axis at +-d/2 and fixes the sign: largest |value| positive, the first on ties', () => {
    const X = classicalMds(Float64Array.from([0, 0.8, 0.8, 0]), 2);
    // By hand: D2 = [[0, .64], [.64, 0]], B = [[.16, -.16], [-.16, .16]], lambda = .32,
    // v = (1, -1)/sqrt 2 (first entry positive on the tie), X = v sqrt(.32) = (.4, -.4).
    expect(Array.from(X).map((v) => Math.round(v * 1e12) / 1e12)).toEqual([0.4, 0, -0.4, 0]);
  });

  it('is the same for the same distances, and for points mirrored (same distances)', () => {
    const D = distancesOf([[1, 2], [2, 7], [4, 1], [0, 0], [9, 3], [5, 5]]);
    expect(Array.from(classicalMds(D, 6))).toEqual(Array.from(classicalMds(D, 6)));
    // Mirrored points have the same distances, hence the same map.
    const mirrored = distancesOf([[-1, 2], [-2, 7], [-4, 1], [0, 0], [-9, 3], [-5, 5]]);
    const a = classicalMds(D, 6);
    const b = classicalMds(mirrored, 6);
    for (let i = 0; i < 12; i++) expect(b[i]).toBeCloseTo(a[i], 9);
    for (let c = 0; c < 2; c++) {
      const col = [0, 1, 2, 3, 4, 5].map((i) => a[2 * i + c]);
      const top = col.reduce((best, v, i) => (Math.abs(v) > Math.abs(col[best]) + 1e-12 ? i : best), 0);
      expect(col[top]).toBeGreaterThan(0);
    }
  });
});

describe('centroidCosines and cosineDistances', () => {
  it('gives cosine similarity of rows (scale-free), 1 - it as distance, and 0 for a zero row', () => {
    const centres = Float64Array.from([1, 0, 2, 0, 1, 1, 0, 0]);
    const S = centroidCosines(centres, 4, 2);
    expect(Array.from(S).map((v) => Math.round(v * 1e12) / 1e12)).toEqual([
      1, 1, Math.round(Math.SQRT1_2 * 1e12) / 1e12, 0,
      1, 1, Math.round(Math.SQRT1_2 * 1e12) / 1e12, 0,
      Math.round(Math.SQRT1_2 * 1e12) / 1e12, Math.round(Math.SQRT1_2 * 1e12) / 1e12, 1, 0,
      0, 0, 0, 1,
    ]);
    const D = cosineDistances(S, 4);
    expect(D[0 * 4 + 1]).toBe(0);
    expect(D[0 * 4 + 2]).toBeCloseTo(1 - Math.SQRT1_2, 12);
    expect(D[3 * 4 + 0]).toBe(1);
    expect(D[3 * 4 + 3]).toBe(0);
  });
});
