import { afterAll, describe, expect, it } from 'vitest';
import { kmeans as mlKmeans } from 'ml-kmeans';
import type { DenseMatrix } from '../../src/types.js';
import { fitKMeans, predictKMeans } from '../../src/cluster/kmeans.js';
import { kmeansPlusPlus } from '../../src/cluster/kmeansPlusPlus.js';
import { stopKMeansWorkers } from '../../src/cluster/kmeansWorkers.js';
import { createRandom, gaussian } from '../../src/random/seededRandom.js';

/** Gaussian blobs: `perBlob` points around each of `centres`, standard deviation `spread`. */
function blobs(centres: number[][], perBlob: number, spread: number, seed: number): { X: DenseMatrix; truth: number[] } {
  const random = createRandom(seed);
  const d = centres[0].length;
  const data: number[] = [];
  const truth: number[] = [];
  centres.forEach((c, b) => {
    for (let i = 0; i < perBlob; i++) {
      for (let t = 0; t < d; t++) data.push(c[t] + spread * gaussian(random));
      truth.push(b);
    }
  });
  return { X: { rows: truth.length, cols: d, data: Float64Array.from(data) }, truth };
}

/** `count` random centres in [0, scale)^d. */
function randomCentres(count: number, d: number, scale: number, seed: number): number[][] {
  const random = createRandom(seed);
  return Array.from({ length: count }, () => Array.from({ length: d }, () => scale * random()));
}

function rowsOf(M: DenseMatrix): number[][] {
  return Array.from({ length: M.rows }, (_, r) => Array.from(M.data.subarray(r * M.cols, (r + 1) * M.cols)));
}

function inertiaOf(X: number[][], centres: number[][], labels: ArrayLike<number>): number {
  return X.reduce((s, x, i) => s + x.reduce((t, v, j) => t + (v - centres[labels[i]][j]) ** 2, 0), 0);
}

describe('fitKMeans', () => {
  const separable = blobs(
    [
      [0, 0],
      [8, 1],
      [3, 9],
    ],
    40,
    0.6,
    1,
  );

  it('recovers well-separated 2-D blobs exactly', () => {
    const model = fitKMeans(separable.X, { k: 3, seed: 1 });
    const mapping = new Map<number, number>();
    separable.truth.forEach((blob, i) => {
      if (!mapping.has(blob)) mapping.set(blob, model.labels[i]);
      expect(model.labels[i]).toBe(mapping.get(blob));
    });
    expect(new Set(mapping.values()).size).toBe(3);
    expect(model.converged).toBe(true);
    expect(model.k).toBe(3);
    expect(model.dims).toBe(2);
    expect(model.centres).toHaveLength(6);
  });

  it('reports the inertia Σ‖x − c_label‖² of its own centres and labels, labels being nearest centres', () => {
    const model = fitKMeans(separable.X, { k: 3, seed: 2 });
    const X = rowsOf(separable.X);
    const centres = [0, 1, 2].map((c) => Array.from(model.centres.subarray(c * 2, c * 2 + 2)));
    expect(model.inertia).toBeCloseTo(inertiaOf(X, centres, model.labels), 9);
    expect(predictKMeans(model, separable.X)).toEqual(model.labels);
  });

  it('gives identical results for the same seed', () => {
    const { X } = blobs(randomCentres(6, 4, 6, 3), 30, 1.5, 4);
    expect(fitKMeans(X, { k: 6, seed: 11 })).toEqual(fitKMeans(X, { k: 6, seed: 11 }));
  });

  it('reaches an inertia with nInit = 10 no worse than with nInit = 1', () => {
    const { X } = blobs(randomCentres(10, 3, 5, 5), 20, 1.2, 6);
    let strictlyBetter = 0;
    for (let seed = 0; seed < 5; seed++) {
      const one = fitKMeans(X, { k: 10, nInit: 1, seed });
      const ten = fitKMeans(X, { k: 10, nInit: 10, seed });
      expect(ten.inertia).toBeLessThanOrEqual(one.inertia);
      if (ten.inertia < one.inertia) strictlyBetter++;
    }
    expect(strictlyBetter).toBeGreaterThan(0);
  });

  it('matches ml-kmeans from the same initial centres on a 300×10 dataset (same labels, same or lower inertia)', () => {
    const { X } = blobs(randomCentres(5, 10, 4, 7), 60, 1.5, 8);
    const data = rowsOf(X);
    for (const seed of [1, 2, 3]) {
      const init = kmeansPlusPlus(X, 5, createRandom(seed));
      const ours = fitKMeans(X, { k: 5, seed, initialCentres: init, tolerance: 0 });
      const theirs = mlKmeans(data, 5, { initialization: rowsOf(init), maxIterations: 300, tolerance: 0 });
      expect(ours.iterations).toBeGreaterThan(2);
      expect(Array.from(ours.labels)).toEqual(theirs.clusters);
      const theirInertia = inertiaOf(data, theirs.centroids, theirs.clusters);
      expect(ours.inertia).toBeLessThanOrEqual(theirInertia * (1 + 1e-9));
    }
  });

  it('stops on the centre-shift tolerance (relative to the mean feature variance) or on stable labels', () => {
    const { X } = blobs(randomCentres(5, 10, 4, 7), 60, 1.5, 8);
    const init = kmeansPlusPlus(X, 5, createRandom(1));
    const exact = fitKMeans(X, { k: 5, seed: 1, initialCentres: init, tolerance: 0 });
    const loose = fitKMeans(X, { k: 5, seed: 1, initialCentres: init, tolerance: 1e6 });
    const capped = fitKMeans(X, { k: 5, seed: 1, initialCentres: init, tolerance: 0, maxIterations: 1 });
    expect(exact.converged).toBe(true);
    expect(loose.converged).toBe(true);
    expect(loose.iterations).toBe(1);
    expect(capped.converged).toBe(false);
    expect(capped.iterations).toBe(1);
    expect(exact.inertia).toBeLessThanOrEqual(loose.inertia);
  });

  it('re-seeds empty clusters on the points farthest from their centres, deterministically', () => {
    // Centre 5 attracts every point; centres ±1000 start empty. The farthest points from 5
    // are 10.2 (D² = 27.04) then 10.1 (26.01): they seed clusters 1 and 2, and Lloyd
    // settles on {0, 0.1, 0.2}, {10.2}, {10, 10.1}.
    const X: DenseMatrix = { rows: 6, cols: 1, data: Float64Array.from([0, 0.1, 0.2, 10, 10.1, 10.2]) };
    const initialCentres: DenseMatrix = { rows: 3, cols: 1, data: Float64Array.from([5, 1000, -1000]) };
    const model = fitKMeans(X, { k: 3, seed: 0, initialCentres });
    expect(Array.from(model.labels)).toEqual([0, 0, 0, 2, 2, 1]);
    expect(model.centres[0]).toBeCloseTo(0.1, 12);
    expect(model.centres[1]).toBeCloseTo(10.2, 12);
    expect(model.centres[2]).toBeCloseTo(10.05, 12);
    expect(model.inertia).toBeCloseTo(0.025, 12);
  });

  it('validates its parameters', () => {
    expect(() => fitKMeans(separable.X, { k: 0, seed: 1 })).toThrow(RangeError);
    expect(() => fitKMeans(separable.X, { k: 121, seed: 1 })).toThrow(RangeError);
    expect(() => fitKMeans(separable.X, { k: 2, nInit: 0, seed: 1 })).toThrow(RangeError);
    const wrong: DenseMatrix = { rows: 2, cols: 3, data: new Float64Array(6) };
    expect(() => fitKMeans(separable.X, { k: 2, seed: 1, initialCentres: wrong })).toThrow(RangeError);
  });
});

describe('fitKMeans: Hamerly bounds and the WebAssembly kernel give plain Lloyd results', () => {
  /** `n` points uniform in [0, 1)^d, optionally scaled to unit length. */
  function uniform(n: number, d: number, seed: number, unit = false): DenseMatrix {
    const random = createRandom(seed);
    const data = Float64Array.from({ length: n * d }, () => random());
    if (unit) {
      for (let i = 0; i < n; i++) {
        const row = data.subarray(i * d, (i + 1) * d);
        const norm = Math.hypot(...row);
        row.forEach((v, t) => (row[t] = v / norm));
      }
    }
    return { rows: n, cols: d, data };
  }

  const expectSameAsLloyd = (X: DenseMatrix, k: number, seed: number, extra: { tolerance?: number; initialCentres?: DenseMatrix } = {}) => {
    const lloyd = fitKMeans(X, { k, seed, nInit: 2, algorithm: 'lloyd', kernel: 'javascript', ...extra });
    const variants = (['lloyd', 'hamerly'] as const).flatMap((algorithm) =>
      (['javascript', 'wasm'] as const).map((kernel) => ({ algorithm, kernel })));
    for (const { algorithm, kernel } of variants.slice(1)) {
      const bounded = fitKMeans(X, { k, seed, nInit: 2, algorithm, kernel, ...extra });
      expect(Array.from(bounded.labels), `${algorithm} ${kernel}`).toEqual(Array.from(lloyd.labels));
      expect(Math.abs(bounded.inertia - lloyd.inertia)).toBeLessThanOrEqual(1e-9 * lloyd.inertia);
      expect(bounded.iterations).toBe(lloyd.iterations);
      expect(bounded.converged).toBe(lloyd.converged);
      expect(bounded.centres).toEqual(lloyd.centres);
    }
    return lloyd;
  };

  it('on Gaussian blobs, at the default and at zero tolerance', () => {
    const { X } = blobs(randomCentres(8, 6, 5, 20), 50, 1.3, 21);
    for (const seed of [1, 2, 3]) {
      expect(expectSameAsLloyd(X, 8, seed).iterations).toBeGreaterThan(2);
      expectSameAsLloyd(X, 8, seed, { tolerance: 0 });
    }
  });

  it('on structureless uniform data (many points near a boundary) and on unit vectors', () => {
    for (const seed of [4, 5]) {
      expect(expectSameAsLloyd(uniform(600, 5, seed), 12, seed, { tolerance: 0 }).iterations).toBeGreaterThan(5);
      expect(expectSameAsLloyd(uniform(500, 20, seed + 10, true), 9, seed, { tolerance: 0 }).iterations).toBeGreaterThan(5);
    }
  });

  it('with exact ties (lowest centre index wins) and duplicate points', () => {
    // Integer points on a line, duplicated; centres start at even positions, so odd points are equidistant.
    const values = Array.from({ length: 40 }, (_, i) => i % 20);
    const X: DenseMatrix = { rows: 40, cols: 1, data: Float64Array.from(values) };
    const initialCentres: DenseMatrix = { rows: 4, cols: 1, data: Float64Array.from([4, 2, 10, 12]) };
    // 3 is equidistant from centres 0 (at 4) and 1 (at 2): computed values tie exactly.
    expect(expectSameAsLloyd(X, 4, 0, { initialCentres, tolerance: 0 }).iterations).toBeGreaterThan(1);
  });

  it('when empty clusters are re-seeded', () => {
    const X: DenseMatrix = { rows: 6, cols: 1, data: Float64Array.from([0, 0.1, 0.2, 10, 10.1, 10.2]) };
    const initialCentres: DenseMatrix = { rows: 3, cols: 1, data: Float64Array.from([5, 1000, -1000]) };
    expect(Array.from(expectSameAsLloyd(X, 3, 0, { initialCentres }).labels)).toEqual([0, 0, 0, 2, 2, 1]);
    // A larger case: a far-away initial centre that nothing is ever assigned to.
    const { X: Y } = blobs(randomCentres(4, 3, 6, 22), 40, 1, 23);
    const init = kmeansPlusPlus(Y, 5, createRandom(3));
    init.data.set([100, 100, 100], 12);
    expectSameAsLloyd(Y, 5, 0, { initialCentres: init, tolerance: 0 });
  });

  it('rejects an unknown algorithm or kernel', () => {
    const { X } = blobs(randomCentres(2, 2, 5, 24), 10, 1, 25);
    expect(() => fitKMeans(X, { k: 2, seed: 1, algorithm: 'fast' as 'lloyd' })).toThrow(RangeError);
    expect(() => fitKMeans(X, { k: 2, seed: 1, kernel: 'gpu' as 'wasm' })).toThrow(/kernel must be/);
  });
});

describe('fitKMeans on worker threads', () => {
  afterAll(stopKMeansWorkers);

  it('gives the same model as the sequential restarts, for any number of threads', () => {
    const { X } = blobs(randomCentres(7, 5, 5, 30), 60, 1.6, 31);
    for (const algorithm of ['hamerly', 'lloyd'] as const) {
      const sequential = fitKMeans(X, { k: 7, nInit: 6, seed: 8, algorithm, threads: 1 });
      for (const threads of [2, 3]) {
        expect(fitKMeans(X, { k: 7, nInit: 6, seed: 8, algorithm, threads })).toEqual(sequential);
      }
    }
    // Twice in a row on the same (pooled) workers, and with more threads than restarts.
    const again = fitKMeans(X, { k: 5, nInit: 2, seed: 9, threads: 4 });
    expect(again).toEqual(fitKMeans(X, { k: 5, nInit: 2, seed: 9, threads: 1 }));
  });

  it('validates the thread count', () => {
    const { X } = blobs(randomCentres(2, 2, 5, 32), 10, 1, 33);
    expect(() => fitKMeans(X, { k: 2, seed: 1, threads: 0 })).toThrow(RangeError);
  });
});

describe('predictKMeans', () => {
  it('assigns new points to their nearest centre', () => {
    const { X } = blobs(
      [
        [0, 0],
        [10, 10],
      ],
      20,
      0.5,
      9,
    );
    const model = fitKMeans(X, { k: 2, seed: 3 });
    const near: DenseMatrix = { rows: 2, cols: 2, data: Float64Array.from([0.2, -0.1, 9.5, 10.4]) };
    const labels = predictKMeans(model, near);
    const nearestTo = (x: number, y: number) => {
      const d0 = (x - model.centres[0]) ** 2 + (y - model.centres[1]) ** 2;
      const d1 = (x - model.centres[2]) ** 2 + (y - model.centres[3]) ** 2;
      return d0 <= d1 ? 0 : 1;
    };
    expect(Array.from(labels)).toEqual([nearestTo(0.2, -0.1), nearestTo(9.5, 10.4)]);
    expect(labels[0]).not.toBe(labels[1]);
    expect(() => predictKMeans(model, { rows: 1, cols: 3, data: new Float64Array(3) })).toThrow(RangeError);
  });
});
