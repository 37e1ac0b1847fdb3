import { describe, expect, it } from 'vitest';
import { bm25Tf, countTerms, fitTfidf, weightTfidf, type TfidfParams } from '../../src/vectorize/tfidf.js';
import type { FeatureCorpus } from '../../src/tokenize/phrases.js';

const params: TfidfParams = { minDf: 1, maxDf: 1, maxFeatures: null, sublinearTf: true, smoothIdf: true };

/** Documents as space-separated feature keys; each key is displayed in upper case. */
function corpus(...docs: string[]): FeatureCorpus {
  const keys: string[] = [];
  const ids = new Map<string, number>();
  const id = (key: string) => {
    if (!ids.has(key)) ids.set(key, keys.push(key) - 1);
    return ids.get(key)!;
  };
  return {
    docs: docs.map((d) => Int32Array.from(d.split(' ').filter(Boolean), id)),
    keys,
    displayForms: keys.map((k) => k.toUpperCase()),
  };
}

// d0: a a b   d1: b c   d2: c
const docs = corpus('a a b', 'b c', 'c');

describe('fitTfidf', () => {
  it('computes the smoothed idf ln((1+n)/(1+df)) + 1', () => {
    const model = fitTfidf(docs, params);
    expect(model.vocabulary).toEqual(['a', 'b', 'c']);
    expect(model.idf[0]).toBeCloseTo(Math.log(4 / 2) + 1, 12);
    expect(model.idf[1]).toBeCloseTo(Math.log(4 / 3) + 1, 12);
  });

  it('keeps phrases longer than maxWeightedWords as counted columns that weigh nothing in the vectors', () => {
    const keys = ['monte', 'monte carlo tree', 'monte carlo tree search'];
    const features: FeatureCorpus = { keys, displayForms: keys, docs: [Int32Array.of(0, 1, 2), Int32Array.of(0)] };
    const model = fitTfidf(features, { ...params, maxWeightedWords: 3 });
    expect(model.vocabulary).toEqual(keys);
    expect(model.idf[1]).toBeGreaterThan(1);
    expect(model.idf[2]).toBe(0);
    const counts = countTerms(model, features);
    expect(Array.from(counts.values.subarray(0, 3))).toEqual([1, 1, 1]);
    const tfidf = weightTfidf(model, counts);
    expect(tfidf.values[2]).toBe(0);
    expect(tfidf.values[0] ** 2 + tfidf.values[1] ** 2).toBeCloseTo(1, 12);
  });

  it('computes the plain idf ln(n/df) + 1 when smoothIdf is off', () => {
    const model = fitTfidf(docs, { ...params, smoothIdf: false });
    expect(model.idf[0]).toBeCloseTo(Math.log(3) + 1, 12);
  });

  it('keeps terms with minDf <= df <= maxDf * n', () => {
    expect(fitTfidf(docs, { ...params, minDf: 2 }).vocabulary).toEqual(['b', 'c']);
    expect(fitTfidf(docs, { ...params, maxDf: 0.5 }).vocabulary).toEqual(['a']);
  });

  it('keeps the maxFeatures most frequent terms, ties broken by the term', () => {
    expect(fitTfidf(docs, { ...params, maxFeatures: 1 }).vocabulary).toEqual(['a']);
    expect(fitTfidf(docs, { ...params, maxFeatures: 2 }).vocabulary).toEqual(['a', 'b']);
  });

  it('carries the display form of each kept feature', () => {
    expect(fitTfidf(docs, { ...params, minDf: 2 }).displayForms).toEqual(['B', 'C']);
  });
});

describe('countTerms and weightTfidf', () => {
  it('gives sublinear tf times idf, l2-normalised per row (checked by hand)', () => {
    const model = fitTfidf(docs, params);
    const counts = countTerms(model, docs);
    expect(Array.from(counts.indptr)).toEqual([0, 2, 4, 5]);
    expect(Array.from(counts.values)).toEqual([2, 1, 1, 1, 1]);
    const w = weightTfidf(model, counts);
    const a = (1 + Math.log(2)) * (Math.log(2) + 1);
    const b = Math.log(4 / 3) + 1;
    const norm = Math.hypot(a, b);
    expect(w.values[0]).toBeCloseTo(a / norm, 12);
    expect(w.values[1]).toBeCloseTo(b / norm, 12);
    expect(w.values[4]).toBeCloseTo(1, 12);
  });

  it('lists each row\'s terms once, in increasing column order, with their counts (features in any order)', () => {
    // Documents whose words come in scrambled order, with repeats, over a 60-term vocabulary.
    const words = Array.from({ length: 60 }, (_, i) => `w${String(i).padStart(2, '0')}`);
    const texts = Array.from({ length: 20 }, (_, d) =>
      Array.from({ length: 40 + d }, (_, i) => words[(i * 37 + d * 11) % (7 + 2 * d + (i % 3))]).join(' '));
    const scrambled = corpus(...texts);
    const model = fitTfidf(scrambled, params);
    const counts = countTerms(model, scrambled);
    texts.forEach((text, r) => {
      const want = new Map<number, number>();
      for (const word of text.split(' ')) {
        const j = model.vocabulary.indexOf(word);
        want.set(j, (want.get(j) ?? 0) + 1);
      }
      const columns = [...want.keys()].sort((a, b) => a - b);
      const row = Array.from(counts.indices.subarray(counts.indptr[r], counts.indptr[r + 1]));
      expect(row).toEqual(columns);
      expect(Array.from(counts.values.subarray(counts.indptr[r], counts.indptr[r + 1]))).toEqual(columns.map((j) => want.get(j)));
    });
  });

  it('uses raw counts when sublinearTf is off', () => {
    const model = fitTfidf(docs, { ...params, sublinearTf: false });
    const w = weightTfidf(model, countTerms(model, docs));
    const a = 2 * (Math.log(2) + 1);
    const b = Math.log(4 / 3) + 1;
    expect(w.values[0]).toBeCloseTo(a / Math.hypot(a, b), 12);
  });

  it('ignores unknown terms and leaves a row with no known term at zero', () => {
    const model = fitTfidf(docs, params);
    const w = weightTfidf(model, countTerms(model, corpus('zzz')));
    expect(w.indptr[1]).toBe(0);
    expect(w.values.length).toBe(0);
  });
});

describe('BM25 weighting', () => {
  const bm25 = { ...params, weighting: { scheme: 'bm25', k1: 2, b: 0.75 } } as const;
  const idfA = Math.log(4 / 2) + 1;
  const idfB = Math.log(4 / 3) + 1;

  it('keeps the mean document length over vocabulary terms only', () => {
    // lengths 3, 2, 1; with minDf 2 only b and c are kept: lengths 1, 2, 1.
    expect(fitTfidf(docs, params).meanDocumentLength).toBe(2);
    expect(fitTfidf(docs, { ...params, minDf: 2 }).meanDocumentLength).toBeCloseTo(4 / 3, 12);
  });

  it('gives tf = c (k1 + 1) / (c + k1 (1 - b + b len/avgLen)) times idf, l2-normalised (checked by hand)', () => {
    const model = fitTfidf(docs, bm25);
    const w = weightTfidf(model, countTerms(model, docs));
    // d0 = a a b: len 3, avgLen 2, k1 (1 - b + b len/avgLen) = 2 (0.25 + 1.125) = 2.75;
    // tf(a) = 2 x 3 / (2 + 2.75) = 6 / 4.75, tf(b) = 3 / (1 + 2.75) = 0.8.
    const a = (6 / 4.75) * idfA;
    const b = 0.8 * idfB;
    expect(w.values[0]).toBeCloseTo(a / Math.hypot(a, b), 12);
    expect(w.values[1]).toBeCloseTo(b / Math.hypot(a, b), 12);
    // d1 = b c: average length, both counts 1, so tf 1 and the weights are the idfs.
    const c = Math.log(4 / 3) + 1;
    expect(w.values[2]).toBeCloseTo(idfB / Math.hypot(idfB, c), 12);
    expect(w.values[4]).toBeCloseTo(1, 12);
  });

  it('weighs new documents against the fitted mean length', () => {
    const model = fitTfidf(docs, bm25);
    const w = weightTfidf(model, countTerms(model, corpus('a a a a b')));
    // len 5, avgLen 2 (of the fitted documents): 2 (0.25 + 0.75 x 2.5) = 4.25;
    // tf(a) = 4 x 3 / 8.25, tf(b) = 3 / 5.25.
    const a = (12 / 8.25) * idfA;
    const b = (3 / 5.25) * idfB;
    expect(w.values[0]).toBeCloseTo(a / Math.hypot(a, b), 12);
    expect(w.values[1]).toBeCloseTo(b / Math.hypot(a, b), 12);
  });

  it('differs from tf-idf, which an explicit tfidf weighting leaves as it was', () => {
    const plain = fitTfidf(docs, params);
    const explicit = fitTfidf(docs, { ...params, weighting: { scheme: 'tfidf' } });
    const okapi = fitTfidf(docs, bm25);
    const before = weightTfidf(plain, countTerms(plain, docs)).values;
    expect(weightTfidf(explicit, countTerms(explicit, docs)).values).toEqual(before);
    expect(weightTfidf(okapi, countTerms(okapi, docs)).values[0]).not.toBeCloseTo(before[0], 3);
  });

  it('gives the same weights on every call (determinism)', () => {
    const model = fitTfidf(docs, bm25);
    const first = weightTfidf(model, countTerms(model, docs));
    const second = weightTfidf(fitTfidf(docs, bm25), countTerms(model, docs));
    expect(Array.from(second.values)).toEqual(Array.from(first.values));
    expect(Array.from(second.indices)).toEqual(Array.from(first.indices));
  });
});

describe('bm25Tf', () => {
  it('is 1 for a single occurrence in a document of average length, whatever k1 and b', () => {
    for (const [k1, b] of [[0, 0], [1.2, 0.75], [2, 0.5], [10, 1]]) expect(bm25Tf(1, 1, k1, b)).toBeCloseTo(1, 12);
  });

  it('saturates towards k1 + 1 as the count grows', () => {
    expect(bm25Tf(3, 1, 2, 0.75)).toBeCloseTo(9 / 5, 12);
    expect(bm25Tf(1e9, 1, 2, 0.75)).toBeCloseTo(3, 6);
  });

  it('discounts long documents by b and ignores the length when b = 0', () => {
    // len/avgLen 2: 2 x 3 / (2 + 2 (0.25 + 1.5)) = 6 / 5.5.
    expect(bm25Tf(2, 2, 2, 0.75)).toBeCloseTo(6 / 5.5, 12);
    expect(bm25Tf(2, 2, 2, 0)).toBeCloseTo(bm25Tf(2, 1, 2, 0), 12);
    expect(bm25Tf(2, 4, 2, 1)).toBeLessThan(bm25Tf(2, 2, 2, 1));
  });

  it('is 1 for every present term when k1 = 0', () => {
    expect(bm25Tf(7, 3, 0, 0.75)).toBe(1);
  });
});
