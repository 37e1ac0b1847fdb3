import { describe, expect, it } from 'vitest';
import type { DenseMatrix } from '../../src/types.js';
import { silhouetteCosine } from '../../src/metrics/silhouette.js';
import { createRandom, gaussian } from '../../src/random/seededRandom.js';

/** s(i) of every point by the pairwise definition (cosine distances clipped to [0, 2]). */
function bruteForceSamples(X: DenseMatrix, labels: Int32Array): number[] {
  const { rows: n, cols: d, data } = X;
  const norm = (i: number) => Math.sqrt(Array.from({ length: d }, (_, t) => data[i * d + t] ** 2).reduce((s, v) => s + v, 0));
  const distance = (i: number, j: number) => {
    const ni = norm(i);
    const nj = norm(j);
    if (ni === 0 || nj === 0) return 1;
    let dot = 0;
    for (let t = 0; t < d; t++) dot += data[i * d + t] * data[j * d + t];
    return Math.min(2, Math.max(0, 1 - dot / (ni * nj)));
  };
  const clusters = [...new Set(labels)];
  return Array.from({ length: n }, (_, i) => {
    const mean = (c: number) => {
      let sum = 0;
      let count = 0;
      for (let j = 0; j < n; j++) {
        if (j === i || labels[j] !== c) continue;
        sum += distance(i, j);
        count++;
      }
      return sum / count;
    };
    if (labels.filter((l) => l === labels[i]).length === 1) return 0;
    const a = mean(labels[i]);
    const b = Math.min(...clusters.filter((c) => c !== labels[i]).map(mean));
    return Math.max(a, b) > 0 ? (b - a) / Math.max(a, b) : 0;
  });
}

const rows = [
  [1, 0.2, 0],
  [0.9, 0.1, 0.1],
  [1.1, 0.3, -0.1],
  [0.8, 0, 0.2],
  [0, 1, 0.1],
  [0.1, 0.9, 0],
  [-0.2, 1.2, 0.3],
  [0.2, 0.8, -0.1],
  [0.1, 0.1, 1],
  [0, 0.3, 0.9],
  [0.5, 0.5, 0.5],
  [-0.3, 0.2, 0.7],
];
const X: DenseMatrix = { rows: 12, cols: 3, data: Float64Array.from(rows.flat()) };
const labels = Int32Array.from([0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2]);
// sklearn.metrics.silhouette_samples(X, labels, metric='cosine')
const perPoint = [
  0.9716900842975195, 0.9765785579355257, 0.9400319640198903, 0.9295816532000245, 0.951560655838742,
  0.9545309909137377, 0.846968412946777, 0.8875127818506768, 0.8075284679443948, 0.8042213696316485,
  -0.16877748589123082, 0.6448209834034915,
];

describe('silhouetteCosine', () => {
  it('matches scikit-learn silhouette_score(metric="cosine") on a fixed case', () => {
    // sklearn.metrics.silhouette_score(X, labels, metric='cosine')
    expect(silhouetteCosine(X, labels)).toBeCloseTo(0.7955207030075996, 13);
  });

  it('scores a singleton cluster 0, as scikit-learn, and accepts arbitrary label values', () => {
    // sklearn.metrics.silhouette_score(X, [5,5,5,5,7,7,7,7,9,9,9,2], metric='cosine')
    const withSingleton = Int32Array.from([5, 5, 5, 5, 7, 7, 7, 7, 9, 9, 9, 2]);
    expect(silhouetteCosine(X, withSingleton)).toBeCloseTo(0.5651134070279434, 13);
  });

  it('puts a zero vector at cosine distance 1 from everything, as scikit-learn', () => {
    const data = Float64Array.from(X.data);
    data.fill(0, 30, 33); // row 10 → 0
    // sklearn.metrics.silhouette_score(X with row 10 zeroed, labels, metric='cosine')
    expect(silhouetteCosine({ rows: 12, cols: 3, data }, labels)).toBeCloseTo(0.7430918795991966, 13);
  });

  it('is scale-invariant per point (cosine distance)', () => {
    const scaled = Float64Array.from(X.data, (v, i) => v * (1 + Math.floor(i / 3)));
    expect(silhouetteCosine({ rows: 12, cols: 3, data: scaled }, labels)).toBeCloseTo(0.7955207030075996, 13);
  });

  it('is 1 for clusters of identical directions', () => {
    const data = Float64Array.from([1, 0, 2, 0, 3, 0, 0, 1, 0, 5]);
    expect(silhouetteCosine({ rows: 5, cols: 2, data }, Int32Array.from([0, 0, 0, 1, 1]))).toBe(1);
  });

  it('when sampling, averages the full-data silhouettes of a seeded sample of points', () => {
    // With sampleSize = n − 1, exactly one point is left out: the estimate must be the mean
    // of the other n − 1 full-data values (a(i), b(i) against ALL points).
    const total = perPoint.reduce((s, v) => s + v, 0);
    const candidates = perPoint.map((left) => (total - left) / 11);
    const estimate = silhouetteCosine(X, labels, { sampleSize: 11, seed: 4 });
    expect(candidates.some((c) => Math.abs(c - estimate) < 1e-13)).toBe(true);
    expect(silhouetteCosine(X, labels, { sampleSize: 11, seed: 4 })).toBe(estimate);
    // A single sampled point still scores against everything (a sample-only silhouette could not).
    const single = silhouetteCosine(X, labels, { sampleSize: 1, seed: 1 });
    expect(perPoint.some((v) => Math.abs(v - single) < 1e-13)).toBe(true);
  });

  it('uses different samples for different seeds', () => {
    const values = new Set(
      Array.from({ length: 8 }, (_, seed) => silhouetteCosine(X, labels, { sampleSize: 3, seed }).toFixed(12)),
    );
    expect(values.size).toBeGreaterThan(1);
  });

  it('equals the pairwise definition on random data with zero rows, singletons and unequal scales', () => {
    const random = createRandom(17);
    for (const [n, d, k] of [
      [60, 5, 4],
      [45, 12, 7],
      [30, 3, 2],
    ]) {
      const data = Float64Array.from({ length: n * d }, () => gaussian(random) * (1 + 10 * random()));
      const labels = Int32Array.from({ length: n }, () => Math.floor(random() * k));
      data.fill(0, 0, d); // a zero row
      labels[n - 1] = k; // a singleton cluster
      const X: DenseMatrix = { rows: n, cols: d, data };
      const want = bruteForceSamples(X, labels);
      const mean = want.reduce((s, v) => s + v, 0) / n;
      expect(Math.abs(silhouetteCosine(X, labels) - mean)).toBeLessThan(1e-13);
      // A sample of 10 points is the mean of those points' full-data values.
      const sampled = silhouetteCosine(X, labels, { sampleSize: 10, seed: 3 });
      expect(sampled).toBeGreaterThanOrEqual(Math.min(...want) - 1e-13);
      expect(sampled).toBeLessThanOrEqual(Math.max(...want) + 1e-13);
      const one = silhouetteCosine(X, labels, { sampleSize: 1, seed: 5 });
      expect(want.some((v) => Math.abs(v - one) < 1e-13)).toBe(true);
    }
  });

  it('gives the pairwise-definition values on inputs large enough for the WebAssembly dot products', () => {
    // 1,100 points × 30 clusters × 31 dims: above the kernel threshold (10⁶), below a slow brute force.
    const random = createRandom(23);
    const n = 1100;
    const d = 31;
    const k = 30;
    const data = Float64Array.from({ length: n * d }, () => gaussian(random));
    const labels = Int32Array.from({ length: n }, (_, i) => (i < k ? i : Math.floor(random() * k)));
    for (let i = 0; i < n; i++) data[i * d + (labels[i] % d)] += 3;
    const unit = Array.from({ length: n }, (_, i) => {
      const row = data.subarray(i * d, (i + 1) * d);
      const norm = Math.hypot(...row);
      return Array.from(row, (v) => v / norm);
    });
    let total = 0;
    for (let i = 0; i < n; i++) {
      const sums = new Float64Array(k);
      const counts = new Float64Array(k);
      for (let j = 0; j < n; j++) {
        if (j === i) continue;
        let dot = 0;
        for (let t = 0; t < d; t++) dot += unit[i][t] * unit[j][t];
        sums[labels[j]] += Math.min(2, Math.max(0, 1 - dot));
        counts[labels[j]]++;
      }
      const a = sums[labels[i]] / counts[labels[i]];
      let b = Infinity;
      for (let c = 0; c < k; c++) if (c !== labels[i]) b = Math.min(b, sums[c] / counts[c]);
      total += (b - a) / Math.max(a, b);
    }
    expect(silhouetteCosine({ rows: n, cols: d, data }, labels, { sampleSize: n })).toBeCloseTo(total / n, 10);
  });

  it('requires between 2 and n − 1 clusters and one label per point', () => {
    expect(() => silhouetteCosine(X, new Int32Array(12))).toThrow(RangeError);
    expect(() => silhouetteCosine(X, Int32Array.from({ length: 12 }, (_, i) => i))).toThrow(RangeError);
    expect(() => silhouetteCosine(X, labels.subarray(0, 5))).toThrow(RangeError);
  });
});

describe('silhouetteByCluster', () => {
  it('is the mean pairwise-definition s(i) of each cluster’s points', async () => {
    const { silhouetteByCluster } = await import('../../src/metrics/silhouette.js');
    const random = createRandom(5);
    const n = 60;
    const d = 4;
    const data = new Float64Array(n * d);
    const labels = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      labels[i] = i % 3;
      for (let t = 0; t < d; t++) data[i * d + t] = (t === labels[i] ? 2 : 0) + gaussian(random);
    }
    const X = { rows: n, cols: d, data };
    const samples = bruteForceSamples(X, labels);
    const byCluster = silhouetteByCluster(X, labels);
    expect(byCluster).toHaveLength(3);
    for (let c = 0; c < 3; c++) {
      const own = samples.filter((_, i) => labels[i] === c);
      expect(byCluster[c]).toBeCloseTo(own.reduce((s, v) => s + v, 0) / own.length, 10);
    }
    // Weighted by size, the cluster means give back the overall mean.
    expect((byCluster[0] + byCluster[1] + byCluster[2]) / 3).toBeCloseTo(silhouetteCosine(X, labels), 10);
  });

  it('is NaN for a label value no point has', async () => {
    const { silhouetteByCluster } = await import('../../src/metrics/silhouette.js');
    const X = { rows: 4, cols: 2, data: Float64Array.from([1, 0, 0.9, 0.1, 0, 1, 0.1, 0.9]) };
    const byCluster = silhouetteByCluster(X, Int32Array.from([0, 0, 2, 2]));
    expect(byCluster[1]).toBeNaN();
    expect(byCluster[0]).toBeGreaterThan(0.8);
  });
});
