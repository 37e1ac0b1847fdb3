import type { DenseMatrix } from '../types.js';
import type { Random } from '../random/seededRandom.js';
import type { RowDots } from '../linalg/rowDots.js';
import { centreSquaredNorms } from './squaredNorms.js';

/** First index i with cumulative[i] > target (binary search), clipped to the last index. */
export function searchCumulative(cumulative: Float64Array, target: number): number {
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
 * out[offsetA + j] = ‖X[i] − X[c]‖² and out[offsetB + j] = ‖X[i2] − X[c]‖² for every
 * candidate c = candidates[j], as ‖x‖² + ‖c‖² − 2x·c clipped at 0 (scikit-learn's form),
 * two points and four candidates at a time (eight independent dot products share the row
 * loads). Each dot product is the in-order sum over t, like the norms, so a point and a
 * candidate that coincide are at distance exactly 0.
 */
export function distancesToCandidates(
  x: Float64Array,
  d: number,
  norms: Float64Array,
  i: number,
  i2: number,
  candidates: Int32Array,
  count: number,
  out: Float64Array,
  offsetA: number,
  offsetB: number,
): void {
  const a = i * d;
  const b = i2 * d;
  const na = norms[i];
  const nb = norms[i2];
  let j = 0;
  for (; j + 3 < count; j += 4) {
    const k0 = candidates[j];
    const k1 = candidates[j + 1];
    const k2 = candidates[j + 2];
    const k3 = candidates[j + 3];
    const c0 = k0 * d;
    const c1 = k1 * d;
    const c2 = k2 * d;
    const c3 = k3 * d;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let r0 = 0;
    let r1 = 0;
    let r2 = 0;
    let r3 = 0;
    for (let t = 0; t < d; t++) {
      const v = x[a + t];
      const w = x[b + t];
      const y0 = x[c0 + t];
      const y1 = x[c1 + t];
      const y2 = x[c2 + t];
      const y3 = x[c3 + t];
      s0 += v * y0;
      s1 += v * y1;
      s2 += v * y2;
      s3 += v * y3;
      r0 += w * y0;
      r1 += w * y1;
      r2 += w * y2;
      r3 += w * y3;
    }
    out[offsetA + j] = Math.max(0, na + norms[k0] - 2 * s0);
    out[offsetA + j + 1] = Math.max(0, na + norms[k1] - 2 * s1);
    out[offsetA + j + 2] = Math.max(0, na + norms[k2] - 2 * s2);
    out[offsetA + j + 3] = Math.max(0, na + norms[k3] - 2 * s3);
    out[offsetB + j] = Math.max(0, nb + norms[k0] - 2 * r0);
    out[offsetB + j + 1] = Math.max(0, nb + norms[k1] - 2 * r1);
    out[offsetB + j + 2] = Math.max(0, nb + norms[k2] - 2 * r2);
    out[offsetB + j + 3] = Math.max(0, nb + norms[k3] - 2 * r3);
  }
  for (; j < count; j++) {
    const k0 = candidates[j];
    const c0 = k0 * d;
    let s0 = 0;
    let r0 = 0;
    for (let t = 0; t < d; t++) {
      const y0 = x[c0 + t];
      s0 += x[a + t] * y0;
      r0 += x[b + t] * y0;
    }
    out[offsetA + j] = Math.max(0, na + norms[k0] - 2 * s0);
    out[offsetB + j] = Math.max(0, nb + norms[k0] - 2 * r0);
  }
}

/**
 * out[i·m + j] = ‖X[i] − X[c]‖² for every point i and candidate c = candidates[j] (j < m),
 * the values of {@link distancesToCandidates}, bit for bit: through the WebAssembly kernel
 * when there is one (`dots`), else two points at a time in JavaScript.
 */
export function distancesToAllCandidates(
  x: Float64Array,
  n: number,
  d: number,
  norms: Float64Array,
  candidates: Int32Array,
  m: number,
  out: Float64Array,
  dots: RowDots | null,
): void {
  if (dots === null) {
    for (let i = 0; i < n; i += 2) {
      // Two points at a time (the last one twice when n is odd).
      const i2 = Math.min(i + 1, n - 1);
      distancesToCandidates(x, d, norms, i, i2, candidates, m, out, i * m, i2 * m);
    }
    return;
  }
  const rows = new Float64Array(m * d);
  for (let j = 0; j < m; j++) rows.set(x.subarray(candidates[j] * d, candidates[j] * d + d), j * d);
  dots.setTargets(rows, m);
  const stride = dots.stride;
  for (let start = 0; start < n; start += 256) {
    const count = Math.min(256, n - start);
    const block = dots.ofRange(start, count);
    for (let p = 0; p < count; p++) {
      const i = start + p;
      const ni = norms[i];
      for (let j = 0; j < m; j++) out[i * m + j] = Math.max(0, ni + norms[candidates[j]] - 2 * block[p * stride + j]);
    }
  }
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
 * drawn uniformly instead.
 *
 * Cost O(n · d · k · localTrials), the minimum for this rule, with a small constant:
 * D²(x) is updated incrementally (one distance per point and candidate, never all chosen
 * centres again); all candidates of a step are drawn first (the draws do not depend on the
 * distances) and measured in one pass over the points, two points and up to four
 * candidates at a time, as ‖x‖² + ‖c‖² − 2x·c (see {@link distancesToCandidates}): less than
 * half the time of one candidate at a time by direct differences, with the same choices
 * (the two forms differ by rounding only).
 */
export function kmeansPlusPlus(
  X: DenseMatrix,
  k: number,
  random: Random,
  localTrials = 2 + Math.floor(Math.log(k)),
  dots: RowDots | null = null,
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

  // With the kernel, the per-point arrays live on its memory and each step's distances
  // and potentials are computed there (the same arithmetic, in the same order).
  const seeding = dots?.seeding;
  const norms = seeding ? seeding.norms : new Float64Array(n);
  norms.set(centreSquaredNorms(x, n, d));
  const closest = seeding ? seeding.closest : new Float64Array(n);
  distancesToAllCandidates(x, n, d, norms, Int32Array.of(first), 1, closest, dots);
  const cumulative = new Float64Array(n);
  const candidates = new Int32Array(localTrials);
  const potentials = seeding ? seeding.potentials.subarray(0, localTrials) : new Float64Array(localTrials);
  /** ‖x_i − candidate_t‖² at i·localTrials + t. */
  const trialDistances = seeding ? seeding.trial(localTrials) : new Float64Array(n * localTrials);
  const candidateRows = new Float64Array(localTrials * d);

  for (let c = 1; c < k; c++) {
    let acc = 0;
    for (let i = 0; i < n; i++) {
      acc += closest[i];
      cumulative[i] = acc;
    }
    const potential = acc;
    for (let t = 0; t < localTrials; t++) {
      const u = random();
      candidates[t] =
        potential > 0 ? searchCumulative(cumulative, u * potential) : Math.min(n - 1, Math.floor(u * n));
    }
    // potentials[t] = Σ_i min(D²(x_i), ‖x_i − candidate_t‖²), summed in point order.
    potentials.fill(0);
    if (seeding && dots) {
      for (let t = 0; t < localTrials; t++) {
        candidateRows.set(x.subarray(candidates[t] * d, candidates[t] * d + d), t * d);
        seeding.candidateNorms[t] = norms[candidates[t]];
      }
      dots.setTargets(candidateRows, localTrials);
      for (let start = 0; start < n; start += 256) {
        const count = Math.min(256, n - start);
        dots.ofRange(start, count);
        seeding.step(start, count, localTrials);
      }
    } else {
      distancesToAllCandidates(x, n, d, norms, candidates, localTrials, trialDistances, null);
      for (let i = 0; i < n; i++) {
        const offset = i * localTrials;
        const own = closest[i];
        for (let t = 0; t < localTrials; t++) potentials[t] += Math.min(own, trialDistances[offset + t]);
      }
    }
    let best = 0;
    for (let t = 1; t < localTrials; t++) if (potentials[t] < potentials[best]) best = t;
    const winner = candidates[best];
    chosen.push(winner);
    for (let i = 0; i < n; i++) closest[i] = Math.min(closest[i], trialDistances[i * localTrials + best]);
  }

  const data = new Float64Array(k * d);
  chosen.forEach((row, c) => data.set(x.subarray(row * d, row * d + d), c * d));
  return { rows: k, cols: d, data };
}
