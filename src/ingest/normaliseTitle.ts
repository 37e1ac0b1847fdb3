/** Display-math first (`$$...$$`), then inline math (`$...$`), so `$$x$$` is not split in two. */
const LATEX_MATH = /\$\$[^$]*\$\$|\$[^$]*\$/g;
const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]+/gu;

/**
 * The comparison key of a title: the same paper reaches us from different sources with
 * different case, punctuation, Unicode forms (ligatures, full-width letters) and inline
 * LaTeX, and ids and duplicate detection must not depend on those.
 *
 * NFKC, lower-case, LaTeX math spans removed, every run of non letters/digits turned into one
 * space, trimmed.
 */
export function normaliseTitle(title: string): string {
  return title
    .normalize('NFKC')
    .toLowerCase()
    .replace(LATEX_MATH, ' ')
    .replace(NOT_LETTER_OR_DIGIT, ' ')
    .trim();
}
