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
 * it). For large corpora the PCA is fitted on MAP_FIT_ROWS evenly spaced rows (ml-pca took
 * 6.6 s on 36,000 x 100; the map is a picture, and 2,000 rows fix its two axes well) and
 * every row is projected with a typed-array loop. Each axis's sign is fixed so that its
 * largest-magnitude loading is positive, keeping the map the same from run to run.
 */
export function project2d(X: DenseMatrix): Projection2d {
  const n = X.rows;
  const d = X.cols;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  if (n < 3 || d < 2) return { x, y, explainedVariance: [0, 0] };
  const step = Math.max(1, n / MAP_FIT_ROWS);
  const rows: number[][] = [];
  for (let i = 0; Math.floor(i * step) < n; i++) {
    const r = Math.floor(i * step);
    rows.push(Array.from(X.data.subarray(r * d, (r + 1) * d)));
  }
  // Eigen-decomposition of the d×d covariance: the same axes as the SVD of the rows, in a
  // third of the time (0.25 s against 0.6 s on 2,000 × 100 in a fresh process).
  const pca = new PCA(rows, { center: true, scale: false, method: 'covarianceMatrix' });
  const loadings = pca.getLoadings().to2DArray();
  const means = pca.toJSON().means as number[];
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
