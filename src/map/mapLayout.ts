import { selectRows } from '../linalg/dense.js';
import { deriveSeed } from '../random/seededRandom.js';
import { sampleIndices } from '../random/sampleIndices.js';
import { project2d } from '../reduce/project2d.js';
import type { DenseMatrix } from '../types.js';
import { nearestByDot } from './nearestByDot.js';
import { placeWithinThemes } from './placeWithinThemes.js';
import { umapLayout } from './umapLayout.js';

/** 'umap': themes as regions (the default); 'pca': the exact linear projection of earlier versions. */
export type MapLayoutName = 'umap' | 'pca';

export interface MapLayoutParams {
  layout: MapLayoutName;
  seed: number;
  /** UMAP is fitted on at most this many rows, a seeded random sample; the others are placed among them. */
  fitRows: number;
  /** UMAP's n_neighbors (the row itself included), lowered for tiny corpora. */
  nNeighbors: number;
  minDist: number;
  epochs: number;
  /** Fitted rows a placed row's position is averaged from. */
  placeNeighbours: number;
}

export const DEFAULT_MAP_PARAMS: Omit<MapLayoutParams, 'layout' | 'seed'> = {
  // 3,000 rows: the benchmark's 24 themes separate (silhouette of the fitted rows 0.29;
  // 0.24 from 2,000) while the fit stays a few seconds. From the PCA start 100 epochs do
  // what 200 do (fitted rows 0.291 against 0.294, trustworthiness the same) in half the time.
  fitRows: 3000,
  nNeighbors: 15,
  minDist: 0.1,
  epochs: 100,
  placeNeighbours: 10,
};

/** The 2-D map and how it was made, as run.json records it. */
export interface MapLayout {
  x: Float64Array;
  y: Float64Array;
  layout: MapLayoutName;
  /** UMAP: the rows it was fitted on, ascending (the rest were placed among them); null for PCA. */
  fitted: Int32Array | null;
  /** UMAP's n_neighbors as used (after lowering for a tiny corpus); null for PCA. */
  nNeighbors: number | null;
  /** Why the layout asked for was not used, when it was not. */
  fallback: string | null;
}


/**
 * The report's 2-D map of the reduced vectors X (n x d, unit rows).
 *
 * UMAP keeps neighbours together and themes apart, where the linear projection lays every
 * theme over the others. It is fitted on `fitRows` rows S drawn at random, seeded (evenly
 * spaced rows follow any period in the input's order: on a corpus of repeated passes over
 * the same papers they were a few hundred papers' copies, a map of islands), with the exact
 * cosine kNN graph, started from the PCA of S; the themes play no part in it. Every other
 * row is placed among the rows of S of its own theme (placeWithinThemes.ts): O(n·|S|·d / k)
 * dot products, bounded for any n, where umap-js's own transform did not finish 31,000 rows
 * in 10 minutes. Deterministic for the same X, labels and seed.
 */
export function mapLayout(X: DenseMatrix, labels: Int32Array, params: MapLayoutParams): MapLayout {
  const pca = () => {
    const p = project2d(X);
    return { x: p.x, y: p.y };
  };
  if (params.layout === 'pca') return { ...pca(), layout: 'pca', fitted: null, nNeighbors: null, fallback: null };
  const fitted = X.rows <= params.fitRows
    ? Int32Array.from({ length: X.rows }, (_, i) => i)
    : sampleIndices(X.rows, params.fitRows, deriveSeed(params.seed, FIT_SAMPLE_STREAM));
  const m = fitted.length;
  // UMAP needs a neighbourhood of at least 2 others and more rows than the neighbourhood.
  const nNeighbors = Math.min(params.nNeighbors, m - 1);
  if (nNeighbors < 3) {
    return { ...pca(), layout: 'pca', fitted: null, nNeighbors: null, fallback: `${X.rows} papers are too few for UMAP (at least 4): the PCA map is drawn` };
  }
  const S = selectRows(X, fitted);
  const start = scaledStart(project2d(S));
  const embedding = umapLayout(nearestByDot(S, S, nNeighbors - 1, true), start, { minDist: params.minDist, epochs: params.epochs, seed: params.seed });

  const x = new Float64Array(X.rows);
  const y = new Float64Array(X.rows);
  const isFitted = new Uint8Array(X.rows);
  fitted.forEach((row, i) => {
    isFitted[row] = 1;
    x[row] = embedding[2 * i];
    y[row] = embedding[2 * i + 1];
  });
  // The others, theme by theme, among the fitted rows of their theme.
  const others = Array.from({ length: X.rows }, (_, r) => r).filter((r) => isFitted[r] === 0);
  placeWithinThemes({ rows: S, positions: embedding, themes: fitted.map((r) => labels[r]) }, X, others, (r) => labels[r], params.placeNeighbours, x, y);
  return { x, y, layout: 'umap', fitted, nNeighbors, fallback: null };
}

/** The seed stream of the fitted sample (the map's figures use streams 1 and 2). */
const FIT_SAMPLE_STREAM = 3;

/** The PCA map scaled into a ±10 box (the reference UMAP's starting scale), interleaved x, y. */
function scaledStart(p: { x: Float64Array; y: Float64Array }): Float64Array {
  let largest = 0;
  for (let i = 0; i < p.x.length; i++) largest = Math.max(largest, Math.abs(p.x[i]), Math.abs(p.y[i]));
  const scale = largest > 0 ? 10 / largest : 0;
  const out = new Float64Array(2 * p.x.length);
  for (let i = 0; i < p.x.length; i++) {
    out[2 * i] = p.x[i] * scale;
    out[2 * i + 1] = p.y[i] * scale;
  }
  return out;
}
