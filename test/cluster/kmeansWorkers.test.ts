import { afterAll, describe, expect, it } from 'vitest';
import type { DenseMatrix } from '../../src/types.js';
import { fitKMeans } from '../../src/cluster/kmeans.js';
import { runRestartsInParallel, stopKMeansWorkers } from '../../src/cluster/kmeansWorkers.js';
import { runRestarts, type RestartJob } from '../../src/cluster/runRestarts.js';
import { shared } from '../../src/linalg/threadedWork.js';
import { createRandom, deriveSeed, gaussian } from '../../src/random/seededRandom.js';
import { distanceKernels } from '../../src/linalg/distanceKernels.js';

/** n points around `k` random centres in d dimensions. */
function clustered(n: number, d: number, k: number, seed: number): DenseMatrix {
  const random = createRandom(seed);
  const centres = Array.from({ length: k * d }, () => 4 * random());
  const data = new Float64Array(n * d);
  for (let i = 0; i < n; i++) for (let t = 0; t < d; t++) data[i * d + t] = centres[(i % k) * d + t] + gaussian(random);
  return { rows: n, cols: d, data };
}

describe('runRestartsInParallel', () => {
  afterAll(stopKMeansWorkers);
  const X = clustered(300, 6, 5, 1);

  it('computes in the workers alone, with either kernel, exactly what the sequential restarts compute', () => {
    const sequential = fitKMeans(X, { k: 5, nInit: 4, seed: 3, threads: 1, tolerance: 0, kernel: 'javascript' });
    expect(distanceKernels()).not.toBeNull();
    // tolerance 0 → absolute tolerance 0, as fitKMeans derives it.
    for (const [threads, kernel] of [[1, null], [2, null], [1, distanceKernels()], [2, distanceKernels()]] as const) {
      const run = runRestartsInParallel(
        X,
        {
          k: 5,
          nInit: 4,
          maxIterations: 300,
          absoluteTolerance: 0,
          algorithm: 'hamerly',
          kernel,
          random: (r) => createRandom(deriveSeed(3, r)),
        },
        threads,
        false,
      );
      expect(run.labels).toEqual(sequential.labels);
      expect(run.centres).toEqual(sequential.centres);
      expect(run.inertia).toBe(sequential.inertia);
      expect(run.iterations).toBe(sequential.iterations);
      expect(run.converged).toBe(sequential.converged);
    }
  });

  it('tells how many restarts have finished, up to all of them, on workers and on one thread', () => {
    for (const threads of [1, 3]) {
      const told: Array<[number, number]> = [];
      const model = fitKMeans(X, { k: 5, nInit: 6, seed: 3, threads, onRestart: (done, total) => told.push([done, total]) });
      expect(model).toEqual(fitKMeans(X, { k: 5, nInit: 6, seed: 3, threads }));
      expect(told.length).toBeGreaterThan(0);
      expect(told.at(-1)).toEqual([6, 6]);
      for (let i = 1; i < told.length; i++) expect(told[i][0]).toBeGreaterThan(told[i - 1][0]);
    }
  });

  it('lets the calling thread hear, between its own iterations and restarts, how many restarts are done', () => {
    // The calling thread's loop alone (no workers): `between` runs after every Lloyd
    // iteration and after every restart, so the caller can report the workers' restarts
    // while it works on its own (a restart on a million papers takes minutes).
    const nInit = 3;
    const k = 5;
    const draws = 1 + (k - 1) * (2 + Math.floor(Math.log(k)));
    const uniforms = shared(Float64Array, nInit * draws);
    for (let r = 0; r < nInit; r++) {
      const random = createRandom(deriveSeed(3, r));
      for (let j = 0; j < draws; j++) uniforms[r * draws + j] = random();
    }
    const job: RestartJob = {
      data: X.data, n: X.rows, d: X.cols, k, nInit, maxIterations: 300, absoluteTolerance: 0, algorithm: 'hamerly',
      kernel: distanceKernels(), localTrials: 2 + Math.floor(Math.log(k)), uniforms, draws,
      centres: shared(Float64Array, nInit * k * X.cols), labels: shared(Int32Array, nInit * X.rows),
      stats: shared(Float64Array, nInit * 3), control: shared(Int32Array, 3),
    };
    const heard: number[] = [];
    runRestarts(job, () => heard.push(Atomics.load(job.control, 1)));
    const iterations = [0, 1, 2].reduce((sum, r) => sum + job.stats[3 * r + 1], 0);
    expect(heard.length).toBe(iterations + nInit);
    expect(heard.filter((done, i) => i === 0 || done > heard[i - 1])).toEqual([0, 1, 2, 3]);
  });

  it('reports an error thrown in a worker instead of waiting for it', () => {
    const tiny: DenseMatrix = { rows: 3, cols: 2, data: Float64Array.from([0, 0, 1, 1, 2, 2]) };
    const job = {
      k: 4, // more centres than points: k-means++ throws in the worker
      nInit: 2,
      maxIterations: 10,
      absoluteTolerance: 0,
      algorithm: 'lloyd' as const,
      kernel: distanceKernels(),
      random: (r: number) => createRandom(r),
    };
    expect(() => runRestartsInParallel(tiny, job, 2, false)).toThrow(/worker thread.*k must be an integer/s);
    // The pooled worker is still usable afterwards.
    expect(runRestartsInParallel(X, { ...job, k: 3 }, 2, false).labels).toHaveLength(300);
  });
});
