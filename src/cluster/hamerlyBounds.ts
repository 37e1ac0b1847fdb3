import type { DenseMatrix } from '../types.js';
import type { RowDots } from '../linalg/rowDots.js';
import { shiftedDistance, shiftedDistanceFast, shiftedDistancesOf } from './shiftedDistances.js';
import { centreSquaredNorms } from './squaredNorms.js';

// Hamerly's E-step: the bounds that skip distances which cannot change a label, with
// Lloyd's labels exactly.

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
