import { describe, expect, it } from 'vitest';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import type { DenseMatrix } from '../../src/types.js';
import { symmetricEigen } from '../../src/linalg/symmetricEigen.js';
import { createRandom, gaussian } from '../../src/random/seededRandom.js';

/** A random symmetric n×n matrix GᵀG − c·I (mixed-sign spectrum). */
function randomSymmetric(n: number, seed: number): DenseMatrix {
  const random = createRandom(seed);
  const g = Array.from({ length: n * n }, () => gaussian(random));
  const data = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let t = 0; t < n; t++) s += g[t * n + i] * g[t * n + j];
      data[i * n + j] = s - (i === j ? n : 0);
    }
  }
  return { rows: n, cols: n, data };
}

function column(M: DenseMatrix, j: number): number[] {
  return Array.from({ length: M.rows }, (_, i) => M.data[i * M.cols + j]);
}

describe('symmetricEigen', () => {
  const S = randomSymmetric(12, 11);
  const { values, vectors } = symmetricEigen(S);

  it('reconstructs S = V diag(λ) Vᵀ with orthonormal V', () => {
    const n = 12;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let rec = 0;
        let gram = 0;
        for (let t = 0; t < n; t++) {
          rec += vectors.data[i * n + t] * values[t] * vectors.data[j * n + t];
          gram += vectors.data[t * n + i] * vectors.data[t * n + j];
        }
        expect(Math.abs(rec - S.data[i * n + j])).toBeLessThan(1e-11);
        expect(Math.abs(gram - (i === j ? 1 : 0))).toBeLessThan(1e-13);
      }
    }
  });

  it('sorts eigenvalues descending and matches ml-matrix', () => {
    for (let i = 1; i < values.length; i++) expect(values[i]).toBeLessThanOrEqual(values[i - 1]);
    const rows = Array.from({ length: 12 }, (_, i) => Array.from(S.data.subarray(i * 12, i * 12 + 12)));
    const reference = new EigenvalueDecomposition(new Matrix(rows), { assumeSymmetric: true })
      .realEigenvalues.sort((a, b) => b - a);
    reference.forEach((lambda, i) => expect(values[i]).toBeCloseTo(lambda, 10));
  });

  it('makes the largest-|component| of every eigenvector positive', () => {
    for (let j = 0; j < 12; j++) {
      const v = column(vectors, j);
      const largest = v.reduce((best, x) => (Math.abs(x) > Math.abs(best) ? x : best), 0);
      expect(largest).toBeGreaterThan(0);
    }
  });

  it('handles diagonal input, repeated eigenvalues and 1×1 matrices', () => {
    const diag = symmetricEigen({ rows: 3, cols: 3, data: Float64Array.from([1, 0, 0, 0, 3, 0, 0, 0, 1]) });
    expect(Array.from(diag.values)).toEqual([3, 1, 1]);
    expect(column(diag.vectors, 0)).toEqual([0, 1, 0]);
    const one = symmetricEigen({ rows: 1, cols: 1, data: Float64Array.from([-2]) });
    expect(Array.from(one.values)).toEqual([-2]);
    expect(Array.from(one.vectors.data)).toEqual([1]);
  });

  it('solves a 2×2 case by hand: [[2, 1], [1, 2]] has λ = 3, 1 with vectors (1, 1)/√2, (1, −1)/√2 up to sign', () => {
    const { values: l, vectors: v } = symmetricEigen({ rows: 2, cols: 2, data: Float64Array.from([2, 1, 1, 2]) });
    expect(l[0]).toBeCloseTo(3, 14);
    expect(l[1]).toBeCloseTo(1, 14);
    expect(Math.abs(v.data[0])).toBeCloseTo(Math.SQRT1_2, 14);
    expect(v.data[0] * v.data[2]).toBeCloseTo(0.5, 14);
    expect(v.data[1] * v.data[3]).toBeCloseTo(-0.5, 14);
  });

  it('rejects non-square input', () => {
    expect(() => symmetricEigen({ rows: 2, cols: 3, data: new Float64Array(6) })).toThrow(RangeError);
  });
});
