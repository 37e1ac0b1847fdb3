import { describe, expect, it } from 'vitest';
import type { DenseMatrix } from '../../src/types.js';
import { fitKMeans } from '../../src/cluster/kmeans.js';
import { fitMiniBatchKMeans } from '../../src/cluster/miniBatchKMeans.js';
import { adjustedRandIndex } from '../../src/metrics/ari.js';
import { createRandom, gaussian } from '../../src/random/seededRandom.js';

/** `perBlob` Gaussian points (standard deviation `spread`) around each of k random centres in d dims. */
function blobs(k: number, d: number, perBlob: number, spread: number, seed: number): { X: DenseMatrix; truth: number[] } {
  const random = createRandom(seed);
  const centres = Array.from({ length: k }, () => Array.from({ length: d }, () => 10 * random()));
  const data: number[] = [];
  const truth: number[] = [];
  for (let i = 0; i < k * perBlob; i++) {
    const b = i % k; // interleaved, so no batch is one blob by construction
    for (let t = 0; t < d; t++) data.push(centres[b][t] + spread * gaussian(random));
    truth.push(b);
  }
  return { X: { rows: truth.length, cols: d, data: Float64Array.from(data) }, truth };
}

describe('fitMiniBatchKMeans', () => {
  const { X, truth } = blobs(8, 10, 1500, 0.6, 3);

  it('finds well-separated blobs, within 1% of the inertia of full k-means', () => {
    const mini = fitMiniBatchKMeans(X, { k: 8, seed: 42, batchSize: 256 });
    const full = fitKMeans(X, { k: 8, nInit: 3, seed: 42 });
    expect(adjustedRandIndex(truth, mini.labels)).toBeGreaterThan(0.99);
    expect(mini.inertia).toBeLessThan(full.inertia * 1.01);
    expect(mini.labels).toHaveLength(X.rows);
    expect(mini.centres).toHaveLength(8 * 10);
  });

  it('stops once the smoothed batch inertia stops improving, long before its step limit', () => {
    const mini = fitMiniBatchKMeans(X, { k: 8, seed: 42, batchSize: 256, maxEpochs: 100 });
    expect(mini.converged).toBe(true);
    expect(mini.iterations).toBeLessThan((100 * X.rows) / 256 / 10);
  });

  it('gives the same model for the same seed', () => {
    const a = fitMiniBatchKMeans(X, { k: 8, seed: 7, batchSize: 128 });
    const b = fitMiniBatchKMeans(X, { k: 8, seed: 7, batchSize: 128 });
    expect(b.centres).toEqual(a.centres);
    expect(b.labels).toEqual(a.labels);
  });

  it('rejects a k above the number of points and a batch size below 1', () => {
    const small = blobs(2, 3, 2, 0.1, 1).X;
    expect(() => fitMiniBatchKMeans(small, { k: 5, seed: 1 })).toThrow(/exceeds/);
    expect(() => fitMiniBatchKMeans(X, { k: 3, seed: 1, batchSize: 0 })).toThrow(/batchSize/);
  });
});
