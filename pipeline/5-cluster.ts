import { chooseK, type KCandidate } from '../src/cluster/chooseK.js';
import { fitKMeans } from '../src/cluster/kmeans.js';
import { orderBySize } from '../src/cluster/orderBySize.js';
import { silhouetteCosine } from '../src/metrics/silhouette.js';
import { sampleIndices } from '../src/random/sampleIndices.js';
import { deriveSeed } from '../src/random/seededRandom.js';
import type { DenseMatrix } from '../src/types.js';

/** Random stream of the k-search sample, apart from the k-means restarts' streams 0..nInit-1. */
const K_SEARCH_STREAM = 1_000_003;

/** The listed rows of X, in order. */
function sampleRows(X: DenseMatrix, rows: Int32Array): DenseMatrix {
  const d = X.cols;
  const data = new Float64Array(rows.length * d);
  rows.forEach((r, i) => data.set(X.data.subarray(r * d, (r + 1) * d), i * d));
  return { rows: rows.length, cols: d, data };
}
import { CorpusError } from './corpusError.js';

export interface ClusterParams {
  k: number | 'auto';
  kRange: [number, number];
  nInit: number;
  seed: number;
  /** Hears each k tried by k = 'auto' with its silhouette. */
  onK?: (k: number, silhouette: number) => void;
}

export interface ClusterOutput {
  k: number;
  /** Theme id per paper, themes numbered by size (0 = largest). */
  labels: Int32Array;
  /** k x d centres in the same numbering, row-major. */
  centres: Float64Array;
  inertia: number;
  iterations: number;
  silhouette: number;
  /** With k = 'auto': the silhouette and inertia of every k tried, and the rule used. */
  selection: { criterion: string; curve: KCandidate[] } | null;
}

/**
 * Above this many papers, `--k auto` searches k on a seeded sample of this many, with at
 * most K_SEARCH_N_INIT restarts per k, then fits the chosen k on every paper with all the
 * restarts asked for. On 36,000 papers and k = 2..30 the full search would be ~29 k-means
 * fits of ~12 s each; on the sample the whole curve takes seconds.
 */
export const K_SEARCH_SAMPLE = 5000;
export const K_SEARCH_N_INIT = 3;

/** Silhouette is computed on at most this many papers (a seeded sample) to bound its cost. */
export const SILHOUETTE_SAMPLE = 3000;

/**
 * Stage 5, cluster. In: unit-length reduced vectors. Out: k-means (k-means++ seeding,
 * nInit restarts, lowest inertia kept) with themes numbered by size; with k = 'auto', k is
 * chosen by silhouette (see chooseK).
 */
export function cluster(input: { vectors: DenseMatrix }, params: ClusterParams): ClusterOutput {
  const X = input.vectors;
  if (X.rows < 3) throw new CorpusError(`${X.rows} papers are too few to cluster (at least 3 are needed)`);
  const fit = (k: number) => fitKMeans(X, { k, nInit: params.nInit, seed: params.seed });
  // Papers that are all alike end in one non-empty cluster, where a silhouette is undefined: 0.
  const silhouette = (labels: Int32Array) =>
    new Set(labels).size < 2 ? 0 : silhouetteCosine(X, labels, { sampleSize: SILHOUETTE_SAMPLE, seed: params.seed });
  let model;
  let selection: ClusterOutput['selection'] = null;
  if (params.k === 'auto') {
    const sampled = X.rows > K_SEARCH_SAMPLE;
    const searchX = sampled ? sampleRows(X, sampleIndices(X.rows, K_SEARCH_SAMPLE, deriveSeed(params.seed, K_SEARCH_STREAM))) : X;
    const searchNInit = sampled ? Math.min(params.nInit, K_SEARCH_N_INIT) : params.nInit;
    const choice = chooseK(
      searchX,
      params.kRange,
      (k) => fitKMeans(searchX, { k, nInit: searchNInit, seed: params.seed }),
      (labels) => (new Set(labels).size < 2 ? 0 : silhouetteCosine(searchX, labels, { sampleSize: SILHOUETTE_SAMPLE, seed: params.seed })),
    );
    for (const c of choice.curve) params.onK?.(c.k, c.silhouette);
    model = sampled ? fit(choice.k) : choice.fit;
    const how = sampled ? `; searched on a seeded sample of ${K_SEARCH_SAMPLE} papers with ${searchNInit} restarts per k` : '';
    selection = { criterion: choice.criterion + how, curve: choice.curve };
  } else {
    model = fit(Math.min(params.k, X.rows - 1));
  }
  const { labels, order } = orderBySize(model.labels, model.k);
  const d = X.cols;
  const centres = new Float64Array(model.k * d);
  order.forEach((oldId, id) => centres.set(model.centres.subarray(oldId * d, (oldId + 1) * d), id * d));
  return {
    k: model.k,
    labels,
    centres,
    inertia: model.inertia,
    iterations: model.iterations,
    silhouette: silhouette(labels),
    selection,
  };
}
