import { PCA } from 'ml-pca';
import type { DenseMatrix } from '../types.js';

export interface Projection2d {
  x: Float64Array;
  y: Float64Array;
  /** Share of the reduced vectors' variance each axis explains. */
  explainedVariance: [number, number];
}

/**
 * 2-D map of already reduced vectors (n x d, d <= a few hundred) by exact PCA with ml-pca:
 * small and dense, which is where ml-pca is fast (the TF-IDF matrix itself is never given to
 * it). Each axis's sign is fixed so that its largest-magnitude loading is positive, keeping
 * the map the same from run to run.
 */
export function project2d(X: DenseMatrix): Projection2d {
  const n = X.rows;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  if (n < 3 || X.cols < 2) return { x, y, explainedVariance: [0, 0] };
  const rows: number[][] = [];
  for (let r = 0; r < n; r++) rows.push(Array.from(X.data.subarray(r * X.cols, (r + 1) * X.cols)));
  const pca = new PCA(rows, { center: true, scale: false });
  const loadings = pca.getLoadings().to2DArray();
  const projected = pca.predict(rows, { nComponents: 2 }).to2DArray();
  const signs = [0, 1].map((axis) => {
    const row = loadings[axis] ?? [];
    let largest = 0;
    for (const value of row) if (Math.abs(value) > Math.abs(largest)) largest = value;
    return largest < 0 ? -1 : 1;
  });
  for (let r = 0; r < n; r++) {
    x[r] = signs[0] * (projected[r][0] ?? 0);
    y[r] = signs[1] * (projected[r][1] ?? 0);
  }
  const explained = pca.getExplainedVariance();
  return { x, y, explainedVariance: [explained[0] ?? 0, explained[1] ?? 0] };
}
