import { createRowDots, type RowDots } from '../linalg/rowDots.js';
import type { DistanceKernels } from '../linalg/distanceKernels.js';
import { rowSquaredNorms, runKMeans, type KMeansAlgorithm } from './kmeansCore.js';
import { kmeansPlusPlus } from './kmeansPlusPlus.js';

/** One fitKMeans call's restarts, as posted to the workers (typed arrays on shared memory). */
export interface RestartJob {
  data: Float64Array;
  n: number;
  d: number;
  k: number;
  nInit: number;
  maxIterations: number;
  absoluteTolerance: number;
  algorithm: KMeansAlgorithm;
  /** The distance kernel (distanceKernels()), instantiated by each thread; null: JavaScript loops. */
  kernel: DistanceKernels | null;
  localTrials: number;
  /** Uniform draws for k-means++: restart r uses uniforms[r·draws .. (r+1)·draws). */
  uniforms: Float64Array;
  draws: number;
  /** Result slots: centres (nInit·k·d), labels (nInit·n), [inertia, iterations, converged] × nInit. */
  centres: Float64Array;
  labels: Int32Array;
  stats: Float64Array;
  /** [next restart to take, restarts finished, failed flag]. */
  control: Int32Array;
}

/**
 * Takes restarts from job.control[0] until none is left; runs each (k-means++ from the
 * restart's planned draws, then Lloyd's iterations) and stores its result in its slots.
 * The calling thread and every worker (kmeansWorker.ts) run this same loop; the calling
 * thread passes `between`, called after each of its iterations and restarts, to report
 * the restarts the others have finished meanwhile.
 */
export function runRestarts(job: RestartJob, between?: () => void): void {
  const X = { rows: job.n, cols: job.d, data: job.data };
  const xNorms = rowSquaredNorms(X);
  let dots: RowDots | null = null;
  for (;;) {
    const r = Atomics.add(job.control, 0, 1);
    if (r >= job.nInit) return;
    let next = r * job.draws;
    const end = next + job.draws;
    const random = () => {
      if (next >= end) throw new Error('k-means++ took more random draws than planned');
      return job.uniforms[next++];
    };
    // Made on the first restart this thread takes (copying X into the kernel's memory).
    if (dots === null && job.kernel !== null) dots = createRowDots(job.kernel, X, Math.max(job.k, job.localTrials), job.localTrials);
    const start = kmeansPlusPlus(X, job.k, random, job.localTrials, dots).data;
    const result = runKMeans(X, xNorms, start, job.k, job.maxIterations, job.absoluteTolerance, job.algorithm, dots, between);
    job.centres.set(result.centres, r * job.k * job.d);
    job.labels.set(result.labels, r * job.n);
    job.stats[3 * r] = result.inertia;
    job.stats[3 * r + 1] = result.iterations;
    job.stats[3 * r + 2] = result.converged ? 1 : 0;
    Atomics.add(job.control, 1, 1);
    Atomics.notify(job.control, 1);
    between?.();
  }
}
