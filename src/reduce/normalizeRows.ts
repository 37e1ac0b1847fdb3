import type { DenseMatrix } from '../types.js';

/**
 * Scales every row to unit l2 norm (zero rows stay zero), as scikit-learn's Normalizer
 * after TruncatedSVD in the LSA recipe: k-means on unit vectors groups by cosine similarity.
 */
export function normalizeRows(X: DenseMatrix): DenseMatrix {
  const data = Float64Array.from(X.data);
  for (let r = 0; r < X.rows; r++) {
    const start = r * X.cols;
    let squares = 0;
    for (let c = 0; c < X.cols; c++) squares += data[start + c] ** 2;
    const norm = Math.sqrt(squares);
    if (norm > 0) for (let c = 0; c < X.cols; c++) data[start + c] /= norm;
  }
  return { rows: X.rows, cols: X.cols, data };
}
