import { readFileSync } from 'node:fs';
import { openTokenCacheFile } from '../src/io/tokenCacheFile.js';
import { sum } from '../src/linalg/dense.js';
import { releaseKernelMemory } from '../src/linalg/wasmKernels.js';
import { parseLabelPins, type LabelPins } from '../src/label/pinnedLabels.js';
import { qualityFigures } from '../src/metrics/qualityFigures.js';
import { silhouetteCosine } from '../src/metrics/silhouette.js';
import { applyMerges, mergeRoots, pairsToReduce, type MergedThemes } from '../src/cluster/mergeThemes.js';
import { averageLinkage } from '../src/hierarchy/averageLinkage.js';
import { centroidCosines, cosineDistances } from '../src/hierarchy/centroidCosines.js';
import type { DenseMatrix } from '../src/types.js';
import { warmStart } from '../src/cluster/warmStart.js';
import { noTokenCache, rulesKey, type TokenCache } from '../src/tokenize/tokenCache.js';
import { TOKENIZER_VERSION } from '../src/tokenize/winkTokenizer.js';
import type { StartedTokenizers } from '../src/tokenize/tokenizeInWorkers.js';
import type { Paper, RunSummary } from '../src/types.js';
import { tokenize, tokenizerParams } from './2-tokenize.js';
import { vectorize } from './3-vectorize.js';
import type { TermWeighting } from '../src/vectorize/tfidf.js';
import { reduce } from './4-reduce.js';
import { cluster } from './5-cluster.js';
import { map, type MapOutput } from './6-map.js';
import { project2d } from '../src/reduce/project2d.js';
import { DEFAULT_LABEL_PARAMS, label } from './7-label.js';
import { DEFAULT_MAP_PARAMS } from '../src/map/mapLayout.js';
import { CorpusError } from './corpusError.js';
import { boundByCorpus, clampParameters } from './corpusLimits.js';
import { defaultNInit, defaultPhraseMinDf, OptionError, type PipelineOptions } from './options.js';
import { progressEvery, round, timeStage, type StageRecord } from './stageRecord.js';
import { themeStructure, themeViews as themeViewsOf } from './themeViews.js';

/**
 * Steps 2 to 7 of a run, from ingested papers to labelled themes, their map and quality
 * figures:
 *
 *   tokenize -> vectorize -> reduce -> cluster -> map -> label
 *
 * Shared by `run` (which then writes the report) and `evaluate` (which compares several
 * option sets on one corpus). Reads only the word list and the tokens cache; writes only
 * the tokens cache.
 */
export interface FitExtras {
  /** Tokens cache to use instead of the file cache of `options.cacheDir` (the store's). */
  cache?: TokenCache;
  /** Tokenize workers started ahead by the caller (see StartedTokenizers). */
  tokenizers?: StartedTokenizers;
  /** Continue last night's themes: its assignments (paper id -> theme id) and k. */
  previous?: { assignments: ReadonlyMap<string, number>; k: number; keepKWithin: number };
  /** Where warnings go (options lowered to what the corpus allows); default: the log. */
  warn?: (line: string) => void;
  /**
   * Labels pinned by the caller once the themes are known (nightly pins by stable theme id:
   * the ids follow from the clusters), keyed by cluster index; added to --labels.
   */
  pinsFor?: (labels: Int32Array, k: number) => Record<string, string>;
  /**
   * Clusters to join, by cluster index, once the clusters are known (nightly joins by
   * stable theme ids: configuredMerges.ts), instead of --merge and --reduce-to.
   */
  mergesFor?: (labels: Int32Array, k: number) => Array<[number, number]>;
  /** No report is drawn (evaluate): the map is the PCA one, without its figures. */
  noReportMap?: boolean;
}

export async function fitThemes(
  papers: readonly Paper[],
  options: PipelineOptions,
  stages: StageRecord[],
  log: (line: string) => void,
  extras: FitExtras = {},
) {
  // 2. Tokenize: papers -> lemmas and recurring phrases per paper.
  const boilerplate = readWordList(options.stopwordsFile);
  const pins = options.labelsFile === null ? undefined : readLabelPins(options.labelsFile);
  // No phrase occurs in more papers than there are: --no-phrases is a threshold none reaches.
  const phraseMinDf = options.phrases ? options.phraseMinDf ?? defaultPhraseMinDf(papers.length) : papers.length + 1;
  const cacheRules = rulesKey(TOKENIZER_VERSION, tokenizerParams({ boilerplate }));
  // The cache is opened inside the stage so that its entries can be freed once it ends.
  let cachePath: string | null = null;
  const tokens = await timeStage(stages, 'tokenize', log,
    () => {
      const cacheFile = extras.cache !== undefined || options.cacheDir === null ? null : openCache(options.cacheDir, cacheRules);
      cachePath = cacheFile?.path ?? null;
      return tokenize({ papers }, {
        boilerplate, phraseMinDf, titleWeight: options.titleWeight, lemmas: options.lemmas, workers: options.workers,
        started: extras.tokenizers,
        cache: extras.cache ?? cacheFile ?? noTokenCache(),
        onProgress: progressEvery(papers.length, (done) => log(`  tokenized ${done} / ${papers.length} papers`)),
      });
    },
    (t) => `${t.cacheHits} of ${papers.length} papers from the tokens cache, ${t.phrases.phrases.length} recurring phrases`);

  // 3. Vectorize: features -> sparse TF-IDF or BM25 weights (CSR).
  const weighting: TermWeighting = options.weighting === 'bm25' ? { scheme: 'bm25', k1: options.bm25K1, b: options.bm25B } : { scheme: 'tfidf' };
  const vectors = await timeStage(stages, 'vectorize', log,
    () => vectorize({ features: tokens.features }, {
      minDf: options.minDf, maxDf: options.maxDf, maxFeatures: options.maxFeatures, sublinearTf: true, smoothIdf: true, maxWeightedWords: 3, weighting,
    }),
    (v) => `${v.tfidf.rows} x ${v.tfidf.cols}, ${v.tfidf.values.length} non-zeros`);
  if (vectors.tfidf.cols < 2) {
    throw new CorpusError(
      `only ${vectors.tfidf.cols} terms are left to cluster ${papers.length} papers on: a term must be in at least ` +
      `--min-df ${options.minDf} and at most --max-df ${options.maxDf} of the papers (${Math.floor(options.maxDf * papers.length)})` +
      `${options.maxFeatures !== null ? `, and among the --max-features ${options.maxFeatures} most frequent` : ''}; ` +
      'for a handful of papers try --min-df 1 --max-df 1, or add papers');
  }

  // 4. Reduce: TF-IDF -> dims components by randomized SVD, unit rows.
  const { dims, kRange, k, clamps } = boundByCorpus(options, papers.length, vectors.tfidf.cols);
  for (const clamp of clamps) (extras.warn ?? log)(clamp.warning);
  const nInit = options.nInit ?? defaultNInit(papers.length);
  const reduced = await timeStage(stages, 'reduce', log,
    () => reduce({ tfidf: vectors.tfidf }, { dims, center: options.center, seed: options.seed },
      (done, total) => log(`  SVD power iterations: ${done} of ${total} done`)),
    (r) => `${r.vectors.cols} components (${options.center ? 'PCA, centred' : 'LSA, uncentred'}), explained variance ${sum(r.svd.explainedVarianceRatio).toFixed(3)}`);

  // 5. Cluster: reduced vectors -> k themes by k-means.
  const clusters = await timeStage(stages, 'cluster', log,
    () => cluster({ vectors: reduced.vectors, tfidf: vectors.tfidf }, {
      k, kRange, nInit, seed: options.seed, refine: options.refine, kmeans: options.kmeans,
      warmStart: extras.previous && {
        previousK: extras.previous.k,
        keepKWithin: extras.previous.keepKWithin,
        start: (k: number) => warmStart(reduced.vectors, papers.map((p) => p.id), extras.previous!.assignments, k),
      },
      onK: (k, silhouette) => log(`  k = ${k}: silhouette ${silhouette.toFixed(4)}`),
      onRefineRound: (round, moved) => log(`  refinement round ${round}: ${moved} papers moved`),
      onRestart: restartsEvery((done, total) => log(`  k-means restarts: ${done} of ${total} done`)),
    }),
    (c) => `k = ${c.k}${options.k === 'auto' ? ' (auto)' : ''}, ${options.refine ? `${c.refined} papers moved by the TF-IDF refinement in ${c.refineRounds} rounds, ` : ''}silhouette ${c.silhouette.toFixed(3)}`);

  // 5b. Merges asked for (--merge, --reduce-to): themes joined, each keeping its smallest id.
  const merged = extras.mergesFor === undefined
    ? mergeAsked(options, clusters, reduced.vectors, extras.warn ?? log)
    : joinClusters(clusters, extras.mergesFor(clusters.labels, clusters.k), reduced.vectors);
  const themes = merged === null
    ? { labels: clusters.labels, k: clusters.k, centres: clusters.centres, silhouette: clusters.silhouette }
    // One theme left has no silhouette (n/a, null in run.json), not a measured 0.
    : { ...merged, silhouette: merged.k < 2 ? NaN : silhouetteCosine(reduced.vectors, merged.labels, { sampleSize: 3000, seed: options.seed }) };
  if (merged !== null) {
    log(`  merged: ${merged.members.filter((m) => m.length > 1).map((m) => `${m.join(' + ')} -> ${m[0]}`).join('; ')}; ${merged.k} theme${merged.k === 1 ? '' : 's'}, silhouette ${Number.isFinite(themes.silhouette) ? themes.silhouette.toFixed(3) : 'n/a'}`);
  }

  // The SVD's and the refinement's kernel memory is not needed after the cluster stage.
  await releaseKernelMemory();

  // 6. Map: reduced vectors -> 2-D positions for the report (UMAP, or PCA).
  const mapped = await timeStage(stages, 'map', log,
    () => extras.noReportMap === true
      ? unmeasuredPcaMap(reduced.vectors)
      : map({ vectors: reduced.vectors, labels: themes.labels, k: themes.k }, { ...DEFAULT_MAP_PARAMS, layout: options.map, seed: options.seed }),
    (m) => extras.noReportMap === true ? 'PCA, not measured (no report is drawn)' : `${m.layout.layout === 'umap' ? `UMAP fitted on ${m.layout.fitted?.length} papers` : 'PCA'}, silhouette by theme ${m.figures.silhouette.toFixed(3)}` +
      `${m.figures.fittedSilhouette === null ? '' : ` (fitted papers ${m.figures.fittedSilhouette.toFixed(3)})`}` +
      `${m.figures.pca === null ? '' : ` (PCA ${m.figures.pca.silhouette.toFixed(3)})`}, trustworthiness ${m.figures.trustworthiness.toFixed(3)}` +
      `${m.figures.pca === null ? '' : ` (PCA ${m.figures.pca.trustworthiness.toFixed(3)})`}`);
  if (mapped.layout.fallback !== null) (extras.warn ?? log)(`--map ${options.map}: ${mapped.layout.fallback}`);

  // 7. Label: themes -> top terms, labels, representative papers, per-paper scores; and the
  // labels of the theme hierarchy's merges (average linkage of the centroids' cosine distances).
  const structure = themeStructure(themes.centres, themes.k, reduced.vectors.cols);
  const labelled = await timeStage(stages, 'label', log,
    () => label({
      papers, counts: vectors.counts, vectorizer: vectors.model, vectors: reduced.vectors, map: mapped.layout,
      labels: themes.labels, centres: themes.centres, k: themes.k, groups: structure?.groups,
    }, { ...DEFAULT_LABEL_PARAMS, fullMentions: options.titleWeight, pins: withCallerPins(merged === null ? pins : pinsByIndex(pins, merged, extras.warn ?? log), extras.pinsFor?.(themes.labels, themes.k)) }),
    (l) => `NPMI ${l.coherence.npmi.toFixed(3)}, diversity ${l.coherence.diversity.toFixed(3)}, label F1 ${l.labelQuality.labelF1.toFixed(3)}; ` +
      l.themes.slice(0, 5).map((t) => `${t.label} (${t.size})`).join('; ') + (l.themes.length > 5 ? '; ...' : ''));

  const parameters = {
    k: options.k === 'auto' ? `auto (${clusters.k})` : clusters.k,
    seed: options.seed,
    dims,
    reduction: options.center ? 'PCA (centred)' : 'LSA (uncentred)',
    n_init: nInit,
    kmeans: options.kmeans,
    refine: options.refine,
    weighting: options.weighting,
    map: mapped.layout.layout,
    ...(options.weighting === 'bm25' ? { bm25_k1: options.bm25K1, bm25_b: options.bm25B } : {}),
    min_df: options.minDf,
    max_df: options.maxDf,
    phrase_min_df: options.phrases ? phraseMinDf : 'off',
    title_weight: options.titleWeight,
    lemmas: options.lemmas,
    ...(options.merges.length > 0 ? { merge: options.merges.map(([a, b]) => `${a}+${b}`).join('; ') } : {}),
    ...(options.reduceTo !== null ? { reduce_to: options.reduceTo } : {}),
    ...clampParameters(clamps),
  };
  const quality = qualityFigures(
    { silhouette: themes.silhouette, npmi: labelled.coherence.npmi, topicDiversity: labelled.coherence.diversity, labels: labelled.labelQuality },
    papers, themes.labels);
  const selection = clusters.selection;
  const kSelection: RunSummary['kSelection'] = selection === null ? undefined : {
    criterion: selection.criterion,
    chosen: clusters.k,
    reason: selection.reason,
    ...(selection.edge === null ? {} : { edge: selection.edge }),
    curve: selection.curve.map((c) => ({ k: c.k, silhouette: round(c.silhouette, 6) })),
  };
  if (selection?.edge) (extras.warn ?? log)(`--k auto: ${selection.edge.note}`);
  // In cluster numbering (the nightly job renames the themes: withThemeIds).
  const themeViews = structure === null ? undefined : themeViewsOf(structure, labelled.themes.map((t) => t.size), labelled.groupLabels);
  // The ids of the merged themes (null: theme c is id c).
  const themeIds = merged === null ? null : merged.ids;
  // The themes as fitted (after any merges): compact labels 0..k-1, centres, and the tokenizer's word list.
  const fittedThemes = { labels: themes.labels, k: themes.k, centres: themes.centres, boilerplate };
  return { fittedThemes, themeViews, themeIds, merged, tokens, vectors, reduced, clusters, mapped, labelled, parameters, quality, kSelection, dims, kRange, nInit, clamps, phraseMinDf, cacheRules, cachePath: cachePath as string | null };
}

/** A fit's parts and figures: what run.json and the report are made of (steps 2-7 of a run). */
export type ThemeFit = Awaited<ReturnType<typeof fitThemes>>;

/**
 * The merges --merge and --reduce-to ask for, applied to the clusters (null: none), or an
 * OptionError naming an id the run does not have.
 */
function mergeAsked(options: PipelineOptions, clusters: { labels: Int32Array; k: number; centres: Float64Array }, X: DenseMatrix, warn: (line: string) => void): MergedThemes | null {
  const k = clusters.k;
  for (const [a, b] of options.merges) {
    if (a >= k || b >= k) throw new OptionError('merge', `${a},${b}`, `ids of this run's themes, 0 to ${k - 1}`);
  }
  let pairs: Array<[number, number]> = options.merges;
  if (options.reduceTo !== null) {
    if (options.reduceTo >= k) {
      warn(`--reduce-to ${options.reduceTo}: the run has ${k} themes, so none is merged`);
      return null;
    }
    const linkage = averageLinkage(cosineDistances(centroidCosines(clusters.centres, k, X.cols), k), k);
    pairs = pairsToReduce(linkage, k, options.reduceTo);
  }
  return pairs.length === 0 ? null : applyMerges(clusters.labels, mergeRoots(k, pairs), X);
}

/** The PCA map with no figures (NaN): for a fit whose report is never drawn. */
function unmeasuredPcaMap(vectors: DenseMatrix): MapOutput {
  const pca = project2d(vectors);
  return {
    layout: { x: pca.x, y: pca.y, layout: 'pca', fitted: null, nNeighbors: null, fallback: null },
    figures: { silhouette: NaN, fittedSilhouette: null, trustworthiness: NaN, trustNeighbours: 0, pca: null },
  };
}

/** The clusters joined by `pairs` of cluster indices (null: none). */
function joinClusters(clusters: { labels: Int32Array; k: number }, pairs: Array<[number, number]>, X: DenseMatrix): MergedThemes | null {
  return pairs.length === 0 ? null : applyMerges(clusters.labels, mergeRoots(clusters.k, pairs), X);
}

/**
 * --labels pins by theme id, keyed instead by the merged themes' index (`ids[c]` is theme
 * c's id); a pin on a theme merged into another is not used, with a warning.
 */
export function pinsByIndex(pins: LabelPins | undefined, merged: MergedThemes, warn: (line: string) => void): LabelPins | undefined {
  if (pins === undefined) return undefined;
  const { ids, members } = merged;
  const byTheme: Record<string, string> = {};
  members.forEach((joined, c) => {
    for (const id of joined.slice(1)) {
      if (pins.byTheme[String(id)] !== undefined) warn(`--labels: theme ${id} was merged into ${ids[c]}, so its pin "${pins.byTheme[String(id)]}" is not used${pins.byTheme[String(ids[c])] === undefined ? ` (pin ${ids[c]} to label the merged theme)` : ''}`);
    }
  });
  ids.forEach((id, c) => {
    const pinned = pins.byTheme[String(id)];
    if (pinned !== undefined) byTheme[String(c)] = pinned;
  });
  return { byTheme, byTerm: { ...pins.byTerm } };
}

/** Identity of the tokenizer rules these options give (keys of every tokens cache). */
export function tokenCacheRules(options: PipelineOptions): string {
  return rulesKey(TOKENIZER_VERSION, tokenizerParams({ boilerplate: readWordList(options.stopwordsFile) }));
}

/** A word list file: one word per line, `#` starts a comment. */
export function readWordList(path: string): string[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new OptionError('stopwords', path, `a readable word list (${(error as Error).message})`);
  }
  return text.split(/\r?\n/).map((line) => line.replace(/#.*/, '').trim().toLowerCase()).filter(Boolean);
}

function withCallerPins(pins: LabelPins | undefined, byIndex: Record<string, string> | undefined): LabelPins | undefined {
  if (byIndex === undefined || Object.keys(byIndex).length === 0) return pins;
  return { byTheme: { ...pins?.byTheme, ...byIndex }, byTerm: { ...pins?.byTerm } };
}

/** The labels file of --labels, or an OptionError naming it and what is wrong. */
export function readLabelPins(path: string): LabelPins {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new OptionError('labels', path, `a readable labels file (${(error as Error).message})`);
  }
  try {
    return parseLabelPins(text);
  } catch (error) {
    throw new OptionError('labels', path, `a JSON object of theme id or top term -> label: ${(error as Error).message}`);
  }
}

/** The tokens cache, or an OptionError naming --cache when it cannot be used. */
function openCache(dir: string, rules: string) {
  try {
    return openTokenCacheFile(dir, rules);
  } catch (error) {
    throw new OptionError('cache', dir, `a folder where the tokens cache can be kept, or --no-cache (${(error as Error).message})`);
  }
}

/** Reports finished restarts about every tenth of them, and the last one. */
function restartsEvery(report: (done: number, total: number) => void): (done: number, total: number) => void {
  let next = 0;
  return (done, total) => {
    if (done < next && done < total) return;
    report(done, total);
    next = done + Math.max(1, Math.ceil(total / 10));
  };
}
