import type { DenseMatrix } from '../types.js';

// Squared norms of points and centres: the in-order sums every distance kernel of k-means
// uses.

/** ‖x_i‖² for every row. */
export function rowSquaredNorms(X: DenseMatrix): Float64Array {
  const { rows: n, cols: d, data } = X;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let t = 0; t < d; t++) s += data[i * d + t] * data[i * d + t];
    out[i] = s;
  }
  return out;
}

/** ‖c‖² of each of the k centres (k×d). */
export function centreSquaredNorms(centres: Float64Array, k: number, d: number): Float64Array {
  const out = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    let s = 0;
    for (let t = 0; t < d; t++) s += centres[c * d + t] * centres[c * d + t];
    out[c] = s;
  }
  return out;
}
