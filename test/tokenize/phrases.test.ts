import { describe, expect, it } from 'vitest';
import { docTerms, fitPhrases, phraseCandidates } from '../../src/tokenize/phrases.js';
import { ADJACENT, BREAK, CONNECTOR, type TokenizedDoc } from '../../src/tokenize/tokenizedDoc.js';

function doc(words: string, gaps: number[]): TokenizedDoc {
  const surfaces = words.split(' ');
  return { lemmas: surfaces.map((w) => w.replace(/s$/, '')), surfaces, gaps };
}

const merging = doc('models merging works', [BREAK, ADJACENT, BREAK]);
const experts = doc('mixture experts routing', [BREAK, CONNECTOR, ADJACENT]);
const bayes = doc('bayesian optimization surrogate', [BREAK, ADJACENT, ADJACENT]);

describe('phraseCandidates', () => {
  it('lists adjacent bigrams and trigrams, and "X of Y" across a connector', () => {
    expect(phraseCandidates(bayes, 3).map((c) => c.key)).toEqual([
      'bayesian optimization',
      'optimization surrogate',
      'bayesian optimization surrogate',
    ]);
    expect(phraseCandidates(experts, 3).map((c) => c.surface)).toEqual(['mixture of experts', 'experts routing']);
  });

  it('never spans a break', () => {
    expect(phraseCandidates(merging, 3).map((c) => c.key)).toEqual(['model merging']);
  });

  it('stops at bigrams when maxWords is 2', () => {
    expect(phraseCandidates(bayes, 2)).toHaveLength(2);
    expect(phraseCandidates(experts, 2).map((c) => c.key)).toEqual(['expert routing']);
  });
});

describe('fitPhrases', () => {
  it('keeps candidates that occur in at least minDocFrequency documents, sorted', () => {
    const model = fitPhrases([bayes, bayes, merging, experts, experts], { minDocFrequency: 2, maxWords: 3 });
    expect(model.phrases).toEqual([
      'bayesian optimization',
      'bayesian optimization surrogate',
      'expert routing',
      'mixture of expert',
      'optimization surrogate',
    ]);
  });

  it('counts a phrase repeated inside one document once', () => {
    const twice = doc('data selection data selection', [BREAK, ADJACENT, BREAK, ADJACENT]);
    expect(fitPhrases([twice], { minDocFrequency: 2, maxWords: 3 }).phrases).toEqual([]);
  });
});

describe('docTerms', () => {
  it('adds each occurrence of a learned phrase to the unigrams', () => {
    const terms = docTerms(experts, new Set(['mixture of expert']), 3);
    expect(terms.keys).toEqual(['mixture', 'expert', 'routing', 'mixture of expert']);
    expect(terms.surfaces[3]).toBe('mixture of experts');
  });
});
