import { chooseK, type KCandidate } from '../src/cluster/chooseK.js';
import { kRangeEdge, type KRangeEdge } from '../src/cluster/kRangeEdge.js';
import { fitKMeans, type KMeansModel } from '../src/cluster/kmeans.js';
import { fitMiniBatchKMeans } from '../src/cluster/miniBatchKMeans.js';
import type { WarmStart } from '../src/cluster/warmStart.js';
import { orderBySize } from '../src/cluster/orderBySize.js';
import { silhouetteCosine } from '../src/metrics/silhouette.js';
import { sampleIndices } from '../src/random/sampleIndices.js';
import { deriveSeed } from '../src/random/seededRandom.js';
import { computeInertia } from '../src/cluster/kmeansCore.js';
import { refineOnTfidf } from '../src/cluster/refineOnTfidf.js';
import { selectRows } from '../src/linalg/dense.js';
import type { CsrMatrix, DenseMatrix } from '../src/types.js';

/**
 * Rounds of the TF-IDF refinement at most. It stops as soon as no paper moves, which is
 * what lets a nightly run without new papers reproduce the previous night exactly.
 */
const REFINE_ROUNDS = 100;

/** Random stream of the k-search sample, apart from the k-means restarts' streams 0..nInit-1. */
const K_SEARCH_STREAM = 1_000_003;

/**
 * How far from last night's k a warm night looks: themes can still split and merge, a few
 * per night, and the search costs a seventh of the full 2-30 range.
 */
export const WARM_K_REACH = 3;

/** The part of `range` within WARM_K_REACH of `previousK`. */
function nearK(range: readonly [number, number], previousK: number): [number, number] {
  const low = Math.max(range[0], previousK - WARM_K_REACH);
  const high = Math.min(range[1], previousK + WARM_K_REACH);
  return low <= high ? [low, high] : [range[0], range[1]];
}

/** Mean of each cluster's rows (k x d, row-major); a cluster without rows keeps 0. */
function meanCentres(X: DenseMatrix, labels: Int32Array, k: number): Float64Array {
  const d = X.cols;
  const centres = new Float64Array(k * d);
  const sizes = new Float64Array(k);
  for (let i = 0; i < X.rows; i++) {
    sizes[labels[i]]++;
    for (let t = 0; t < d; t++) centres[labels[i] * d + t] += X.data[i * d + t];
  }
  for (let c = 0; c < k; c++) if (sizes[c] > 0) for (let t = 0; t < d; t++) centres[c * d + t] /= sizes[c];
  return centres;
}

import { CorpusError } from './corpusError.js';

export interface ClusterParams {
  k: number | 'auto';
  kRange: [number, number];
  nInit: number;
  seed: number;
  /**
   * 'full': k-means with nInit restarts of Lloyd iterations (default); 'minibatch':
   * mini-batch k-means (fitMiniBatchKMeans), for corpora too large for full passes.
   */
  kmeans?: 'full' | 'minibatch';
  /**
   * Refine the k-means clustering by spherical k-means on the full TF-IDF rows (see
   * refineOnTfidf); needs `tfidf` in the input.
   */
  refine?: boolean;
  /**
   * Start from last night's themes instead of k-means++ restarts (the nightly job): one
   * k-means run from `centres(k)`. Under k = 'auto' the previous k is kept unless another k
   * beats its silhouette by more than `keepKWithin`, so themes do not split and merge from
   * night to night over noise.
   */
  warmStart?: { previousK: number; start: (k: number) => WarmStart; keepKWithin: number };
  /** Hears each k tried by k = 'auto' with its silhouette, as soon as it is scored. */
  onK?: (k: number, silhouette: number) => void;
  /** Hears each round of the TF-IDF refinement as it ends, with the papers it moved. */
  onRefineRound?: (round: number, moved: number) => void;
  /** Told as the restarts of the final k-means fit finish (not those of the k search). */
  onRestart?: (done: number, total: number) => void;
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
  /** Papers moved by the TF-IDF refinement (0 without it), and its rounds. */
  refined: number;
  refineRounds: number;
  /** The refinement's papers moved per round and why it stopped (null without it). */
  refinement: { movesPerRound: number[]; stoppedBy: string } | null;
  /** With k = 'auto': how k was chosen (see KSelection). */
  selection: KSelection | null;
}

/** How `k = 'auto'` chose k. */
export interface KSelection {
  /** The rule and how it was applied (sample, restarts, warm window). */
  criterion: string;
  /** Why the chosen k, as the end of the sentence "k = N, ...". */
  reason: string;
  /** The k with the highest silhouette; differs from the chosen k when last night's k is kept. */
  best: number;
  /** Set when the chosen k sits at an edge of the user's range (see kRangeEdge). */
  edge: KRangeEdge | null;
  curve: KCandidate[];
}

/**
 * Above this many papers, `--k auto` searches k on a seeded sample of this many, with at
 * most K_SEARCH_N_INIT restarts per k, then fits the chosen k on every paper with all the
 * restarts asked for: the full search would be one full k-means fit per k.
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
export function cluster(input: { vectors: DenseMatrix; tfidf?: CsrMatrix }, params: ClusterParams): ClusterOutput {
  const X = input.vectors;
  if (X.rows < 3) throw new CorpusError(`${X.rows} papers are too few to cluster (at least 3 are needed)`);
  const warm = params.warmStart;
  // Each k's warm start is made once: last night's k needs it to be scored and to be fitted.
  const warmStarts = new Map<number, WarmStart>();
  const warmStartOf = (k: number): WarmStart => {
    let start = warmStarts.get(k);
    if (start === undefined) warmStarts.set(k, (start = warm!.start(k)));
    return start;
  };
  const fit = (k: number): KMeansModel => {
    if (!warm) {
      return params.kmeans === 'minibatch' ? fitMiniBatchKMeans(X, { k, seed: params.seed }) : fitKMeans(X, { k, nInit: params.nInit, seed: params.seed, onRestart: params.onRestart });
    }
    const start = warmStartOf(k);
    // Same k and a refinement to follow: the refinement continues last night's themes
    // directly. A k-means pass in the reduced space first would pull papers back from the
    // refined themes, so a night without new papers would not reproduce last night.
    if (params.refine && k === warm.previousK) {
      return {
        k, dims: X.cols, labels: start.labels, centres: start.centres.data, iterations: 0, converged: true,
        inertia: computeInertia(X, start.centres.data, start.labels),
      };
    }
    return fitKMeans(X, { k, seed: params.seed, initialCentres: start.centres });
  };
  // Papers that are all alike end in one non-empty cluster, where a silhouette is undefined: 0.
  const silhouetteOf = (M: DenseMatrix, labels: Int32Array) =>
    new Set(labels).size < 2 ? 0 : silhouetteCosine(M, labels, { sampleSize: SILHOUETTE_SAMPLE, seed: params.seed });
  let model;
  let selection: ClusterOutput['selection'] = null;
  if (params.k === 'auto') {
    const sampled = X.rows > K_SEARCH_SAMPLE;
    const searchRows = sampled ? sampleIndices(X.rows, K_SEARCH_SAMPLE, deriveSeed(params.seed, K_SEARCH_STREAM)) : null;
    const searchX = searchRows ? selectRows(X, searchRows) : X;
    // The search only picks k: on large corpora, and when last night's themes give the
    // start anyway, a few restarts per k are enough.
    const searchNInit = sampled || warm ? Math.min(params.nInit, K_SEARCH_N_INIT) : params.nInit;
    const choice = chooseK(
      searchX,
      warm ? nearK(params.kRange, warm.previousK) : params.kRange,
      (k) => fitKMeans(searchX, { k, nInit: searchNInit, seed: params.seed }),
      (labels) => silhouetteOf(searchX, labels),
      (c) => params.onK?.(c.k, c.silhouette),
    );
    let chosen = choice.k;
    const how = sampled ? `searched on a seeded sample of ${K_SEARCH_SAMPLE} papers with ${searchNInit} restarts per k`
      : warm ? `searched within ${WARM_K_REACH} of last night's k, with ${searchNInit} restarts per k` : '';
    const best = choice.curve.find((c) => c.k === choice.k)!;
    let reason = `chosen by ${choice.criterion}${how === '' ? '' : `; ${how}`}`;
    if (warm) {
      const previous = choice.curve.find((c) => c.k === warm.previousK);
      // Last night's k is judged by the better of a fresh fit and last night's themes
      // themselves (the start of tonight's fit at that k): a few fresh restarts can miss
      // them, and a night without new papers must then keep its k and its themes.
      const kept = warmStartOf(warm.previousK).labels;
      const keptSilhouette = silhouetteOf(searchX, searchRows ? searchRows.map((r) => kept[r]) : kept);
      if (previous !== undefined && best.silhouette - Math.max(previous.silhouette, keptSilhouette) <= warm.keepKWithin) {
        chosen = previous.k;
        if (chosen !== choice.k) {
          reason = `last night's k, kept: its silhouette (${Math.max(previous.silhouette, keptSilhouette).toFixed(4)}) is within ` +
            `${warm.keepKWithin} of the highest (${best.silhouette.toFixed(4)} at k = ${choice.k}); ${how}`;
        }
      }
    }
    model = sampled || warm ? fit(chosen) : choice.fit;
    const userRange: [number, number] = [Math.max(2, params.kRange[0]), Math.min(params.kRange[1], searchX.rows - 1)];
    selection = {
      criterion: choice.criterion + (how === '' ? '' : `; ${how}`),
      reason,
      best: choice.k,
      // About the curve, not the pick: a kept nightly k does not stop the range cutting it off.
      edge: kRangeEdge(choice.curve, choice.k, userRange, X.rows - 1),
      curve: choice.curve,
    };
  } else {
    model = fit(Math.min(params.k, X.rows - 1));
  }
  let found: { labels: Int32Array; centres: Float64Array; inertia: number; refined: number; refineRounds: number; refinement: ClusterOutput['refinement'] } = {
    labels: model.labels, centres: model.centres, inertia: model.inertia, refined: 0, refineRounds: 0, refinement: null,
  };
  if (params.refine) {
    if (input.tfidf === undefined) throw new Error('cluster: refine needs the TF-IDF matrix');
    const refinement = refineOnTfidf(input.tfidf, model.labels, model.k, { maxRounds: REFINE_ROUNDS, onRound: params.onRefineRound });
    const centres = meanCentres(X, refinement.labels, model.k);
    found = {
      labels: refinement.labels, centres, inertia: computeInertia(X, centres, refinement.labels),
      refined: refinement.moved, refineRounds: refinement.iterations,
      refinement: { movesPerRound: refinement.movesPerRound, stoppedBy: refinement.stoppedBy },
    };
  }
  const { labels, order } = orderBySize(found.labels, model.k);
  const d = X.cols;
  const centres = new Float64Array(model.k * d);
  order.forEach((oldId, id) => centres.set(found.centres.subarray(oldId * d, (oldId + 1) * d), id * d));
  return {
    k: model.k,
    labels,
    centres,
    inertia: found.inertia,
    refined: found.refined,
    refineRounds: found.refineRounds,
    refinement: found.refinement,
    iterations: model.iterations,
    silhouette: silhouetteOf(X, labels),
    selection,
  };
}
