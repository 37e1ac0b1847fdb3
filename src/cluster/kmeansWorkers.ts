import { receiveMessageOnPort } from 'node:worker_threads';
import { workerPool } from '../threads/workerPool.js';
import { workerScript } from '../threads/workerScript.js';
import type { DenseMatrix } from '../types.js';
import { shared } from '../linalg/threadedWork.js';
import type { DistanceKernels } from '../linalg/distanceKernels.js';
import type { KMeansAlgorithm, LloydRun } from './kmeansCore.js';
import { runRestarts, type RestartJob } from './runRestarts.js';

/**
 * k-means restarts on worker threads. Restarts are independent: restart r seeds k-means++
 * from its own generator and runs Lloyd's iterations from there, so they can run anywhere
 * and in any order. The main thread and the workers take restart indices from a shared
 * counter until none is left and write each result into its own slot of shared buffers;
 * the winner is then picked exactly as in the sequential loop (lowest inertia, ties → the
 * earliest restart). Each restart computes the same numbers wherever it runs, so the model
 * is identical to the sequential one (tested).
 *
 * Workers run kmeansWorker.ts, which serves jobs with runRestarts.ts, the loop this thread
 * runs too. k-means++ draws its random numbers from the seeded generator in
 * the main thread beforehand (a fixed count: 1 + (k − 1) × localTrials), so the workers need
 * no generator. The call is synchronous: the main thread blocks on Atomics.wait for the
 * restarts that workers are still running. Workers are kept for later calls and unref'd,
 * so they never keep the process alive.
 */

const pool = workerPool(() => workerScript(import.meta.url, 'kmeansWorker.js'));

/**
 * Runs restarts 0..nInit−1 on `threads` threads (the calling one included) and returns the
 * winner. `random(r)` is restart r's generator; exactly `1 + (k − 1) · localTrials` draws
 * are taken from each, as k-means++ does. The calling thread tells `onRestart` as restarts
 * finish, its own and the workers', between its own Lloyd iterations: a restart on a
 * million papers takes minutes.
 */
export function runRestartsInParallel(
  X: DenseMatrix,
  options: {
    k: number;
    nInit: number;
    maxIterations: number;
    absoluteTolerance: number;
    algorithm: KMeansAlgorithm;
    kernel: DistanceKernels | null;
    random: (restart: number) => () => number;
    /** Told when the count of finished restarts has grown (for progress lines). */
    onRestart?: (done: number, total: number) => void;
  },
  threads: number,
  /** Whether the calling thread runs restarts too (false: workers only, for tests). */
  callerRuns = true,
): LloydRun {
  const { k, nInit, maxIterations, absoluteTolerance, algorithm, kernel } = options;
  const n = X.rows;
  const d = X.cols;
  const localTrials = 2 + Math.floor(Math.log(k));
  const draws = 1 + (k - 1) * localTrials;
  const uniforms = shared(Float64Array, nInit * draws);
  for (let r = 0; r < nInit; r++) {
    const random = options.random(r);
    for (let j = 0; j < draws; j++) uniforms[r * draws + j] = random();
  }
  const data = shared(Float64Array, n * d);
  data.set(X.data);
  const job: RestartJob = {
    data,
    n,
    d,
    k,
    nInit,
    maxIterations,
    absoluteTolerance,
    algorithm,
    kernel,
    localTrials,
    uniforms,
    draws,
    centres: shared(Float64Array, nInit * k * d),
    labels: shared(Int32Array, nInit * n),
    stats: shared(Float64Array, nInit * 3),
    control: shared(Int32Array, 3),
  };
  const helpers = pool.take(Math.max(1, Math.min(threads, nInit) - (callerRuns ? 1 : 0)));
  // A worker still busy with an earlier call (after a failure) takes this job later, or
  // finds no restart left: the shared counter makes the split adapt either way.
  for (const helper of helpers) helper.worker.postMessage(job);
  let told = 0;
  const tell = () => {
    const done = Atomics.load(job.control, 1);
    if (done > told) {
      options.onRestart?.(done, nInit);
      told = done;
    }
  };
  // This thread takes its share like any worker, telling what has finished as it goes.
  if (callerRuns) runRestarts(job, options.onRestart === undefined ? undefined : tell);
  for (;;) {
    const done = Atomics.load(job.control, 1);
    tell();
    if (Atomics.load(job.control, 2) !== 0) {
      const reports = helpers.map((p) => receiveMessageOnPort(p.errors)).filter((m) => m !== undefined);
      throw new Error(`k-means restart failed in a worker thread: ${reports.map((m) => m.message).join('; ')}`);
    }
    if (done >= nInit) break;
    Atomics.wait(job.control, 1, done, 1000);
  }
  let best = 0;
  for (let r = 1; r < nInit; r++) if (job.stats[3 * r] < job.stats[3 * best]) best = r;
  return {
    centres: job.centres.slice(best * k * d, (best + 1) * k * d),
    labels: job.labels.slice(best * n, (best + 1) * n),
    inertia: job.stats[3 * best],
    iterations: job.stats[3 * best + 1],
    converged: job.stats[3 * best + 2] === 1,
  };
}

/** Stops the pooled workers (tests; the process never waits for them anyway). */
export function stopKMeansWorkers(): Promise<void> {
  return pool.stop();
}
