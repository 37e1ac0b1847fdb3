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
  /** How a count becomes a term weight (see weightTfidf); absent: tf-idf as set by sublinearTf. */
  weighting?: TermWeighting;
}

/**
 * Term weighting of the vectors. 'tfidf': tf as set by TfidfParams.sublinearTf. 'bm25':
 * Okapi BM25's saturating, length-normalised tf (see bm25Tf), with k1 >= 0 (how slowly
 * repeats saturate; 0 gives presence only) and b in [0, 1] (how much a long document's
 * counts are discounted; 0 none).
 */
export type TermWeighting = { scheme: 'tfidf' } | { scheme: 'bm25'; k1: number; b: number };

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
  /**
   * Mean length of the fitted documents: the sum of a document's counts of vocabulary terms,
   * averaged over the documents (BM25's avgdl; kept so new documents are weighted alike).
   */
  meanDocumentLength: number;
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
  let keptCount = 0;
  for (const f of kept) keptCount += total[f];
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
    meanDocumentLength: n > 0 ? keptCount / n : 0,
  };
}

function wordCount(key: string): number {
  let words = 1;
  for (let i = 0; i < key.length; i++) if (key.charCodeAt(i) === 32) words++;
  return words;
}

/** Raw term counts, documents x vocabulary, as CSR; features outside the vocabulary are ignored. */
export function countTerms(model: Pick<TfidfModel, 'vocabulary'>, corpus: FeatureCorpus): CsrMatrix {
  return termCounter(model)(corpus);
}

/** {@link countTerms} for many corpora: the vocabulary's column of each key is looked up once. */
export function termCounter(model: Pick<TfidfModel, 'vocabulary'>): (corpus: FeatureCorpus) => CsrMatrix {
  const column = new Map(model.vocabulary.map((key, j) => [key, j] as const));
  const V = model.vocabulary.length;
  const scratch = new Float64Array(V);
  return (corpus) => countColumns(corpus, Int32Array.from(corpus.keys, (key) => column.get(key) ?? -1), V, scratch);
}

/** The CSR counts of each document's features in the columns `columnOf[feature]` (−1: not counted); `scratch` is V zeros, left zero. */
function countColumns(corpus: FeatureCorpus, columnOf: Int32Array, V: number, scratch: Float64Array): CsrMatrix {
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
 * Term weights from counts: w(d, t) = tf(d, t) * idf(t), then each row scaled to unit l2
 * norm (rows without any vocabulary term stay zero). Same sparsity as `counts`.
 *
 * tf is, by the model's weighting: tf-idf, the count c (or 1 + ln c with sublinearTf);
 * BM25, bm25Tf(c, len(d) / avgLen) with len(d) the sum of d's counts and avgLen the model's
 * meanDocumentLength (sublinearTf then unused: BM25's tf saturates by itself).
 */
export function weightTfidf(model: TfidfModel, counts: CsrMatrix): CsrMatrix {
  const weighting = model.params.weighting ?? { scheme: 'tfidf' };
  const values = new Float64Array(counts.values.length);
  for (let r = 0; r < counts.rows; r++) {
    const start = counts.indptr[r];
    const end = counts.indptr[r + 1];
    if (weighting.scheme === 'bm25') {
      const relativeLength = rowSum(counts.values, start, end) / (model.meanDocumentLength || 1);
      for (let p = start; p < end; p++) {
        values[p] = bm25Tf(counts.values[p], relativeLength, weighting.k1, weighting.b) * model.idf[counts.indices[p]];
      }
    } else {
      for (let p = start; p < end; p++) {
        const count = counts.values[p];
        values[p] = (model.params.sublinearTf ? 1 + Math.log(count) : count) * model.idf[counts.indices[p]];
      }
    }
    normaliseRange(values, start, end);
  }
  return { ...counts, values };
}

/**
 * Okapi BM25's term frequency: tf = c (k1 + 1) / (c + k1 (1 - b + b len/avgLen)), for a
 * count c > 0 in a document of relativeLength = len/avgLen. It rises from 1 (c = 1, average
 * length) towards k1 + 1 as c grows, and a document longer than average needs more repeats
 * for the same tf when b > 0. With k1 = 0 it is 1 for every present term.
 */
export function bm25Tf(count: number, relativeLength: number, k1: number, b: number): number {
  return (count * (k1 + 1)) / (count + k1 * (1 - b + b * relativeLength));
}

function rowSum(values: Float64Array, start: number, end: number): number {
  let total = 0;
  for (let p = start; p < end; p++) total += values[p];
  return total;
}

/** Scales values[start, end) to unit l2 norm; an all-zero range stays zero. */
function normaliseRange(values: Float64Array, start: number, end: number): void {
  let squares = 0;
  for (let p = start; p < end; p++) squares += values[p] * values[p];
  const norm = Math.sqrt(squares);
  if (norm > 0) for (let p = start; p < end; p++) values[p] /= norm;
}

/** Locale-independent ordering, so that the vocabulary is the same on every machine. */
export function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
