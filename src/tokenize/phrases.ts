import { ADJACENT, CONNECTOR, CONNECTOR_WORD, type TokenizedDoc } from './tokenizedDoc.js';

export interface PhraseParams {
  /** A candidate phrase becomes a feature when it occurs in at least this many documents. */
  minDocFrequency: number;
  /** Longest phrase in words (2 or 3); "mixture of experts" counts as 3. */
  maxWords: 2 | 3;
}

/** Fitted phrase vocabulary: lemma keys such as "model merge", "mixture of expert". Sorted. */
export interface PhraseModel {
  phrases: string[];
}

/** A document as features: unigram and phrase keys with their surface forms, same positions. */
export interface DocTerms {
  keys: string[];
  surfaces: string[];
}

interface Candidate {
  key: string;
  surface: string;
}

/**
 * Every phrase candidate of a document: runs of 2-3 adjacent content words, plus
 * "X of Y" (a CONNECTOR gap). Phrases never span a break (stop word, punctuation, number,
 * sentence end), which keeps most candidates meaningful without a part-of-speech filter.
 */
export function phraseCandidates(doc: TokenizedDoc, maxWords: 2 | 3): Candidate[] {
  const out: Candidate[] = [];
  const { lemmas, surfaces, gaps } = doc;
  for (let i = 1; i < lemmas.length; i++) {
    const gap = gaps[i];
    if (gap === ADJACENT) {
      out.push({ key: `${lemmas[i - 1]} ${lemmas[i]}`, surface: `${surfaces[i - 1]} ${surfaces[i]}` });
      if (maxWords === 3 && i >= 2 && gaps[i - 1] === ADJACENT) {
        out.push({
          key: `${lemmas[i - 2]} ${lemmas[i - 1]} ${lemmas[i]}`,
          surface: `${surfaces[i - 2]} ${surfaces[i - 1]} ${surfaces[i]}`,
        });
      }
    } else if (gap === CONNECTOR && maxWords === 3) {
      out.push({
        key: `${lemmas[i - 1]} ${CONNECTOR_WORD} ${lemmas[i]}`,
        surface: `${surfaces[i - 1]} ${CONNECTOR_WORD} ${surfaces[i]}`,
      });
    }
  }
  return out;
}

/** Learns which candidates recur: those found in at least `minDocFrequency` documents. */
export function fitPhrases(docs: readonly TokenizedDoc[], params: PhraseParams): PhraseModel {
  const documentFrequency = new Map<string, number>();
  for (const doc of docs) {
    const seen = new Set(phraseCandidates(doc, params.maxWords).map((c) => c.key));
    for (const key of seen) documentFrequency.set(key, (documentFrequency.get(key) ?? 0) + 1);
  }
  const phrases = [...documentFrequency]
    .filter(([, df]) => df >= params.minDocFrequency)
    .map(([key]) => key)
    .sort();
  return { phrases };
}

/**
 * The features of one document: every unigram, plus every occurrence of a learned phrase.
 * Unigrams stay features beside their phrases (as scikit-learn's ngram_range=(1, 3)); the
 * labelling stage is where phrases win over their parts.
 */
export function docTerms(doc: TokenizedDoc, phrases: ReadonlySet<string>, maxWords: 2 | 3): DocTerms {
  const keys = [...doc.lemmas];
  const surfaces = [...doc.surfaces];
  for (const candidate of phraseCandidates(doc, maxWords)) {
    if (!phrases.has(candidate.key)) continue;
    keys.push(candidate.key);
    surfaces.push(candidate.surface);
  }
  return { keys, surfaces };
}
