/**
 * One document reduced to its content words, in reading order.
 *
 * `gaps[i]` says what stood between word i-1 and word i in the text, which decides whether
 * they may form a phrase: ADJACENT (nothing), CONNECTOR (exactly the word "of", as in
 * "mixture of experts") or BREAK (anything else: a stop word, number, punctuation, a
 * sentence boundary). `gaps[0]` is always BREAK.
 */
export interface TokenizedDoc {
  /** Lemmas, lower-case: the identity of a word ("merging" -> "merge"). */
  lemmas: string[];
  /** Lower-case surface forms at the same positions, used to display features. */
  surfaces: string[];
  gaps: number[];
}

export const ADJACENT = 0;
export const CONNECTOR = 1;
export const BREAK = 2;

/** The only stop word allowed inside a phrase. */
export const CONNECTOR_WORD = 'of';
