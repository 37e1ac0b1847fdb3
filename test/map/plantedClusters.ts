import { createRandom, gaussian } from '../../src/random/seededRandom.js';
import type { DenseMatrix } from '../../src/types.js';

/**
 * `perCluster` unit rows around each of `clusters` random unit centres in `dims`
 * dimensions, noise `spread` per coordinate, cluster c's rows interleaved (row i belongs to
 * cluster i mod clusters), so an evenly spaced sample holds every cluster.
 */
export function plantedClusters(clusters: number, perCluster: number, dims: number, spread: number, seed: number): { X: DenseMatrix; labels: Int32Array } {
  const random = createRandom(seed);
  const centres = Array.from({ length: clusters }, () => unit(Array.from({ length: dims }, () => gaussian(random))));
  const n = clusters * perCluster;
  const data = new Float64Array(n * dims);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % clusters;
    labels[i] = c;
    const row = unit(centres[c].map((v) => v + spread * gaussian(random)));
    data.set(row, i * dims);
  }
  return { X: { rows: n, cols: dims, data }, labels };
}

function unit(v: number[]): number[] {
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
}
