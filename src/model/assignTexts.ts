import { FreshTokens } from '../tokenize/tokenizeInWorkers.js';
import { BatchDecoder } from '../tokenize/encodedBatch.js';
import { CorpusEncoder } from '../tokenize/encodeDocs.js';
import { extractFeatures } from '../tokenize/phrases.js';
import { createEncodingTokenizer, type KnownWords, type TokenizerParams } from '../tokenize/winkTokenizer.js';
import { termCounter, weightTfidf, type TfidfModel } from '../vectorize/tfidf.js';
import { vectorAssigner, type VectorAssignment } from './assignVectors.js';
import type { ThemeModel } from './themeModel.js';

/** How texts are tokenized for a model: its tokenizer's rules and the words its fit kept. */
export interface TextRules {
  tokenizer: TokenizerParams;
  /** The model's words with their lemmas (usableWords), so only new words go to wink. */
  knownWords?: KnownWords;
}

/**
 * Assigns texts to a model's themes, batch after batch, on the calling thread (a worker's:
 * assignInWorkers): each text tokenized with the model's rules, its features found with
 * the model's phrases, counted over its vocabulary, weighted with its idf and assigned by
 * assignVectors. Every step works per text, so a text gets the same assignment in any
 * batch: the same as tokenizing the whole corpus first (pipeline/assign.ts with a cache).
 */
export function textAssigner(model: ThemeModel, rules: TextRules): { assign(texts: readonly string[]): VectorAssignment; release(): void } {
  const encode = createEncodingTokenizer(rules.tokenizer, rules.knownWords);
  // The encoding tokenizer numbers word types across batches: one decoder hears them all.
  const decoder = new BatchDecoder();
  const vectorizer: TfidfModel = { ...model.tfidf };
  const count = termCounter(vectorizer);
  const vectors = vectorAssigner(model, 1);
  const phrases = { phrases: model.phrases };
  const assign = (texts: readonly string[]): VectorAssignment => {
    if (texts.length === 0) return { themes: new Int32Array(0), scores: new Float64Array(0), looseFit: new Uint8Array(0), x: new Float64Array(0), y: new Float64Array(0) };
    const encoded = encode(texts);
    decoder.learn(encoded);
    const fresh = new FreshTokens([{ encoded, decoder }], texts.length, texts.length);
    const encoder = new CorpusEncoder(model.tokenizer.lemmas);
    for (let i = 0; i < texts.length; i++) fresh.addTo(encoder, i);
    const features = extractFeatures(encoder.finish(), phrases);
    return vectors.assign(weightTfidf(vectorizer, count(features)));
  };
  return { assign, release: () => vectors.release() };
}
