import { describe, expect, it } from 'vitest';
import type { DenseMatrix } from '../../src/types.js';
import { orthonormalizeColumns, orthonormalizeColumnsFast } from '../../src/linalg/orthonormalize.js';
import { createRandom, gaussian } from '../../src/random/seededRandom.js';

function randomMatrix(rows: number, cols: number, seed: number): DenseMatrix {
  const random = createRandom(seed);
  return { rows, cols, data: Float64Array.from({ length: rows * cols }, () => gaussian(random)) };
}

function column(M: DenseMatrix, j: number): number[] {
  return Array.from({ length: M.rows }, (_, i) => M.data[i * M.cols + j]);
}
const dot = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * b[i], 0);

/** max |QᵀQ − I|. */
function orthogonalityError(Q: DenseMatrix): number {
  let worst = 0;
  for (let a = 0; a < Q.cols; a++) {
    for (let b = 0; b < Q.cols; b++) {
      worst = Math.max(worst, Math.abs(dot(column(Q, a), column(Q, b)) - (a === b ? 1 : 0)));
    }
  }
  return worst;
}

/** Residual of projecting v onto span(Q). */
function residualOutside(Q: DenseMatrix, v: number[]): number {
  const r = [...v];
  for (let j = 0; j < Q.cols; j++) {
    const q = column(Q, j);
    const c = dot(q, r);
    q.forEach((x, i) => (r[i] -= c * x));
  }
  return Math.sqrt(dot(r, r));
}

describe('orthonormalizeColumns', () => {
  it('returns orthonormal columns spanning the input columns', () => {
    const M = randomMatrix(30, 6, 1);
    const Q = orthonormalizeColumns(M);
    expect(Q.rows).toBe(30);
    expect(Q.cols).toBe(6);
    expect(orthogonalityError(Q)).toBeLessThan(1e-14);
    for (let j = 0; j < 6; j++) expect(residualOutside(Q, column(M, j))).toBeLessThan(1e-12);
  });

  it('keeps the QR convention: column j is the normalised residual of input column j (positive R diagonal)', () => {
    const M = randomMatrix(10, 3, 2);
    const Q = orthonormalizeColumns(M);
    const m0 = column(M, 0);
    const norm = Math.sqrt(dot(m0, m0));
    column(Q, 0).forEach((x, i) => expect(x).toBeCloseTo(m0[i] / norm, 14));
    for (let j = 0; j < 3; j++) expect(dot(column(Q, j), column(M, j))).toBeGreaterThan(0);
  });

  it('stays orthonormal on nearly dependent columns (Gram–Schmidt applied twice)', () => {
    const base = randomMatrix(50, 1, 3);
    const noise = randomMatrix(50, 4, 4);
    const data = new Float64Array(50 * 4);
    for (let i = 0; i < 50; i++) {
      for (let j = 0; j < 4; j++) data[i * 4 + j] = base.data[i] + 1e-8 * noise.data[i * 4 + j];
    }
    expect(orthogonalityError(orthonormalizeColumns({ rows: 50, cols: 4, data }))).toBeLessThan(1e-13);
  });

  it('replaces a collapsed (dependent or zero) column by a deterministic coordinate direction, keeping l columns', () => {
    // Column 2 = column 0 + column 1, column 3 = 0.
    const rows = [
      [1, 0, 1, 0],
      [1, 1, 2, 0],
      [0, 0, 0, 0],
      [0, 0, 0, 0],
      [0, 0, 0, 0],
    ];
    const data = Float64Array.from(rows.flat());
    const M: DenseMatrix = { rows: 5, cols: 4, data };
    const Q = orthonormalizeColumns(M);
    expect(Q.cols).toBe(4);
    expect(orthogonalityError(Q)).toBeLessThan(1e-14);
    // Rows 2–4 carry no weight in the first two columns: the lowest such index wins,
    // so e₂ replaces column 2, then e₃ replaces column 3.
    expect(column(Q, 2)).toEqual([0, 0, 1, 0, 0]);
    expect(column(Q, 3)).toEqual([0, 0, 0, 1, 0]);
    expect(orthonormalizeColumns(M)).toEqual(Q);
  });

  it('refuses more columns than rows', () => {
    expect(() => orthonormalizeColumns(randomMatrix(3, 4, 5))).toThrow(RangeError);
  });
});

describe('orthonormalizeColumnsFast (Cholesky QR)', () => {
  it('gives the same Q as Gram–Schmidt on a well-conditioned matrix, orthonormal to machine precision', () => {
    const M = randomMatrix(41, 9, 6);
    const fast = orthonormalizeColumnsFast(M);
    const reference = orthonormalizeColumns(M);
    expect(orthogonalityError(fast)).toBeLessThan(1e-14);
    fast.data.forEach((v, i) => expect(v).toBeCloseTo(reference.data[i], 12));
  });

  it('with one pass, spans the columns with a well-conditioned (near-orthonormal) basis', () => {
    const M = randomMatrix(41, 9, 7);
    const Q = orthonormalizeColumnsFast(M, 1);
    expect(orthogonalityError(Q)).toBeLessThan(1e-12);
    for (let j = 0; j < 9; j++) expect(residualOutside(Q, column(M, j))).toBeLessThan(1e-10);
  });

  it('stays orthonormal on nearly dependent columns (two passes)', () => {
    const base = randomMatrix(50, 1, 3);
    const noise = randomMatrix(50, 4, 4);
    const data = new Float64Array(50 * 4);
    for (let i = 0; i < 50; i++) {
      for (let j = 0; j < 4; j++) data[i * 4 + j] = base.data[i] + 1e-4 * noise.data[i * 4 + j];
    }
    expect(orthogonalityError(orthonormalizeColumnsFast({ rows: 50, cols: 4, data }))).toBeLessThan(1e-14);
  });

  it('falls back to Gram–Schmidt, with its column replacement, on collapsed columns', () => {
    const rows = [
      [1, 0, 1, 0],
      [1, 1, 2, 0],
      [0, 0, 0, 0],
      [0, 0, 0, 0],
      [0, 0, 0, 0],
    ];
    const M: DenseMatrix = { rows: 5, cols: 4, data: Float64Array.from(rows.flat()) };
    expect(orthonormalizeColumnsFast(M)).toEqual(orthonormalizeColumns(M));
    expect(() => orthonormalizeColumnsFast(randomMatrix(3, 4, 5))).toThrow(RangeError);
  });
});
