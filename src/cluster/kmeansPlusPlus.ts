import type { DenseMatrix } from '../types.js';
import type { Random } from '../random/seededRandom.js';

/** ‖X[i] − X[j]‖² by direct differences (exact zeros for coincident points). */
function rowDistance(x: Float64Array, d: number, i: number, j: number): number {
  let s = 0;
  const a = i * d;
  const b = j * d;
  for (let t = 0; t < d; t++) {
    const diff = x[a + t] - x[b + t];
    s += diff * diff;
  }
  return s;
}

/** First index i with cumulative[i] > target (binary search), clipped to the last index. */
function searchCumulative(cumulative: Float64Array, target: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid] > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Greedy k-means++ seeding (Arthur & Vassilvitskii 2007; the greedy variant of
 * scikit-learn's `_kmeans_plusplus`). Returns k centres (k×d), each a copy of a row of X.
 *
 * - The first centre is a uniformly random point.
 * - Each further centre: draw `localTrials` (default 2 + ⌊ln k⌋) candidates with
 *   probability ∝ D²(x) (squared distance to the nearest chosen centre), and keep the
 *   candidate that minimises the new potential Σ_x min(D²(x), ‖x − candidate‖²); ties →
 *   the earliest draw. Greedy trials make the seeding far less sensitive to unlucky draws.
 *
 * Sampling picks the first point whose cumulative D² exceeds u·Σ D², so points already
 * covered (D² = 0) are never drawn while some point is uncovered. If every point coincides
 * with a chosen centre (potential 0: fewer distinct points than k), the candidates are
 * drawn uniformly instead. Cost O(n · d · k · localTrials).
 */
export function kmeansPlusPlus(
  X: DenseMatrix,
  k: number,
  random: Random,
  localTrials = 2 + Math.floor(Math.log(k)),
): DenseMatrix {
  const n = X.rows;
  const d = X.cols;
  if (!Number.isInteger(k) || k < 1 || k > n) {
    throw new RangeError(`kmeansPlusPlus: k must be an integer in [1, ${n}], got ${k}`);
  }
  const x = X.data;
  const chosen: number[] = [];
  const first = Math.min(n - 1, Math.floor(random() * n));
  chosen.push(first);

  const closest = new Float64Array(n);
  for (let i = 0; i < n; i++) closest[i] = rowDistance(x, d, i, first);
  const cumulative = new Float64Array(n);
  let bestDistances = new Float64Array(n);
  let trialDistances = new Float64Array(n);

  for (let c = 1; c < k; c++) {
    let acc = 0;
    for (let i = 0; i < n; i++) {
      acc += closest[i];
      cumulative[i] = acc;
    }
    const potential = acc;
    let bestCandidate = -1;
    let bestPotential = Infinity;
    for (let t = 0; t < localTrials; t++) {
      const u = random();
      const candidate =
        potential > 0 ? searchCumulative(cumulative, u * potential) : Math.min(n - 1, Math.floor(u * n));
      let candidatePotential = 0;
      for (let i = 0; i < n; i++) {
        const dist = Math.min(closest[i], rowDistance(x, d, i, candidate));
        trialDistances[i] = dist;
        candidatePotential += dist;
      }
      if (candidatePotential < bestPotential) {
        bestPotential = candidatePotential;
        bestCandidate = candidate;
        [bestDistances, trialDistances] = [trialDistances, bestDistances];
      }
    }
    chosen.push(bestCandidate);
    closest.set(bestDistances);
  }

  const data = new Float64Array(k * d);
  chosen.forEach((row, c) => data.set(x.subarray(row * d, row * d + d), c * d));
  return { rows: k, cols: d, data };
}
