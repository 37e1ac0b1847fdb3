import { themeMedians } from '../src/metrics/looseFits.js';
import type { ThemeModel } from '../src/model/themeModel.js';
import type { SvdModel } from '../src/linalg/randomizedSvd.js';
import { TOKENIZER_VERSION } from '../src/tokenize/winkTokenizer.js';
import type { MapLayout } from '../src/map/mapLayout.js';
import type { CsrMatrix, DenseMatrix, Theme } from '../src/types.js';
import type { TfidfModel } from '../src/vectorize/tfidf.js';
import type { PipelineOptions } from './options.js';
import type { ThemeFit } from './fitThemes.js';

type Fitted = ThemeFit;

/** The map's fitted papers when the layout had none (PCA): at most this many, evenly spaced. */
const PCA_MAP_ROWS = 3000;

/** What a ThemeModel is built from: a fit's parts, or a relabelled run's (pipeline/relabel.ts). */
export interface ThemeModelParts {
  tokenizer: ThemeModel['tokenizer'];
  words: ThemeModel['words'];
  phrases: readonly string[];
  vectorizer: TfidfModel;
  svd: Pick<SvdModel, 'components' | 'singularValues' | 'columnMeans'>;
  /** n x V unit TF-IDF rows and n x d unit reduced rows of the papers. */
  tfidf: CsrMatrix;
  reduced: DenseMatrix;
  /** Theme index 0..k−1 of each paper, and each theme's id and label. */
  labels: Int32Array;
  ids: ArrayLike<number>;
  /** The labelled themes, theme c at index c (ids as the label stage gave them). */
  themes: readonly Theme[];
  /** Label and heading of each merge of the theme tree (the label stage's groupLabels). */
  treeLabels: ReadonlyArray<{ label: string; heading: string }>;
  /** k x d reduced centres, and each paper's score against its theme's. */
  centres: Float64Array;
  scores: Float64Array;
  /**
   * The map's fitted papers: which papers (null: evenly spaced ones) with every paper's
   * position, or the fitted papers as a model already holds them.
   */
  map: { fitted: Int32Array | null; x: ArrayLike<number>; y: ArrayLike<number> } | ThemeModel['map'];
}

/**
 * A ThemeModel (src/model/themeModel.ts) from its parts: the fitted vectorizer and SVD, and
 * for each theme its id, label, TF-IDF centre (the normalised sum of its papers' TF-IDF
 * rows), reduced centre and median score, and the map's fitted papers with their positions.
 */
export function buildThemeModel(parts: ThemeModelParts): ThemeModel {
  const { labels, tfidf, reduced: X } = parts;
  const k = parts.themes.length;
  const V = tfidf.cols;
  const tfidfCentres = new Float64Array(k * V);
  for (let r = 0; r < tfidf.rows; r++) {
    const base = labels[r] * V;
    for (let p = tfidf.indptr[r]; p < tfidf.indptr[r + 1]; p++) tfidfCentres[base + tfidf.indices[p]] += tfidf.values[p];
  }
  for (let c = 0; c < k; c++) {
    let norm = 0;
    for (let j = 0; j < V; j++) norm += tfidfCentres[c * V + j] ** 2;
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let j = 0; j < V; j++) tfidfCentres[c * V + j] *= scale;
  }
  const medians = themeMedians(parts.scores, labels);
  const map = 'rows' in parts.map ? parts.map : fittedMap(parts.map, X, labels);
  const model = parts.vectorizer;
  return {
    tokenizer: { ...parts.tokenizer, boilerplate: [...parts.tokenizer.boilerplate] },
    words: parts.words,
    phrases: [...parts.phrases],
    tfidf: { params: model.params, vocabulary: model.vocabulary, displayForms: model.displayForms, idf: model.idf, documentCount: model.documentCount, meanDocumentLength: model.meanDocumentLength },
    svd: { components: parts.svd.components, singularValues: parts.svd.singularValues, columnMeans: parts.svd.columnMeans },
    themes: {
      ids: Int32Array.from(parts.ids),
      labels: parts.themes.map((t) => t.label),
      tfidfCentres,
      reducedCentres: Float64Array.from(parts.centres),
      medianScores: Float64Array.from({ length: k }, (_, c) => medians.get(c) ?? 0),
      shown: parts.themes.map((t) => ({
        heading: t.heading ?? t.label, chosen: t.chosen ?? null, topTerms: t.topTerms, representativeIds: t.representativeIds, quality: t.quality ?? null, loose: t.loose === true,
      })),
      treeLabels: parts.treeLabels.map((g) => ({ label: g.label, heading: g.heading })),
    },
    map,
  };
}

/** The map's fitted papers (null: evenly spaced ones): their reduced rows, positions and themes. */
function fittedMap(placed: { fitted: Int32Array | null; x: ArrayLike<number>; y: ArrayLike<number> }, X: DenseMatrix, labels: Int32Array): ThemeModel['map'] {
  const d = X.cols;
  const mapRows = placed.fitted ?? Int32Array.from({ length: Math.min(X.rows, PCA_MAP_ROWS) }, (_, i) => Math.floor((i * X.rows) / Math.min(X.rows, PCA_MAP_ROWS)));
  const rows = new Float64Array(mapRows.length * d);
  const positions = new Float64Array(mapRows.length * 2);
  mapRows.forEach((r, i) => {
    rows.set(X.data.subarray(r * d, (r + 1) * d), i * d);
    positions[2 * i] = placed.x[r];
    positions[2 * i + 1] = placed.y[r];
  });
  return { rows, positions, themes: Int32Array.from(mapRows, (r) => labels[r]) };
}

/** The ThemeModel of a fit, under `themeIds` (the nightly job's stable ids), else the run's. */
export function themeModelOf(fitted: Fitted, options: PipelineOptions, themeIds?: readonly number[]): ThemeModel {
  const { labels, k, centres, boilerplate } = fitted.fittedThemes;
  const layout: MapLayout = fitted.mapped.layout;
  return buildThemeModel({
    tokenizer: { boilerplate, titleWeight: options.titleWeight, lemmas: options.lemmas, version: TOKENIZER_VERSION },
    words: fitted.tokens.words,
    phrases: fitted.tokens.phrases.phrases,
    vectorizer: fitted.vectors.model,
    svd: fitted.reduced.svd,
    tfidf: fitted.vectors.tfidf,
    reduced: fitted.reduced.vectors,
    labels,
    ids: themeIds ?? fitted.themeIds ?? Int32Array.from({ length: k }, (_, c) => c),
    themes: fitted.labelled.themes,
    treeLabels: fitted.labelled.groupLabels,
    centres,
    scores: Float64Array.from(fitted.labelled.assignments, (a) => a.score),
    map: { fitted: layout.fitted, x: layout.x, y: layout.y },
  });
}
