import { afterAll, describe, expect, it } from 'vitest';
import { Matrix, SingularValueDecomposition } from 'ml-matrix';
import type { CsrMatrix, DenseMatrix } from '../../src/types.js';
import { csrFromDense, csrTimesDense } from '../../src/linalg/csr.js';
import {
  fitRandomizedSvd,
  fitTransformRandomizedSvd,
  svdProjector,
  transformSvd,
  type SvdModel,
} from '../../src/linalg/randomizedSvd.js';
import { createRandom, gaussian } from '../../src/random/seededRandom.js';
import { stopWasmWorkers } from '../../src/linalg/wasmKernels.js';

/**
 * A sparse n×m matrix of rank ≤ r: A = L·R with L having 1–2 non-zeros per row and R
 * about 30% dense, so A has mostly zero entries yet a known low rank.
 */
function lowRankSparse(n: number, m: number, r: number, seed: number): number[][] {
  const random = createRandom(seed);
  const L = Array.from({ length: n }, () => {
    const row = new Array(r).fill(0);
    row[Math.floor(random() * r)] = 1 + random();
    if (random() < 0.5) row[Math.floor(random() * r)] += gaussian(random);
    return row;
  });
  const R = Array.from({ length: r }, () =>
    Array.from({ length: m }, () => (random() < 0.3 ? 0.5 + random() : 0)),
  );
  return L.map((row) => R[0].map((_, j) => row.reduce((s, v, t) => s + v * R[t][j], 0)));
}

/**
 * n x m rows, each entry non-zero with probability `density`, of size (1 + u) / (1 + j /
 * decay) for column j: a full-rank sparse matrix whose spectrum decays slowly.
 */
function decayingSparse(n: number, m: number, density: number, decay: number, seed: number): number[][] {
  const random = createRandom(seed);
  return Array.from({ length: n }, () => Array.from({ length: m }, (_, j) => (random() < density ? (1 + random()) / (1 + j / decay) : 0)));
}

function centre(rows: number[][]): number[][] {
  const means = rows[0].map((_, j) => rows.reduce((s, row) => s + row[j], 0) / rows.length);
  return rows.map((row) => row.map((v, j) => v - means[j]));
}

function column(M: DenseMatrix, j: number): number[] {
  return Array.from({ length: M.rows }, (_, i) => M.data[i * M.cols + j]);
}
const dot = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * b[i], 0);
const norm = (a: number[]) => Math.sqrt(dot(a, a));
const variance = (a: number[]) => {
  const mean = a.reduce((s, v) => s + v, 0) / a.length;
  return a.reduce((s, v) => s + (v - mean) ** 2, 0) / a.length;
};

/** Row i of Vᵀ. */
function component(model: SvdModel, i: number): number[] {
  const m = model.components.length / model.singularValues.length;
  return Array.from(model.components.subarray(i * m, (i + 1) * m));
}

/** Checks the model against the exact SVD of the (centred or not) dense matrix. */
function expectMatchesExactSvd(rows: number[][], A: CsrMatrix, model: SvdModel, k: number, center: boolean) {
  const target = center ? centre(rows) : rows;
  const exact = new SingularValueDecomposition(new Matrix(target));
  const V = exact.rightSingularVectors;
  const totalVariance = rows[0]
    .map((_, j) => variance(rows.map((row) => row[j])))
    .reduce((s, v) => s + v, 0);
  expect(model.singularValues).toHaveLength(k);
  expect(model.totalVariance).toBeCloseTo(totalVariance, 10);
  for (let i = 0; i < k; i++) {
    const sigma = exact.diagonal[i];
    expect(Math.abs(model.singularValues[i] - sigma) / sigma).toBeLessThan(1e-6);
    const exactV = V.getColumn(i);
    const ours = component(model, i);
    expect(Math.abs(dot(ours, exactV)) / (norm(ours) * norm(exactV))).toBeGreaterThan(1 - 1e-6);
    // Explained variance ratio of the exact projection Ã·vᵢ.
    const projected = target.map((row) => dot(row, exactV));
    expect(model.explainedVarianceRatio[i]).toBeCloseTo(variance(projected) / totalVariance, 9);
  }
  // transform(training) = UΣ: each column is ±σᵢuᵢ.
  const Z = transformSvd(model, A);
  for (let i = 0; i < k; i++) {
    const z = column(Z, i);
    const u = exact.leftSingularVectors.getColumn(i);
    const cos = dot(z, u) / (norm(z) * norm(u));
    expect(Math.abs(cos)).toBeGreaterThan(1 - 1e-6);
    expect(norm(z)).toBeCloseTo(exact.diagonal[i], 8);
  }
}

describe('fitRandomizedSvd', () => {
  const rows = lowRankSparse(40, 30, 8, 1);
  const A = csrFromDense(rows);

  it('uses a genuinely sparse fixture of rank 8', () => {
    const nnz = A.indptr[A.rows];
    expect(nnz).toBeLessThan(0.75 * 40 * 30);
    const sigma = new SingularValueDecomposition(new Matrix(rows)).diagonal;
    expect(sigma[7] / sigma[0]).toBeGreaterThan(1e-3);
    expect(sigma[8] / sigma[0]).toBeLessThan(1e-12);
  });

  it('matches the exact SVD without centring (LSA / TruncatedSVD): values, subspaces, explained variance', () => {
    const model = fitRandomizedSvd(A, { components: 5, seed: 3 });
    expect(model.columnMeans).toBeNull();
    expectMatchesExactSvd(rows, A, model, 5, false);
  });

  it('matches the exact SVD of the column-centred matrix with center=true (PCA)', () => {
    const model = fitRandomizedSvd(A, { components: 5, seed: 4, center: true });
    expect(model.columnMeans).not.toBeNull();
    expectMatchesExactSvd(rows, A, model, 5, true);
    // Centred projections have zero mean and variance σ²/n.
    const Z = transformSvd(model, A);
    for (let i = 0; i < 5; i++) {
      const z = column(Z, i);
      expect(Math.abs(z.reduce((s, v) => s + v, 0))).toBeLessThan(1e-10);
      expect(model.explainedVariance[i]).toBeCloseTo(model.singularValues[i] ** 2 / 40, 9);
    }
  });

  it('agrees with the exact SVD even with a sketch of exactly the rank (no oversampling, no power iterations)', () => {
    const model = fitRandomizedSvd(A, { components: 8, oversamples: 0, powerIterations: 0, seed: 5 });
    expectMatchesExactSvd(rows, A, model, 8, false);
  });

  it('approximates the leading triplets of a noisy full-rank matrix', () => {
    const random = createRandom(6);
    const noisy = rows.map((row) => row.map((v) => (v !== 0 ? v + 1e-3 * gaussian(random) : 0)));
    const model = fitRandomizedSvd(csrFromDense(noisy), { components: 4, seed: 7 });
    const exact = new SingularValueDecomposition(new Matrix(noisy));
    for (let i = 0; i < 4; i++) {
      expect(Math.abs(model.singularValues[i] - exact.diagonal[i]) / exact.diagonal[i]).toBeLessThan(1e-6);
    }
  });

  it('returns orthonormal components with a deterministic sign (largest |loading| positive)', () => {
    const model = fitRandomizedSvd(A, { components: 6, seed: 8, center: true });
    for (let i = 0; i < 6; i++) {
      const v = component(model, i);
      for (let j = 0; j < 6; j++) expect(dot(v, component(model, j))).toBeCloseTo(i === j ? 1 : 0, 12);
      const largest = v.reduce((best, x) => (Math.abs(x) > Math.abs(best) ? x : best), 0);
      expect(largest).toBeGreaterThan(0);
    }
  });

  it('is reproducible for a seed, and its signs do not depend on the seed', () => {
    const a = fitRandomizedSvd(A, { components: 4, seed: 9 });
    const b = fitRandomizedSvd(A, { components: 4, seed: 9 });
    const c = fitRandomizedSvd(A, { components: 4, seed: 10 });
    expect(b).toEqual(a);
    for (let i = 0; i < a.components.length; i++) expect(c.components[i]).toBeCloseTo(a.components[i], 6);
  });

  it('clamps components to min(n, m), giving zero singular values and an orthonormal completion past the rank', () => {
    const small = csrFromDense([
      [1, 2, 0, 0],
      [2, 4, 0, 0],
      [0, 0, 3, 0],
      [0, 0, 0, 0],
      [0, 0, 0, 0],
      [0, 0, 0, 0],
    ]);
    const model = fitRandomizedSvd(small, { components: 10, seed: 1 });
    expect(model.singularValues).toHaveLength(4);
    expect(model.components).toHaveLength(16);
    expect(model.singularValues[0]).toBeCloseTo(5, 12); // ‖(1,2)‖·‖(1,2)‖ = 5
    expect(model.singularValues[1]).toBeCloseTo(3, 12);
    expect(model.singularValues[2]).toBe(0);
    expect(model.singularValues[3]).toBe(0);
    for (let i = 0; i < 4; i++) {
      for (let j = 0; j < 4; j++) expect(dot(component(model, i), component(model, j))).toBeCloseTo(i === j ? 1 : 0, 12);
    }
    const ratioSum = model.explainedVarianceRatio.reduce((s, v) => s + v, 0);
    expect(ratioSum).toBeCloseTo(1, 12); // all the variance is captured when k = m
  });

  it('projects new rows with the training means: transform = (A − 1μᵀ)·V', () => {
    const model = fitRandomizedSvd(A, { components: 3, seed: 2, center: true });
    const fresh = [rows[0].map((v) => v + 1), rows[1]];
    const Z = transformSvd(model, csrFromDense(fresh));
    const mu = model.columnMeans as Float64Array;
    for (let r = 0; r < 2; r++) {
      for (let i = 0; i < 3; i++) {
        const want = dot(fresh[r].map((v, j) => v - mu[j]), component(model, i));
        expect(Z.data[r * 3 + i]).toBeCloseTo(want, 10);
      }
    }
    expect(() => transformSvd(model, csrFromDense([[1, 2]]))).toThrow(RangeError);
  });

  it('projects on the WebAssembly kernels, on any number of threads, the bits of the plain product (A − 1μᵀ)·V', () => {
    const big = decayingSparse(400, 150, 0.08, 9, 41);
    const B = csrFromDense(big);
    for (const center of [false, true]) {
      const model = fitRandomizedSvd(B, { components: 7, seed: 5, center });
      const k = model.singularValues.length;
      const V = new Float64Array(150 * k);
      for (let i = 0; i < k; i++) for (let r = 0; r < 150; r++) V[r * k + i] = model.components[i * 150 + r];
      const plain = csrTimesDense(B, { rows: 150, cols: k, data: V }, model.columnMeans);
      for (const threads of [1, 2, 3]) {
        const Z = transformSvd(model, B, threads);
        expect(Z.data.buffer).toBeInstanceOf(ArrayBuffer);
        expect(Array.from(Z.data)).toEqual(Array.from(plain.data));
      }
    }
    expect(() => transformSvd(fitRandomizedSvd(B, { components: 2, seed: 1 }), B, 0)).toThrow(/threads must be a positive integer/);
  });

  it('as a projector kept for many matrices, gives each the bits transformSvd gives it, its memory reused between them', () => {
    const big = decayingSparse(300, 120, 0.08, 9, 43);
    const model = fitRandomizedSvd(csrFromDense(big), { components: 6, seed: 4, center: true });
    const projector = svdProjector(model);
    try {
      // Batches of different sizes, the largest twice: a reused region must not leak old rows.
      for (const [start, end] of [[0, 300], [10, 12], [50, 170], [0, 300], [299, 300]]) {
        const part = csrFromDense(big.slice(start, end));
        expect(Array.from(projector.project(part).data)).toEqual(Array.from(transformSvd(model, part).data));
      }
    } finally {
      projector.release();
    }
  });

  it('tells each power iteration as it ends, and fits the same model whether told or not', () => {
    const heard: string[] = [];
    const told = fitTransformRandomizedSvd(A, { components: 4, seed: 3, powerIterations: 3 }, (done, total) => heard.push(`${done}/${total}`));
    expect(heard).toEqual(['1/3', '2/3', '3/3']);
    expect(told).toEqual(fitTransformRandomizedSvd(A, { components: 4, seed: 3, powerIterations: 3 }));
  });

  it('fitTransform returns the same model as fit and the projection transformSvd gives', () => {
    for (const center of [false, true]) {
      const { model, transformed } = fitTransformRandomizedSvd(A, { components: 5, seed: 11, center });
      expect(model).toEqual(fitRandomizedSvd(A, { components: 5, seed: 11, center }));
      const Z = transformSvd(model, A);
      expect(transformed.rows).toBe(40);
      expect(transformed.cols).toBe(5);
      transformed.data.forEach((v, i) => expect(v).toBeCloseTo(Z.data[i], 12));
    }
  });

  it('matches the exact SVD on a larger sparse matrix with a slowly decaying spectrum', () => {
    // 120×90, ~10% dense, full rank: the power iterations (not an exact-rank sketch) must do the work.
    const big = decayingSparse(120, 90, 0.1, 10, 21);
    const model = fitRandomizedSvd(csrFromDense(big), { components: 6, seed: 22, oversamples: 10, powerIterations: 6 });
    const exact = new SingularValueDecomposition(new Matrix(big));
    for (let i = 0; i < 6; i++) {
      expect(Math.abs(model.singularValues[i] - exact.diagonal[i]) / exact.diagonal[i]).toBeLessThan(1e-6);
      const v = exact.rightSingularVectors.getColumn(i);
      expect(Math.abs(dot(component(model, i), v))).toBeGreaterThan(1 - 1e-6);
    }
  });

  it('gives the same model and projection on several threads as on one', () => {
    const big = decayingSparse(90, 70, 0.15, 8, 31);
    const B = csrFromDense(big);
    for (const center of [false, true]) {
      const one = fitTransformRandomizedSvd(B, { components: 6, seed: 32, center, threads: 1 });
      for (const threads of [2, 3]) {
        const many = fitTransformRandomizedSvd(B, { components: 6, seed: 32, center, threads });
        expect(many.model).toEqual(one.model);
        expect(many.transformed).toEqual(one.transformed);
        expect(many.transformed.data.buffer).toBeInstanceOf(ArrayBuffer);
      }
    }
    // Rank-deficient input: the Gram–Schmidt fallback and the null-direction completion.
    const small = csrFromDense([
      [1, 2, 0, 0],
      [2, 4, 0, 0],
      [0, 0, 3, 0],
      [0, 0, 0, 0],
    ]);
    expect(fitRandomizedSvd(small, { components: 4, seed: 1, threads: 2 })).toEqual(
      fitRandomizedSvd(small, { components: 4, seed: 1, threads: 1 }),
    );
    expect(() => fitRandomizedSvd(small, { components: 2, seed: 1, threads: 0 })).toThrow(RangeError);
  });

  afterAll(stopWasmWorkers);

  it('rejects invalid parameters and empty matrices', () => {
    expect(() => fitRandomizedSvd(A, { components: 0, seed: 1 })).toThrow(RangeError);
    expect(() => fitRandomizedSvd(A, { components: 2, oversamples: -1, seed: 1 })).toThrow(RangeError);
    expect(() => fitRandomizedSvd(csrFromDense([]), { components: 2, seed: 1 })).toThrow(RangeError);
  });
});
