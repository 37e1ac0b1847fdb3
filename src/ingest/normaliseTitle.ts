const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]+/gu;

/**
 * The comparison key of a title: the same paper reaches us from different sources with
 * different case, punctuation, Unicode forms (ligatures, full-width letters) and inline
 * LaTeX, and ids and duplicate detection must not depend on those.
 *
 * NFKC, lower-case, every run of non letters/digits (LaTeX `$`, `^`, `\` included) turned
 * into one space, trimmed. The content of math is kept: "Sorting in $O(n^2)$ time" and
 * "Sorting in $O(n)$ time" are different papers.
 */
export function normaliseTitle(title: string): string {
  return title
    .normalize('NFKC')
    .toLowerCase()
    .replace(NOT_LETTER_OR_DIGIT, ' ')
    .trim();
}
