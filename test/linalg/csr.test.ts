import { describe, expect, it } from 'vitest';
import type { DenseMatrix } from '../../src/types.js';
import {
  csrColumnMeans,
  csrColumnVariances,
  csrFromDense,
  csrTimesDense,
  csrTranspose,
  csrTransposeTimesDense,
} from '../../src/linalg/csr.js';
import { createRandom } from '../../src/random/seededRandom.js';

const rows = [
  [1, 0, 2, 0],
  [0, 0, 0, 3],
  [4, 5, 0, 0],
];
const A = csrFromDense(rows);
const B: DenseMatrix = { rows: 4, cols: 2, data: Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8]) };
const C: DenseMatrix = { rows: 3, cols: 2, data: Float64Array.from([1, -1, 2, 0, 0, 3]) };

/** Reference dense product of plain arrays. */
function matmul(x: number[][], y: number[][]): number[][] {
  return x.map((row) => y[0].map((_, j) => row.reduce((s, v, t) => s + v * y[t][j], 0)));
}
const toRows = (M: DenseMatrix): number[][] =>
  Array.from({ length: M.rows }, (_, r) => Array.from(M.data.subarray(r * M.cols, (r + 1) * M.cols)));
const transpose = (x: number[][]): number[][] => x[0].map((_, j) => x.map((row) => row[j]));

describe('csrFromDense', () => {
  it('stores only non-zeros, with increasing column indices per row', () => {
    expect(A.rows).toBe(3);
    expect(A.cols).toBe(4);
    expect(Array.from(A.indptr)).toEqual([0, 2, 3, 5]);
    expect(Array.from(A.indices)).toEqual([0, 2, 3, 0, 1]);
    expect(Array.from(A.values)).toEqual([1, 2, 3, 4, 5]);
  });

  it('rejects ragged rows', () => {
    expect(() => csrFromDense([[1, 2], [3]])).toThrow(RangeError);
  });
});

describe('csrTimesDense', () => {
  it('computes A·B', () => {
    expect(toRows(csrTimesDense(A, B))).toEqual(matmul(rows, toRows(B)));
  });

  it('computes (A − 1μᵀ)·B with implicit centring', () => {
    const mu = csrColumnMeans(A);
    const centred = rows.map((row) => row.map((v, j) => v - mu[j]));
    const got = toRows(csrTimesDense(A, B, mu));
    const want = matmul(centred, toRows(B));
    got.forEach((row, r) => row.forEach((v, j) => expect(v).toBeCloseTo(want[r][j], 12)));
  });

  it('rejects mismatched shapes and means', () => {
    expect(() => csrTimesDense(A, C)).toThrow(RangeError);
    expect(() => csrTimesDense(A, B, new Float64Array(3))).toThrow(RangeError);
  });
});

describe('csrTransposeTimesDense', () => {
  it('computes Aᵀ·B', () => {
    expect(toRows(csrTransposeTimesDense(A, C))).toEqual(matmul(transpose(rows), toRows(C)));
  });

  it('computes (A − 1μᵀ)ᵀ·B with implicit centring', () => {
    const mu = csrColumnMeans(A);
    const centred = rows.map((row) => row.map((v, j) => v - mu[j]));
    const got = toRows(csrTransposeTimesDense(A, C, mu));
    const want = matmul(transpose(centred), toRows(C));
    got.forEach((row, r) => row.forEach((v, j) => expect(v).toBeCloseTo(want[r][j], 12)));
  });

  it('rejects mismatched shapes', () => {
    expect(() => csrTransposeTimesDense(A, B)).toThrow(RangeError);
  });
});

describe('csrColumnMeans / csrColumnVariances', () => {
  it('average each column over all rows, implicit zeros included', () => {
    expect(Array.from(csrColumnMeans(A))).toEqual([5 / 3, 5 / 3, 2 / 3, 1]);
  });

  it('give the population variance of each column', () => {
    const variances = csrColumnVariances(A);
    transpose(rows).forEach((column, j) => {
      const mean = column.reduce((s, v) => s + v, 0) / column.length;
      const want = column.reduce((s, v) => s + (v - mean) ** 2, 0) / column.length;
      expect(variances[j]).toBeCloseTo(want, 12);
    });
  });
});

describe('csrTranspose and the gathering kernels', () => {
  // 9 stored entries in some rows: exercises the 8-, 4- and 1-entry passes of the kernels.
  const random = createRandom(12);
  const wide = Array.from({ length: 6 }, (_, r) =>
    Array.from({ length: 13 }, (_, c) => (r === 2 || random() < 0.45 ? Math.round(100 * (random() - 0.5)) / 10 : 0)),
  );
  const W = csrFromDense(wide);
  const D: DenseMatrix = { rows: 6, cols: 3, data: Float64Array.from({ length: 18 }, () => random() - 0.5) };
  const E: DenseMatrix = { rows: 13, cols: 3, data: Float64Array.from({ length: 39 }, () => random() - 0.5) };

  it('transposes, keeping column indices increasing per row', () => {
    const T = csrTranspose(W);
    expect(T.rows).toBe(13);
    expect(T.cols).toBe(6);
    expect(T).toEqual(csrFromDense(transpose(wide)));
  });

  it('A·B and Aᵀ·B (with or without the prebuilt transpose, centred or not) match dense products', () => {
    const ab = toRows(csrTimesDense(W, E));
    matmul(wide, toRows(E)).forEach((row, r) => row.forEach((v, j) => expect(ab[r][j]).toBeCloseTo(v, 12)));
    const T = csrTranspose(W);
    const mu = csrColumnMeans(W);
    for (const means of [null, mu]) {
      const scattered = csrTransposeTimesDense(W, D, means);
      const gathered = csrTransposeTimesDense(W, D, means, T);
      const centred = means ? wide.map((row) => row.map((v, j) => v - means[j])) : wide;
      const want = matmul(transpose(centred), toRows(D));
      toRows(gathered).forEach((row, r) => row.forEach((v, j) => expect(v).toBeCloseTo(want[r][j], 12)));
      gathered.data.forEach((v, i) => expect(v).toBeCloseTo(scattered.data[i], 12));
    }
    expect(() => csrTransposeTimesDense(W, D, null, W)).toThrow(RangeError);
  });
});
