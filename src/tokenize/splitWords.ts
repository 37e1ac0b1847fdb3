import { ADJACENT, BREAK } from './tokenizedDoc.js';

/** One word of a text, lower-case, with what stood before it (ADJACENT or BREAK). */
export interface SplitWord {
  surface: string;
  gap: typeof ADJACENT | typeof BREAK;
}

/**
 * One token: a word (starts with a letter; letters, marks and digits; hyphen-joined parts
 * that also start with a letter; an apostrophe part such as a possessive), or a run that
 * starts with a digit ("3x", "2019", "1.5": not a word), or any other single visible
 * character (punctuation, symbols: they break a phrase).
 */
const TOKEN = /(\p{L}[\p{L}\p{M}\p{N}]*(?:[-\u2010\u2011]\p{L}[\p{L}\p{M}\p{N}]*)*(?:['\u2019][\p{L}\p{M}\p{N}]+)*['\u2019]?)|\p{N}[\p{L}\p{M}\p{N}.,]*|\S/gu;

/** A trailing possessive ("zipf's", "models'"): dropped, so "zipf's law" and "zipf law" agree. */
const POSSESSIVE = /['\u2019]s?$/;

/** Characters that make a word need canonical(): apostrophes and Unicode hyphens. */
const UNUSUAL = /['\u2019\u2010\u2011]/;

/**
 * Splits a text into words, the first half of tokenizing (the second, lemmas and stop
 * words, is per word type: see createWinkTokenizer). A plain scan, about 10 times faster
 * than wink-nlp's tokenizer on abstracts and independent of anything seen before, so the
 * same text always gives the same words.
 *
 * - Text is NFKC-normalised (ligatures, full-width letters) and lower-cased.
 * - Words linked by a hyphen without spaces form one word ("fine-tuning",
 *   "state-of-the-art"); a spaced dash is punctuation. Splitting compounds into adjacent
 *   words was measured too: V-measure +0.004 on the 36,000-abstract benchmark (mean of 4
 *   seeds), but on the bundled corpus "fine" and "tuning" then pull the model-merging
 *   papers apart into a "fine tuning" theme, so compounds stay whole.
 * - A word's gap is ADJACENT when only white space separates it from the previous word,
 *   else BREAK (punctuation, a number, a symbol, or the start of the text).
 */
export function splitWords(text: string): SplitWord[] {
  const words: SplitWord[] = [];
  forEachWord(text, (surface, gap) => words.push({ surface, gap }));
  return words;
}

/** {@link splitWords} without the array: calls `visit` with each word and its gap, in order. */
export function forEachWord(text: string, visit: (surface: string, gap: SplitWord['gap']) => void): void {
  let gap: SplitWord['gap'] = BREAK;
  const lower = text.normalize('NFKC').toLowerCase();
  const token = new RegExp(TOKEN);
  for (let match = token.exec(lower); match !== null; match = token.exec(lower)) {
    const word = match[1];
    if (word === undefined) {
      gap = BREAK;
      continue;
    }
    visit(UNUSUAL.test(word) ? canonical(word) : word, gap);
    gap = ADJACENT;
  }
}

function canonical(word: string): string {
  return word.replace(POSSESSIVE, '').replace(/[\u2010\u2011]/g, '-');
}
