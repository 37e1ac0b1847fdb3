import type { DenseMatrix } from '../types.js';
import type { RowDots } from '../linalg/rowDots.js';
import { shiftedDistancesOf } from './shiftedDistances.js';
import { centreSquaredNorms } from './squaredNorms.js';

// Lloyd's E-step: every point to its nearest centre, every distance computed.

/**
 * E-step: labels[i] = argmin_c ‖x_i − c‖², computed as ‖x_i‖² − 2 x_i·c + ‖c‖² with the
 * precomputed norms (one dot product per pair). Ties → the lowest centre index. Returns
 * nothing; writes `labels` and `distances` (the clipped-at-0 squared distance to the
 * chosen centre).
 */
export function assignLabels(
  X: DenseMatrix,
  xNorms: Float64Array,
  centres: Float64Array,
  k: number,
  labels: Int32Array,
  distances: Float64Array,
  dots: RowDots | null = null,
): void {
  const { rows: n, cols: d, data } = X;
  const cNorms = centreSquaredNorms(centres, k, d);
  dots?.setTargets(centres, k);
  const block = Math.min(n, 256); // points whose distances are computed together
  const points = new Int32Array(block);
  const dist = new Float64Array(block * k);
  for (let start = 0; start < n; start += block) {
    const count = Math.min(block, n - start);
    if (dots !== null) {
      // The kernel's scan: the same values and comparisons as the loop below.
      dots.ofRange(start, count);
      const nearest = dots.nearestTwo(cNorms, k, count);
      for (let j = 0; j < count; j++) {
        labels[start + j] = nearest.best[j];
        distances[start + j] = Math.max(0, nearest.first[j] + xNorms[start + j]);
      }
      continue;
    }
    for (let j = 0; j < count; j++) points[j] = start + j;
    shiftedDistancesOf(data, d, points, count, centres, cNorms, k, dist);
    for (let j = 0; j < count; j++) {
      const i = start + j;
      let best = 0;
      let bestDist = Infinity;
      for (let c = 0; c < k; c++) {
        const v = dist[j * k + c];
        if (v < bestDist) {
          bestDist = v;
          best = c;
        }
      }
      labels[i] = best;
      distances[i] = Math.max(0, bestDist + xNorms[i]);
    }
  }
}
