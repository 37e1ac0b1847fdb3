import type { DenseMatrix } from '../types.js';
import type { RowDots } from '../linalg/rowDots.js';

/**
 * The numeric core of k-means: distance kernels, the M-step, and one run of Lloyd's
 * iterations with or without Hamerly's bounds. Internal to src/cluster; the
 * restart workers (kmeansWorker.ts) import it like any module.
 */

/** The E-step variants; all give the same labels, centres and inertia (see {@link runKMeans}). */
export type KMeansAlgorithm = 'lloyd' | 'hamerly';

/** The result of one run from given initial centres. */
export interface LloydRun {
  centres: Float64Array;
  labels: Int32Array;
  inertia: number;
  iterations: number;
  converged: boolean;
}

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

/**
 * ‖c‖² − 2 x_i·c (the squared distance minus ‖x_i‖²) for one centre c: the plain in-order
 * sum over t = 0..d−1. Every kernel that feeds a comparison between centres (Lloyd's
 * E-step, Hamerly's exact distances) computes each dot product in exactly this
 * order, several at a time but each in its own sum, so all code paths see bit-identical
 * values and break ties the same way.
 */
export function shiftedDistance(
  data: Float64Array,
  base: number,
  d: number,
  centres: Float64Array,
  cNorms: Float64Array,
  c: number,
): number {
  const cBase = c * d;
  let s = 0;
  for (let t = 0; t < d; t++) s += data[base + t] * centres[cBase + t];
  return cNorms[c] - 2 * s;
}

/**
 * ‖c‖² − 2 x_i·c for one centre, summed in four interleaved partial sums: about 3× faster
 * than the in-order sum (the additions no longer wait on each other) but NOT bit-identical
 * to it, so only used where any value within the rounding bound η will do (tightening an
 * upper bound), never to compare centres.
 */
export function shiftedDistanceFast(
  data: Float64Array,
  base: number,
  d: number,
  centres: Float64Array,
  cNorms: Float64Array,
  c: number,
): number {
  const cBase = c * d;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let t = 0;
  for (; t + 3 < d; t += 4) {
    s0 += data[base + t] * centres[cBase + t];
    s1 += data[base + t + 1] * centres[cBase + t + 1];
    s2 += data[base + t + 2] * centres[cBase + t + 2];
    s3 += data[base + t + 3] * centres[cBase + t + 3];
  }
  for (; t < d; t++) s0 += data[base + t] * centres[cBase + t];
  return cNorms[c] - 2 * (s0 + s1 + (s2 + s3));
}

/**
 * out[j] = ‖c‖² − 2 x_i·c for the listed centres c = list[j], four at a time, with the
 * in-order sums of {@link shiftedDistance} (bit-identical values).
 */
export function shiftedDistancesListed(
  data: Float64Array,
  base: number,
  d: number,
  centres: Float64Array,
  cNorms: Float64Array,
  list: Int32Array,
  count: number,
  out: Float64Array,
): void {
  let j = 0;
  for (; j + 3 < count; j += 4) {
    const c0 = list[j];
    const c1 = list[j + 1];
    const c2 = list[j + 2];
    const c3 = list[j + 3];
    const b0 = c0 * d;
    const b1 = c1 * d;
    const b2 = c2 * d;
    const b3 = c3 * d;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let t = 0; t < d; t++) {
      const x = data[base + t];
      s0 += x * centres[b0 + t];
      s1 += x * centres[b1 + t];
      s2 += x * centres[b2 + t];
      s3 += x * centres[b3 + t];
    }
    out[j] = cNorms[c0] - 2 * s0;
    out[j + 1] = cNorms[c1] - 2 * s1;
    out[j + 2] = cNorms[c2] - 2 * s2;
    out[j + 3] = cNorms[c3] - 2 * s3;
  }
  if (count - j >= 2) {
    const c0 = list[j];
    const c1 = list[j + 1];
    const b0 = c0 * d;
    const b1 = c1 * d;
    let s0 = 0;
    let s1 = 0;
    for (let t = 0; t < d; t++) {
      const x = data[base + t];
      s0 += x * centres[b0 + t];
      s1 += x * centres[b1 + t];
    }
    out[j] = cNorms[c0] - 2 * s0;
    out[j + 1] = cNorms[c1] - 2 * s1;
    j += 2;
  }
  if (j < count) out[j] = shiftedDistance(data, base, d, centres, cNorms, list[j]);
}

/**
 * {@link shiftedDistance} to every centre for two points at once (rows at baseA and baseB),
 * written to out[offsetA + c] and out[offsetB + c]: eight independent sums share each load
 * of the two rows and of four centres (about 3× faster than one sum at a time), each still
 * the in-order sum over t, so the values are bit-identical to {@link shiftedDistance}.
 */
export function shiftedDistancesPair(
  data: Float64Array,
  baseA: number,
  baseB: number,
  d: number,
  centres: Float64Array,
  cNorms: Float64Array,
  k: number,
  out: Float64Array,
  offsetA: number,
  offsetB: number,
): void {
  let c = 0;
  for (; c + 3 < k; c += 4) {
    const b0 = c * d;
    const b1 = b0 + d;
    const b2 = b1 + d;
    const b3 = b2 + d;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let r0 = 0;
    let r1 = 0;
    let r2 = 0;
    let r3 = 0;
    for (let t = 0; t < d; t++) {
      const x = data[baseA + t];
      const y = data[baseB + t];
      const c0 = centres[b0 + t];
      const c1 = centres[b1 + t];
      const c2 = centres[b2 + t];
      const c3 = centres[b3 + t];
      s0 += x * c0;
      s1 += x * c1;
      s2 += x * c2;
      s3 += x * c3;
      r0 += y * c0;
      r1 += y * c1;
      r2 += y * c2;
      r3 += y * c3;
    }
    out[offsetA + c] = cNorms[c] - 2 * s0;
    out[offsetA + c + 1] = cNorms[c + 1] - 2 * s1;
    out[offsetA + c + 2] = cNorms[c + 2] - 2 * s2;
    out[offsetA + c + 3] = cNorms[c + 3] - 2 * s3;
    out[offsetB + c] = cNorms[c] - 2 * r0;
    out[offsetB + c + 1] = cNorms[c + 1] - 2 * r1;
    out[offsetB + c + 2] = cNorms[c + 2] - 2 * r2;
    out[offsetB + c + 3] = cNorms[c + 3] - 2 * r3;
  }
  for (; c < k; c++) {
    out[offsetA + c] = shiftedDistance(data, baseA, d, centres, cNorms, c);
    out[offsetB + c] = shiftedDistance(data, baseB, d, centres, cNorms, c);
  }
}

/**
 * Fills dist (length k·count) with the shifted distances of the listed points to every
 * centre (row j of dist for points[j]), two points at a time.
 */
export function shiftedDistancesOf(
  data: Float64Array,
  d: number,
  points: Int32Array,
  count: number,
  centres: Float64Array,
  cNorms: Float64Array,
  k: number,
  dist: Float64Array,
): void {
  let j = 0;
  for (; j + 1 < count; j += 2) {
    shiftedDistancesPair(data, points[j] * d, points[j + 1] * d, d, centres, cNorms, k, dist, j * k, j * k + k);
  }
  if (j < count) {
    // The last point alone: paired with itself (same values as the one-point kernel).
    shiftedDistancesPair(data, points[j] * d, points[j] * d, d, centres, cNorms, k, dist, j * k, j * k);
  }
}

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

/**
 * Running per-cluster sums and counts for the M-step. `accounted[i]` is the cluster whose sum
 * currently includes x_i (−1 before the first M-step).
 */
export interface CentreSums {
  sums: Float64Array;
  counts: Int32Array;
  accounted: Int32Array;
  steps: number;
}

export function createCentreSums(n: number, k: number, d: number): CentreSums {
  return {
    sums: new Float64Array(k * d),
    counts: new Int32Array(k),
    accounted: new Int32Array(n).fill(-1),
    steps: 0,
  };
}

/**
 * M-step: centres = means of their points. The sums are kept up to date incrementally:
 * only the points whose label changed since the previous M-step are moved (subtracted from
 * the old sum, added to the new one, in point order), so that once labels settle an M-step
 * costs O(changes · d + k · d) instead of O(n · d); every 10th step
 * (the first included) recomputes them from scratch. The schedule depends on the step count
 * only, so any two runs that see the same labels (Lloyd and Hamerly) get bit-identical centres.
 *
 * Empty clusters are re-seeded as scikit-learn does: the points farthest from their (old)
 * centre, in decreasing distance (ties → lower index), each moved into one empty cluster (in
 * cluster-index order) and removed from its old cluster's sum. A point that is alone in its
 * cluster is skipped (moving it would only empty another cluster); with k ≤ n enough
 * movable points always exist. Deterministic. `labels` are updated for moved points; the
 * distances (clipped squared distance of each point to its centre) are requested from
 * `distancesOf` only then.
 */
export function updateCentres(
  X: DenseMatrix,
  previousCentres: Float64Array,
  labels: Int32Array,
  distancesOf: () => Float64Array,
  k: number,
  acc: CentreSums,
): Float64Array {
  const { rows: n, cols: d, data } = X;
  const { sums, counts, accounted } = acc;
  if (acc.steps % 10 === 0) {
    sums.fill(0);
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const c = labels[i];
      counts[c]++;
      const base = i * d;
      const cBase = c * d;
      for (let t = 0; t < d; t++) sums[cBase + t] += data[base + t];
    }
    accounted.set(labels);
  } else {
    for (let i = 0; i < n; i++) {
      const c = labels[i];
      const from = accounted[i];
      if (c === from) continue;
      counts[from]--;
      counts[c]++;
      const base = i * d;
      const fBase = from * d;
      const cBase = c * d;
      for (let t = 0; t < d; t++) {
        sums[fBase + t] -= data[base + t];
        sums[cBase + t] += data[base + t];
      }
      accounted[i] = c;
    }
  }
  acc.steps++;
  const empty: number[] = [];
  for (let c = 0; c < k; c++) if (counts[c] === 0) empty.push(c);
  if (empty.length > 0) {
    const distances = distancesOf();
    const byDistance = Array.from({ length: n }, (_, i) => i).sort(
      (a, b) => distances[b] - distances[a] || a - b,
    );
    let next = 0;
    for (const target of empty) {
      while (next < n && counts[labels[byDistance[next]]] <= 1) next++;
      if (next === n) break;
      const i = byDistance[next++];
      const from = labels[i];
      for (let t = 0; t < d; t++) {
        sums[from * d + t] -= data[i * d + t];
        sums[target * d + t] = data[i * d + t];
      }
      counts[from]--;
      counts[target] = 1;
      labels[i] = target;
      accounted[i] = target;
    }
  }
  const centres = new Float64Array(k * d);
  for (let c = 0; c < k; c++) {
    const count = counts[c];
    for (let t = 0; t < d; t++) {
      // Unreachable for k ≤ n (there are always enough points to move); kept as a guard.
      centres[c * d + t] = count > 0 ? sums[c * d + t] / count : previousCentres[c * d + t];
    }
  }
  return centres;
}

/** Σ_i ‖x_i − c_{label(i)}‖² by direct differences (no cancellation). */
export function computeInertia(X: DenseMatrix, centres: Float64Array, labels: Int32Array): number {
  const { rows: n, cols: d, data } = X;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const base = i * d;
    const cBase = labels[i] * d;
    for (let t = 0; t < d; t++) {
      const diff = data[base + t] - centres[cBase + t];
      total += diff * diff;
    }
  }
  return total;
}

/** Mean over features of the per-feature population variance of X. */
export function meanFeatureVariance(X: DenseMatrix): number {
  const { rows: n, cols: d, data } = X;
  if (d === 0) return 0;
  let total = 0;
  for (let t = 0; t < d; t++) {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += data[i * d + t];
    mean /= n;
    let v = 0;
    for (let i = 0; i < n; i++) {
      const diff = data[i * d + t] - mean;
      v += diff * diff;
    }
    total += v / n;
  }
  return total / d;
}

/**
 * Bounds for Hamerly's E-step (2010, "Making k-means even faster"), which skips the distance
 * computations that cannot change a label.
 *
 * Invariant (true Euclidean distances, not squared), per point i with a = labels[i] (its
 * centre after the previous E-step):
 *   upper[i] ≥ ‖x_i − c_a‖;
 *   lower[i] ≤ min_{c≠a} ‖x_i − c‖ (one bound, to the second-closest centre).
 * It is carried across an M-step by upper[i] += ‖c_a,new − c_a,old‖ and lower[i] −= the
 * largest movement of any other centre. With half[c] ≤ ½ min_{c'≠c} ‖c − c'‖, the
 * triangle inequality gives ‖x_i − c‖ ≥ max(lower, 2·half[a] − upper) for all c ≠ a.
 *
 * Exactness (same labels as plain Lloyd, not merely the same up to ties): Lloyd labels i by
 * the argmin (lowest index on ties) of the computed ‖c‖² − 2x·c, each within η of the true
 * ‖x − c‖² − ‖x‖², where η = 4(d + 2)·ε·(max‖x‖ + max‖c‖)² bounds the rounding of a
 * d-term dot product and of the norms with a factor 4 to spare. A centre c is skipped only
 * when a lower bound L on ‖x_i − c‖ satisfies L² − upper² > 2η: then c's computed value
 * exceeds the current best's by more than the rounding, so it is neither Lloyd's argmin nor
 * tied with it. Otherwise the upper bound is tightened with one exact distance and the test
 * repeated; failing that, c's distance is computed with Lloyd's own arithmetic
 * (bit-identical values, see {@link shiftedDistance}) and compared with the lowest-index
 * tie rule. Bounds set from computed squared distances are widened by η so that they hold
 * for the true distances, and the movement updates are rounded outwards. Hence every
 * E-step gives Lloyd's labels; the M-step is shared and sums in point order, so the
 * centres and inertia are bit-identical too. Points that the empty-cluster re-seeding
 * moves get upper = ∞: all their distances are computed at the next E-step.
 */
export interface BoundState {
  upper: Float64Array;
  lower: Float64Array;
  /** Centres the bounds refer to (those of the previous E-step), or null before the first. */
  boundCentres: Float64Array | null;
}

/** ‖a_i − b_i‖ per centre (k×d each), by direct differences. */
export function centreShifts(a: Float64Array, b: Float64Array, k: number, d: number): Float64Array {
  const out = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    let s = 0;
    for (let t = 0; t < d; t++) {
      const diff = a[c * d + t] - b[c * d + t];
      s += diff * diff;
    }
    out[c] = Math.sqrt(s);
  }
  return out;
}

/**
 * η of the exactness argument above for these centres: a bound on the rounding of a
 * computed ‖c‖² − 2x·c, with a factor 4 to spare.
 */
export function roundingBound(maxXNorm: number, cNorms: Float64Array, d: number): number {
  let maxCNorm = 0;
  for (let c = 0; c < cNorms.length; c++) maxCNorm = Math.max(maxCNorm, Math.sqrt(cNorms[c]));
  return 4 * (d + 2) * 2 ** -53 * (maxXNorm + maxCNorm) ** 2;
}

/** Half the distance from each centre to its nearest other centre, rounded down: half[c] ≤ ½ min_{c'≠c} ‖c − c'‖ (∞ when k = 1). */
export function centreSeparations(
  centres: Float64Array,
  k: number,
  d: number,
): { half: Float64Array } {
  const half = new Float64Array(k).fill(Infinity);
  for (let c = 0; c < k; c++) {
    for (let e = c + 1; e < k; e++) {
      let s = 0;
      for (let t = 0; t < d; t++) {
        const diff = centres[c * d + t] - centres[e * d + t];
        s += diff * diff;
      }
      const distance = Math.sqrt(s) * (1 - 1e-12);
      if (0.5 * distance < half[c]) half[c] = 0.5 * distance;
      if (0.5 * distance < half[e]) half[e] = 0.5 * distance;
    }
  }
  return { half };
}

/**
 * E-step with Hamerly's bounds (one lower bound per point, see {@link BoundState}): writes
 * Lloyd's labels. Returns the number of points whose k distances were all computed.
 */
export function assignLabelsHamerly(
  X: DenseMatrix,
  xNorms: Float64Array,
  maxXNorm: number,
  centres: Float64Array,
  k: number,
  labels: Int32Array,
  state: BoundState,
  dots: RowDots | null = null,
): number {
  const { rows: n, cols: d, data } = X;
  const { upper, lower } = state;
  const cNorms = centreSquaredNorms(centres, k, d);
  dots?.setTargets(centres, k);
  const eta = roundingBound(maxXNorm, cNorms, d);
  const margin = 2 * eta;
  const EPS = 2 ** -53;

  // Move the bounds from the previous centres to these ones.
  if (state.boundCentres !== null) {
    const shifts = centreShifts(centres, state.boundCentres, k, d);
    let first = 0;
    let second = 0;
    let firstIndex = -1;
    for (let c = 0; c < k; c++) {
      const p = shifts[c] * (1 + 1e-12);
      shifts[c] = p;
      if (p > first) {
        second = first;
        first = p;
        firstIndex = c;
      } else if (p > second) {
        second = p;
      }
    }
    for (let i = 0; i < n; i++) {
      const a = labels[i];
      upper[i] = (upper[i] + shifts[a]) * (1 + 4 * EPS);
      lower[i] = Math.max(0, (lower[i] - (a === firstIndex ? second : first)) * (1 - 4 * EPS));
    }
  }
  state.boundCentres = centres;

  const { half } = centreSeparations(centres, k, d);

  const points = new Int32Array(Math.min(n, 256));
  const dist = new Float64Array(points.length * k);
  let pending = 0;
  let full = 0;
  // Labels from all k distances, for the points collected in `points` (two at a time).
  const flush = () => {
    if (dots !== null) {
      // The kernel's scan: the same values and comparisons as the loop below.
      dots.ofPoints(points, pending);
      const nearest = dots.nearestTwo(cNorms, k, pending);
      for (let j = 0; j < pending; j++) {
        const i = points[j];
        labels[i] = nearest.best[j];
        upper[i] = Math.sqrt(Math.max(0, nearest.first[j] + xNorms[i] + eta));
        lower[i] = Math.sqrt(Math.max(0, nearest.second[j] + xNorms[i] - eta));
      }
      full += pending;
      pending = 0;
      return;
    }
    shiftedDistancesOf(data, d, points, pending, centres, cNorms, k, dist);
    for (let j = 0; j < pending; j++) {
      const i = points[j];
      const xNorm = xNorms[i];
      let best = 0;
      let bestDist = Infinity;
      let secondDist = Infinity;
      for (let c = 0; c < k; c++) {
        const v = dist[j * k + c];
        if (v < bestDist) {
          secondDist = bestDist;
          bestDist = v;
          best = c;
        } else if (v < secondDist) {
          secondDist = v;
        }
      }
      labels[i] = best;
      upper[i] = Math.sqrt(Math.max(0, bestDist + xNorm + eta));
      lower[i] = Math.sqrt(Math.max(0, secondDist + xNorm - eta));
    }
    full += pending;
    pending = 0;
  };
  // With the kernel, upper bounds are tightened a block at a time (ownDots): the same test
  // on a distance summed in another order, which any order within η may be.
  const waiting = new Int32Array(dots === null ? 0 : points.length);
  const owners = new Int32Array(waiting.length);
  let waitingCount = 0;
  const tightenWaiting = () => {
    const own = (dots as RowDots).ownDots(waiting, owners, waitingCount);
    for (let j = 0; j < waitingCount; j++) {
      const i = waiting[j];
      const a = owners[j];
      const u = Math.sqrt(Math.max(0, cNorms[a] - 2 * own[j] + xNorms[i] + eta));
      upper[i] = u;
      const other = Math.max(lower[i], 2 * half[a] - u);
      if (other > u && (other - u) * (other + u) > margin) continue;
      points[pending++] = i;
      if (pending === points.length) flush();
    }
    waitingCount = 0;
  };
  for (let i = 0; i < n; i++) {
    const a = labels[i];
    let u = upper[i];
    let other = Math.max(lower[i], 2 * half[a] - u);
    if (other > u && (other - u) * (other + u) > margin) continue;
    if (u !== Infinity) {
      if (dots !== null) {
        waiting[waitingCount] = i;
        owners[waitingCount++] = a;
        if (waitingCount === waiting.length) tightenWaiting();
        continue;
      }
      u = Math.sqrt(Math.max(0, shiftedDistanceFast(data, i * d, d, centres, cNorms, a) + xNorms[i] + eta));
      upper[i] = u;
      other = Math.max(lower[i], 2 * half[a] - u);
      if (other > u && (other - u) * (other + u) > margin) continue;
    }
    points[pending++] = i;
    if (pending === points.length) flush();
  }
  if (waitingCount > 0) tightenWaiting();
  flush();
  return full;
}

/** Lloyd's `distances` (clipped squared distance to the assigned centre) for every point. */
export function assignedDistances(
  X: DenseMatrix,
  xNorms: Float64Array,
  centres: Float64Array,
  k: number,
  labels: Int32Array,
  distances: Float64Array,
): void {
  const { rows: n, cols: d, data } = X;
  const cNorms = centreSquaredNorms(centres, k, d);
  for (let i = 0; i < n; i++) {
    distances[i] = Math.max(0, shiftedDistance(data, i * d, d, centres, cNorms, labels[i]) + xNorms[i]);
  }
}


/**
 * The skipping test of the exactness argument ({@link BoundState}) as one comparison: a
 * centre whose lower bound L exceeds the returned value has L² − u² > margin (the square
 * root is rounded up by far more than its rounding error), so it can be skipped.
 */
export function skipAbove(u: number, margin: number): number {
  return Math.sqrt(u * u + margin) * (1 + 2 ** -50);
}

/**
 * One run of Lloyd's iterations from the given centres (n×d points, k×d centres), as
 * scikit-learn's `_kmeans_single_lloyd`. Each iteration: E-step with the current centres,
 * M-step to new centres ({@link updateCentres}), shift = Σ_c ‖c_new − c_old‖². Stops
 * (converged) when the labels equal the previous iteration's (a fixed point), or when
 * shift ≤ absoluteTolerance. A final E-step makes the labels those of the returned centres.
 *
 * `algorithm` picks the E-step: 'lloyd' computes every distance; 'hamerly' skips the ones
 * its bounds rule out and gives the same labels at every iteration (see {@link BoundState}),
 * hence the same centres, inertia, iteration count and convergence flag.
 */
export function runKMeans(
  X: DenseMatrix,
  xNorms: Float64Array,
  initial: Float64Array,
  k: number,
  maxIterations: number,
  absoluteTolerance: number,
  algorithm: KMeansAlgorithm,
  dots: RowDots | null = null,
): LloydRun {
  const n = X.rows;
  const d = X.cols;
  let maxXNorm = 0;
  for (let i = 0; i < n; i++) maxXNorm = Math.max(maxXNorm, Math.sqrt(xNorms[i]));
  let centres: Float64Array = Float64Array.from(initial);
  const labels = new Int32Array(n);
  const previous = new Int32Array(n).fill(-1);
  const distances = new Float64Array(n);
  const state: BoundState = {
    upper: new Float64Array(n).fill(Infinity),
    lower: new Float64Array(n),
    boundCentres: null,
  };
  const eStep = () => {
    if (algorithm === 'lloyd') assignLabels(X, xNorms, centres, k, labels, distances, dots);
    else assignLabelsHamerly(X, xNorms, maxXNorm, centres, k, labels, state, dots);
  };
  const beforeReseeding = new Int32Array(n);
  const acc = createCentreSums(n, k, d);
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    iterations++;
    eStep();
    let reseeded = false;
    const distancesOf = () => {
      // Re-seeding empty clusters needs every point's distance to its centre, as Lloyd has them.
      if (algorithm !== 'lloyd') assignedDistances(X, xNorms, centres, k, labels, distances);
      beforeReseeding.set(labels);
      reseeded = true;
      return distances;
    };
    const updated = updateCentres(X, centres, labels, distancesOf, k, acc);
    if (reseeded && algorithm !== 'lloyd') {
      // The moved points lose their bounds: all their distances are computed next time.
      for (let i = 0; i < n; i++) if (labels[i] !== beforeReseeding[i]) state.upper[i] = Infinity;
    }
    let shift = 0;
    for (let t = 0; t < k * d; t++) {
      const diff = updated[t] - centres[t];
      shift += diff * diff;
    }
    centres = updated;
    let same = true;
    for (let i = 0; i < n && same; i++) same = labels[i] === previous[i];
    if (same || shift <= absoluteTolerance) {
      converged = true;
      break;
    }
    previous.set(labels);
  }
  eStep();
  return { centres, labels, inertia: computeInertia(X, centres, labels), iterations, converged };
}
