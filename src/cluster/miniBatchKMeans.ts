import type { DenseMatrix } from '../types.js';
import { selectRows, sum } from '../linalg/dense.js';
import { createRandom, deriveSeed } from '../random/seededRandom.js';
import { assignLabels, rowSquaredNorms } from './kmeansCore.js';
import type { KMeansModel } from './kmeans.js';
import { kmeansPlusPlus } from './kmeansPlusPlus.js';

/** Parameters of {@link fitMiniBatchKMeans}; plain data. */
export interface MiniBatchParams {
  k: number;
  seed: number;
  /** Points per step (scikit-learn's default is 1024). */
  batchSize?: number;
  /** Seedings tried on the initial sample; the one of lowest inertia there is kept (default 3). */
  nInit?: number;
  /** Passes over the data at most: steps = maxEpochs · n / batchSize (default 100). */
  maxEpochs?: number;
  /**
   * Stop when the smoothed batch inertia has not improved for this many consecutive steps
   * (scikit-learn's max_no_improvement, default 10).
   */
  maxNoImprovement?: number;
}

/** Random stream of the mini-batch draws, apart from the seedings' streams 0..nInit-1. */
const BATCH_STREAM = 2_000_003;

/**
 * Mini-batch k-means (Sculley 2010; scikit-learn's `MiniBatchKMeans`) for corpora where
 * full Lloyd iterations over every paper cost too much: each step assigns a random batch
 * of points and moves every centre towards the mean of its batch points with a per-centre
 * learning rate 1 / (points the centre has seen), so a centre settles as it accumulates
 * points. The cost per step is O(batchSize · k · d), independent of n.
 *
 * - Initialisation: k-means++ ({@link kmeansPlusPlus}) on a seeded sample of
 *   min(n, max(3 · batchSize, 3 · k)) points, `nInit` times; the seeding with the lowest
 *   inertia on that sample is kept.
 * - Stopping: after maxEpochs passes, or when the exponentially weighted batch inertia
 *   (weight batchSize / n, as scikit-learn) has not improved for maxNoImprovement steps.
 * - Result: every point's nearest final centre and the inertia over all points, in the
 *   same model type as fitKMeans. Batches are drawn with replacement from one seeded
 *   stream, so the same seed gives the same model.
 */
export function fitMiniBatchKMeans(X: DenseMatrix, params: MiniBatchParams): KMeansModel {
  const { k, seed, batchSize = 1024, nInit = 3, maxEpochs = 100, maxNoImprovement = 10 } = params;
  const n = X.rows;
  const d = X.cols;
  for (const [name, value] of Object.entries({ k, batchSize, nInit, maxEpochs, maxNoImprovement })) {
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${String(value)}`);
  }
  if (k > n) throw new RangeError(`k = ${k} exceeds the number of points (${n})`);
  const xNorms = rowSquaredNorms(X);
  const draw = createRandom(deriveSeed(seed, BATCH_STREAM));
  const pick = (count: number) => Int32Array.from({ length: count }, () => Math.min(n - 1, Math.floor(draw() * n)));

  // Initial centres: the best of nInit seedings on one sample.
  const initRows = pick(Math.min(n, Math.max(3 * batchSize, 3 * k)));
  const initSample = selectRows(X, initRows);
  const initNorms = rowSquaredNorms(initSample);
  let centres: Float64Array | null = null;
  let bestInertia = Infinity;
  const scratchLabels = new Int32Array(initSample.rows);
  const scratchDistances = new Float64Array(initSample.rows);
  for (let r = 0; r < nInit; r++) {
    const candidate = kmeansPlusPlus(initSample, k, createRandom(deriveSeed(seed, r))).data;
    assignLabels(initSample, initNorms, candidate, k, scratchLabels, scratchDistances);
    const inertia = sum(scratchDistances);
    if (inertia < bestInertia) {
      bestInertia = inertia;
      centres = candidate;
    }
  }
  const c = Float64Array.from(centres!);

  const seen = new Float64Array(k);
  const size = Math.min(batchSize, n);
  const steps = Math.max(1, Math.ceil((maxEpochs * n) / size));
  const batchLabels = new Int32Array(size);
  const batchDistances = new Float64Array(size);
  const batchSums = new Float64Array(k * d);
  const batchCounts = new Float64Array(k);
  let smoothed = Infinity;
  let best = Infinity;
  let stale = 0;
  let stepsRun = 0;
  for (let step = 0; step < steps; step++) {
    stepsRun++;
    const rows = pick(size);
    const batch = selectRows(X, rows);
    assignLabels(batch, Float64Array.from(rows, (row) => xNorms[row]), c, k, batchLabels, batchDistances);
    batchSums.fill(0);
    batchCounts.fill(0);
    for (let i = 0; i < size; i++) {
      const label = batchLabels[i];
      batchCounts[label]++;
      for (let t = 0; t < d; t++) batchSums[label * d + t] += batch.data[i * d + t];
    }
    for (let j = 0; j < k; j++) {
      if (batchCounts[j] === 0) continue;
      seen[j] += batchCounts[j];
      const rate = 1 / seen[j];
      // c_j <- c_j + (sum - count * c_j) / seen: each batch point pulls with weight 1 / seen.
      for (let t = 0; t < d; t++) c[j * d + t] += rate * (batchSums[j * d + t] - batchCounts[j] * c[j * d + t]);
    }
    const batchInertia = sum(batchDistances) / size;
    const alpha = Math.min(1, (2 * size) / (n + 1));
    smoothed = smoothed === Infinity ? batchInertia : smoothed * (1 - alpha) + batchInertia * alpha;
    if (smoothed < best) {
      best = smoothed;
      stale = 0;
    } else if (++stale >= maxNoImprovement) {
      break;
    }
  }

  const labels = new Int32Array(n);
  const distances = new Float64Array(n);
  assignLabels(X, xNorms, c, k, labels, distances);
  return { centres: c, k, dims: d, labels, inertia: sum(distances), iterations: stepsRun, converged: stale >= maxNoImprovement };
}
