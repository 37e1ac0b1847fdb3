import type { DenseMatrix } from '../types.js';
import { createRandom, deriveSeed } from '../random/seededRandom.js';
import { kmeansPlusPlus } from './kmeansPlusPlus.js';

/** Parameters of {@link fitKMeans}; plain data. */
export interface KMeansParams {
  k: number;
  /** Restarts with independent k-means++ seedings; the lowest inertia wins (default 10). */
  nInit?: number;
  /** Lloyd iterations per restart (default 300). */
  maxIterations?: number;
  /** Relative tolerance on the squared centre shift (default 1e-4), as scikit-learn. */
  tolerance?: number;
  seed: number;
  /** Start from these k×d centres instead of k-means++ (then a single run: nInit is ignored). */
  initialCentres?: DenseMatrix;
}

/** A fitted k-means model; plain, serialisable data. */
export interface KMeansModel {
  /** k×d row-major centroids. */
  centres: Float64Array;
  k: number;
  dims: number;
  /** Training-point labels in 0..k−1: the index of each point's nearest centre. */
  labels: Int32Array;
  /** Σ_i ‖x_i − c_{label(i)}‖² over the training points. */
  inertia: number;
  /** Lloyd iterations of the winning run. */
  iterations: number;
  /** Whether the winning run met a stopping criterion before maxIterations. */
  converged: boolean;
}

interface LloydRun {
  centres: Float64Array;
  labels: Int32Array;
  inertia: number;
  iterations: number;
  converged: boolean;
}

/** ‖x_i‖² for every row. */
function rowSquaredNorms(X: DenseMatrix): Float64Array {
  const { rows: n, cols: d, data } = X;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let t = 0; t < d; t++) s += data[i * d + t] * data[i * d + t];
    out[i] = s;
  }
  return out;
}

/**
 * E-step: labels[i] = argmin_c ‖x_i − c‖², computed as ‖x_i‖² − 2 x_i·c + ‖c‖² with the
 * precomputed norms (one dot product per pair). Ties → the lowest centre index. Returns
 * nothing; writes `labels` and `distances` (the clipped-at-0 squared distance to the
 * chosen centre).
 */
function assignLabels(
  X: DenseMatrix,
  xNorms: Float64Array,
  centres: Float64Array,
  k: number,
  labels: Int32Array,
  distances: Float64Array,
): void {
  const { rows: n, cols: d, data } = X;
  const cNorms = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    let s = 0;
    for (let t = 0; t < d; t++) s += centres[c * d + t] * centres[c * d + t];
    cNorms[c] = s;
  }
  for (let i = 0; i < n; i++) {
    const base = i * d;
    let best = 0;
    let bestDist = Infinity;
    for (let c = 0; c < k; c++) {
      let dotProduct = 0;
      const cBase = c * d;
      for (let t = 0; t < d; t++) dotProduct += data[base + t] * centres[cBase + t];
      const dist = cNorms[c] - 2 * dotProduct;
      if (dist < bestDist) {
        bestDist = dist;
        best = c;
      }
    }
    labels[i] = best;
    distances[i] = Math.max(0, bestDist + xNorms[i]);
  }
}

/**
 * M-step: centres = means of their points. Empty clusters are re-seeded as scikit-learn
 * does: the points farthest from their (old) centre, in decreasing distance (ties → lower
 * index), each moved into one empty cluster (in cluster-index order) and removed from its
 * old cluster's sum. A point that is alone in its cluster is skipped (moving it would
 * only empty another cluster); with k ≤ n enough movable points always exist.
 * Deterministic. `labels` are updated for moved points.
 */
function updateCentres(
  X: DenseMatrix,
  previousCentres: Float64Array,
  labels: Int32Array,
  distances: Float64Array,
  k: number,
): Float64Array {
  const { rows: n, cols: d, data } = X;
  const sums = new Float64Array(k * d);
  const counts = new Int32Array(k);
  for (let i = 0; i < n; i++) {
    const c = labels[i];
    counts[c]++;
    const base = i * d;
    const cBase = c * d;
    for (let t = 0; t < d; t++) sums[cBase + t] += data[base + t];
  }
  const empty: number[] = [];
  for (let c = 0; c < k; c++) if (counts[c] === 0) empty.push(c);
  if (empty.length > 0) {
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
    }
  }
  for (let c = 0; c < k; c++) {
    const count = counts[c];
    for (let t = 0; t < d; t++) {
      // Unreachable for k ≤ n (there are always enough points to move); kept as a guard.
      sums[c * d + t] = count > 0 ? sums[c * d + t] / count : previousCentres[c * d + t];
    }
  }
  return sums;
}

/** Σ_i ‖x_i − c_{label(i)}‖² by direct differences (no cancellation). */
function computeInertia(X: DenseMatrix, centres: Float64Array, labels: Int32Array): number {
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

/**
 * One Lloyd run from the given centres. Each iteration: E-step with the current centres,
 * M-step to new centres, shift = Σ_c ‖c_new − c_old‖². Stops (converged) when the labels
 * equal the previous iteration's (a fixed point), or when shift ≤ absoluteTolerance, as
 * scikit-learn's `_kmeans_single_lloyd`. A final E-step makes the labels those of the
 * returned centres (labels = predictKMeans(model, X)).
 */
function lloyd(
  X: DenseMatrix,
  xNorms: Float64Array,
  initial: Float64Array,
  k: number,
  maxIterations: number,
  absoluteTolerance: number,
): LloydRun {
  const n = X.rows;
  const d = X.cols;
  let centres: Float64Array = Float64Array.from(initial);
  const labels = new Int32Array(n);
  const previous = new Int32Array(n).fill(-1);
  const distances = new Float64Array(n);
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    iterations++;
    assignLabels(X, xNorms, centres, k, labels, distances);
    const updated = updateCentres(X, centres, labels, distances, k);
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
  assignLabels(X, xNorms, centres, k, labels, distances);
  return { centres, labels, inertia: computeInertia(X, centres, labels), iterations, converged };
}

/** Mean over features of the per-feature population variance of X. */
function meanFeatureVariance(X: DenseMatrix): number {
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

function positiveInteger(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`${name} must be a positive integer, got ${value}`);
  }
}

/**
 * k-means (Lloyd) on the rows of X (n×d), scikit-learn's `KMeans(algorithm="lloyd")`
 * contract: minimises the inertia Σ_i ‖x_i − c_{label(i)}‖².
 *
 * - Initialisation: greedy k-means++ ({@link kmeansPlusPlus}); restart r (0..nInit−1)
 *   uses the generator createRandom(deriveSeed(seed, r)), so runs are reproducible and
 *   independent. The run with the lowest inertia wins (ties → the earliest restart).
 *   With `initialCentres`, a single run starts from them.
 * - Convergence: the absolute tolerance is tolerance × mean_j var(X[:, j]) on the summed
 *   squared centre shift (scale-free, as scikit-learn); also stops when labels repeat.
 * - Cluster ids are the ids of the winning run; ordering them (e.g. by size) is the
 *   caller's job.
 */
export function fitKMeans(X: DenseMatrix, params: KMeansParams): KMeansModel {
  const { k, nInit = 10, maxIterations = 300, tolerance = 1e-4, seed, initialCentres } = params;
  const n = X.rows;
  const d = X.cols;
  positiveInteger('k', k);
  positiveInteger('nInit', nInit);
  positiveInteger('maxIterations', maxIterations);
  if (k > n) throw new RangeError(`k = ${k} exceeds the number of points (${n})`);
  if (!(tolerance >= 0)) throw new RangeError(`tolerance must be ≥ 0, got ${tolerance}`);
  if (initialCentres && (initialCentres.rows !== k || initialCentres.cols !== d)) {
    throw new RangeError(
      `initialCentres is ${initialCentres.rows}×${initialCentres.cols}, expected ${k}×${d}`,
    );
  }
  const xNorms = rowSquaredNorms(X);
  const absoluteTolerance = tolerance * meanFeatureVariance(X);

  let best: LloydRun | null = null;
  const runs = initialCentres ? 1 : nInit;
  for (let r = 0; r < runs; r++) {
    const start = initialCentres
      ? initialCentres.data
      : kmeansPlusPlus(X, k, createRandom(deriveSeed(seed, r))).data;
    const run = lloyd(X, xNorms, start, k, maxIterations, absoluteTolerance);
    if (best === null || run.inertia < best.inertia) best = run;
  }
  const winner = best as LloydRun;
  return {
    centres: winner.centres,
    k,
    dims: d,
    labels: winner.labels,
    inertia: winner.inertia,
    iterations: winner.iterations,
    converged: winner.converged,
  };
}

/** Nearest-centre labels for new points (n×dims); ties → the lowest centre index. */
export function predictKMeans(model: KMeansModel, X: DenseMatrix): Int32Array {
  if (X.cols !== model.dims) {
    throw new RangeError(`predictKMeans: model has ${model.dims} dims, X has ${X.cols}`);
  }
  const labels = new Int32Array(X.rows);
  assignLabels(X, rowSquaredNorms(X), model.centres, model.k, labels, new Float64Array(X.rows));
  return labels;
}
