import { describe, expect, it } from 'vitest';
import type { DenseMatrix } from '../../src/types.js';
import { cholesky, gram, invertUpper, timesSmall } from '../../src/linalg/dense.js';
import { createRandom, gaussian } from '../../src/random/seededRandom.js';

function randomMatrix(rows: number, cols: number, seed: number): DenseMatrix {
  const random = createRandom(seed);
  return { rows, cols, data: Float64Array.from({ length: rows * cols }, () => gaussian(random)) };
}

/** Reference product of row-major a (n×l) and b (l×k). */
function matmul(a: Float64Array, b: Float64Array, n: number, l: number, k: number): Float64Array {
  const out = new Float64Array(n * k);
  for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) for (let t = 0; t < l; t++) out[i * k + j] += a[i * l + t] * b[t * k + j];
  return out;
}

function transpose(a: Float64Array, n: number, l: number): Float64Array {
  const out = new Float64Array(n * l);
  for (let i = 0; i < n; i++) for (let j = 0; j < l; j++) out[j * n + i] = a[i * l + j];
  return out;
}

const expectClose = (got: Float64Array, want: Float64Array, digits: number) => {
  expect(got).toHaveLength(want.length);
  got.forEach((v, i) => expect(v).toBeCloseTo(want[i], digits));
};

describe('dense kernels', () => {
  // 7 rows: exercises both the four-row blocks and the remainder rows.
  const X = randomMatrix(7, 5, 1);

  it('gram gives the full symmetric XᵀX', () => {
    expectClose(gram(X), matmul(transpose(X.data, 7, 5), X.data, 5, 7, 5), 12);
  });

  it('timesSmall gives X·W, and X·W for the upper triangle of W only when asked', () => {
    const W = randomMatrix(5, 3, 2).data;
    expectClose(timesSmall(X, W, 3).data, matmul(X.data, W, 7, 5, 3), 12);
    const square = randomMatrix(5, 5, 3).data;
    const upper = square.map((v, i) => (Math.floor(i / 5) > i % 5 ? 0 : v));
    expectClose(timesSmall(X, square, 5, true).data, matmul(X.data, upper, 7, 5, 5), 12);
    expect(() => timesSmall(X, W, 4)).toThrow(RangeError);
  });

  it('cholesky gives the upper factor with positive diagonal, or null when not positive definite', () => {
    const G = gram(X);
    const R = cholesky(G, 5, 1e-12) as Float64Array;
    expect(R).not.toBeNull();
    expectClose(matmul(transpose(R, 5, 5), R, 5, 5, 5), G, 12);
    for (let i = 0; i < 5; i++) {
      expect(R[i * 5 + i]).toBeGreaterThan(0);
      for (let j = 0; j < i; j++) expect(R[i * 5 + j]).toBe(0);
    }
    // Rank-deficient: column 2 = column 0 + column 1.
    const dependent = Float64Array.from(X.data);
    for (let r = 0; r < 7; r++) dependent[r * 5 + 2] = dependent[r * 5] + dependent[r * 5 + 1];
    expect(cholesky(gram({ rows: 7, cols: 5, data: dependent }), 5, 1e-12)).toBeNull();
  });

  it('invertUpper inverts an upper-triangular matrix', () => {
    const R = cholesky(gram(X), 5, 1e-12) as Float64Array;
    const identity = Float64Array.from({ length: 25 }, (_, i) => (Math.floor(i / 5) === i % 5 ? 1 : 0));
    expectClose(matmul(R, invertUpper(R, 5), 5, 5, 5), identity, 12);
  });
});
