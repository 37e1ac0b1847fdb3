import { themeMedians } from '../src/metrics/looseFits.js';
import type { ThemeModel } from '../src/model/themeModel.js';
import type { PipelineOptions } from './options.js';
import type { fitThemes } from './fitThemes.js';

type Fitted = Awaited<ReturnType<typeof fitThemes>>;

/** The map's fitted papers when the layout had none (PCA): at most this many, evenly spaced. */
const PCA_MAP_ROWS = 3000;

/**
 * The ThemeModel of a fit (src/model/themeModel.ts): the fitted vectorizer and SVD, and for
 * each theme its id, label, TF-IDF centre (the normalised sum of its papers' TF-IDF rows),
 * reduced centre and median score, and the map's fitted papers with their positions.
 */
export function themeModelOf(fitted: Fitted, options: PipelineOptions, themeIds?: readonly number[]): ThemeModel {
  const { labels, k, centres, boilerplate } = fitted.fittedThemes;
  const tfidf = fitted.vectors.tfidf;
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
  const scores = Float64Array.from(fitted.labelled.assignments, (a) => a.score);
  const medians = themeMedians(scores, labels);
  const X = fitted.reduced.vectors;
  const d = X.cols;
  const layout = fitted.mapped.layout;
  const mapRows = layout.fitted ?? Int32Array.from({ length: Math.min(X.rows, PCA_MAP_ROWS) }, (_, i) => Math.floor((i * X.rows) / Math.min(X.rows, PCA_MAP_ROWS)));
  const rows = new Float64Array(mapRows.length * d);
  const positions = new Float64Array(mapRows.length * 2);
  mapRows.forEach((r, i) => {
    rows.set(X.data.subarray(r * d, (r + 1) * d), i * d);
    positions[2 * i] = layout.x[r];
    positions[2 * i + 1] = layout.y[r];
  });
  // The ids the themes are known by: the nightly job's stable ones, else the run's.
  const ids = themeIds ?? fitted.themeIds ?? Int32Array.from({ length: k }, (_, c) => c);
  const model = fitted.vectors.model;
  return {
    tokenizer: { boilerplate: [...boilerplate], titleWeight: options.titleWeight, lemmas: options.lemmas },
    phrases: [...fitted.tokens.phrases.phrases],
    tfidf: { params: model.params, vocabulary: model.vocabulary, idf: model.idf, documentCount: model.documentCount, meanDocumentLength: model.meanDocumentLength },
    svd: { components: fitted.reduced.svd.components, singularValues: fitted.reduced.svd.singularValues, columnMeans: fitted.reduced.svd.columnMeans },
    themes: {
      ids: Int32Array.from(ids),
      labels: fitted.labelled.themes.map((t) => t.label),
      tfidfCentres,
      reducedCentres: Float64Array.from(centres),
      medianScores: Float64Array.from({ length: k }, (_, c) => medians.get(c) ?? 0),
    },
    map: { rows, positions, themes: Int32Array.from(mapRows, (r) => labels[r]) },
  };
}
