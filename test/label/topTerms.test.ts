import { describe, expect, it } from 'vitest';
import { phraseParts, termRelations, topTerms as topTermsOf } from '../../src/label/topTerms.js';
import type { TopTermsParams } from '../../src/label/topTerms.js';

/** Term and weight only; the column is checked in its own test. */
const topTerms = (w: Float64Array, c: Float64Array, v: string[], d: string[], p: TopTermsParams) =>
  topTermsOf(w, c, v, d, termRelations(v), p).map(({ term, weight }) => ({ term, weight }));

describe('phraseParts', () => {
  it('lists the shorter word runs of a phrase', () => {
    expect(phraseParts('large language model')).toEqual(['large', 'language', 'model', 'large language', 'language model']);
  });
  it('splits "X of Y" into X and Y', () => {
    expect(phraseParts('mixture of expert')).toEqual(['mixture', 'expert']);
  });
});

describe('topTerms', () => {
  const vocabulary = ['bayesian', 'bayesian optimization', 'gaussian', 'optimization'];
  const display = ['bayesian', 'bayesian optimization', 'gaussian', 'optimization'];
  const params = { count: 3, absorbShare: 0.5 };

  it('gives each term its vocabulary column', () => {
    const weights = Float64Array.from([0.3, 0.2, 0.25, 0.4]);
    const counts = Float64Array.from([5, 5, 4, 8]);
    const ranked = topTermsOf(weights, counts, vocabulary, display, termRelations(vocabulary), params);
    expect(ranked.map((t) => [t.term, t.column])).toEqual([['bayesian optimization', 1], ['gaussian', 2]]);
  });

  it('puts a phrase in the place of the parts it absorbs and drops them', () => {
    const weights = Float64Array.from([0.3, 0.2, 0.25, 0.4]);
    const counts = Float64Array.from([5, 5, 4, 8]);
    expect(topTerms(weights, counts, vocabulary, display, params)).toEqual([
      { term: 'bayesian optimization', weight: 0.4 },
      { term: 'gaussian', weight: 0.25 },
    ]);
  });

  it('keeps a part that occurs mostly outside the phrase', () => {
    const weights = Float64Array.from([0.3, 0.2, 0.25, 0.4]);
    const counts = Float64Array.from([5, 5, 4, 30]);
    expect(topTerms(weights, counts, vocabulary, display, params).map((t) => t.term)).toEqual([
      'optimization',
      'bayesian optimization',
      'gaussian',
    ]);
  });

  it('returns at most `count` terms and never a zero-weight one', () => {
    const weights = Float64Array.from([0.1, 0, 0, 0]);
    const counts = Float64Array.from([1, 0, 0, 0]);
    expect(topTerms(weights, counts, vocabulary, display, params)).toEqual([{ term: 'bayesian', weight: 0.1 }]);
  });
});

describe('acronyms', () => {
  it('are the initials of a phrase, with and without "of"', async () => {
    const { phraseAcronyms } = await import('../../src/label/topTerms.js');
    expect(phraseAcronyms('bayesian optimization')).toEqual(['bo', 'bos']);
    expect(phraseAcronyms('mixture of expert')).toEqual(['moe', 'me', 'moes', 'mes']);
  });

  it('are absorbed by their phrase whatever their count', () => {
    const vocabulary = ['bayesian optimization', 'bo', 'gaussian'];
    const weights = Float64Array.from([0.2, 0.5, 0.3]);
    const counts = Float64Array.from([2, 20, 3]);
    expect(topTerms(weights, counts, vocabulary, vocabulary, { count: 3, absorbShare: 0.5 })).toEqual([
      { term: 'bayesian optimization', weight: 0.5 },
      { term: 'gaussian', weight: 0.3 },
    ]);
  });
});

describe('termRelations', () => {
  it('lists the columns of each phrase part and acronym present in the vocabulary', () => {
    const vocabulary = ['bayesian', 'bayesian optimization', 'bo', 'optimization', 'zeta'];
    const relations = termRelations(vocabulary);
    expect(Array.from(relations.parts[1]!)).toEqual([0, 3]);
    expect(Array.from(relations.acronyms[1]!)).toEqual([2]);
    expect(relations.parts[0]).toBeNull();
  });
});
