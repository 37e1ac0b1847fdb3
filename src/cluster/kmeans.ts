import type { DenseMatrix } from '../types.js';
import { createRandom, deriveSeed } from '../random/seededRandom.js';
import {
  assignLabels,
  meanFeatureVariance,
  rowSquaredNorms,
  runKMeans,
  type KMeansAlgorithm,
  type LloydRun,
} from './kmeansCore.js';
import { kmeansPlusPlus } from './kmeansPlusPlus.js';
import { runRestartsInParallel } from './kmeansWorkers.js';
import { defaultThreads } from '../linalg/threadedWork.js';
import { createRowDots } from '../linalg/rowDots.js';
import { distanceKernels } from '../linalg/distanceKernels.js';

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
  /**
   * The E-step: 'lloyd' computes every point–centre distance every iteration; 'hamerly'
   * (the default: one upper and one lower bound per point) skips those that the triangle
   * inequality rules out. Both give the same labels, centres, inertia and iteration count
   * (see kmeansCore.ts).
   */
  algorithm?: KMeansAlgorithm;
  /**
   * Threads (the calling one included) over which the restarts are spread; the model is
   * the same for any value. Default: up to 4 threads, as the machine has cores, when the
   * restarts are big enough to repay starting the workers (n·d·k·nInit ≥ 2·10⁸, e.g.
   * 36k × 100, k = 24, nInit = 10), else 1.
   */
  threads?: number;
  /**
   * Distance kernel: 'wasm' (default where the runtime has WebAssembly SIMD) computes the
   * point–centre dot products in WebAssembly, 'javascript' in plain loops. Both give the
   * same numbers bit for bit (rowDots.ts), hence the same model.
   */
  kernel?: 'wasm' | 'javascript';
  /** Told each time a restart has finished (`done` of `total`), for progress lines; the model does not depend on it. */
  onRestart?: (done: number, total: number) => void;
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

/** Restarts go to worker threads from this much work (n·d·k·nInit) on. */
const PARALLEL_WORK = 2e8;

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
 * - Speed, without changing any result: Hamerly's bounds skip the distances
 *   that cannot change a label (`algorithm`, see kmeansCore.ts), and restarts run on
 *   worker threads (`threads`, see kmeansWorkers.ts).
 */
export function fitKMeans(X: DenseMatrix, params: KMeansParams): KMeansModel {
  const {
    k,
    nInit = 10,
    maxIterations = 300,
    tolerance = 1e-4,
    seed,
    initialCentres,
  } = params;
  const n = X.rows;
  const d = X.cols;
  positiveInteger('k', k);
  positiveInteger('nInit', nInit);
  positiveInteger('maxIterations', maxIterations);
  if (k > n) throw new RangeError(`k = ${k} exceeds the number of points (${n})`);
  if (!(tolerance >= 0)) throw new RangeError(`tolerance must be ≥ 0, got ${tolerance}`);
  if (params.threads !== undefined) positiveInteger('threads', params.threads);
  const { kernel = 'wasm' } = params;
  if (kernel !== 'wasm' && kernel !== 'javascript') {
    throw new RangeError(`kernel must be 'wasm' or 'javascript', got ${String(kernel)}`);
  }
  const dotsModule = kernel === 'wasm' ? distanceKernels() : null;
  const algorithm = params.algorithm ?? 'hamerly';
  if (algorithm !== 'hamerly' && algorithm !== 'lloyd') {
    throw new RangeError(`algorithm must be 'lloyd' or 'hamerly', got ${String(algorithm)}`);
  }
  if (initialCentres && (initialCentres.rows !== k || initialCentres.cols !== d)) {
    throw new RangeError(
      `initialCentres is ${initialCentres.rows}×${initialCentres.cols}, expected ${k}×${d}`,
    );
  }
  const absoluteTolerance = tolerance * meanFeatureVariance(X);

  const runs = initialCentres ? 1 : nInit;
  const threads = Math.min(
    runs,
    params.threads ?? (n * d * k * runs >= PARALLEL_WORK ? defaultThreads() : 1),
  );
  let winner: LloydRun;
  if (threads > 1) {
    winner = runRestartsInParallel(
      X,
      {
        k,
        nInit: runs,
        maxIterations,
        absoluteTolerance,
        algorithm,
        kernel: dotsModule,
        random: (r) => createRandom(deriveSeed(seed, r)),
        onRestart: params.onRestart,
      },
      threads,
    );
  } else {
    const xNorms = rowSquaredNorms(X);
    const localTrials = 2 + Math.floor(Math.log(k));
    const dots = dotsModule === null ? null : createRowDots(dotsModule, X, Math.max(k, localTrials), localTrials);
    let best: LloydRun | null = null;
    for (let r = 0; r < runs; r++) {
      const start = initialCentres
        ? initialCentres.data
        : kmeansPlusPlus(X, k, createRandom(deriveSeed(seed, r)), localTrials, dots).data;
      const run = runKMeans(X, xNorms, start, k, maxIterations, absoluteTolerance, algorithm, dots);
      if (best === null || run.inertia < best.inertia) best = run;
      params.onRestart?.(r + 1, runs);
    }
    winner = best as LloydRun;
  }
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
