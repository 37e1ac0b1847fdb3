import type { WeightedTerm } from '../types.js';

/**
 * A short human-readable label of at most three words from a theme's top terms: the top
 * term when it is a phrase; else the best-ranked phrase of the top terms that contains the top word
 * ("data" -> "data selection"); otherwise the top term and the next one, when together
 * they stay within three words ("pruning, network").
 */
export function themeLabel(terms: readonly WeightedTerm[]): string {
  if (terms.length === 0) return '(no terms)';
  const first = terms[0].term;
  const words = (term: string) => term.split(' ').length;
  if (words(first) > 1 || terms.length === 1) return first;
  const phrase = terms.slice(1).find((t) => words(t.term) > 1 && words(t.term) <= 3 && t.term.split(' ').includes(first));
  if (phrase) return phrase.term;
  const second = terms[1].term;
  return words(first) + words(second) <= 3 ? `${first}, ${second}` : first;
}
