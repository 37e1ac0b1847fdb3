import { deriveSeed } from '../random/seededRandom.js';
import { sampleIndices } from '../random/sampleIndices.js';
import { project2d } from '../reduce/project2d.js';
import type { DenseMatrix } from '../types.js';
import { nearestByDot } from './nearestByDot.js';
import { placeByNeighbours } from './placeByNeighbours.js';
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

/** Rows placed per batch: bounds the copy of the rows being placed (4,096 x d floats). */
const PLACE_BATCH = 4096;

/**
 * The report's 2-D map of the reduced vectors X (n x d, unit rows).
 *
 * UMAP keeps neighbours together and themes apart, where the linear projection lays every
 * theme over the others. It is fitted on `fitRows` rows S drawn at random (seeded: evenly
 * spaced rows would follow any period in the input's order; a corpus of repeated passes
 * over the same papers gave a sample of a few hundred papers' copies, and a map of islands
 * with a silhouette of −0.09) (exact cosine kNN
 * graph, started from the PCA of S; the themes play no part in it), and every other row
 * goes to the similarity-weighted mean of its `placeNeighbours` nearest rows of S in its
 * own theme (`labels`): the point is drawn in the colour of that theme, and a mean over
 * neighbours from two themes would land in the gap between them (on the benchmark the
 * placed rows' silhouette by theme was 0.22 that way, against 0.29 for the fitted rows).
 * Within themes the search is O(n·|S|·d / k) dot products, bounded for any n, where
 * umap-js's own transform did not finish 31,000 rows in 10 minutes. Deterministic for the
 * same X, labels and seed.
 */
export function mapLayout(X: DenseMatrix, labels: Int32Array, params: MapLayoutParams): MapLayout {
  const pca = () => {
    const p = project2d(X);
    return { x: p.x, y: p.y };
  };
  if (params.layout === 'pca') return { ...pca(), layout: 'pca', fitted: null, nNeighbors: null, fallback: null };
  const fitted = Array.from(X.rows <= params.fitRows ? Int32Array.from({ length: X.rows }, (_, i) => i) : sampleIndices(X.rows, params.fitRows, deriveSeed(params.seed, FIT_SAMPLE_STREAM)));
  const m = fitted.length;
  // UMAP needs a neighbourhood of at least 2 others and more rows than the neighbourhood.
  const nNeighbors = Math.min(params.nNeighbors, m - 1);
  if (nNeighbors < 3) {
    return { ...pca(), layout: 'pca', fitted: null, nNeighbors: null, fallback: `${X.rows} papers are too few for UMAP (at least 4): the PCA map is drawn` };
  }
  const S = gather(X, fitted, 0, m);
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
  // The others, theme by theme, among the fitted rows of their theme (of all fitted rows
  // for a theme with too few of them).
  const fittedOf = groupBy(fitted.map((_, i) => i), (i) => labels[fitted[i]]);
  const othersOf = groupBy(Array.from({ length: X.rows }, (_, r) => r).filter((r) => isFitted[r] === 0), (r) => labels[r]);
  const everyFitted = fitted.map((_, i) => i);
  for (const [theme, others] of othersOf) {
    const own = fittedOf.get(theme) ?? [];
    const pool = own.length >= MIN_OWN_FITTED ? own : everyFitted;
    const reference = gather(S, pool, 0, pool.length);
    const positions = new Float64Array(2 * pool.length);
    pool.forEach((i, j) => positions.set(embedding.subarray(2 * i, 2 * i + 2), 2 * j));
    const place = Math.min(params.placeNeighbours, pool.length);
    for (let first = 0; first < others.length; first += PLACE_BATCH) {
      const count = Math.min(PLACE_BATCH, others.length - first);
      const placed = placeByNeighbours(nearestByDot(reference, gather(X, others, first, count), place), positions);
      for (let i = 0; i < count; i++) {
        x[others[first + i]] = placed[2 * i];
        y[others[first + i]] = placed[2 * i + 1];
      }
    }
  }
  return { x, y, layout: 'umap', fitted: Int32Array.from(fitted), nNeighbors, fallback: null };
}

/** The seed stream of the fitted sample (the map's figures use streams 1 and 2). */
const FIT_SAMPLE_STREAM = 3;

/** A theme with fewer fitted rows than this places its others among all fitted rows. */
const MIN_OWN_FITTED = 3;

/** Items grouped by key, keys in first-seen order, items in their order. */
function groupBy(items: readonly number[], key: (item: number) => number): Map<number, number[]> {
  const groups = new Map<number, number[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group === undefined) groups.set(k, [item]);
    else group.push(item);
  }
  return groups;
}

/** rows[first..first+count) of X as a dense matrix. */
function gather(X: DenseMatrix, rows: readonly number[], first: number, count: number): DenseMatrix {
  const d = X.cols;
  const data = new Float64Array(count * d);
  for (let i = 0; i < count; i++) {
    const r = rows[first + i];
    data.set(X.data.subarray(r * d, (r + 1) * d), i * d);
  }
  return { rows: count, cols: d, data };
}

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
