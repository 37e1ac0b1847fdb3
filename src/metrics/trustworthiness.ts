import type { DenseMatrix } from '../types.js';

/**
 * Trustworthiness of a 2-D map (Venna & Kaski; scikit-learn's `trustworthiness`), over the
 * rows `sample` of X (unit rows, cosine distance 1 − x·y) and their map positions:
 *
 *   T(k) = 1 − 2 / (s·k·(2s − 3k − 1)) · Σ_i Σ_{j ∈ U_k(i)} (r(i, j) − k)
 *
 * where s = |sample|, U_k(i) are the k nearest map neighbours of i that are not among its
 * k nearest neighbours in X, and r(i, j) is j's rank among i's neighbours in X (1 = nearest).
 * 1 means every map neighbourhood is a true neighbourhood; lower means the map puts
 * strangers side by side. Ties in distance rank by index. Requires k < s / 2.
 */
export function trustworthiness(X: DenseMatrix, x: Float64Array, y: Float64Array, sample: Int32Array, k: number): number {
  return trustworthinessOfMaps(X, [{ x, y }], sample, k)[0];
}

/** {@link trustworthiness} of several maps of the same rows, ranking X's neighbours once. */
export function trustworthinessOfMaps(X: DenseMatrix, maps: ReadonlyArray<{ x: Float64Array; y: Float64Array }>, sample: Int32Array, k: number): number[] {
  const s = sample.length;
  if (!(k >= 1 && k < s / 2)) throw new RangeError(`trustworthiness: k = ${k} needs k < ${s} / 2 sampled rows`);
  const d = X.cols;
  const high = new Float64Array(s);
  const low = new Float64Array(s);
  const nearest = new Int32Array(k);
  const nearestDistance = new Float64Array(k);
  const penalties = new Float64Array(maps.length);
  // "a is nearer than b" to the current point: by distance, ties by sample position.
  const nearer = (distance: Float64Array, a: number, b: number) => distance[a] < distance[b] || (distance[a] === distance[b] && a < b);
  for (let a = 0; a < s; a++) {
    const i = sample[a];
    for (let b = 0; b < s; b++) {
      const j = sample[b];
      let dot = 0;
      for (let t = 0; t < d; t++) dot += X.data[i * d + t] * X.data[j * d + t];
      high[b] = 1 - dot;
    }
    maps.forEach(({ x, y }, m) => {
      // The k nearest on the map, by insertion: O(s·k), no sort.
      let found = 0;
      for (let b = 0; b < s; b++) {
        if (b === a) continue;
        low[b] = Math.hypot(x[i] - x[sample[b]], y[i] - y[sample[b]]);
        if (found === k && !nearer(low, b, nearest[k - 1])) continue;
        let p = found < k ? found++ : k - 1;
        while (p > 0 && nearer(low, b, nearest[p - 1])) {
          nearest[p] = nearest[p - 1];
          nearestDistance[p] = nearestDistance[p - 1];
          p--;
        }
        nearest[p] = b;
        nearestDistance[p] = low[b];
      }
      // Each one's rank among the neighbours in X: 1 + the points nearer to i than it there.
      for (let r = 0; r < k; r++) {
        const j = nearest[r];
        let rank = 1;
        for (let b = 0; b < s; b++) if (b !== a && b !== j && nearer(high, b, j)) rank++;
        if (rank > k) penalties[m] += rank - k;
      }
    });
  }
  return Array.from(penalties, (penalty) => 1 - (2 / (s * k * (2 * s - 3 * k - 1))) * penalty);
}
