import { createRandom } from '../random/seededRandom.js';
import { fuzzyGraph } from './fuzzyGraph.js';
import type { Neighbours } from './nearestByDot.js';
import { umapCurve } from './umapCurve.js';
import { umapOptimize } from './umapOptimize.js';

/** Parameters of the UMAP layout, as run.json records them. */
export interface UmapParams {
  /** How tightly points may pack (UMAP's min_dist); the spread is 1. */
  minDist: number;
  /** Optimisation epochs. */
  epochs: number;
  seed: number;
}

/**
 * UMAP (McInnes, Healy & Melville 2018) of m rows given each row's k nearest other rows
 * (UMAP's n_neighbors is then k + 1, the row itself included), from the start layout
 * `start` (m×2, row-major, e.g. the PCA of the rows; the reference UMAP starts from a
 * spectral layout, and either keeps the themes' global arrangement where random noise does
 * not): the m×2 embedding.
 *
 * Steps: the fuzzy neighbour graph (fuzzyGraph.ts), the curve's a and b for minDist
 * (umapCurve.ts), then SGD (umapOptimize.ts) with 5 negative samples per edge and unit
 * repulsion, as the reference defaults. Written on typed arrays here rather than calling
 * umap-js: with the same neighbours and start, most of umap-js's map time went to its
 * sparse matrices and per-point arrays (docs/design.md).
 */
export function umapLayout(neighbours: Neighbours, start: Float64Array, params: UmapParams): Float64Array {
  const m = start.length / 2;
  if (neighbours.indices.length !== m * neighbours.count) {
    throw new RangeError(`umapLayout: ${neighbours.indices.length / neighbours.count} rows of neighbours for ${m} points`);
  }
  const { a, b } = umapCurve(params.minDist, 1);
  const embedding = Float64Array.from(start);
  umapOptimize(fuzzyGraph(neighbours), embedding, {
    epochs: params.epochs, a, b, negativeRate: 5, repulsion: 1, random: createRandom(params.seed),
  });
  return embedding;
}
