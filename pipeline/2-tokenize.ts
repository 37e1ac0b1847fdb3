import { textKey, type TokenCache } from '../src/tokenize/tokenCache.js';
import { tokenizeInWorkers, type StartedTokenizers } from '../src/tokenize/tokenizeInWorkers.js';
import type { KnownWords, TokenizerParams } from '../src/tokenize/winkTokenizer.js';
import { CorpusEncoder } from '../src/tokenize/encodeDocs.js';
import { extractFeatures, fitPhrases, type FeatureCorpus, type PhraseModel } from '../src/tokenize/phrases.js';
import type { TokenizedDoc } from '../src/tokenize/tokenizedDoc.js';
import type { Paper } from '../src/types.js';

export interface TokenizeParams {
  /** Academic boilerplate dropped on top of wink's stop words. */
  boilerplate: readonly string[];
  /** A phrase becomes a feature when it occurs in at least this many papers. */
  phraseMinDf: number;
  /** How many times the title counts: titles are short and say what a paper is about. */
  titleWeight: number;
  /** Identify words by lemma (true) or by lower-case surface form (false). */
  lemmas: boolean;
  /** Worker threads for wink (1: the calling thread). */
  workers: number;
  /** Workers already started for these rules (their models load meanwhile). */
  started?: StartedTokenizers;
  /** Tokens of papers seen before; new ones are added to it. */
  cache: TokenCache;
  /** A fitted phrase vocabulary to use instead of learning one from these papers (assigning new papers to a model). */
  phrases?: PhraseModel;
  /** Words a fit has kept, with their lemmas, so that only new words go to wink (assigning new papers to a model). */
  knownWords?: KnownWords;
  onProgress?: (done: number) => void;
}

export interface TokenizeOutput {
  /** Papers whose tokens came from the cache. */
  cacheHits: number;
  phrases: PhraseModel;
  /** Features per paper: unigram lemmas plus recurring phrases. */
  features: FeatureCorpus;
  /** The words kept in these papers with their lemmas, in order of first appearance; null without lemmas (words are then their surface forms). */
  words: KnownWords | null;
}

/**
 * The text a paper is known by: its title (`titleWeight` times), then its abstract. A title
 * derived from the abstract is left out: it would only count the first sentence again.
 */
export function paperText(paper: Paper, titleWeight = 1): string {
  if (paper.titleDerived === true) return paper.abstract;
  return `${`${paper.title}. `.repeat(titleWeight)}${paper.abstract}`;
}

/** Texts per worker message. */
const BATCH_SIZE = 250;

/** Newly tokenized papers between two writes of the tokens cache. */
const FLUSH_EVERY = 2500;

/**
 * Stage 2, tokenize. In: papers. Out: content words per paper (wink-nlp lemmas; from the
 * cache when the same text was tokenized before, else on worker threads), the recurring
 * phrases learned from the corpus, and each paper's features.
 */
export async function tokenize(input: { papers: readonly Paper[] }, params: TokenizeParams): Promise<TokenizeOutput> {
  const texts = input.papers.map((paper) => paperText(paper, params.titleWeight));
  // Without a cache (`--no-cache`) there is nothing to look up: no keys (a SHA-256 each).
  const keys = params.cache.keeps ? texts.map(textKey) : null;
  // A cache that keeps lines hands them over as they are (encoded without splitting).
  const lines = keys === null ? texts.map(() => undefined)
    : params.cache.lines ? params.cache.lines(keys)
      : params.cache.line ? keys.map((key) => params.cache.line!(key)) : texts.map(() => undefined);
  const tokenized: (TokenizedDoc | undefined)[] = keys ? keys.map((key, i) => (lines[i] === undefined ? params.cache.get(key) : undefined)) : texts.map(() => undefined);
  const missing = tokenized.flatMap((doc, i) => (doc || lines[i] !== undefined ? [] : [i]));
  // Each finished batch goes to the cache, flushed every FLUSH_EVERY papers: an
  // interrupted run keeps most of its tokenizing work.
  let unflushed = 0;
  const onBatch = (start: number, docs: () => TokenizedDoc[]) => {
    if (keys === null) return;
    const batch = docs();
    params.cache.add(batch.map((doc, j) => [keys[missing[start + j]], doc]));
    unflushed += batch.length;
    if (unflushed >= FLUSH_EVERY) {
      params.cache.flush();
      unflushed = 0;
    }
  };
  const fresh = await tokenizeInWorkers(
    missing.map((i) => texts[i]),
    tokenizerParams(params),
    { workers: params.workers, batchSize: BATCH_SIZE, onProgress: params.onProgress, onBatch, started: params.started, knownWords: params.knownWords },
  );
  params.cache.flush();
  // Papers in corpus order, each from the cache or from the fresh tokens; without lemmas
  // a word is its surface form (the cache still holds both).
  const encoder = new CorpusEncoder(params.lemmas);
  let nextFresh = 0;
  tokenized.forEach((doc, i) => {
    const line = lines[i];
    if (line !== undefined) encoder.addLine(line);
    else if (doc) encoder.addDoc(doc);
    else fresh.addTo(encoder, nextFresh++);
  });
  const encoded = encoder.finish();
  const phrases = params.phrases ?? fitPhrases(encoded, { minDocFrequency: params.phraseMinDf, maxWords: 4 });
  return {
    cacheHits: texts.length - missing.length,
    phrases,
    features: extractFeatures(encoded, phrases),
    words: params.lemmas ? { surfaces: encoded.surfaces, lemmas: Array.from(encoded.lemmaOfSurface, (l) => encoded.lemmas[l]) } : null,
  };
}

/** The tokenizer's own parameters; with TOKENIZER_VERSION they identify cache entries. */
export function tokenizerParams(params: Pick<TokenizeParams, 'boilerplate'>): TokenizerParams {
  return { extraStopWords: params.boilerplate, minWordLength: 2 };
}
