import type { CsrMatrix } from '../types.js';
import type { DocTerms } from '../tokenize/phrases.js';

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
 * Learns the vocabulary and idf from tokenized documents.
 *
 * df(t) = number of documents containing t; n = number of documents. A term is kept when
 * minDf <= df(t) <= maxDf * n; then, if maxFeatures is set, the maxFeatures terms with the
 * highest total count (ties broken by the term) are kept.
 */
export function fitTfidf(docs: readonly DocTerms[], params: TfidfParams): TfidfModel {
  const n = docs.length;
  const df = new Map<string, number>();
  const total = new Map<string, number>();
  const surfaceCounts = new Map<string, Map<string, number>>();
  for (const doc of docs) {
    const seen = new Set<string>();
    doc.keys.forEach((key, i) => {
      total.set(key, (total.get(key) ?? 0) + 1);
      let surfaces = surfaceCounts.get(key);
      if (!surfaces) surfaceCounts.set(key, (surfaces = new Map()));
      surfaces.set(doc.surfaces[i], (surfaces.get(doc.surfaces[i]) ?? 0) + 1);
      if (!seen.has(key)) {
        seen.add(key);
        df.set(key, (df.get(key) ?? 0) + 1);
      }
    });
  }
  const maxDocs = params.maxDf * n;
  let kept = [...df].filter(([, d]) => d >= params.minDf && d <= maxDocs).map(([key]) => key);
  if (params.maxFeatures !== null && kept.length > params.maxFeatures) {
    kept.sort((a, b) => total.get(b)! - total.get(a)! || compareCodePoints(a, b));
    kept = kept.slice(0, params.maxFeatures);
  }
  const vocabulary = kept.sort(compareCodePoints);
  const idf = new Float64Array(vocabulary.length);
  vocabulary.forEach((key, j) => {
    const d = df.get(key)!;
    idf[j] = params.smoothIdf ? Math.log((1 + n) / (1 + d)) + 1 : Math.log(n / d) + 1;
  });
  const displayForms = vocabulary.map((key) => mostFrequent(surfaceCounts.get(key)!));
  return { params, vocabulary, displayForms, idf, documentCount: n };
}

/** Raw term counts, documents x vocabulary, as CSR; terms outside the vocabulary are ignored. */
export function countTerms(model: TfidfModel, docs: readonly DocTerms[]): CsrMatrix {
  const column = new Map(model.vocabulary.map((key, j) => [key, j] as const));
  const indptr = new Int32Array(docs.length + 1);
  const indices: number[] = [];
  const values: number[] = [];
  docs.forEach((doc, r) => {
    const counts = new Map<number, number>();
    for (const key of doc.keys) {
      const j = column.get(key);
      if (j !== undefined) counts.set(j, (counts.get(j) ?? 0) + 1);
    }
    for (const j of [...counts.keys()].sort((a, b) => a - b)) {
      indices.push(j);
      values.push(counts.get(j)!);
    }
    indptr[r + 1] = indices.length;
  });
  return {
    rows: docs.length,
    cols: model.vocabulary.length,
    indptr,
    indices: Int32Array.from(indices),
    values: Float64Array.from(values),
  };
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

function mostFrequent(counts: Map<string, number>): string {
  let best = '';
  let bestCount = -1;
  for (const [surface, count] of counts) {
    if (count > bestCount || (count === bestCount && compareCodePoints(surface, best) < 0)) {
      best = surface;
      bestCount = count;
    }
  }
  return best;
}

/** Locale-independent ordering, so that the vocabulary is the same on every machine. */
export function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
