import type { WeightedTerm } from '../types.js';
import { CONNECTOR_WORD } from '../tokenize/tokenizedDoc.js';
import { compareCodePoints } from '../vectorize/tfidf.js';

export interface TopTermsParams {
  /** How many terms to return. */
  count: number;
  /**
   * A phrase absorbs one of its parts ("bayesian", "optimization" in "bayesian optimization")
   * when the phrase accounts for at least this share of the part's occurrences in the theme.
   */
  absorbShare: number;
}

/**
 * The parts of a phrase key that are features on their own: its shorter contiguous word runs;
 * for "X of Y", X and Y.
 */
export function phraseParts(key: string): string[] {
  const words = key.split(' ');
  if (words.length === 3 && words[1] === CONNECTOR_WORD) return [words[0], words[2]];
  const parts: string[] = [];
  for (let length = 1; length < words.length; length++) {
    for (let start = 0; start + length <= words.length; start++) parts.push(words.slice(start, start + length).join(' '));
  }
  return parts;
}

/**
 * Acronyms a phrase may be written as: the initials of its words, with and without the
 * connector ("mixture of expert" -> "moe", "me"; "bayesian optimization" -> "bo").
 */
export function phraseAcronyms(key: string): string[] {
  const words = key.split(' ');
  const all = words.map((w) => w[0]).join('');
  const content = words.filter((w) => w !== CONNECTOR_WORD).map((w) => w[0]).join('');
  return all === content ? [all] : [all, content];
}

/**
 * A theme's top terms, phrases preferred over their parts: a phrase that absorbs a part (see
 * TopTermsParams.absorbShare) takes the part's place and weight if higher, and the part is
 * dropped. So "bayesian optimization" ranks where "optimization" would have, and
 * "optimization" does not appear twice. An acronym of a phrase present in the theme ("bo")
 * is absorbed the same way, whatever its share. Ties are broken by the feature key.
 *
 * `weights` and `counts` are this theme's rows (length V) of the c-TF-IDF and class-count
 * matrices; `vocabulary` gives the keys and `displayForms` what people read.
 */
export function topTerms(
  weights: Float64Array,
  counts: Float64Array,
  vocabulary: readonly string[],
  displayForms: readonly string[],
  params: TopTermsParams,
): WeightedTerm[] {
  const column = new Map(vocabulary.map((key, j) => [key, j] as const));
  const score = Float64Array.from(weights);
  const absorbed = new Uint8Array(vocabulary.length);
  vocabulary.forEach((key, p) => {
    if (counts[p] === 0 || !key.includes(' ')) return;
    const absorb = (q: number | undefined, share: number) => {
      if (q === undefined || counts[q] === 0 || counts[p] < share * counts[q]) return;
      absorbed[q] = 1;
      if (weights[q] > score[p]) score[p] = weights[q];
    };
    for (const part of phraseParts(key)) absorb(column.get(part), params.absorbShare);
    for (const acronym of phraseAcronyms(key)) absorb(column.get(acronym), 0);
  });
  const candidates: number[] = [];
  for (let j = 0; j < vocabulary.length; j++) if (!absorbed[j] && score[j] > 0) candidates.push(j);
  candidates.sort((a, b) => score[b] - score[a] || compareCodePoints(vocabulary[a], vocabulary[b]));
  return candidates.slice(0, params.count).map((j) => ({ term: displayForms[j], weight: score[j] }));
}
