import { tokenizeInWorkers } from '../src/tokenize/tokenizeInWorkers.js';
import { encodeDocs } from '../src/tokenize/encodeDocs.js';
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
  /** Worker threads for wink (1: the calling thread). */
  workers: number;
  onProgress?: (done: number) => void;
}

export interface TokenizeOutput {
  tokenized: TokenizedDoc[];
  phrases: PhraseModel;
  /** Features per paper: unigram lemmas plus recurring phrases. */
  features: FeatureCorpus;
}

/** The text a paper is known by: its title (`titleWeight` times), then its abstract. */
export function paperText(paper: Paper, titleWeight = 1): string {
  return `${`${paper.title}. `.repeat(titleWeight)}${paper.abstract}`;
}

/** Texts per worker message. */
const BATCH_SIZE = 250;

/**
 * Stage 2, tokenize. In: papers. Out: content words per paper (wink-nlp lemmas, on worker
 * threads for large corpora), the recurring phrases learned from the corpus, and each
 * paper's features.
 */
export async function tokenize(input: { papers: readonly Paper[] }, params: TokenizeParams): Promise<TokenizeOutput> {
  const texts = input.papers.map((paper) => paperText(paper, params.titleWeight));
  const tokenized = await tokenizeInWorkers(
    texts,
    { extraStopWords: params.boilerplate, minWordLength: 2 },
    { workers: params.workers, batchSize: BATCH_SIZE, onProgress: params.onProgress },
  );
  const encoded = encodeDocs(tokenized);
  const phrases = fitPhrases(encoded, { minDocFrequency: params.phraseMinDf, maxWords: 3 });
  return { tokenized, phrases, features: extractFeatures(encoded, phrases) };
}
