import type { DenseMatrix } from '../types.js';
import { sampleIndices } from '../random/sampleIndices.js';
import { createRowDots, ROW_DOTS_BLOCK } from '../linalg/rowDots.js';
import { distanceKernels } from '../linalg/distanceKernels.js';

export interface SilhouetteOptions {
  /** Points scored at most (default 3000); above it a seeded random sample is scored. */
  sampleSize?: number;
  /** Seed of the sample (default 0). */
  seed?: number;
}

/** Rows scaled to unit length; zero rows stay zero (cosine similarity 0 with everything). */
function unitRows(X: DenseMatrix): Float64Array {
  const { rows: n, cols: d, data } = X;
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let t = 0; t < d; t++) s += data[i * d + t] * data[i * d + t];
    const norm = Math.sqrt(s);
    if (norm > 0) for (let t = 0; t < d; t++) out[i * d + t] = data[i * d + t] / norm;
  }
  return out;
}

/**
 * Mean silhouette coefficient with cosine distance d(x, y) = 1 − cos(x, y) (in [0, 2], as
 * scikit-learn's `cosine_distances`; a zero vector is at distance 1 from everything). For a
 * point i in cluster A:
 *   a(i) = mean d(i, j) over j ∈ A, j ≠ i;   b(i) = min over clusters B ≠ A of mean d(i, j), j ∈ B;
 *   s(i) = (b − a) / max(a, b),  and s(i) = 0 when |A| = 1 (or a = b = 0).
 * Equals scikit-learn's `silhouette_score(X, labels, metric="cosine")` when n ≤ sampleSize.
 *
 * Computation (exact, no pairwise distances): with u_j = x_j/‖x_j‖ (0 for a zero row),
 * cos(x_i, x_j) = u_i·u_j, so for any cluster C
 *   Σ_{j∈C} d(i, j) = Σ_{j∈C} (1 − u_i·u_j) = |C| − u_i·S_C,   S_C = Σ_{j∈C} u_j,
 * and the own-cluster sum drops the j = i term 1 − u_i·u_i (0 for a unit row, 1 for a zero
 * row). The identity needs unit (or zero) rows, which the normalisation guarantees whatever
 * the input scale. Cost O(n·d) for the k cluster sums plus O(k·d) per scored point, instead
 * of O(n·d) per scored point.
 * The means are clipped to [0, 2] (the only difference from summing clipped pairwise
 * distances is rounding, ~1e-16 per pair).
 *
 * Sampling: when n > sampleSize, s(i) is averaged over a seeded random sample of
 * sampleSize points, but each sampled point's a(i) and b(i) are still computed against
 * ALL n points. (scikit-learn's `sample_size` instead scores the sample against the sample
 * only.) The result is an unbiased estimate of the full mean at O(n·d + sampleSize·k·d) cost.
 *
 * Requires 2 ≤ number of distinct labels ≤ n − 1 (as scikit-learn); throws otherwise.
 */
export function silhouetteCosine(
  X: DenseMatrix,
  labels: Int32Array,
  options: SilhouetteOptions = {},
): number {
  const { sampleSize = 3000, seed = 0 } = options;
  const n = X.rows;
  if (labels.length !== n) throw new RangeError(`${labels.length} labels for ${n} points`);
  if (!Number.isInteger(sampleSize) || sampleSize < 1) {
    throw new RangeError(`sampleSize must be a positive integer, got ${sampleSize}`);
  }
  const prepared = prepare(X, labels);
  const scored = n > sampleSize ? sampleIndices(n, sampleSize, seed) : Int32Array.from({ length: n }, (_, i) => i);
  const s = pointScores(prepared, scored);
  let total = 0;
  for (let i = 0; i < s.length; i++) total += s[i];
  return total / scored.length;
}

/**
 * Mean silhouette of each cluster's own points (all of them, no sampling: the cost is the
 * O(n·k·d) of scoring every point). Indexed by label value: element c is the mean s(i) over
 * the points labelled c, NaN for a label value no point has. Same s(i) as
 * {@link silhouetteCosine}; as scikit-learn's `silhouette_samples` averaged per label.
 */
export function silhouetteByCluster(X: DenseMatrix, labels: Int32Array): Float64Array {
  if (labels.some((label) => label < 0)) throw new RangeError('silhouetteByCluster: labels must be >= 0');
  const prepared = prepare(X, labels);
  const all = Int32Array.from({ length: X.rows }, (_, i) => i);
  const s = pointScores(prepared, all);
  const size = labels.reduce((m, label) => Math.max(m, label), -1) + 1;
  const sums = new Float64Array(size);
  const counts = new Float64Array(size);
  for (let i = 0; i < labels.length; i++) {
    sums[labels[i]] += s[i];
    counts[labels[i]]++;
  }
  return sums.map((sum, c) => (counts[c] === 0 ? Number.NaN : sum / counts[c]));
}

interface Prepared {
  u: Float64Array;
  cluster: Int32Array;
  sizes: Float64Array;
  clusterSums: Float64Array;
  k: number;
  d: number;
}

/** Unit rows, dense cluster numbering, cluster sizes and the sums S_c = Σ_{j∈c} u_j. */
function prepare(X: DenseMatrix, labels: Int32Array): Prepared {
  const n = X.rows;
  const d = X.cols;
  if (labels.length !== n) throw new RangeError(`${labels.length} labels for ${n} points`);
  const ids = new Map<number, number>();
  const cluster = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let id = ids.get(labels[i]);
    if (id === undefined) {
      id = ids.size;
      ids.set(labels[i], id);
    }
    cluster[i] = id;
  }
  const k = ids.size;
  if (k < 2 || k > n - 1) {
    throw new RangeError(`silhouette needs 2 ≤ clusters ≤ n − 1, got ${k} clusters for ${n} points`);
  }
  const sizes = new Float64Array(k);
  for (let i = 0; i < n; i++) sizes[cluster[i]]++;
  const u = unitRows(X);
  const clusterSums = new Float64Array(k * d);
  for (let j = 0; j < n; j++) {
    const base = j * d;
    const cBase = cluster[j] * d;
    for (let t = 0; t < d; t++) clusterSums[cBase + t] += u[base + t];
  }
  return { u, cluster, sizes, clusterSums, k, d };
}

/** Point–cluster work (points · k · d) from which the dot products go through the WebAssembly kernel. */
const KERNEL_WORK = 1e6;

/**
 * s(i) for each listed point, in the order listed. The dot products u_i·S_c are in-order
 * sums; on large inputs the WebAssembly kernel computes them (the same values bit for bit,
 * see rowDots.ts).
 */
function pointScores(prepared: Prepared, points: Int32Array): Float64Array {
  const { u, cluster, k, d } = prepared;
  const out = new Float64Array(points.length);
  const module = points.length * k * d >= KERNEL_WORK ? distanceKernels() : null;
  const dotsOf = new Float64Array(k);
  if (module === null) {
    points.forEach((i, at) => {
      for (let c = 0; c < k; c++) {
        let dot = 0;
        for (let t = 0; t < d; t++) dot += u[i * d + t] * prepared.clusterSums[c * d + t];
        dotsOf[c] = dot;
      }
      out[at] = pointScore(prepared, i, dotsOf);
    });
    return out;
  }
  const dots = createRowDots(module, { rows: cluster.length, cols: d, data: u }, k);
  dots.setTargets(prepared.clusterSums, k);
  for (let start = 0; start < points.length; start += ROW_DOTS_BLOCK) {
    const count = Math.min(ROW_DOTS_BLOCK, points.length - start);
    const block = dots.ofPoints(points.subarray(start, start + count), count);
    for (let j = 0; j < count; j++) {
      for (let c = 0; c < k; c++) dotsOf[c] = block[j * dots.stride + c];
      out[start + j] = pointScore(prepared, points[start + j], dotsOf);
    }
  }
  return out;
}

/** s(i) of point i from its dot products with the cluster sums. */
function pointScore({ u, cluster, sizes, k, d }: Prepared, i: number, dots: Float64Array): number {
  const own = cluster[i];
  if (sizes[own] <= 1) return 0; // s(i) = 0
  const base = i * d;
  let a = 0;
  let b = Infinity;
  for (let c = 0; c < k; c++) {
    if (c === own) {
      let self = 0;
      for (let t = 0; t < d; t++) self += u[base + t] * u[base + t];
      // Σ_{j∈A, j≠i} d(i, j) = (|A| − u_i·S_A) − (1 − u_i·u_i)
      a = clampDistance((sizes[c] - dots[c] - (1 - self)) / (sizes[c] - 1));
    } else {
      b = Math.min(b, clampDistance((sizes[c] - dots[c]) / sizes[c]));
    }
  }
  const denominator = Math.max(a, b);
  return denominator > 0 ? (b - a) / denominator : 0;
}

/** A mean cosine distance, clipped to its range [0, 2] (rounding can step just outside). */
function clampDistance(x: number): number {
  return Math.min(2, Math.max(0, x));
}
