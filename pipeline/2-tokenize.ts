import { createWinkTokenizer } from '../src/tokenize/winkTokenizer.js';
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

/**
 * Stage 2, tokenize. In: papers. Out: content words per paper (wink-nlp lemmas), the
 * recurring phrases learned from the corpus, and each paper's features.
 */
export function tokenize(input: { papers: readonly Paper[] }, params: TokenizeParams): TokenizeOutput {
  const tokenizeText = createWinkTokenizer({ extraStopWords: params.boilerplate, minWordLength: 2 });
  const tokenized = input.papers.map((paper) => tokenizeText(paperText(paper, params.titleWeight)));
  const encoded = encodeDocs(tokenized);
  const phrases = fitPhrases(encoded, { minDocFrequency: params.phraseMinDf, maxWords: 3 });
  return { tokenized, phrases, features: extractFeatures(encoded, phrases) };
}
