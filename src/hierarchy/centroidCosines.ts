/**
 * Cosine similarities between the rows of a k x d row-major matrix (the theme centroids):
 *
 *   S[i, j] = <c_i, c_j> / (|c_i| |c_j|),   S is k x k, symmetric, row-major, S[i, i] = 1
 *
 * A zero row (no direction) has similarity 0 to every other row and 1 to itself. Values are
 * clamped to [-1, 1] against rounding.
 */
export function centroidCosines(centres: Float64Array, k: number, d: number): Float64Array {
  if (centres.length !== k * d) throw new RangeError(`centroidCosines: ${centres.length} values are not ${k} x ${d}`);
  const norms = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    let s = 0;
    for (let t = 0; t < d; t++) s += centres[i * d + t] * centres[i * d + t];
    norms[i] = Math.sqrt(s);
  }
  const S = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    S[i * k + i] = 1;
    for (let j = i + 1; j < k; j++) {
      let dot = 0;
      for (let t = 0; t < d; t++) dot += centres[i * d + t] * centres[j * d + t];
      const norm = norms[i] * norms[j];
      const s = norm > 0 ? Math.min(1, Math.max(-1, dot / norm)) : 0;
      S[i * k + j] = s;
      S[j * k + i] = s;
    }
  }
  return S;
}

/**
 * Cosine distances D = 1 - S (k x k, row-major, zero diagonal, values in [0, 2]) from the
 * similarities of {@link centroidCosines}.
 */
export function cosineDistances(similarities: Float64Array, k: number): Float64Array {
  const D = new Float64Array(k * k);
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) D[i * k + j] = i === j ? 0 : 1 - similarities[i * k + j];
  return D;
}
