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
  const order = new Int32Array(s - 1);
  const distance = new Float64Array(s);
  const rank = new Int32Array(s);
  const others = new Int32Array(s - 1);
  const penalties = new Float64Array(maps.length);
  for (let a = 0; a < s; a++) {
    const i = sample[a];
    // Ranks in the reduced space.
    for (let b = 0; b < s; b++) {
      const j = sample[b];
      let dot = 0;
      for (let t = 0; t < d; t++) dot += X.data[i * d + t] * X.data[j * d + t];
      distance[b] = 1 - dot;
    }
    fillOthers(others, a, s);
    order.set(others);
    order.sort((p, q) => distance[p] - distance[q] || p - q);
    order.forEach((b, r) => { rank[b] = r + 1; });
    // The k nearest on each map.
    maps.forEach(({ x, y }, m) => {
      for (let b = 0; b < s; b++) distance[b] = Math.hypot(x[i] - x[sample[b]], y[i] - y[sample[b]]);
      order.set(others);
      order.sort((p, q) => distance[p] - distance[q] || p - q);
      for (let r = 0; r < k; r++) {
        const excess = rank[order[r]] - k;
        if (excess > 0) penalties[m] += excess;
      }
    });
  }
  return Array.from(penalties, (penalty) => 1 - (2 / (s * k * (2 * s - 3 * k - 1))) * penalty);
}

function fillOthers(others: Int32Array, self: number, s: number): void {
  let p = 0;
  for (let b = 0; b < s; b++) if (b !== self) others[p++] = b;
}
