import type { WeightedTerm } from '../types.js';
import { CONNECTOR_WORD } from '../tokenize/tokenizedDoc.js';
import { compareCodePoints } from '../vectorize/tfidf.js';

/** A top term with its vocabulary column, which coherence needs (themes keep term and weight). */
export interface RankedTerm extends WeightedTerm {
  column: number;
}

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
 * connector, and their plurals ("mixture of expert" -> "moe", "me", "moes", "mes";
 * "bayesian optimization" -> "bo", "bos").
 */
export function phraseAcronyms(key: string): string[] {
  const words = key.split(' ');
  const all = words.map((w) => w[0]).join('');
  const content = words.filter((w) => w !== CONNECTOR_WORD).map((w) => w[0]).join('');
  // Written in the plural, an acronym keeps its s ("bnns"): wink leaves it as it is.
  const forms = all === content ? [all] : [all, content];
  return [...forms, ...forms.map((form) => `${form}s`)];
}

/**
 * For each phrase column of a vocabulary, the columns of its parts and of its acronyms
 * (null for single words). Computed once per vocabulary, shared by every theme.
 */
export interface TermRelations {
  parts: (Int32Array | null)[];
  acronyms: (Int32Array | null)[];
}

export function termRelations(vocabulary: readonly string[]): TermRelations {
  const column = new Map(vocabulary.map((key, j) => [key, j] as const));
  const columns = (keys: string[]) => Int32Array.from(keys.flatMap((key) => (column.has(key) ? [column.get(key)!] : [])));
  const isPhrase = (key: string) => key.includes(' ');
  return {
    parts: vocabulary.map((key) => (isPhrase(key) ? columns(phraseParts(key)) : null)),
    acronyms: vocabulary.map((key) => (isPhrase(key) ? columns(phraseAcronyms(key)) : null)),
  };
}

/**
 * A theme's top terms, phrases preferred over their parts: a phrase that absorbs a part (see
 * TopTermsParams.absorbShare) takes the part's place and weight if higher, and the part is
 * dropped. So "bayesian optimization" ranks where "optimization" would have, and
 * "optimization" does not appear twice. An acronym of a phrase present in the theme ("bo")
 * is absorbed the same way, whatever its share. Ties are broken by the feature key.
 *
 * `weights` and `counts` are this theme's rows (length V) of the c-TF-IDF and class-count
 * matrices; `vocabulary` gives the keys, `displayForms` what people read and `relations`
 * the phrases' parts (termRelations(vocabulary)). `readable(column)` says whether a phrase
 * reads as a term (a noun phrase, not a fragment such as "fine-tuning large"); a phrase
 * that does not is left out, asked only of phrases that would make the list.
 */
export function topTerms(
  weights: Float64Array,
  counts: Float64Array,
  vocabulary: readonly string[],
  displayForms: readonly string[],
  relations: TermRelations,
  params: TopTermsParams,
  readable: (column: number) => boolean = () => true,
): RankedTerm[] {
  const score = Float64Array.from(weights);
  const absorbed = new Uint8Array(vocabulary.length);
  const absorb = (p: number, q: number, share: number) => {
    if (counts[q] === 0 || counts[p] < share * counts[q]) return;
    absorbed[q] = 1;
    if (weights[q] > score[p]) score[p] = weights[q];
  };
  for (let p = 0; p < vocabulary.length; p++) {
    const parts = relations.parts[p];
    if (counts[p] === 0 || parts === null) continue;
    for (const q of parts) absorb(p, q, params.absorbShare);
    for (const q of relations.acronyms[p]!) absorb(p, q, 0);
  }
  // The `count` best (highest score, then code-point order), kept sorted as the vocabulary
  // is scanned: no sort of every candidate (tens of thousands per theme).
  const before = (a: number, b: number) => score[a] > score[b] || (score[a] === score[b] && compareCodePoints(vocabulary[a], vocabulary[b]) < 0);
  const best: number[] = [];
  for (let j = 0; j < vocabulary.length; j++) {
    if (absorbed[j] || !(score[j] > 0)) continue;
    if (best.length === params.count && !before(j, best[best.length - 1])) continue;
    if (relations.parts[j] !== null && !readable(j)) continue;
    let at = best.length;
    while (at > 0 && before(j, best[at - 1])) at--;
    best.splice(at, 0, j);
    if (best.length > params.count) best.pop();
  }
  return best.map((j) => ({ term: displayForms[j], weight: score[j], column: j }));
}
