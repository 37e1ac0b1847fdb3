import { PCA } from 'ml-pca';
import type { DenseMatrix } from '../types.js';

export interface Projection2d {
  x: Float64Array;
  y: Float64Array;
  /** Share of the reduced vectors' variance each axis explains. */
  explainedVariance: [number, number];
}

/** The PCA of the map is fitted on at most this many rows (evenly spaced), then applied to all. */
export const MAP_FIT_ROWS = 2000;

/**
 * 2-D map of already reduced vectors (n x d, d <= a few hundred) by exact PCA with ml-pca:
 * small and dense, which is where ml-pca is fast (the TF-IDF matrix itself is never given to
 * it). For large corpora the PCA is fitted on MAP_FIT_ROWS evenly spaced rows (ml-pca's cost
 * grows with the rows; the map is a picture, and 2,000 rows fix its two axes well) and
 * every row is projected with a typed-array loop. Each axis's sign is fixed so that its
 * largest-magnitude loading is positive, keeping the map the same from run to run.
 */
export function project2d(X: DenseMatrix): Projection2d {
  const n = X.rows;
  const d = X.cols;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  if (n < 3 || d < 2) return { x, y, explainedVariance: [0, 0] };
  const fit = sampleRows(X, Math.max(1, n / MAP_FIT_ROWS));
  const means = columnMeans(fit);
  // ml-pca's eigen-decomposition of the d×d covariance we compute: the same axes as the
  // SVD of the rows. Computed here with typed arrays, in ml-pca's own order of additions
  // (so the same bits), without ml-matrix's per-element access.
  const pca = new PCA(covariance(fit, means), { isCovarianceMatrix: true });
  const loadings = pca.getLoadings().to2DArray();
  const axes = [0, 1].map((axis) => {
    const row = loadings[axis] ?? new Array<number>(d).fill(0);
    let largest = 0;
    for (const value of row) if (Math.abs(value) > Math.abs(largest)) largest = value;
    return Float64Array.from(row, (value) => (largest < 0 ? -value : value));
  });
  for (let r = 0; r < n; r++) {
    let sx = 0;
    let sy = 0;
    for (let c = 0; c < d; c++) {
      const v = X.data[r * d + c] - means[c];
      sx += v * axes[0][c];
      sy += v * axes[1][c];
    }
    x[r] = sx;
    y[r] = sy;
  }
  const explained = pca.getExplainedVariance();
  return { x, y, explainedVariance: [explained[0] ?? 0, explained[1] ?? 0] };
}

/** Rows floor(i·step), i = 0, 1, … (evenly spaced, the first included), as a dense matrix. */
function sampleRows(X: DenseMatrix, step: number): DenseMatrix {
  const d = X.cols;
  const picked: number[] = [];
  for (let i = 0; Math.floor(i * step) < X.rows; i++) picked.push(Math.floor(i * step));
  const data = new Float64Array(picked.length * d);
  picked.forEach((r, i) => data.set(X.data.subarray(r * d, (r + 1) * d), i * d));
  return { rows: picked.length, cols: d, data };
}

/** Column means, summed row by row (as ml-matrix's mean('column')). */
function columnMeans(X: DenseMatrix): Float64Array {
  const { rows: n, cols: d, data } = X;
  const means = new Float64Array(d);
  for (let r = 0; r < n; r++) for (let c = 0; c < d; c++) means[c] += data[r * d + c];
  for (let c = 0; c < d; c++) means[c] /= n;
  return means;
}

/**
 * The sample covariance (X − 1μᵀ)ᵀ(X − 1μᵀ) / (n − 1) as d rows of d, each entry summed
 * over the rows in order: what ml-pca's method 'covarianceMatrix' computes.
 */
function covariance(X: DenseMatrix, means: Float64Array): number[][] {
  const { rows: n, cols: d, data } = X;
  const sums = new Float64Array(d * d);
  const centred = new Float64Array(d);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < d; c++) centred[c] = data[r * d + c] - means[c];
    for (let i = 0; i < d; i++) {
      const xi = centred[i];
      for (let j = 0; j < d; j++) sums[i * d + j] += xi * centred[j];
    }
  }
  const out: number[][] = [];
  for (let i = 0; i < d; i++) out.push(Array.from(sums.subarray(i * d, (i + 1) * d), (s) => s / (n - 1)));
  return out;
}
