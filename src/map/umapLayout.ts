import { UMAP } from 'umap-js';
import { createRandom } from '../random/seededRandom.js';
import type { Neighbours } from './nearestByDot.js';

/** Parameters of the UMAP layout, as run.json records them. */
export interface UmapParams {
  /** How tightly points may pack (UMAP's min_dist). */
  minDist: number;
  /** Optimisation epochs. */
  epochs: number;
  seed: number;
}

/**
 * UMAP of m rows given each row's k nearest other rows (UMAP's n_neighbors is then k + 1,
 * the row itself included): the m×2 embedding, row-major. The only place that calls umap-js.
 *
 * umap-js is given the exact neighbours (`neighbours`, cosine: distance 1 − dot for unit
 * rows) instead of running its NN-descent, and our seeded generator instead of
 * Math.random, so the same rows and seed give the same layout bit for bit. Its own start is
 * uniform noise; here the optimisation starts from `start` (m×2, e.g. the PCA of the rows,
 * scaled to umap-js's ±10 box), as the reference UMAP starts from a spectral layout: the
 * themes' global arrangement then survives the few hundred epochs.
 */
export function umapLayout(neighbours: Neighbours, start: Float64Array, params: UmapParams): Float64Array {
  const m = start.length / 2;
  const k = neighbours.count;
  if (neighbours.indices.length !== m * k) throw new RangeError(`umapLayout: ${neighbours.indices.length / k} rows of neighbours for ${m} points`);
  // UMAP counts the point itself as its nearest neighbour (distance 0), as umap-js's own search does.
  const knnIndices: number[][] = [];
  const knnDistances: number[][] = [];
  for (let i = 0; i < m; i++) {
    const rowIndices = [i];
    const rowDistances = [0];
    for (let j = 0; j < k; j++) {
      rowIndices.push(neighbours.indices[i * k + j]);
      rowDistances.push(Math.max(0, 1 - neighbours.dots[i * k + j]));
    }
    knnIndices.push(rowIndices);
    knnDistances.push(rowDistances);
  }
  const umap = new UMAP({
    nComponents: 2,
    nNeighbors: k + 1,
    minDist: params.minDist,
    nEpochs: params.epochs,
    random: createRandom(params.seed),
  });
  umap.setPrecomputedKNN(knnIndices, knnDistances);
  // umap-js reads only the number of rows once the neighbours are given.
  const epochs = umap.initializeFit(Array.from({ length: m }, () => [0]));
  const embedding = umap.getEmbedding();
  for (let i = 0; i < m; i++) {
    embedding[i][0] = start[2 * i];
    embedding[i][1] = start[2 * i + 1];
  }
  for (let epoch = 0; epoch < epochs; epoch++) umap.step();
  const out = new Float64Array(2 * m);
  for (let i = 0; i < m; i++) {
    out[2 * i] = embedding[i][0];
    out[2 * i + 1] = embedding[i][1];
  }
  return out;
}
