import { describe, expect, it } from 'vitest';
import { countTerms, fitTfidf, weightTfidf, type TfidfParams } from '../../src/vectorize/tfidf.js';
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
