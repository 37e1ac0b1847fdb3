import { describe, expect, it } from 'vitest';
import { createEncodingTokenizer, createWinkTokenizer, MAX_WORD_LENGTH } from '../../src/tokenize/winkTokenizer.js';
import { ADJACENT, BREAK, CONNECTOR } from '../../src/tokenize/tokenizedDoc.js';

const tokenize = createWinkTokenizer({ extraStopWords: ['propose', 'method'], minWordLength: 2 });

describe('createWinkTokenizer', () => {
  it('lower-cases and lemmatises words, keeping the surface form beside the lemma', () => {
    const doc = tokenize('Merging Models improves Accuracy');
    expect(doc.lemmas).toEqual(['merge', 'model', 'improve', 'accuracy']);
    expect(doc.surfaces).toEqual(['merging', 'models', 'improves', 'accuracy']);
  });

  it('gives a word the same lemma whatever its part of speech in context', () => {
    const a = tokenize('Model merging works.');
    const b = tokenize('We study merging.');
    expect(a.lemmas[1]).toBe(b.lemmas[b.lemmas.length - 1]);
  });

  it('drops stop words, boilerplate (by lemma), numbers, punctuation and LaTeX syntax', () => {
    const doc = tokenize('We propose methods with 3.5 gains: $\\alpha^2$ and \\beta, MoE$^2$ wins!');
    expect(doc.lemmas).toEqual(['gain', 'alpha', 'beta', 'moe', 'win']);
  });

  it('marks adjacency, a lone "of" connector and breaks between kept words', () => {
    const doc = tokenize('Mixture of experts for data selection. Selection pressure');
    expect(doc.surfaces).toEqual(['mixture', 'experts', 'data', 'selection', 'selection', 'pressure']);
    expect(doc.gaps).toEqual([BREAK, CONNECTOR, BREAK, ADJACENT, BREAK, ADJACENT]);
  });

  it('does not join words across a sentence boundary', () => {
    const doc = tokenize('We like bayesian. Optimization is hard.');
    const i = doc.surfaces.indexOf('optimization');
    expect(doc.gaps[i]).toBe(BREAK);
  });
});

describe('hyphenated compounds', () => {
  it('become one word, lemmatised on their last part', () => {
    const doc = tokenize('Fine-tuning and state-of-the-art fine-tuned models - not split');
    expect(doc.surfaces).toEqual(['fine-tuning', 'state-of-the-art', 'fine-tuned', 'models', 'split']);
    expect(doc.lemmas[2]).toBe('fine-tune');
  });
});

describe('words', () => {
  it('drop a possessive, whether or not an apostrophe is curly', () => {
    expect(tokenize("Zipf's law and Zipf\u2019s law and the models' law").surfaces).toEqual(['zipf', 'law', 'zipf', 'law', 'models', 'law']);
  });

  it('are not words when they start with a digit', () => {
    expect(tokenize('3x faster').surfaces).toEqual(['faster']);
  });

  it('drop a contraction whose parts are all stop words', () => {
    expect(tokenize("We don't overfit").surfaces).toEqual(['overfit']);
  });
});

describe('overlong words', () => {
  it('are no features: a 200,000-letter word gives no token and breaks the phrase around it', () => {
    const long = 'x'.repeat(200_000);
    expect(tokenize(long).lemmas).toEqual([]);
    const doc = tokenize(`bayesian ${long} optimization`);
    expect(doc.surfaces).toEqual(['bayesian', 'optimization']);
    expect(doc.gaps).toEqual([BREAK, BREAK]);
  });

  it('are no features in non-ASCII text either', () => {
    expect(tokenize(`é${'x'.repeat(200_000)} model`).surfaces).toEqual(['model']);
  });

  it(`are those longer than ${MAX_WORD_LENGTH} characters (a word of ${MAX_WORD_LENGTH} is kept)`, () => {
    const longest = 'q'.repeat(MAX_WORD_LENGTH);
    expect(tokenize(`${longest} ${longest}r`).surfaces).toEqual([longest]);
  });

  it('count hyphenated compounds whole', () => {
    const compound = Array.from({ length: 20 }, () => 'part').join('-');
    expect(compound.length).toBeGreaterThan(MAX_WORD_LENGTH);
    expect(tokenize(`${compound} model`).surfaces).toEqual(['model']);
  });

  it('are no features in encoded batches either', () => {
    const batch = createEncodingTokenizer({ extraStopWords: [], minWordLength: 2 })([`${'y'.repeat(200_000)} model`]);
    expect(batch.newSurfaces).toEqual(['model']);
    expect([...batch.lengths]).toEqual([1]);
  });
});

describe('known words (a fitted model\'s)', () => {
  const params = { extraStopWords: ['propose', 'method'], minWordLength: 2 };
  const texts = ['Merging Models improves Accuracy of experts.', 'We propose mixture of experts for data selection; models merge.'];

  it('tokenizes as wink would when the known words are what wink said of them', () => {
    const plain = createWinkTokenizer(params);
    const docs = texts.map(plain);
    const known = { surfaces: docs.flatMap((d) => d.surfaces), lemmas: docs.flatMap((d) => d.lemmas) };
    expect(texts.map(createWinkTokenizer(params, known))).toEqual(docs);
  });

  it('takes a known word\'s lemma from the list, not from wink, and looks up the others', () => {
    const doc = createWinkTokenizer(params, { surfaces: ['models'], lemmas: ['model-from-the-fit'] })(texts[0]);
    expect(doc.lemmas).toEqual(['merge', 'model-from-the-fit', 'improve', 'accuracy', 'expert']);
  });

  it('refuses lists of different lengths', () => {
    expect(() => createWinkTokenizer(params, { surfaces: ['a', 'b'], lemmas: ['a'] })).toThrow(/2 surfaces but 1 lemmas/);
  });
});
