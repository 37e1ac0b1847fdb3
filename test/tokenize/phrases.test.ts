import { describe, expect, it } from 'vitest';
import { encodeDocs } from '../../src/tokenize/encodeDocs.js';
import { extractFeatures, fitPhrases } from '../../src/tokenize/phrases.js';
import { ADJACENT, BREAK, CONNECTOR, type TokenizedDoc } from '../../src/tokenize/tokenizedDoc.js';

/** A tokenized doc whose lemmas are the surfaces without a plural s. */
function doc(words: string, gaps: number[]): TokenizedDoc {
  const surfaces = words.split(' ');
  return { lemmas: surfaces.map((w) => w.replace(/s$/, '')), surfaces, gaps };
}

const merging = doc('models merging works', [BREAK, ADJACENT, BREAK]);
const experts = doc('mixture experts routing', [BREAK, CONNECTOR, ADJACENT]);
const bayes = doc('bayesian optimization surrogate', [BREAK, ADJACENT, ADJACENT]);
const fit = (docs: TokenizedDoc[], minDocFrequency = 2, maxWords: 2 | 3 | 4 = 3) =>
  fitPhrases(encodeDocs(docs), { minDocFrequency, maxWords });

describe('fitPhrases', () => {
  it('keeps adjacent bigrams, trigrams and "X of Y" found in at least minDocFrequency documents, sorted', () => {
    expect(fit([bayes, bayes, merging, experts, experts]).phrases).toEqual([
      'bayesian optimization',
      'bayesian optimization surrogate',
      'expert routing',
      'mixture of expert',
      'optimization surrogate',
    ]);
  });

  it('keeps "X of Y" at maxWords 4 too (the setting of the tokenize stage), and not at 2', () => {
    expect(fit([experts, experts], 2, 4).phrases).toContain('mixture of expert');
    expect(fit([experts, experts], 2, 2).phrases).not.toContain('mixture of expert');
  });

  it('never joins words across a break', () => {
    expect(fit([merging, merging]).phrases).toEqual(['model merging']);
  });

  it('stops at bigrams when maxWords is 2', () => {
    expect(fit([bayes, bayes, experts, experts], 2, 2).phrases).toEqual([
      'bayesian optimization',
      'expert routing',
      'optimization surrogate',
    ]);
  });

  it('counts a phrase repeated inside one document once', () => {
    const twice = doc('data selection data selection', [BREAK, ADJACENT, BREAK, ADJACENT]);
    expect(fit([twice]).phrases).toEqual([]);
    expect(fit([twice], 1).phrases).toEqual(['data selection']);
  });

  it('keeps 4-word runs that recur when maxWords is 4, and none at 3', () => {
    const mcts = doc('monte carlo tree search planning', [BREAK, ADJACENT, ADJACENT, ADJACENT, BREAK]);
    expect(fit([mcts, mcts], 2, 4).phrases).toEqual([
      'carlo tree', 'carlo tree search', 'monte carlo', 'monte carlo tree', 'monte carlo tree search', 'tree search',
    ]);
    expect(fit([mcts, mcts], 2, 3).phrases).not.toContain('monte carlo tree search');
  });

  it('does not keep a 4-word run whose leading trigram is rare', () => {
    const a = doc('monte carlo tree search', [BREAK, ADJACENT, ADJACENT, ADJACENT]);
    const b = doc('monte carlo tree', [BREAK, ADJACENT, ADJACENT]);
    const c = doc('carlo tree search', [BREAK, ADJACENT, ADJACENT]);
    expect(fit([a, b, c], 2, 4).phrases).toEqual(['carlo tree', 'carlo tree search', 'monte carlo', 'monte carlo tree', 'tree search']);
  });

  it('does not keep a trigram whose leading bigram is rare', () => {
    const a = doc('fast bayesian optimization', [BREAK, ADJACENT, ADJACENT]);
    const b = doc('slow bayesian optimization', [BREAK, ADJACENT, ADJACENT]);
    expect(fit([a, b]).phrases).toEqual(['bayesian optimization']);
  });
});

describe('extractFeatures', () => {
  it('lists each occurrence of a 4-word phrase after its trigrams, shown in its most frequent written form', () => {
    const surfaces = 'Monte Carlo trees search'.toLowerCase().split(' ');
    const mcts: TokenizedDoc = { lemmas: ['monte', 'carlo', 'tree', 'search'], surfaces, gaps: [BREAK, ADJACENT, ADJACENT, ADJACENT] };
    const plain = doc('monte carlo tree search', [BREAK, ADJACENT, ADJACENT, ADJACENT]);
    const corpus = encodeDocs([mcts, plain, plain]);
    const features = extractFeatures(corpus, fitPhrases(corpus, { minDocFrequency: 2, maxWords: 4 }));
    const keysOf = (d: number) => Array.from(features.docs[d], (id) => features.keys[id]);
    expect(keysOf(0)).toEqual([
      'monte', 'carlo', 'monte carlo', 'tree', 'carlo tree', 'monte carlo tree',
      'search', 'tree search', 'carlo tree search', 'monte carlo tree search',
    ]);
    const id = features.keys.indexOf('monte carlo tree search');
    expect(features.displayForms[id]).toBe('monte carlo tree search');
    expect(features.displayForms[features.keys.indexOf('monte carlo tree')]).toBe('monte carlo tree');
  });

  it('lists every lemma and every occurrence of a learned phrase, with phrase ids after the lemmas', () => {
    const corpus = encodeDocs([experts, bayes]);
    const features = extractFeatures(corpus, { phrases: ['bayesian optimization', 'bayesian optimization surrogate', 'mixture of expert'] });
    const keysOf = (d: number) => Array.from(features.docs[d], (id) => features.keys[id]);
    expect(keysOf(0)).toEqual(['mixture', 'expert', 'mixture of expert', 'routing']);
    expect(keysOf(1)).toEqual(['bayesian', 'optimization', 'bayesian optimization', 'surrogate', 'bayesian optimization surrogate']);
  });

  it('displays each feature by its most frequent surface form', () => {
    const a = doc('models merging', [BREAK, ADJACENT]);
    const b = doc('model merging', [BREAK, ADJACENT]);
    const features = extractFeatures(encodeDocs([a, a, b]), { phrases: ['model merging'] });
    const display = (key: string) => features.displayForms[features.keys.indexOf(key)];
    expect(display('model')).toBe('models');
    expect(display('model merging')).toBe('models merging');
  });

  it('ignores phrases whose words the corpus does not have', () => {
    const features = extractFeatures(encodeDocs([merging]), { phrases: ['quantum annealing'] });
    expect(features.docs[0]).toHaveLength(3);
  });
});

describe('heads of hyphenated compounds', () => {
  const keysOf = (features: ReturnType<typeof extractFeatures>, d: number) => Array.from(features.docs[d], (id) => features.keys[id]);

  it('count a compound as itself and as its last part, shared with the word on its own', () => {
    const a = doc('two-dimensional lattice', [BREAK, ADJACENT]);
    const b = doc('dimensional analysis', [BREAK, ADJACENT]);
    const features = extractFeatures(encodeDocs([a, b]), { phrases: [] });
    expect(keysOf(features, 0)).toEqual(['two-dimensional', 'dimensional', 'lattice']);
    expect(features.keys.filter((k) => k === 'dimensional')).toHaveLength(1);
    expect(keysOf(features, 1)).toEqual(['dimensional', 'analysi']);
  });

  it('add a head that never occurs alone as a new feature after the phrases', () => {
    const a = doc('high-dimensional data', [BREAK, ADJACENT]);
    const features = extractFeatures(encodeDocs([a, a]), { phrases: ['high-dimensional data'] });
    expect(keysOf(features, 0)).toEqual(['high-dimensional', 'dimensional', 'data', 'high-dimensional data']);
    expect(features.keys.indexOf('dimensional')).toBeGreaterThan(features.keys.indexOf('high-dimensional data'));
    expect(features.displayForms[features.keys.indexOf('dimensional')]).toBe('dimensional');
  });
});
