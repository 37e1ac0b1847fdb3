import type { CsrMatrix } from '../types.js';
import type { FeatureCorpus } from '../tokenize/phrases.js';

/** Plain-data parameters of the TF-IDF vectorizer (the names follow scikit-learn's). */
export interface TfidfParams {
  /** Keep terms found in at least this many documents (a count, >= 1). */
  minDf: number;
  /** Drop terms found in more than this share of documents (a proportion in (0, 1]). */
  maxDf: number;
  /** Keep at most this many terms, the most frequent over the corpus; null keeps all. */
  maxFeatures: number | null;
  /** tf = 1 + ln(count) instead of the raw count. */
  sublinearTf: boolean;
  /** idf = ln((1 + n) / (1 + df)) + 1 instead of ln(n / df) + 1. */
  smoothIdf: boolean;
  /**
   * Phrases of more words than this are counted (the labels use them: "monte carlo tree
   * search") but weigh nothing in the vectors (idf 0), which they would only skew towards
   * the shorter phrases inside them. Absent: every feature is weighted.
   */
  maxWeightedWords?: number;
}

/** A fitted vectorizer: serialisable, enough to transform new documents. */
export interface TfidfModel {
  params: TfidfParams;
  /** Feature keys (lemmas, phrases of lemmas), sorted by code point; column j is vocabulary[j]. */
  vocabulary: string[];
  /** The most frequent surface form of each feature, for people ("model merging"). */
  displayForms: string[];
  /** idf[j] of feature j, see TfidfParams.smoothIdf. */
  idf: Float64Array;
  documentCount: number;
}

/**
 * Learns the vocabulary and idf from a feature corpus.
 *
 * df(t) = number of documents containing t; n = number of documents. A term is kept when
 * minDf <= df(t) <= maxDf * n; then, if maxFeatures is set, the maxFeatures terms with the
 * highest total count (ties broken by the term) are kept.
 */
export function fitTfidf(corpus: FeatureCorpus, params: TfidfParams): TfidfModel {
  const n = corpus.docs.length;
  const F = corpus.keys.length;
  const df = new Int32Array(F);
  const total = new Float64Array(F);
  const lastDoc = new Int32Array(F).fill(-1);
  corpus.docs.forEach((features, d) => {
    for (let i = 0; i < features.length; i++) {
      const f = features[i];
      total[f]++;
      if (lastDoc[f] !== d) {
        lastDoc[f] = d;
        df[f]++;
      }
    }
  });
  const maxDocs = params.maxDf * n;
  let kept: number[] = [];
  for (let f = 0; f < F; f++) if (df[f] >= params.minDf && df[f] <= maxDocs) kept.push(f);
  if (params.maxFeatures !== null && kept.length > params.maxFeatures) {
    kept.sort((a, b) => total[b] - total[a] || compareCodePoints(corpus.keys[a], corpus.keys[b]));
    kept = kept.slice(0, params.maxFeatures);
  }
  kept.sort((a, b) => compareCodePoints(corpus.keys[a], corpus.keys[b]));
  const idf = new Float64Array(kept.length);
  const maxWords = params.maxWeightedWords ?? Number.POSITIVE_INFINITY;
  kept.forEach((f, j) => {
    if (wordCount(corpus.keys[f]) > maxWords) return;
    idf[j] = params.smoothIdf ? Math.log((1 + n) / (1 + df[f])) + 1 : Math.log(n / df[f]) + 1;
  });
  return {
    params,
    vocabulary: kept.map((f) => corpus.keys[f]),
    displayForms: kept.map((f) => corpus.displayForms[f]),
    idf,
    documentCount: n,
  };
}

function wordCount(key: string): number {
  let words = 1;
  for (let i = 0; i < key.length; i++) if (key.charCodeAt(i) === 32) words++;
  return words;
}

/** Raw term counts, documents x vocabulary, as CSR; features outside the vocabulary are ignored. */
export function countTerms(model: TfidfModel, corpus: FeatureCorpus): CsrMatrix {
  const column = new Map(model.vocabulary.map((key, j) => [key, j] as const));
  const columnOf = Int32Array.from(corpus.keys, (key) => column.get(key) ?? -1);
  const V = model.vocabulary.length;
  const scratch = new Float64Array(V);
  const indptr = new Int32Array(corpus.docs.length + 1);
  let nnz = 0;
  for (const features of corpus.docs) nnz += features.length;
  let indices = new Int32Array(nnz);
  let values = new Float64Array(nnz);
  let p = 0;
  corpus.docs.forEach((features, r) => {
    const start = p;
    for (let i = 0; i < features.length; i++) {
      const j = columnOf[features[i]];
      if (j < 0) continue;
      if (scratch[j] === 0) indices[p++] = j;
      scratch[j]++;
    }
    sortAscending(indices, start, p);
    for (let q = start; q < p; q++) {
      values[q] = scratch[indices[q]];
      scratch[indices[q]] = 0;
    }
    indptr[r + 1] = p;
  });
  indices = indices.slice(0, p);
  values = values.slice(0, p);
  return { rows: corpus.docs.length, cols: V, indptr, indices, values };
}

/**
 * Sorts a[start, end) ascending in place: an insertion sort, as a row holds a few dozen
 * distinct terms (a typed-array sort() per row cost more in calls than in comparisons).
 */
function sortAscending(a: Int32Array, start: number, end: number): void {
  for (let i = start + 1; i < end; i++) {
    const value = a[i];
    let j = i - 1;
    while (j >= start && a[j] > value) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = value;
  }
}

/**
 * TF-IDF weights from counts: w(d, t) = tf(d, t) * idf(t), then each row scaled to unit
 * l2 norm (rows without any vocabulary term stay zero). Same sparsity as `counts`.
 */
export function weightTfidf(model: TfidfModel, counts: CsrMatrix): CsrMatrix {
  const values = new Float64Array(counts.values.length);
  for (let r = 0; r < counts.rows; r++) {
    let squares = 0;
    for (let p = counts.indptr[r]; p < counts.indptr[r + 1]; p++) {
      const count = counts.values[p];
      const tf = model.params.sublinearTf ? 1 + Math.log(count) : count;
      values[p] = tf * model.idf[counts.indices[p]];
      squares += values[p] * values[p];
    }
    const norm = Math.sqrt(squares);
    if (norm > 0) for (let p = counts.indptr[r]; p < counts.indptr[r + 1]; p++) values[p] /= norm;
  }
  return { ...counts, values };
}

/** Locale-independent ordering, so that the vocabulary is the same on every machine. */
export function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
