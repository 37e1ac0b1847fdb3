import { availableParallelism } from 'node:os';
import { workerPool } from '../threads/workerPool.js';
import { receiveMessageOnPort } from 'node:worker_threads';
import type { DenseMatrix } from '../types.js';
import * as core from './kmeansCore.js';
import type { KMeansAlgorithm, LloydRun } from './kmeansCore.js';
import * as plusPlus from './kmeansPlusPlus.js';
import * as rowDots from '../linalg/rowDots.js';

/**
 * k-means restarts on worker threads. Restarts are independent: restart r seeds k-means++
 * from its own generator and runs Lloyd's iterations from there, so they can run anywhere
 * and in any order. The main thread and the workers take restart indices from a shared
 * counter until none is left and write each result into its own slot of shared buffers;
 * the winner is then picked exactly as in the sequential loop (lowest inertia, ties → the
 * earliest restart). Each restart computes the same numbers wherever it runs, so the model
 * is identical to the sequential one (tested).
 *
 * Workers are started from source text, not from a file: the functions of kmeansCore.ts and
 * kmeansPlusPlus.ts (self-contained by design) are serialised with Function.prototype.
 * toString, which works the same for the compiled dist/ files and under the test runner's
 * TypeScript transform. k-means++ draws its random numbers from the seeded generator in
 * the main thread beforehand (a fixed count: 1 + (k − 1) × localTrials), so the workers need
 * no generator. The call is synchronous: the main thread blocks on Atomics.wait for the
 * restarts that workers are still running. Workers are kept for later calls and unref'd,
 * so they never keep the process alive.
 */

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
  /** The distance kernel (rowDotsModule()), instantiated by each thread; null: JavaScript loops. */
  kernel: WebAssembly.Module | null;
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
 * Takes restarts from job.control[0] until none is left; runs each and stores its result.
 * The functions it needs are parameters so that its source text refers to nothing outside
 * itself (see the module comment).
 */
export function runRestarts(
  job: RestartJob,
  seeding: typeof plusPlus.kmeansPlusPlus,
  run: typeof core.runKMeans,
  norms: typeof core.rowSquaredNorms,
  createDots: typeof rowDots.createRowDots,
): void {
  const X = { rows: job.n, cols: job.d, data: job.data };
  const xNorms = norms(X);
  let dots: rowDots.RowDots | null = null;
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
    if (dots === null && job.kernel !== null) dots = createDots(job.kernel, X, Math.max(job.k, job.localTrials));
    const start = seeding(X, job.k, random, job.localTrials, dots).data;
    const result = run(X, xNorms, start, job.k, job.maxIterations, job.absoluteTolerance, job.algorithm, dots);
    job.centres.set(result.centres, r * job.k * job.d);
    job.labels.set(result.labels, r * job.n);
    job.stats[3 * r] = result.inertia;
    job.stats[3 * r + 1] = result.iterations;
    job.stats[3 * r + 2] = result.converged ? 1 : 0;
    Atomics.add(job.control, 1, 1);
    Atomics.notify(job.control, 1);
  }
}

/** The worker's program: every core function, then a loop serving posted jobs. */
function workerSource(): string {
  const functions = ([...Object.values(core), ...Object.values(plusPlus), ...Object.values(rowDots), runRestarts] as unknown[]).filter(
    (value): value is { name: string; toString(): string } => typeof value === 'function',
  );
  const names = new Set<string>();
  for (const f of functions) {
    if (names.has(f.name)) throw new Error(`k-means worker: two functions named ${f.name}`);
    names.add(f.name);
  }
  return `'use strict';
const { parentPort, workerData } = require('node:worker_threads');
${functions.map((f) => f.toString()).join('\n')}
parentPort.on('message', (job) => {
  try {
    runRestarts(job, kmeansPlusPlus, runKMeans, rowSquaredNorms, createRowDots);
  } catch (error) {
    workerData.errors.postMessage(String(error && error.stack ? error.stack : error));
    Atomics.store(job.control, 2, 1);
    Atomics.notify(job.control, 1);
  }
});
`;
}

const pool = workerPool(workerSource);

/** Threads (the main one included) that restarts may use by default on this machine. */
export function defaultThreads(): number {
  return Math.max(1, Math.min(availableParallelism(), 4));
}

function shared<T extends Float64Array | Int32Array>(
  Type: { new (buffer: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number },
  length: number,
): T {
  return new Type(new SharedArrayBuffer(Math.max(1, length) * Type.BYTES_PER_ELEMENT));
}

/**
 * Runs restarts 0..nInit−1 on `threads` threads (the calling one included) and returns the
 * winner. `random(r)` is restart r's generator; exactly `1 + (k − 1) · localTrials` draws are
 * taken from each, as k-means++ does.
 */
export function runRestartsInParallel(
  X: DenseMatrix,
  options: {
    k: number;
    nInit: number;
    maxIterations: number;
    absoluteTolerance: number;
    algorithm: KMeansAlgorithm;
    kernel: WebAssembly.Module | null;
    random: (restart: number) => () => number;
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
  // This thread takes its share like any worker.
  if (callerRuns) runRestarts(job, plusPlus.kmeansPlusPlus, core.runKMeans, core.rowSquaredNorms, rowDots.createRowDots);
  for (;;) {
    const done = Atomics.load(job.control, 1);
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
