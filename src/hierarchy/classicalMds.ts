import { symmetricEigen } from '../linalg/symmetricEigen.js';

/**
 * Classical (Torgerson) multidimensional scaling: places k items in `dims` dimensions so
 * that their Euclidean distances approximate the given ones.
 *
 *   B = -1/2 J D2 J,   D2[i, j] = D[i, j]^2,   J = I - (1/k) 1 1^T   (double centring)
 *   B = V diag(lambda) V^T,  lambda_0 >= lambda_1 >= ...
 *   X[i, a] = V[i, a] sqrt(max(lambda_a, 0)),   a < dims
 *
 * In: D, k x k distances (row-major, symmetric). Out: X, k x dims (row-major); the columns
 * are centred (they sum to 0). Where D is Euclidean (cosine distances are not, quite) the
 * first `dims` columns are the best rank-`dims` fit of B. A dimension past the positive
 * eigenvalues is all zeros (two items sit on a line). Each column's sign is fixed so that
 * its largest-|value| entry (first on ties) is positive, as in {@link symmetricEigen}:
 * same distances, same picture.
 */
export function classicalMds(distances: Float64Array, k: number, dims = 2): Float64Array {
  if (distances.length !== k * k) throw new RangeError(`classicalMds: ${distances.length} values are not ${k} x ${k}`);
  const squared = new Float64Array(k * k);
  for (let i = 0; i < k * k; i++) squared[i] = distances[i] * distances[i];
  const rowMeans = new Float64Array(k);
  let grand = 0;
  for (let i = 0; i < k; i++) {
    let s = 0;
    for (let j = 0; j < k; j++) s += squared[i * k + j];
    rowMeans[i] = s / k;
    grand += s;
  }
  grand /= k * k;
  // D2 is symmetric, so its column means are its row means.
  const B = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) B[i * k + j] = -0.5 * (squared[i * k + j] - rowMeans[i] - rowMeans[j] + grand);
  }
  const { values, vectors } = symmetricEigen({ rows: k, cols: k, data: B });
  const X = new Float64Array(k * dims);
  for (let a = 0; a < Math.min(dims, k); a++) {
    const scale = Math.sqrt(Math.max(0, values[a]));
    for (let i = 0; i < k; i++) X[i * dims + a] = vectors.data[i * k + a] * scale;
  }
  return X;
}
