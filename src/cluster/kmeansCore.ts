import type { DenseMatrix } from '../types.js';
import type { RowDots } from '../linalg/rowDots.js';
import { assignLabels } from './assignLabels.js';
import { assignLabelsHamerly, assignedDistances, type BoundState } from './hamerlyBounds.js';
import { computeInertia } from './inertia.js';
import { createCentreSums, updateCentres } from './updateCentres.js';

/**
 * One run of Lloyd's k-means iterations from given centres, with or without Hamerly's
 * bounds (hamerlyBounds.ts), on the E-step (assignLabels.ts), M-step (updateCentres.ts) and
 * distance kernels (shiftedDistances.ts) of this folder, which it re-exports for the code
 * that uses them together. The restart workers (kmeansWorker.ts) import it like any module.
 */
export * from './squaredNorms.js';
export * from './shiftedDistances.js';
export * from './assignLabels.js';
export * from './updateCentres.js';
export * from './inertia.js';
export * from './hamerlyBounds.js';

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
  /** Called after each iteration (progress); the run does not depend on it. */
  onIteration?: () => void,
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
    onIteration?.();
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
