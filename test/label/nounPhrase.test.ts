import { describe, expect, it } from 'vitest';
import { tokenize } from '../../pipeline/2-tokenize.js';
import { readWordList } from '../../pipeline/fitThemes.js';
import { defaultOptions } from '../../pipeline/options.js';
import { isNounPhrase } from '../../src/label/nounPhrase.js';
import { noTokenCache } from '../../src/tokenize/tokenCache.js';
import { createPhraseTagger } from '../../src/tokenize/winkTokenizer.js';

/** Tagged as the label stage tags a candidate: the phrase alone, by wink. */
const tag = createPhraseTagger();
const nounPhrase = (phrase: string) => isNounPhrase(phrase.split(' '), tag(phrase));

/** Tags a noun phrase may not start or end with (a gerund in -ing tagged VERB counts as a noun). */
const EDGE_TAGS_RULED_OUT = new Set(['VERB', 'DET', 'ADV', 'ADP', 'PRON']);
const badEdge = (word: string, tag: string) => EDGE_TAGS_RULED_OUT.has(tag) && !(tag === 'VERB' && word.endsWith('ing'));

describe('isNounPhrase, on wink tags of the phrase alone', () => {
  it('accepts (ADJ|NOUN|PROPN)* NOUN runs of one to four words', () => {
    for (const phrase of ['knot', 'knot invariants', 'sparse mixture', 'wireless sensor networks', 'large language model', 'monte carlo tree search', 'bose-einstein condensate']) {
      expect(nounPhrase(phrase), phrase).toBe(true);
    }
  });

  it('accepts "X of Y" of two noun phrases ("mixture of experts"), not "of" at either end or after a verb', () => {
    expect(nounPhrase('mixture of experts')).toBe(true);
    expect(nounPhrase('sparse mixture of experts')).toBe(true);
    for (const phrase of ['mixture of', 'of experts', 'learn of experts', 'mixture of large']) expect(nounPhrase(phrase), phrase).toBe(false);
  });

  it('counts a gerund as a noun ("model merging") but a participle in -ed as a verb ("proposed method")', () => {
    expect(tag('model merging')).toEqual(['NOUN', 'VERB']);
    expect(nounPhrase('model merging')).toBe(true);
    expect(nounPhrase('reinforcement learning')).toBe(true);
    expect(nounPhrase('proposed method')).toBe(false);
    expect(nounPhrase('large pre-trained')).toBe(false);
  });

  it('never accepts a phrase that starts or ends with a verb, determiner, adverb or preposition', () => {
    const cases = {
      verb: ['propose networks', 'networks propose', 'deploy wireless sensor networks'],
      determiner: ['the model', 'model the'],
      adverb: ['very large model', 'search quickly'],
      preposition: ['in networks', 'networks in'],
    };
    for (const [kind, phrases] of Object.entries(cases)) {
      for (const phrase of phrases) expect(nounPhrase(phrase), `${kind}: ${phrase}`).toBe(false);
    }
  });

  it('rejects a phrase ending in an adjective, no words, or tags that do not match the words', () => {
    expect(nounPhrase('large')).toBe(false);
    expect(nounPhrase('fine-tuning large')).toBe(false);
    expect(isNounPhrase([], [])).toBe(false);
    expect(isNounPhrase(['knot', 'invariants'], ['NOUN'])).toBe(false);
  });
});

/**
 * Real sentences, one per paper, each with one known noun phrase of 2-4 words. Their verbs
 * and adverbs are ones wink tags as such out of context ("explore", "quickly"), so the
 * runs the tokenizer makes around them are known not to be noun phrases.
 */
const SENTENCES = [
  'A sparse mixture of experts sends each token to a few experts and keeps language models cheap.',
  'Monte Carlo tree search algorithms explore large game trees quickly and find promising moves.',
  'We deploy wireless sensor networks that monitor soil moisture in remote fields.',
  'Knot invariants distinguish many knots, and we compute the Jones polynomial for braided links.',
  'Trapped atoms in a Bose-Einstein condensate carry vortices that rotate slowly in harmonic traps.',
];

describe('label candidates from phrases the tokenizer finds in real sentences', async () => {
  const papers = SENTENCES.map((abstract, i) => ({ id: `s${i}`, title: '', titleDerived: true as const, abstract }));
  const { features } = await tokenize({ papers }, {
    boilerplate: readWordList(defaultOptions().stopwordsFile), phraseMinDf: 1, titleWeight: 1, lemmas: true, workers: 1, cache: noTokenCache(),
  });
  const phrases = features.displayForms.filter((form) => form.includes(' '));
  const candidates = phrases.filter(nounPhrase);

  it('keeps the noun phrases, "X of Y" included', () => {
    for (const phrase of ['mixture of experts', 'sparse mixture', 'monte carlo tree search', 'large game trees', 'wireless sensor networks',
      'soil moisture', 'knot invariants', 'jones polynomial', 'bose-einstein condensate', 'harmonic traps']) {
      expect(candidates, phrase).toContain(phrase);
    }
  });

  it('drops the runs that start or end with a verb or adverb', () => {
    for (const phrase of ['algorithms explore', 'explore large game trees', 'trees quickly', 'deploy wireless sensor networks',
      'monitor soil moisture', 'invariants distinguish', 'trapped atoms', 'rotate slowly']) {
      expect(phrases, phrase).toContain(phrase);
      expect(candidates, phrase).not.toContain(phrase);
    }
  });

  it('has one to four words and no verb, determiner, adverb or preposition at either end', () => {
    expect(candidates.length).toBeGreaterThan(20);
    for (const candidate of candidates) {
      const words = candidate.split(' ');
      const tags = tag(candidate);
      expect(words.length, candidate).toBeLessThanOrEqual(4);
      expect(badEdge(words[0], tags[0]) || badEdge(words[words.length - 1], tags[tags.length - 1]), candidate).toBe(false);
    }
  });
});
